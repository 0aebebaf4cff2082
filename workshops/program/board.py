"""The chairs' schedule board as data: one conference day, rooms across and time down in
5-minute steps, every slot (drafts and plenary items too) placed on that grid, the problems
the program checks find marked on its cards, and the workshops without a slot beside it.
Six queries, whatever the size of the program."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from workshops.models import (
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import fingerprints
from workshops.program.conflicts import conflicts_for
from workshops.program.times import clock, day_label

STEP = dt.timedelta(minutes=5)
STEP_MINUTES = 5
# A day's window without venue hours: the usual conference day.
DEFAULT_OPENS, DEFAULT_CLOSES = dt.time(8), dt.time(20)
# The length of a slot a workshop gets when it is dropped from the side list.
NEW_SLOT_LENGTH = dt.timedelta(hours=1)
# The checks marked on a board's cards (a double booking cannot be saved from the board).
MARKED = ("organizer-clash", "over-capacity", "outside-hours", "outside-dates", "agenda-outside")


@dataclass
class Card:
    slot: TimeSlot
    column: int  # 2 = the first room (column 1 holds the times); 0 = every room (plenary)
    row: int  # 1-based grid row of the start
    rows: int  # its height in 5-minute steps
    start: str  # venue clock, "8:05"
    end: str
    opened: str  # the slot's fingerprint, as the board showed it
    problems: list[tuple[str, str]] = field(default_factory=list)  # (check's label, message)

    @property
    def label(self) -> str:
        return self.slot.label

    @property
    def problem_text(self) -> str:
        return " ".join(message for _, message in self.problems)


@dataclass
class Board:
    conference: Conference
    day: dt.date
    days: list[dt.date]
    rooms: list[Room]
    opens: dt.datetime  # the first row's moment
    steps: int  # rows of 5 minutes
    cards: list[Card]
    unscheduled: list[Workshop]

    @property
    def day_label(self) -> str:
        return day_label(self.day)

    @property
    def opens_clock(self) -> str:
        """ "08:00": the first row's venue clock time."""
        return f"{self.opens:%H:%M}"

    @property
    def hours(self) -> list[tuple[int, str]]:
        """(grid row, "9:00") of each full hour on the board."""
        marks = []
        for step in range(self.steps):
            moment = self.opens + step * STEP
            if moment.minute == 0:
                marks.append((step + 1, clock(moment)))
        return marks


def board_for(*, conference: Conference, day: dt.date | None) -> Board:
    """The board of one day of the conference; without a day (or with one outside it), its
    first day with a slot."""
    tz = conference.tz
    days = conference.days
    if day not in days:
        first = conference.slots.order_by("start").values_list("start", flat=True).first()
        day = first.astimezone(tz).date() if first else days[0]
        day = day if day in days else days[0]
    midnight = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    rooms = list(conference.rooms.order_by("position", "name"))
    slots = list(
        TimeSlot.objects.filter(
            conference=conference, start__gte=midnight, start__lt=midnight + dt.timedelta(days=1)
        )
        .select_related("room", "workshop")
        .prefetch_related(
            Prefetch("workshop__organizer_links", queryset=WorkshopOrganizer.objects.all())
        )
        .order_by("start", "id")
    )
    unscheduled = list(
        conference.workshops.exclude(status=Workshop.Status.CANCELLED)
        .filter(slots__isnull=True)
        .order_by("title")
    )
    opens = dt.datetime.combine(day, conference.venue_opens or DEFAULT_OPENS, tzinfo=tz)
    closes = dt.datetime.combine(day, conference.venue_closes or DEFAULT_CLOSES, tzinfo=tz)
    for slot in slots:
        opens, closes = min(opens, slot.start.astimezone(tz)), max(closes, slot.end.astimezone(tz))
    opens = opens.replace(minute=0, second=0, microsecond=0)
    steps = math.ceil((closes - opens) / STEP)
    columns = {room.pk: position for position, room in enumerate(rooms, start=2)}
    problems = _problems_by_workshop(conference, slots)
    cards = []
    for slot in slots:
        slot.conference = conference
        start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
        row = int((start - opens) / STEP) + 1
        cards.append(
            Card(
                slot=slot,
                column=columns.get(slot.room_id, 0),
                row=row,
                rows=max(1, math.ceil((end - start) / STEP)),
                start=clock(start),
                end=clock(end),
                opened=fingerprints.fingerprint(slot),
                problems=problems.get(slot.workshop_id, []) if slot.workshop_id else [],
            )
        )
    return Board(conference, day, days, rooms, opens, steps, cards, unscheduled)


def _problems_by_workshop(
    conference: Conference, slots: list[TimeSlot]
) -> dict[int, list[tuple[str, str]]]:
    """The program checks' messages about each workshop on the board; an organizer's clash is
    marked on each of their workshops."""
    of_person: dict[int, set[int]] = defaultdict(set)
    for slot in slots:
        if slot.workshop_id:
            for link in slot.workshop.organizer_links.all():
                of_person[link.organizer_id].add(slot.workshop_id)
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for conflict in conflicts_for(conference):
        if conflict.kind not in MARKED:
            continue
        if isinstance(conflict.target, Workshop):
            targets = {conflict.target.pk}
        elif isinstance(conflict.target, Organizer):  # an organizer's clash names the person
            targets = of_person.get(conflict.target.pk, set())
        else:  # a plenary item's
            continue
        for pk in targets:
            if (conflict.label, conflict.message) not in found[pk]:
                found[pk].append((conflict.label, conflict.message))
    return found
