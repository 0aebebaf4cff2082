"""Time slots: a workshop in a room, or a plenary item."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from workshops.models.fields import NFCCharField
from workshops.program import validators


class TimeSlot(models.Model):
    """A stretch of time in a room: a workshop's, or a plenary item of its own (lunch, a break)."""

    # blank: a workshop's slot takes its workshop's conference in clean().
    conference = models.ForeignKey(
        "Conference", on_delete=models.CASCADE, related_name="slots", blank=True
    )
    room = models.ForeignKey(
        "Room",
        on_delete=models.PROTECT,
        related_name="slots",
        null=True,
        blank=True,
        help_text="Required for a workshop. A plenary item without a room spans all rooms.",
    )
    workshop = models.ForeignKey(
        "Workshop", on_delete=models.CASCADE, related_name="slots", null=True, blank=True
    )
    title = NFCCharField(
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

    history = HistoricalRecords()

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
