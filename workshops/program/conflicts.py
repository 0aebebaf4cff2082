"""The chairs' checks of a conference's program: what to fix before attendees see it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db.models import Model, Prefetch

from workshops.models import AgendaItem, Conference, TimeSlot, Workshop, WorkshopOrganizer
from workshops.program.validators import overlaps

KINDS = {
    "double-booking": "Room booked twice",
    "organizer-clash": "Organizer in two places at once",
    "outside-dates": "Outside the conference's dates",
    "outside-hours": "Outside the venue's hours",
    "unscheduled": "Workshop without a slot",
    "agenda-outside": "Agenda item outside its workshop's slots",
    "over-capacity": "Room too small",
}


@dataclass(frozen=True)
class Conflict:
    """One problem, with the object to open to fix it."""

    kind: str
    message: str
    target: Model

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def _when(slot: TimeSlot, tz) -> str:
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    return f"{start:%a %d %b} {start.hour}:{start:%M}–{end.hour}:{end:%M}"


def conflicts_for(conference: Conference) -> list[Conflict]:
    """Every conflict of the conference's program (cancelled workshops aside): four queries."""
    tz = conference.tz
    workshops = list(
        conference.workshops.exclude(status=Workshop.Status.CANCELLED)
        .prefetch_related(
            Prefetch(
                "organizer_links",
                queryset=WorkshopOrganizer.objects.select_related("organizer"),
            ),
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("start")),
        )
        .order_by("title")
    )
    by_id = {workshop.pk: workshop for workshop in workshops}
    slots = [
        slot
        for slot in TimeSlot.objects.filter(conference=conference)
        .select_related("room")
        .order_by("start", "id")
        if slot.workshop_id is None or slot.workshop_id in by_id
    ]
    slots_of: dict[int, list[TimeSlot]] = defaultdict(list)
    for slot in slots:
        slot.conference = conference
        if slot.workshop_id:
            slot.workshop = by_id[slot.workshop_id]
            slots_of[slot.workshop_id].append(slot)

    found: list[Conflict] = []
    found += _double_bookings(slots, tz)
    found += _organizer_clashes(workshops, slots_of, tz)
    found += _outside(conference, slots, tz)
    for workshop in workshops:
        mine = slots_of[workshop.pk]
        if not mine:
            found.append(Conflict("unscheduled", f"“{workshop}” has no time slot.", workshop))
        for item in workshop.agenda_items.all():
            item.workshop, item.slots_as_entered = workshop, mine  # read once, above
            try:
                item.clean()
            except ValidationError as error:
                message = " ".join(error.messages)
                found.append(Conflict("agenda-outside", f"{workshop}: {message}", workshop))
        found += _over_capacity(workshop, mine)
    return found


def _double_bookings(slots: list[TimeSlot], tz) -> list[Conflict]:
    per_room: dict[int, list[TimeSlot]] = defaultdict(list)
    for slot in slots:
        if slot.room_id:
            per_room[slot.room_id].append(slot)
    found = []
    for room_slots in per_room.values():
        for a, b in combinations(room_slots, 2):
            if overlaps(a.start, a.end, b.start, b.end):
                found.append(
                    Conflict(
                        "double-booking",
                        f"{a.room}: “{a.label}” ({_when(a, tz)}) and “{b.label}” ({_when(b, tz)}).",
                        b,
                    )
                )
    return found


def _organizer_clashes(workshops, slots_of, tz) -> list[Conflict]:
    workshops_of: dict[int, list[Workshop]] = defaultdict(list)
    people = {}
    for workshop in workshops:
        for link in workshop.organizer_links.all():
            workshops_of[link.organizer_id].append(workshop)
            people[link.organizer_id] = link.organizer
    found = []
    for person_id, theirs in workshops_of.items():
        for first, second in combinations(theirs, 2):
            clash = next(
                (
                    (a, b)
                    for a in slots_of[first.pk]
                    for b in slots_of[second.pk]
                    if overlaps(a.start, a.end, b.start, b.end)
                ),
                None,
            )
            if clash:
                found.append(
                    Conflict(
                        "organizer-clash",
                        f"{people[person_id]} organizes “{first}” ({_when(clash[0], tz)}) and "
                        f"“{second}” ({_when(clash[1], tz)}).",
                        people[person_id],
                    )
                )
    return found


def _outside(conference: Conference, slots: list[TimeSlot], tz) -> list[Conflict]:
    first, last = conference.local_bounds()
    found = []
    for slot in slots:
        target = slot.workshop if slot.workshop_id else slot
        if slot.start < first or slot.end > last:
            found.append(
                Conflict(
                    "outside-dates",
                    f"“{slot.label}” ({_when(slot, tz)}) lies outside "
                    f"{conference.start_date:%d %b} – {conference.end_date:%d %b %Y}.",
                    target,
                )
            )
            continue
        opens, closes = conference.venue_opens, conference.venue_closes
        start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
        too_early = opens is not None and start.time() < opens
        too_late = closes is not None and (
            end.date() > start.date() or (end.time() > closes and end.time() != dt.time.min)
        )
        if too_early or too_late:
            hours = f"{opens or dt.time.min:%H:%M}–{closes or dt.time.max:%H:%M}"
            found.append(
                Conflict(
                    "outside-hours",
                    f"“{slot.label}” ({_when(slot, tz)}) is outside the venue's hours ({hours}).",
                    target,
                )
            )
    return found


def _over_capacity(workshop: Workshop, slots: list[TimeSlot]) -> list[Conflict]:
    expected = workshop.expected_attendance
    if not expected:
        return []
    rooms = {slot.room for slot in slots if slot.room and slot.room.capacity is not None}
    return [
        Conflict(
            "over-capacity",
            f"“{workshop}” expects {expected} people; {room} holds {room.capacity}.",
            workshop,
        )
        for room in sorted(rooms, key=lambda r: (r.position, r.name))
        if room.capacity < expected
    ]
