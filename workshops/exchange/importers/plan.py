"""The plan a file turns into: a neutral picture of the program that the file describes.

A parser reads one format into a ProgramPlan and never touches the database;
service.program_import applies a plan.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field


class ImportFileError(ValueError):
    """The file cannot be read as a program; the message names where (line, element or JSON
    path) and what is wrong."""


# What a file holds that does not fit ---------------------------------------------------------

STOPS = "stops"  # the import cannot go ahead until the file (or a choice) is changed
CHANGED = "changed"  # read, but changed to fit: a derived GUID, a shortened field
LEFT_OUT = "left out"  # not imported, or imported as a draft without a slot
# The groups in the order a report shows them, with their headings.
PROBLEM_GROUPS = {
    STOPS: "What stops the import",
    CHANGED: "What was changed to fit",
    LEFT_OUT: "What will be left out or imported as a draft",
}


@dataclass(frozen=True)
class Problem:
    """One thing a file holds that does not fit, named where it stands (line, JSON path)."""

    group: str  # one of PROBLEM_GROUPS
    where: str
    text: str

    @property
    def message(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


# The plan ------------------------------------------------------------------------------------


@dataclass
class ConferencePlan:
    """What the file says about its conference; None where it says nothing."""

    slug: str = ""
    name: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    timezone: str | None = None
    website: str | None = None
    source: str = ""


@dataclass(eq=False)
class RoomPlan:
    name: str
    guid: uuid.UUID | None = None
    slug: str | None = None
    capacity: int | None = None
    source: str = ""


@dataclass(eq=False)
class PersonPlan:
    """An organizer as files carry them: a name and perhaps a GUID (never an e-mail address)."""

    name: str
    guid: uuid.UUID | None = None
    source: str = ""


@dataclass(eq=False)
class AgendaItemPlan:
    start: dt.datetime
    end: dt.datetime
    title: str
    speakers: str  # one per line, as AgendaItem.speakers holds them
    text: str  # the line as the file wrote it after the times: "Invited talk: Name (Place)"
    guid: uuid.UUID | None = None  # an event of the file that lay inside the workshop's slot
    source: str = ""


@dataclass(eq=False)
class WorkshopPlan:
    """A workshop; None in a field means that the file does not carry it (leave it alone)."""

    slug: str
    title: str
    organizers: list[PersonPlan] | None
    status: str | None = None
    acronym: str | None = None
    abstract: str | None = None
    website: str | None = None
    agenda: list[AgendaItemPlan] = field(default_factory=list)
    source: str = ""


@dataclass(eq=False)
class SlotPlan:
    """A workshop's slot, or a plenary item (workshop None, a title of its own).

    Times are aware, or naive when the file gives no offset and no time zone: then they are
    the venue's local time, read in the conference's zone when the plan is applied.
    """

    start: dt.datetime
    end: dt.datetime
    room: RoomPlan | None
    workshop: WorkshopPlan | None = None
    title: str = ""
    guid: uuid.UUID | None = None
    source: str = ""

    @property
    def label(self) -> str:
        return self.workshop.title if self.workshop else self.title


@dataclass(eq=False)
class Clash:
    """A slot that overlaps another in its room without lying inside it: left out, or its
    workshop brought in as a draft without a slot, as the import is told."""

    slot: SlotPlan
    other: SlotPlan
    why: str  # "overlapping", "a placeholder on"


@dataclass
class ProgramPlan:
    """A program as a file describes it, ready for services.program_import."""

    format: str
    conference: ConferencePlan
    rooms: list[RoomPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    workshops: list[WorkshopPlan] = field(default_factory=list)
    slots: list[SlotPlan] = field(default_factory=list)  # in file order, plenary items included
    # Workshops that come in as drafts without a slot (their slot clashed with another).
    clashes: list[Clash] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, group: str, where: str, text: str) -> None:
        self.problems.append(Problem(group, where, text))

    def stop(self, error: ImportFileError) -> None:
        """An error that keeps one element from being read: listed, and reading goes on."""
        self.problem(STOPS, "", str(error))

    @property
    def plenary(self) -> list[SlotPlan]:
        return [slot for slot in self.slots if slot.workshop is None]
