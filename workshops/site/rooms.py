"""A room's sign: its program day by day, with the plenary items of those days; the rooms
index: each room with what is on now and next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshops.models import Conference, Room, TimeSlot
from workshops.program import selectors
from workshops.site.grid import DayItems, items_by_day


@dataclass(frozen=True)
class RoomSign:
    room: Room
    days: list[DayItems]


def room_for_sign(*, conference: Conference, slug: str) -> RoomSign:
    """A room and its program by day, or 404; Lunch alone does not make a day of it."""
    room, slots = selectors.room_slots_for_sign(conference=conference, slug=slug)
    days = items_by_day(slots, conference.tz)
    days = [day for day in days if any(slot.room_id == room.pk for slot in day.items)]
    return RoomSign(room=room, days=days)


@dataclass(frozen=True)
class RoomNow:
    room: Room
    now: TimeSlot | None  # what runs in it at the moment asked
    next: TimeSlot | None  # the first thing after that


def rooms_now_and_next(*, conference: Conference, moment: dt.datetime) -> list[RoomNow]:
    """Every room of the edition in its listed order, with what runs in it at `moment` and what
    comes next (two queries)."""
    now: dict[int, TimeSlot] = {}
    upcoming: dict[int, TimeSlot] = {}
    for slot in selectors.room_slots_after(conference=conference, moment=moment):
        if slot.start <= moment:
            now.setdefault(slot.room_id, slot)
        else:
            upcoming.setdefault(slot.room_id, slot)
    return [
        RoomNow(room=room, now=now.get(room.pk), next=upcoming.get(room.pk))
        for room in selectors.rooms_for_program(conference=conference)
    ]
