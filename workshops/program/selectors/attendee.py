"""The program as exporters receive it, and what the attendee's browser keeps: the
program's version and the data of "My schedule"."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import (
    Prefetch,
    prefetch_related_objects,
)
from django.utils import timezone

from workshops.models import (
    AgendaItem,
    Conference,
    Link,
    Workshop,
)
from workshops.program import times
from workshops.program.bundle import SCHEDULE_FIELDS, Program, schedule_hash
from workshops.program.released import released_program
from workshops.program.selectors import shared
from workshops.program.selectors.listing import workshops_for_listing
from workshops.program.selectors.schedule import rooms_for_program


def program_for_export(conference: Conference, *, base_url: str | None = None) -> Program:
    """The public program: for a conference whose changes go public when released, the program
    of its current release (released.py: no query past the release, which conference_for_public
    loads with the conference), nothing before the first release; otherwise the working copy
    (program_live). Its links start with `base_url`, by default the site's configured address
    (SITE_URL), never a request's Host: one cached file then serves every host name."""
    base_url = settings.SITE_URL if base_url is None else base_url
    if not conference.shows_release:
        return program_live(conference, base_url=base_url)
    release = conference.current_release
    program = release and released_program(release, conference=conference, base_url=base_url)
    if program is None and release is not None:
        # A release made before releases kept their program: the working copy stands in.
        return program_live(conference, base_url=base_url)
    return program or Program(
        conference=conference, rooms=[], slots=[], base_url=base_url, generated_at=timezone.now()
    )


def program_live(conference: Conference, *, base_url: str | None = None) -> Program:
    """The working copy: rooms, plenary items and public workshops' slots with organizers and
    agenda, and the latest release: five queries, whatever the program's size, so exporters
    never query. What a release publishes, and what the admin's downloads give chairs."""
    rooms = rooms_for_program(conference=conference)
    # An export is a file that travels (and the booklet is prepared once for everybody): it
    # holds no workshop of an unpublished edition, even for those who preview its pages.
    public = shared.public_slots_only(conference=conference, shown=Workshop.objects.public())
    slots = list(public.select_related("room", "workshop"))
    # One instance per workshop, however many slots it has: the organizers and agenda are then
    # attached once per workshop, not once per slot.
    workshops: dict[int, Workshop] = {}
    for slot in slots:  # and nothing reaches for the conference with a query of its own
        slot.conference = conference
        if slot.workshop is not None:
            slot.workshop = workshops.setdefault(slot.workshop_id, slot.workshop)
            slot.workshop.conference = conference
    prefetch_related_objects(
        list(workshops.values()),
        shared.organizer_links(),
        shared.topics(),
        Prefetch("links", queryset=Link.objects.order_by("kind", "id")),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("start", "end", "id").prefetch_related(
                Prefetch("links", queryset=Link.objects.order_by("kind", "id"))
            ),
        ),
        shared.papers(),
    )
    # Sorted here, not in SQL: databases disagree on where a NULL room sorts.
    slots.sort(
        key=lambda s: (
            s.start,
            s.room is not None,
            s.room.position if s.room else 0,
            s.room.name if s.room else "",
            s.end,
            s.pk,
        )
    )
    return Program(
        conference=conference,
        rooms=rooms,
        slots=slots,
        base_url=settings.SITE_URL if base_url is None else base_url,
        generated_at=timezone.now(),
        release=conference.current_release,
    )


def schedule_hash_for(*, conference: Conference) -> str:
    """bundle.schedule_hash of the edition's public slots: the released ones' (no query) when
    its changes go public when released, else the working copy's (one query)."""
    if conference.shows_release and conference.current_release is not None:
        return conference.current_release.schedule_hash
    return working_schedule_hash_for(conference=conference)


def working_schedule_hash_for(*, conference: Conference) -> str:
    """bundle.schedule_hash of the working copy's public slots, from one query."""
    return schedule_hash(
        shared.public_slots_only(conference=conference).values_list(*SCHEDULE_FIELDS)
    )


def program_version_for(*, conference: Conference) -> str:
    """The public program's version as users see it (Conference.version_label), from one query
    at most (schedule_hash_for): pages carry it so that the browser notices a change, room
    signs print it."""
    return conference.version_label(schedule_hash_for(conference=conference))


def workshops_for_favourites(*, conference: Conference) -> list[Workshop]:
    """Every public workshop of an edition with its slots, organizers and the agenda items one
    may star (`starrable_items`: talks and sessions, not breaks), in program order: what "My
    schedule" and the change banner compare against (five queries)."""
    workshops = workshops_for_listing(conference=conference, with_topics_and_papers=False)
    starrable = (
        AgendaItem.objects.exclude(kind__in=UNSTARRABLE_KINDS)
        .order_by("start", "end", "id")
        .prefetch_related(Prefetch("speaker_links", queryset=shared.speaker_links_qs()))
    )
    prefetch_related_objects(
        workshops, Prefetch("agenda_items", queryset=starrable, to_attr="starrable_items")
    )
    return workshops


# Agenda items nobody stars: the breaks and the opening and closing words.
UNSTARRABLE_KINDS = [AgendaItem.Kind.BREAK, AgendaItem.Kind.OPENING]


def workshop_slugs_for_stars(
    *, conference: Conference, slugs: list[str], item_guids: list[str] = ()
) -> list[str]:
    """Those of `slugs` that name a public workshop of the edition, and "item:<guid>" for
    those of `item_guids` that are its agenda items, sorted (two queries)."""
    public = Workshop.objects.listed().filter(conference=conference)
    found = list(public.filter(slug__in=slugs).values_list("slug", flat=True))
    if item_guids:
        guids = AgendaItem.objects.filter(workshop__in=public, guid__in=list(item_guids))
        found += [f"item:{guid}" for guid in guids.values_list("guid", flat=True)]
    return sorted(found)


def slot_days_for_agenda(*, workshop: Workshop) -> list[dt.date]:
    """The venue days the workshop's saved slots start on: the days its agenda items may take
    (from its prefetched slots, when the admin's queryset fetched them)."""
    if workshop.pk is None:
        return []
    return times.venue_days([slot.start for slot in workshop.slots.all()], workshop.conference.tz)
