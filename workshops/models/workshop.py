"""Workshops, their organizers in order, their agenda, and series across editions."""

from __future__ import annotations

import re
import uuid
from functools import cached_property
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from workshops.models.fields import NFCCharField, NFCTextField
from workshops.models.markdown import MarkdownHTMLField, RendersMarkdown
from workshops.program import validators


class WorkshopQuerySet(models.QuerySet):
    def public(self) -> WorkshopQuerySet:
        """What attendees may see: published workshops, and cancelled ones (marked as such),
        of published editions."""
        return self.listed().filter(conference__published=True)

    def listed(self) -> WorkshopQuerySet:
        """What an edition's pages list, once the edition itself may be seen (published, or
        previewed by its chairs, organizers and staff): published and cancelled workshops."""
        return self.filter(status__in=[Workshop.Status.PUBLISHED, Workshop.Status.CANCELLED])


class Workshop(RendersMarkdown):
    """A workshop of one edition, with its organizers in order, its slots and its agenda."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    conference = models.ForeignKey("Conference", on_delete=models.CASCADE, related_name="workshops")
    title = NFCCharField(max_length=300)
    slug = models.SlugField(max_length=100)
    acronym = NFCCharField(max_length=30, blank=True)
    abstract = NFCTextField(blank=True, help_text="Markdown. HTML is sanitized.")
    abstract_html = MarkdownHTMLField(source="abstract")
    website = models.URLField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    series = models.ForeignKey(
        "WorkshopSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        help_text="The same workshop in other editions.",
    )
    expected_attendance = models.PositiveIntegerField(
        null=True, blank=True, help_text="Checked against the capacity of its rooms."
    )
    organizers = models.ManyToManyField(
        "Organizer", through="WorkshopOrganizer", related_name="workshops", blank=True
    )
    topics = models.ManyToManyField(
        "Topic", related_name="workshops", blank=True, help_text="Its edition's topics."
    )

    objects = WorkshopQuerySet.as_manager()

    history = HistoricalRecords()

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
        "Organizer", on_delete=models.PROTECT, related_name="workshop_links"
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

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


class WorkshopSeries(models.Model):
    """One workshop across editions (PACMI 2022, 2023, ...), with a stable identifier."""

    name = NFCCharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    guid = models.UUIDField(
        "GUID", default=uuid.uuid4, unique=True, editable=False,
        help_text="Stable identifier carried in the exports.",
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        verbose_name = "workshop series"
        verbose_name_plural = "workshop series"

    def __str__(self) -> str:
        return self.name


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
    title = NFCCharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TALK)
    speakers = NFCTextField(
        blank=True, help_text="One per line, as Name (Affiliation): Wes Brewer (Oak Ridge)."
    )
    guid = models.UUIDField(
        "GUID",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identifier carried in the exports; apps key on it.",
    )
    people = models.ManyToManyField(
        "Organizer", through="AgendaItemSpeaker", related_name="agenda_items", blank=True
    )

    history = HistoricalRecords()

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

    # The workshop's slots as they will be, handed over by a caller that enters slots and
    # agenda together (a form, an import) before the slots are saved; None: the saved slots.
    slots_as_entered: list | None = None

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "An agenda item must end after it starts."})
        person = AgendaItemSpeaker._meta.get_field("person").related_model._meta
        try:
            validators.check_speakers_fit(
                self.speaker_list,
                name_length=person.get_field("name").max_length,
                affiliation_length=AgendaItemSpeaker._meta.get_field("affiliation").max_length,
            )
        except ValidationError as error:
            raise ValidationError({"speakers": error.messages}) from error
        if self.slots_as_entered is not None:
            validators.check_agenda_item_in_slots(self, self.slots_as_entered)
        elif self.workshop_id:
            validators.check_agenda_item_in_slots(self, self.workshop.slots.all())

    @cached_property
    def speaker_list(self) -> list[Speaker]:
        return parse_speakers(self.speakers)


class AgendaItemSpeaker(models.Model):
    """A speaker of an agenda item: a person (the same records as organizers and authors),
    in order, with the affiliation given for this talk."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="speaker_links"
    )
    person = models.ForeignKey("Organizer", on_delete=models.PROTECT, related_name="talk_links")
    position = models.PositiveIntegerField(default=0)
    affiliation = NFCCharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agenda_item", "position", "id"]
        verbose_name = "speaker"
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "person"],
                name="speaker_once_per_item",
                violation_error_message="This person is already a speaker of the item.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.agenda_item})"


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
