"""The schedule grid: slots and rooms in, one table of rows and cells per day out.

Pure functions over objects already loaded; nothing here queries. Rows are the stretches
between consecutive start/end times of the day and the full hours from the first start's hour
to the last end, so a slot covers a whole number of rows and its cell spans them with rowspan,
and a row lasts an hour at most. The grid is drawn to scale: each row is as tall as its length
in 5-minute steps (`Row.steps`, 1 to 12), and a row that starts on the hour draws the hour's
line across the rooms.

Plenary items without a room (Lunch) span every room column. They may overlap workshops that
run through them (the demo's Lunch 12:00-13:30 lies inside workshops running 8:00-17:00), and a
cell spanning all columns cannot sit in a row that a workshop's rowspan already crosses. So:

- a plenary item no room is busy during becomes a band: one cell with colspan over all rooms;
- one that overlaps a busy room becomes a note in the time column of the row where it starts
  ("12:00 · Lunch, all rooms, until 13:30"): it keeps its place in time, the workshops keep
  their unbroken cells, and the table stays a valid grid. The list view shows it as an item.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from workshops.models import Room, TimeSlot

STEP = dt.timedelta(minutes=5)
HOUR_STEPS = 12


@dataclass(frozen=True)
class Cell:
    """One <td>: a slot over `rowspan` rows (and `colspan` rooms), or an empty room (slot None)."""

    slot: TimeSlot | None = None
    rowspan: int = 1
    colspan: int = 1

    @property
    def is_band(self) -> bool:
        return self.slot is not None and self.slot.room_id is None


@dataclass
class Row:
    """One <tr>: from `start` to `end` in venue time, with the cells that begin in it."""

    start: dt.datetime
    end: dt.datetime
    cells: list[Cell]
    notes: list[TimeSlot] = field(default_factory=list)

    @property
    def steps(self) -> int:
        """Its height in 5-minute steps: its length rounded up, 1 to 12 (a row ends by the
        next full hour)."""
        length = self.end.astimezone(dt.UTC) - self.start.astimezone(dt.UTC)
        return min(HOUR_STEPS, max(1, math.ceil(length / STEP)))

    @property
    def is_hour(self) -> bool:
        """Whether it starts on a full hour of venue time, where the grid draws an hour line."""
        return self.start.minute == 0 and self.start.second == 0


@dataclass
class Day:
    """One day's section: the grid's columns and rows, and the same slots as a list by time."""

    date: dt.date
    columns: list[Room]
    rows: list[Row]
    items: list[TimeSlot]

    @property
    def anchor(self) -> str:
        return f"day-{self.date.isoformat()}"

    @property
    def width(self) -> int:
        """The number of room columns; at least one, so a band always has a column to span."""
        return max(1, len(self.columns))


def _overlaps(a: TimeSlot, b: TimeSlot) -> bool:
    return a.start < b.end and b.start < a.end


def _hours(first: dt.datetime, last: dt.datetime, tz: ZoneInfo) -> set[dt.datetime]:
    """The full hours of venue time from the hour `first` falls in up to `last`, as instants
    in UTC (counted in UTC, so the night the clocks go back has its hour 1:00 twice)."""
    local = first.astimezone(tz)
    hour = (local - dt.timedelta(minutes=local.minute, seconds=local.second)).astimezone(dt.UTC)
    hour = hour.replace(microsecond=0)
    end = last.astimezone(dt.UTC)
    hours = set()
    while hour < end:
        hours.add(hour)
        hour += dt.timedelta(hours=1)
    return hours


def _position(slot: TimeSlot, columns: dict[int, int]) -> int:
    return -1 if slot.room_id is None else columns.get(slot.room_id, len(columns))


def schedule_days(slots: Iterable[TimeSlot], rooms: Sequence[Room], tz: ZoneInfo) -> list[Day]:
    """The days that have slots, in date order, each with its grid over those of `rooms` (in
    the order given) that hold a slot that day, and its time-ordered list. Slots in rooms not
    given are left out."""
    known = {room.pk for room in rooms}
    by_day: dict[dt.date, list[TimeSlot]] = {}
    for slot in slots:
        if slot.room_id is not None and slot.room_id not in known:
            continue
        by_day.setdefault(slot.start.astimezone(tz).date(), []).append(slot)
    days = []
    for date in sorted(by_day):
        used = {slot.room_id for slot in by_day[date]}
        day_rooms = [room for room in rooms if room.pk in used]
        columns = {room.pk: index for index, room in enumerate(day_rooms)}
        days.append(_day(date, by_day[date], day_rooms, columns, tz))
    return days


class _Table:
    """A day's table while it is laid out: which room column and time row each cell covers."""

    def __init__(self, times: list[dt.datetime], width: int) -> None:
        self.row_of = {moment: index for index, moment in enumerate(times)}
        self.width = width
        self.height = max(0, len(times) - 1)
        self.covered: set[tuple[int, int]] = set()  # (column, row)
        self.starts: list[dict[int, Cell]] = [{} for _ in range(self.height)]  # by column

    def place(self, slot: TimeSlot, column: int, colspan: int) -> bool:
        """A cell for `slot` from `column` over `colspan` rooms, unless one is there already."""
        first, last = self.row_of[slot.start], self.row_of[slot.end]
        cells = {(c, row) for c in range(column, column + colspan) for row in range(first, last)}
        if not cells.isdisjoint(self.covered):
            return False
        self.covered |= cells
        self.starts[first][column] = Cell(slot, rowspan=last - first, colspan=colspan)
        return True

    def fill_empty(self) -> None:
        """An empty cell wherever no slot covers a room's row."""
        empty = Cell()
        for row, cells in enumerate(self.starts):
            for column in range(self.width):
                if (column, row) not in self.covered:
                    cells[column] = empty


