"""The program of a conference: editions, rooms, people, workshops, their slots and agendas."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from functools import cached_property
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from workshops import validators


class ConferenceQuerySet(models.QuerySet):
    def published(self) -> ConferenceQuerySet:
        return self.filter(published=True)


class Conference(models.Model):
    """One edition of a conference ("MLSys 2023"); several editions live side by side."""

    name = models.CharField(max_length=200)
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
    venue = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True, help_text="Markdown; shown above the listing.")
    published = models.BooleanField(
        default=False, help_text="Only published conferences appear on the public site."
    )
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="chaired_conferences",
        help_text="Program chairs: they may edit everything of this conference, and only this.",
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
                condition=Q(year__gte=1900) & Q(year__lte=2999),
                name="conference_year_plausible",
                violation_error_message="The year must lie between 1900 and 2999.",
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

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
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


class Organizer(models.Model):
    """A person who organizes workshops: one record, however many workshops and editions."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = models.CharField(max_length=200, blank=True)
    homepage = models.URLField(blank=True)
    email = models.EmailField(
        blank=True, help_text="Private: for the chairs only, never shown or exported."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizer",
        help_text="The account this person signs in with to edit their workshops.",
    )
    guid = models.UUIDField(
        "GUID",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identifier carried in the exports; apps key on it.",
    )

    class Meta:
        ordering = ["name", "slug"]

    def __str__(self) -> str:
        return self.name


class WorkshopQuerySet(models.QuerySet):
    def public(self) -> WorkshopQuerySet:
        """What attendees may see: published workshops, and cancelled ones (marked as such)."""
        return self.filter(
            status__in=[Workshop.Status.PUBLISHED, Workshop.Status.CANCELLED],
            conference__published=True,
        )


class Workshop(models.Model):
    """A workshop of one edition, with its organizers in order, its slots and its agenda."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100)
    acronym = models.CharField(max_length=30, blank=True)
    abstract = models.TextField(blank=True, help_text="Markdown. HTML is sanitized.")
    website = models.URLField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    organizers = models.ManyToManyField(
        Organizer, through="WorkshopOrganizer", related_name="workshops", blank=True
    )

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="workshop_slug_unique_per_conference",
                violation_error_message="This conference already has a workshop with that slug.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "workshops:workshop-detail",
            kwargs={"conference_slug": self.conference.slug, "slug": self.slug},
        )

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class WorkshopOrganizer(models.Model):
    """An organizer's place in a workshop's list of organizers."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="organizer_links")
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="workshop_links"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["workshop", "position", "id"]
        verbose_name = "workshop organizer"
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "organizer"],
                name="organizer_once_per_workshop",
                violation_error_message="This person is already an organizer of the workshop.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organizer} ({self.workshop})"


class TimeSlot(models.Model):
    """A stretch of time in a room: a workshop's, or a plenary item of its own (lunch, a break)."""

    # blank: a workshop's slot takes its workshop's conference in clean().
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="slots", blank=True
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        related_name="slots",
        null=True,
        blank=True,
        help_text="Required for a workshop. A plenary item without a room spans all rooms.",
    )
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="slots", null=True, blank=True
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="For plenary items only (Lunch, Reception)."
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    guid = models.UUIDField(
        "GUID",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identifier carried in the exports; apps key on it.",
    )

    class Meta:
        ordering = ["start", "room__position", "room__name", "id"]
        verbose_name = "time slot"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="slot_ends_after_start",
                violation_error_message="A slot must end after it starts.",
            ),
            models.CheckConstraint(
                condition=(Q(workshop__isnull=False) & Q(title=""))
                | (Q(workshop__isnull=True) & ~Q(title="")),
                name="slot_is_workshop_or_titled",
                violation_error_message=(
                    "A slot belongs to a workshop or has a title of its own, not both or neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(workshop__isnull=True) | Q(room__isnull=False),
                name="workshop_slot_has_room",
                violation_error_message="A workshop's slot needs a room.",
            ),
        ]

    def __str__(self) -> str:
        local = self.start.astimezone(self.conference.tz) if self.conference_id else self.start
        where = f" in {self.room}" if self.room_id else ""
        return f"{self.label}{where}, {local:%a %d %b %Y %H:%M}"

    @property
    def label(self) -> str:
        return self.workshop.title if self.workshop_id else self.title

    @property
    def is_plenary(self) -> bool:
        return self.workshop_id is None

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start

    def clean(self) -> None:
        # A workshop's slot belongs to the workshop's conference; a plenary item entered
        # with only a room, to the room's.
        if self.workshop is not None and self.workshop.conference_id:
            self.conference = self.workshop.conference
        elif self.room is not None and not self.conference_id:
            self.conference = self.room.conference
        validators.check_slot(self)


class AgendaItem(models.Model):
    """A piece of a workshop's inner program: a talk, a panel, a break."""

    class Kind(models.TextChoices):
        OPENING = "opening", "Opening / closing"
        TALK = "talk", "Talk"
        INVITED_TALK = "invited", "Invited talk"
        PAPERS = "papers", "Paper session"
        PANEL = "panel", "Panel"
        POSTERS = "posters", "Poster session"
        BREAK = "break", "Break"
        OTHER = "other", "Other"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="agenda_items")
    start = models.DateTimeField()
    end = models.DateTimeField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TALK)
    speakers = models.TextField(
        blank=True, help_text="One per line, as Name (Affiliation): Wes Brewer (Oak Ridge)."
    )

    class Meta:
        ordering = ["workshop", "start", "end", "id"]
        verbose_name = "agenda item"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="agenda_item_ends_after_start",
                violation_error_message="An agenda item must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # Whether the item lies inside a slot depends on sibling rows that may be unsaved
        # (the admin edits both at once): services and the admin call
        # validators.check_agenda_item_in_slots with the slots they hold.
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "An agenda item must end after it starts."})

    @cached_property
    def speaker_list(self) -> list[Speaker]:
        return parse_speakers(self.speakers)


class Speaker(NamedTuple):
    name: str
    affiliation: str


_SPEAKER_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<affiliation>[^()]*)\)\s*$")


def parse_speakers(text: str) -> list[Speaker]:
    """Read "Name (Affiliation)" lines; the last bracket holds the affiliation, if any."""
    speakers = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _SPEAKER_RE.match(line)
        if match and match["name"]:
            speakers.append(Speaker(match["name"], match["affiliation"].strip()))
        else:
            speakers.append(Speaker(line, ""))
    return speakers
