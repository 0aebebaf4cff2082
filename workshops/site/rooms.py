"""A room's sign: its program day by day, with the plenary items of those days."""

from __future__ import annotations

from dataclasses import dataclass

from workshops.models import Conference, Room
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
