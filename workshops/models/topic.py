"""The topics of an edition: what its workshops are about, shown on cards and in the grid,
filtered by, and exported as the track."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from workshops.models.fields import NFCCharField

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "A colour as #rrggbb, such as #2a6f97.")


class Topic(models.Model):
    """A topic of one edition ("Systems for ML"), with its colour and place in the lists."""

    conference = models.ForeignKey("Conference", on_delete=models.CASCADE, related_name="topics")
    name = NFCCharField(max_length=100)
    slug = models.SlugField(max_length=100)
    colour = models.CharField(
        max_length=7,
        default="#5a6472",
        validators=[colour_validator],
        help_text="#rrggbb; always shown beside the topic's name, never alone.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["conference", "position", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="topic_slug_unique_per_conference",
                violation_error_message="This conference already has a topic with that slug.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
