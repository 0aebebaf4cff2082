"""A workshop's accepted papers, their authors in order, and where each is presented."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from workshops.models.fields import NFCCharField, NFCTextField


class Paper(models.Model):
    """An accepted paper of a workshop: presented in a paper session, or on a poster board."""

    class Mark(models.TextChoices):
        NONE = "", "—"
        SPOTLIGHT = "spotlight", "Spotlight"
        ORAL = "oral", "Oral"
        AWARD = "award", "Award"

    workshop = models.ForeignKey("Workshop", on_delete=models.CASCADE, related_name="papers")
    title = NFCCharField(max_length=400)
    abstract = NFCTextField(blank=True)
    authors = models.ManyToManyField(
        "Organizer", through="PaperAuthor", related_name="papers", blank=True
    )
    pdf_url = models.URLField("PDF", max_length=500, blank=True)
    page_url = models.URLField(
        "paper page", max_length=500, blank=True, help_text="OpenReview, CMT or another page."
    )
    code_url = models.URLField("code", max_length=500, blank=True)
    video_url = models.URLField("video", max_length=500, blank=True)
    mark = models.CharField(max_length=10, choices=Mark.choices, blank=True, default="")
    session = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="papers",
        help_text="The agenda item it is presented in: a paper or poster session.",
    )
    board = NFCCharField(
        "poster board", max_length=20, blank=True, help_text="For posters: the board's number."
    )
    guid = models.UUIDField("GUID", default=uuid.uuid4, unique=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["workshop", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "workshops:paper-detail",
            kwargs={
                "conference_slug": self.workshop.conference.slug,
                "slug": self.workshop.slug,
                "pk": self.pk,
            },
        )

    def clean(self) -> None:
        if self.session_id and self.workshop_id and self.session.workshop_id != self.workshop_id:
            raise ValidationError({"session": "The session must be one of this workshop's."})

    @property
    def links(self) -> list[tuple[str, str]]:
        """The paper's links as (label, address), in the order the pages show them."""
        pairs = [
            ("PDF", self.pdf_url),
            ("Paper page", self.page_url),
            ("Code", self.code_url),
            ("Video", self.video_url),
        ]
        return [(label, url) for label, url in pairs if url]


class PaperAuthor(models.Model):
    """An author's place on a paper, with the affiliation they wrote on it."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="author_links")
    person = models.ForeignKey("Organizer", on_delete=models.PROTECT, related_name="paper_links")
    position = models.PositiveIntegerField(default=0)
    affiliation = NFCCharField(max_length=200, blank=True)

    class Meta:
        ordering = ["paper", "position", "id"]
        verbose_name = "author"
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "person"],
                name="author_once_per_paper",
                violation_error_message="This person is already an author of the paper.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.paper})"
