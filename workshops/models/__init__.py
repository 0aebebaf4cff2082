"""The program of a conference: editions, rooms, people, workshops, their slots and agendas."""

from workshops.models.conference import Conference, ConferenceQuerySet, Room
from workshops.models.link import Link
from workshops.models.paper import Paper, PaperAuthor
from workshops.models.people import Organizer
from workshops.models.prepared import PreparedExport
from workshops.models.release import Release, ReleaseNotice
from workshops.models.slot import TimeSlot
from workshops.models.state import ProgramState
from workshops.models.topic import Topic
from workshops.models.workshop import (
    AgendaItem,
    AgendaItemSpeaker,
    Speaker,
    Workshop,
    WorkshopOrganizer,
    WorkshopQuerySet,
    WorkshopSeries,
    parse_speakers,
)

__all__ = [
    "AgendaItem",
    "AgendaItemSpeaker",
    "Conference",
    "ConferenceQuerySet",
    "Link",
    "Organizer",
    "Paper",
    "PaperAuthor",
    "PreparedExport",
    "ProgramState",
    "Release",
    "ReleaseNotice",
    "Room",
    "Speaker",
    "TimeSlot",
    "Topic",
    "Workshop",
    "WorkshopOrganizer",
    "WorkshopQuerySet",
    "WorkshopSeries",
    "parse_speakers",
]
