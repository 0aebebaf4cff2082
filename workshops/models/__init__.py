"""The program of a conference: editions, rooms, people, workshops, their slots and agendas."""

from workshops.models.conference import Conference, ConferenceQuerySet, Room
from workshops.models.people import Organizer
from workshops.models.prepared import PreparedExport
from workshops.models.release import Release, ReleaseNotice
from workshops.models.slot import TimeSlot
from workshops.models.state import ProgramState
from workshops.models.workshop import (
    AgendaItem,
    Speaker,
    Workshop,
    WorkshopOrganizer,
    WorkshopQuerySet,
    WorkshopSeries,
    parse_speakers,
)

__all__ = [
    "AgendaItem",
    "Conference",
    "ConferenceQuerySet",
    "Organizer",
    "PreparedExport",
    "ProgramState",
    "Release",
    "ReleaseNotice",
    "Room",
    "Speaker",
    "TimeSlot",
    "Workshop",
    "WorkshopOrganizer",
    "WorkshopQuerySet",
    "WorkshopSeries",
    "parse_speakers",
]
