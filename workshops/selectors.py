"""Every non-trivial read: the queryset behind each public page, with a fixed query count."""

from __future__ import annotations

from django.db.models import Min, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from workshops.models import AgendaItem, Conference, TimeSlot, Workshop, WorkshopOrganizer


def conference_for_public(*, slug: str) -> Conference:
    """A published conference by slug, or 404."""
    return get_object_or_404(Conference.objects.published(), slug=slug)


def conference_current() -> Conference | None:
    """The most recent published edition: the one `/` sends attendees to."""
    return Conference.objects.published().order_by("-start_date", "-year", "name").first()


def conferences_for_switcher() -> list[Conference]:
    """Every published edition, newest first, for the year switcher."""
    return list(
        Conference.objects.published()
        .only("name", "slug", "year", "start_date")
        .order_by("-start_date", "name")
    )


def _organizer_links() -> Prefetch:
    return Prefetch(
        "organizer_links",
        queryset=WorkshopOrganizer.objects.select_related("organizer").order_by("position", "id"),
    )


def _slots() -> Prefetch:
    return Prefetch(
        "slots", queryset=TimeSlot.objects.select_related("room").order_by("start", "id")
    )


def workshops_for_listing(*, conference: Conference) -> QuerySet[Workshop]:
    """The public workshops of an edition in program order: first slot, then room, then title."""
    return (
        Workshop.objects.public()
        .filter(conference=conference)
        .annotate(first_start=Min("slots__start"), first_room=Min("slots__room__position"))
        .prefetch_related(_organizer_links(), _slots())
        .order_by("first_start", "first_room", "title", "id")
    )


def workshop_for_detail(*, conference: Conference, slug: str) -> Workshop:
    """One public workshop with its organizers, slots and agenda, or 404."""
    queryset = Workshop.objects.public().prefetch_related(
        _organizer_links(),
        _slots(),
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("start", "end", "id")),
    )
    return get_object_or_404(queryset, conference=conference, slug=slug)
