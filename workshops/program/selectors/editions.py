"""Editions: a conference for its pages, the year switcher, the sitemap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import permissions
from workshops.models import (
    Conference,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)


def conference_for_public(*, slug: str, user=None) -> Conference:
    """A conference by slug, with its current release: a public one (Conference.is_public) for
    everybody, another for those who may preview it (accounts.permissions), otherwise 404."""
    conference = get_object_or_404(Conference.objects.select_related("current_release"), slug=slug)
    if not conference.is_public and not (
        user is not None and permissions.can_preview_conference(user, conference)
    ):
        raise Http404("No such conference.")
    return conference


def cancelled_workshop_count(*, conference: Conference) -> int:
    """How many of a conference's workshops are cancelled (copy-forward leaves them behind)."""
    return conference.workshops.filter(status=Workshop.Status.CANCELLED).count()


def slots_for_move(*, workshops: Iterable[Workshop]) -> list[TimeSlot]:
    """The slots a move of these workshops moves, earliest first, with their rooms."""
    return list(
        TimeSlot.objects.filter(workshop__in=list(workshops))
        .select_related("room", "workshop")
        .order_by("start", "room__position", "pk")
    )


def conference_current() -> Conference | None:
    """The most recent public edition: the one `/` sends attendees to."""
    return Conference.objects.public().order_by("-start_date", "-year", "name").first()


def conferences_for_switcher() -> list[Conference]:
    """Every public edition, newest first, for the year switcher."""
    return list(
        Conference.objects.public()
        .only("name", "slug", "year", "start_date")
        .order_by("-start_date", "name")
    )


@dataclass(frozen=True)
class SitemapEdition:
    conference: Conference
    workshops: list[Workshop]
    room_slugs: list[str]
    organizer_slugs: list[str]


def program_for_sitemap() -> list[SitemapEdition]:
    """Each public edition, newest first, with its listed workshops, its rooms and the
    organizers of those workshops: four queries, whatever the number of editions."""
    conferences = list(Conference.objects.public().order_by("-start_date", "slug"))
    listed = Workshop.objects.listed().filter(conference__in=conferences)
    workshops: dict[int, list[Workshop]] = {conference.pk: [] for conference in conferences}
    for workshop in listed.select_related("conference").order_by("title", "slug"):
        workshops[workshop.conference_id].append(workshop)
    rooms: dict[int, list[str]] = {conference.pk: [] for conference in conferences}
    for conference_id, slug in (
        Room.objects.filter(conference__in=conferences)
        .order_by("position", "name", "id")
        .values_list("conference_id", "slug")
    ):
        rooms[conference_id].append(slug)
    organizers: dict[int, dict[str, None]] = {conference.pk: {} for conference in conferences}
    for conference_id, slug in (
        WorkshopOrganizer.objects.filter(workshop__in=listed)
        .order_by("organizer__slug")
        .values_list("workshop__conference_id", "organizer__slug")
    ):
        organizers[conference_id][slug] = None
    return [
        SitemapEdition(
            conference=conference,
            workshops=workshops[conference.pk],
            room_slugs=rooms[conference.pk],
            organizer_slugs=list(organizers[conference.pk]),
        )
        for conference in conferences
    ]
