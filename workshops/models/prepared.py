"""Slow exports kept once rendered, for every server to serve."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PreparedExport(models.Model):
    """One rendering of a slow export (the PDF booklet) of one program content: a row while it
    is queued or renders (no content yet), then the file. Kept in the database so that every
    worker and every server serves the same file, and at most one rendering of a conference's
    format is pending at a time (the partial unique constraint), whoever claimed it."""

    changes_program = False  # its rows are renderings, not program: they move no version

    conference = models.ForeignKey("Conference", on_delete=models.CASCADE, related_name="+")
    identifier = models.CharField(max_length=60)
    key = models.CharField(max_length=64, help_text="The program's content, version and options.")
    content = models.BinaryField(null=True, editable=False)
    started = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)
    program_revision = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="ProgramState.revision read before the rendering."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "identifier", "key"], name="prepared_export_unique"
            ),
            models.UniqueConstraint(
                fields=["conference", "identifier"],
                condition=models.Q(finished__isnull=True),
                name="prepared_export_one_pending",
            ),
        ]

    def __str__(self) -> str:
        state = "ready" if self.finished else "rendering"
        return f"{self.identifier} of {self.conference_id} ({state})"