def _day(
    date: dt.date, slots: list[TimeSlot], rooms: list[Room], columns: dict[int, int], tz: ZoneInfo
) -> Day:
    def order(slot: TimeSlot) -> tuple:
        return (slot.start, _position(slot, columns), slot.end, slot.pk or 0)

    slots = sorted(slots, key=order)
    in_rooms = [s for s in slots if s.room_id is not None]
    bands: list[TimeSlot] = []
    notes: list[TimeSlot] = []
    for slot in (s for s in slots if s.room_id is None):
        busy = any(_overlaps(slot, other) for other in [*in_rooms, *bands])
        (notes if busy else bands).append(slot)

    times = {moment for s in slots for moment in (s.start, s.end)}
    times = sorted(times | _hours(min(times), max(times), tz))
    table = _Table(times, max(1, len(rooms)))
    for slot in bands:
        table.place(slot, 0, table.width)
    for slot in in_rooms:
        if not table.place(slot, columns[slot.room_id], 1):
            # Two slots of one room overlap (the validators refuse this; kept safe anyway):
            # the later one is named in the time column rather than breaking the table.
            notes.append(slot)
    table.fill_empty()

    notes_at: dict[dt.datetime, list[TimeSlot]] = {}
    for note in sorted(notes, key=order):
        notes_at.setdefault(note.start, []).append(note)
    rows = [
        Row(
            start=start.astimezone(tz),
            end=end.astimezone(tz),
            cells=[cells[column] for column in sorted(cells)],
            notes=notes_at.get(start, []),
        )
        for cells, start, end in zip(table.starts, times, times[1:], strict=False)
    ]
    return Day(date=date, columns=rooms, rows=rows, items=slots)


@dataclass
class DayItems:
    """One day of a plain program, such as a room's sign: its date and its slots by time."""

    date: dt.date
    items: list[TimeSlot]

    @property
    def anchor(self) -> str:
        return f"day-{self.date.isoformat()}"


def items_by_day(slots: Iterable[TimeSlot], tz: ZoneInfo) -> list[DayItems]:
    """Slots grouped by their venue-time start date, days in order, each day's slots by time."""
    by_day: dict[dt.date, list[TimeSlot]] = {}
    for slot in sorted(slots, key=lambda s: (s.start, s.end, s.pk or 0)):
        by_day.setdefault(slot.start.astimezone(tz).date(), []).append(slot)
    return [DayItems(date=date, items=by_day[date]) for date in sorted(by_day)]
