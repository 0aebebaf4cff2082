"""The people who organize workshops."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from workshops.models.fields import NFCCharField


class Organizer(models.Model):
    """A person who organizes workshops: one record, however many workshops and editions."""

    name = NFCCharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = NFCCharField(max_length=200, blank=True)
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
