"""Links with a time: a workshop's or an agenda item's live stream, recording, slides, chat."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from workshops.models.fields import NFCCharField


class Link(models.Model):
    """A place to watch, read or talk: of a whole workshop, or of one of its agenda items."""

    class Kind(models.TextChoices):
        STREAM = "stream", "Live stream"
        RECORDING = "recording", "Recording"
        SLIDES = "slides", "Slides"
        CHAT = "chat", "Chat room"

    workshop = models.ForeignKey("Workshop", on_delete=models.CASCADE, related_name="links")
    agenda_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
        help_text="Empty: the whole workshop's.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.URLField("address", max_length=500)
    label = NFCCharField(
        max_length=100, blank=True, help_text="Optional: shown instead of the kind."
    )

    class Meta:
        ordering = ["workshop", "agenda_item", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "agenda_item", "kind"],
                name="link_kind_once_per_item",
                violation_error_message="This item already has a link of that kind.",
            ),
            models.UniqueConstraint(
                fields=["workshop", "kind"],
                condition=Q(agenda_item__isnull=True),
                name="link_kind_once_per_workshop",
                violation_error_message="This workshop already has a link of that kind.",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()

    def clean(self) -> None:
        if (
            self.agenda_item_id
            and self.workshop_id
            and (self.agenda_item.workshop_id != self.workshop_id)
        ):
            raise ValidationError({"agenda_item": "The item must be one of this workshop's."})
