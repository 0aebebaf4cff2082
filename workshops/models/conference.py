"""Editions of a conference and their rooms."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from workshops.models.fields import NFCCharField, NFCTextField
from workshops.models.markdown import MarkdownHTMLField, RendersMarkdown
from workshops.program import validators

# The years a conference may be held in; imports refuse dates outside them too.
FIRST_YEAR, LAST_YEAR = 1900, 2999


class ConferenceQuerySet(models.QuerySet):
    def published(self) -> ConferenceQuerySet:
        return self.filter(published=True)

    def public(self) -> ConferenceQuerySet:
        """What the public site shows: published editions, those whose changes go public when
        released once they have a release."""
        return self.published().exclude(
            changes_public=Conference.ChangesPublic.WHEN_RELEASED, current_release__isnull=True
        )


class Conference(RendersMarkdown):
    """One edition of a conference ("MLSys 2023"); several editions live side by side."""

    class ChangesPublic(models.TextChoices):
        AT_ONCE = "at-once", "at once"
        WHEN_RELEASED = "released", "when released"

    name = NFCCharField(max_length=200)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validators.validate_conference_slug],
        help_text="Used in the address: /mlsys-2023/. Lower case letters, digits and hyphens.",
    )
    year = models.PositiveSmallIntegerField()
    timezone = models.CharField(
        "time zone",
        max_length=64,
        validators=[validators.validate_timezone_name],
        help_text="The venue's IANA time zone, such as America/New_York.",
    )
    start_date = models.DateField()
    end_date = models.DateField()
    venue = NFCCharField(max_length=200, blank=True)
    city = NFCCharField(max_length=200, blank=True)
    venue_opens = models.TimeField(
        null=True, blank=True, help_text="Venue hours, local time: slots outside are flagged."
    )
    venue_closes = models.TimeField(null=True, blank=True)
    website = models.URLField(blank=True)
    description = NFCTextField(blank=True, help_text="Markdown; shown above the listing.")
    description_html = MarkdownHTMLField(source="description")
    published = models.BooleanField(
        default=False, help_text="Only published conferences appear on the public site."
    )
    changes_public = models.CharField(
        "changes go public",
        max_length=10,
        choices=ChangesPublic,
        default=ChangesPublic.AT_ONCE,
        help_text="At once: every saved change is public. When released: the public site shows "
        "the last release, and chairs, organizers and staff see the working copy until the next.",
    )
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="chaired_conferences",
        help_text="Program chairs: they may edit everything of this conference, and only this.",
    )

    current_release = models.ForeignKey(
        "Release",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The latest release: its name is the program's version.",
    )

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="conference_ends_after_start",
                violation_error_message="The conference cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="conference_year_plausible",
                violation_error_message=f"The year must lie between {FIRST_YEAR} and {LAST_YEAR}.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:workshop-list", kwargs={"conference_slug": self.slug})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The conference cannot end before it starts."})

    @property
    def shows_release(self) -> bool:
        """Whether the public sees the last release rather than the working copy."""
        return self.changes_public == self.ChangesPublic.WHEN_RELEASED

    @property
    def is_public(self) -> bool:
        """Whether anybody may see the edition (as Conference.objects.public())."""
        return self.published and not (self.shows_release and self.current_release_id is None)

    def version_label(self, schedule_hash: str) -> str:
        """The program's version as pages, signs and exports show it: the current release's
        name while the schedule is as released ("1.1"), marked with the schedule's hash once
        it changed since ("1.1+3f2a9c0d1e2b"), the hash alone before the first release."""
        release = self.current_release
        if release is None:
            return schedule_hash
        if release.schedule_hash == schedule_hash:
            return release.version
        return f"{release.version}+{schedule_hash}"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def days(self) -> list[dt.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=n) for n in range(count)]

    def local_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The first and the last instant of the conference, midnight to midnight in its zone."""
        start = dt.datetime.combine(self.start_date, dt.time.min, tzinfo=self.tz)
        end = dt.datetime.combine(self.end_date + dt.timedelta(days=1), dt.time.min, tzinfo=self.tz)
        return start, end


class Room(models.Model):
    """A room of a conference's venue ("Room 241")."""

    conference = models.ForeignKey("Conference", on_delete=models.CASCADE, related_name="rooms")
    name = NFCCharField(max_length=100)
    slug = models.SlugField(max_length=100)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    guid = models.UUIDField(
        "GUID",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identifier carried in the exports; apps key on it.",
    )
    position = models.PositiveIntegerField(default=0, help_text="Rooms are listed by position.")

    class Meta:
        ordering = ["conference", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                "conference",
                Lower("name"),
                name="room_name_unique_per_conference",
                violation_error_message="This conference already has a room of that name.",
            ),
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="room_slug_unique_per_conference",
                violation_error_message="This conference already has a room with that slug.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
