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
    program = models.JSONField(
        default=dict,
        editable=False,
        help_text="The program as released, whole (program/released.py); read only by exports.",
    )
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


class ReleaseNotice(models.Model):
    """The e-mail that tells one organizer of a workshop that a release changed its time, room
    or status: one per release, workshop and organizer, sent by the background worker."""

    changes_program = False  # a notice is about the program, never part of it

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be sent"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="notices")
    workshop = models.ForeignKey("Workshop", on_delete=models.CASCADE, related_name="+")
    organizer = models.ForeignKey("Organizer", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(blank=True, help_text="The address it went to, as it was then.")
    changes = models.JSONField(default=list, help_text="What changed, as sentences.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["release", "workshop", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "workshop", "organizer"],
                name="release_notice_once",
                violation_error_message="This organizer is told of this release once.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.release}: {self.email or self.organizer_id}"
