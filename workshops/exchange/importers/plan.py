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


@dataclass
class ProgramPlan:
    """A program as a file describes it, ready for services.program_import."""

    format: str
    conference: ConferencePlan
    rooms: list[RoomPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    workshops: list[WorkshopPlan] = field(default_factory=list)
    slots: list[SlotPlan] = field(default_factory=list)  # in file order, plenary items included
    notes: list[str] = field(default_factory=list)

    @property
    def plenary(self) -> list[SlotPlan]:
        return [slot for slot in self.slots if slot.workshop is None]
