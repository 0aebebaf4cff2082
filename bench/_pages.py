"""The public pages the benchmarks request: every page of one edition, with a sample workshop,
room and organizer, and its busiest schedule day. Django is set up by the caller first."""

from __future__ import annotations

from dataclasses import dataclass

EXPORTS = ["schedule.xml", "schedule.json", "program.ics", "program.csv"]


@dataclass(frozen=True)
class Page:
    name: str
    path: str


def pages_of(conference_slug: str, *, pdf: bool = False) -> list[Page]:
    """The public pages of one edition, each with a sample workshop, room and organizer."""
    from django.urls import reverse

    from workshops.models import TimeSlot, WorkshopOrganizer

    slot = (
        TimeSlot.objects.filter(
            conference__slug=conference_slug,
            workshop__status="published",
            room__isnull=False,
        )
        .select_related("workshop", "room", "conference")
        .order_by("workshop__slug", "start")
        .first()
    )
    organizer = (
        WorkshopOrganizer.objects.filter(workshop=slot.workshop)
        .select_related("organizer")
        .order_by("position")
        .first()
        .organizer
    )

    def url(name: str, **kwargs: str) -> str:
        return reverse(f"workshops:{name}", kwargs={"conference_slug": conference_slug, **kwargs})

    pages = [
        Page("listing", url("workshop-list")),
        Page("schedule", url("schedule")),  # the default day: the first, before the conference
        Page("schedule, busiest", url("schedule-day", day=busiest_day(slot.conference))),
        Page("schedule, all", url("schedule-all")),
        Page("workshop", url("workshop-detail", slug=slot.workshop.slug)),
        Page("room", url("room-detail", slug=slot.room.slug)),
        Page("organizers", url("organizer-list")),
        Page("organizer", url("organizer-detail", slug=organizer.slug)),
    ]
    exports = EXPORTS + (["booklet.pdf"] if pdf else [])
    return pages + [Page(name, url("export", identifier=name)) for name in exports]


def busiest_day(conference) -> str:
    """The venue day with the most public slots, as YYYY-MM-DD."""
    from collections import Counter

    from workshops.program import selectors

    schedule = selectors.schedule_for_program(conference=conference)
    slots = selectors.schedule_slots(schedule=schedule, day=None)
    days = Counter(slot.start.astimezone(conference.tz).date() for slot in slots)
    return days.most_common(1)[0][0].isoformat()
