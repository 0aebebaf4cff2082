"""Released versions of a schedule."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from workshops.models.fields import NFCTextField


class Release(models.Model):
    """A published version of a conference's schedule, with a snapshot to compare against."""

    conference = models.ForeignKey("Conference", on_delete=models.CASCADE, related_name="releases")
    version = models.CharField(max_length=60, help_text="Such as 1.0, or 2023-06-01 room change.")
    comment = NFCTextField(blank=True, help_text="Shown on the public changelog.")
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(default=dict, editable=False)
    schedule_hash = models.CharField(
        max_length=20, blank=True, editable=False, help_text="The schedule's hash when released."
    )

    class Meta:
        ordering = ["conference", "-created", "-id"]
        get_latest_by = "created"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "version"],
                name="release_version_unique_per_conference",
                violation_error_message="This conference already has a release of that version.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conference} {self.version}"
