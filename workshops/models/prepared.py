"""Slow exports kept once rendered, for every server to serve."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PreparedExport(models.Model):
    """One rendering of a slow export (the PDF booklet) of one program content: a row while it
    renders (no content yet), then the file. Kept in the database so that every worker and
    every server serves the same file and only one of them renders it."""

    changes_program = False  # its rows are renderings, not program: they move no version

    conference = models.ForeignKey("Conference", on_delete=models.CASCADE, related_name="+")
    identifier = models.CharField(max_length=60)
    key = models.CharField(max_length=64, help_text="The program's content, version and options.")
    content = models.BinaryField(null=True, editable=False)
    started = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "identifier", "key"], name="prepared_export_unique"
            ),
        ]

    def __str__(self) -> str:
        state = "ready" if self.finished else "rendering"
        return f"{self.identifier} of {self.conference_id} ({state})"
