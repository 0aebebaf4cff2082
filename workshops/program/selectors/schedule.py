"""The schedule, the day filter's choices, rooms and topics."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Q,
)
from django.shortcuts import get_object_or_404

from workshops.models import (
    Conference,
    Room,
    TimeSlot,
    Topic,
)
from workshops.program import times
from workshops.program.bundle import SCHEDULE_FIELDS, schedule_hash
from workshops.program.schedule import (
    PAGE_FIELDS,
    Schedule,
    ScheduleSlot,
    ScheduleWorkshop,
)
from workshops.program.selectors import shared


def rooms_for_program(*, conference: Conference) -> list[Room]:
    """An edition's rooms in their listed order: the schedule's columns and the rooms index."""
    return list(Room.objects.filter(conference=conference).order_by("position", "name", "id"))


def days_for_program(*, conference: Conference) -> list[dt.date]:
    """The venue days on which a public slot starts, in order: the day filter's choices."""
    starts = (
        shared.public_slots_only(conference=conference).order_by().values_list("start", flat=True)
    )
    return times.venue_days(starts.distinct(), conference.tz)


def schedule_for_program(*, conference: Conference) -> Schedule:
    """The schedule's rooms, days, version and rows in two queries: the filter form's days
    come from the rows read for the page."""
    public = shared.public_slots_only(conference=conference).order_by("start", "end", "id")
    # The version's fields first (they are hashed as they come), then what the page shows.
    rows = list(public.values_list(*SCHEDULE_FIELDS, *PAGE_FIELDS))
    return Schedule(
        conference=conference,
        topics=topics_for_program(conference=conference),
        rooms=rooms_for_program(conference=conference),
        days=times.venue_days({row[1] for row in rows}, conference.tz),  # as days_for_program
        version=conference.version_label(
            schedule_hash(row[: len(SCHEDULE_FIELDS)] for row in rows)
        ),
        rows=rows,
    )


def schedule_slots(*, schedule: Schedule, day: dt.date | None) -> list[ScheduleSlot]:
    """The slots starting on `day` (venue time; None: every day) with their workshops and
    the organizers' names (one query): a page of one day makes only that day's objects."""
    conference, tz = schedule.conference, schedule.conference.tz
    among = shared.public_slots_only(conference=conference)
    if day is not None:
        midnight = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        among = among.filter(start__gte=midnight, start__lt=after)
    rooms_by_id = {room.pk: room for room in schedule.rooms}
    workshops: dict[int, ScheduleWorkshop] = {}
    slots = []
    for (
        guid, start, end, _, title, slug, workshop_title, status,  # SCHEDULE_FIELDS
        pk, room_id, workshop_id, acronym, abstract,  # PAGE_FIELDS
    ) in schedule.rows:  # fmt: skip
        if day is not None and start.astimezone(tz).date() != day:
            continue
        room = rooms_by_id.get(room_id)
        if room_id is not None and room is None:
            continue  # a room of another edition: no column to show it in
        workshop = None
        if workshop_id is not None:
            workshop = workshops.get(workshop_id)
            if workshop is None:
                workshop = workshops[workshop_id] = ScheduleWorkshop(
                    workshop_id, slug, workshop_title, acronym, abstract, status
                )
        slots.append(
            ScheduleSlot(pk, str(guid), start, end, title, room_id, room, workshop_id, workshop)
        )
    shared.attach_organizer_names(list(workshops.values()), among=among.values("workshop_id"))
    shared.attach_topics_and_papers(list(workshops.values()), among=among.values("workshop_id"))
    return slots


def topics_for_program(*, conference: Conference) -> list[Topic]:
    """An edition's topics in their order: the topic filter's choices."""
    return list(Topic.objects.filter(conference=conference).order_by("position", "name", "id"))


def room_slots_for_sign(*, conference: Conference, slug: str) -> tuple[Room, list[TimeSlot]]:
    """A room and its public slots with the plenary items, by time, or 404."""
    room = get_object_or_404(Room, conference=conference, slug=slug)
    slots = shared.public_slots(conference=conference).filter(Q(room=room) | Q(room__isnull=True))
    return room, list(slots)


def room_slots_after(*, conference: Conference, moment: dt.datetime) -> list[TimeSlot]:
    """The public slots held in a room that end after `moment`, by time: the rooms index's
    "now" and "next"."""
    slots = shared.public_slots_only(conference=conference).filter(
        room__isnull=False, end__gt=moment
    )
    return list(slots.select_related("room", "workshop__conference").order_by("start", "end", "id"))
