"""The schedule as the public pages read it: plain values, not model instances (a large
program has thousands of slots, and plain values load several times faster). The read itself
is selectors.schedule_for_program and selectors.schedule_slots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from workshops.models import Conference, Room, Workshop


@dataclass(slots=True, eq=False)
class ScheduleWorkshop:
    """What the schedule shows and searches of a workshop, read as plain values."""

    pk: int
    slug: str
    title: str
    acronym: str
    abstract: str
    status: str
    organizer_names: list[str] = field(default_factory=list)
    topic_list: list = field(default_factory=list)  # Topic instances, in order
    paper_text: str = ""  # its papers' titles and authors, for the search
    search_text: str | None = None  # folded for the search once per page (filters.workshop_text)

    @property
    def is_cancelled(self) -> bool:
        return self.status == Workshop.Status.CANCELLED


@dataclass(slots=True, eq=False)
class ScheduleSlot:
    """A slot as the schedule's grid, list and filters read it (the attributes of TimeSlot
    they use): a large program has thousands, and plain values load several times faster
    than model instances."""

    pk: int
    guid: str  # as the page writes it, made once per slot
    start: dt.datetime
    end: dt.datetime
    title: str
    room_id: int | None
    room: Room | None
    workshop_id: int | None
    workshop: ScheduleWorkshop | None

    @property
    def label(self) -> str:
        return self.workshop.title if self.workshop is not None else self.title


@dataclass(frozen=True)
class Schedule:
    """An edition's public slots as the schedule reads them, from one read: its rooms in
    order, the venue days with slots (the day filter's choices), the program's version and
    the slots' rows, made into slots for the day shown (schedule_slots)."""

    conference: Conference
    rooms: list[Room]
    days: list[dt.date]
    version: str  # program_version_for, from the same rows
    rows: list[tuple]  # bundle.SCHEDULE_FIELDS, then PAGE_FIELDS, by time
    topics: list = field(default_factory=list)  # the edition's topics: the filter's choices


PAGE_FIELDS = ("id", "room_id", "workshop_id", "workshop__acronym", "workshop__abstract")
