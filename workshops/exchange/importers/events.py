"""The events of a schedule file (frab XML and c3voc JSON share them), and their turning into a
plan: workshops from events, people deduplicated, agendas read back."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.text import slugify

from workshops.exchange.exporters.base import GENERATOR_NAME
from workshops.exchange.importers.agenda_text import parse_agenda_text
from workshops.exchange.importers.plan import (
    AgendaItemPlan,
    ConferencePlan,
    ImportFileError,
    PersonPlan,
    ProgramPlan,
    RoomPlan,
    SlotPlan,
    WorkshopPlan,
)
from workshops.exchange.importers.values import (
    EVENT_SLUG,
    WORKSHOP_URL,
    is_stand_in_room,
    is_web_address,
)
from workshops.program.bundle import ALL_ROOMS_NAME


class EventPerson(NamedTuple):
    """A person of an event: the name, the GUID if the file gives one, and where it stands."""

    name: str
    guid: uuid.UUID | None
    source: str


class EventLink(NamedTuple):
    address: str
    title: str


@dataclass
class EventData:
    """One event of a schedule file, read but not yet understood."""

    source: str
    guid: uuid.UUID
    ident: str  # the id, or pretalx's submission code: the same for every slot of one talk
    room: RoomPlan | None  # None: our stand-in room of plenary items without a room
    start: dt.datetime
    end: dt.datetime
    title: str
    subtitle: str = ""
    type: str = ""
    abstract: str = ""
    description: str = ""
    slug: str = ""
    url: str = ""
    persons: list[EventPerson] = field(default_factory=list)
    links: list[EventLink] = field(default_factory=list)


_PLENARY_TYPES = {"plenary", "break", "pause", "lunch"}
# A schedule lists what its conference shows: its talks are published.
_EVENT_STATUS = "published"


class PlanBuilder:
    """Turns the events of a frab XML or c3voc JSON file into a plan: workshops from events
    (one workshop per slug for our own files, per talk for pretalx and frab), people deduplicated
    by GUID (or by name where a file gives none)."""

    def __init__(
        self,
        *,
        format: str,
        generator: str,
        conference: ConferencePlan,
        tz: zoneinfo.ZoneInfo | None,
    ) -> None:
        self.plan = ProgramPlan(format=format, conference=conference)
        self.ours = generator == GENERATOR_NAME
        self.tz = tz
        self._rooms: dict[object, RoomPlan] = {}
        self._people: dict[object, PersonPlan] = {}
        self._workshops: dict[str, WorkshopPlan] = {}  # by our slug, or by foreign talk id
        self._workshop_slugs: set[str] = set()
        self._guids: dict[uuid.UUID, str] = {}
        self._agenda: dict[int, list[AgendaItemPlan]] = {}

    def room(
        self,
        name: str,
        guid: uuid.UUID | None,
        source: str,
        *,
        slug: str | None = None,
        capacity: int | None = None,
    ) -> RoomPlan | None:
        """The plan's room of this name and GUID (None for our "All rooms" stand-in)."""
        if self.ours and is_stand_in_room(name, guid, self.plan.conference.slug):
            return None
        # A GUID tells rooms apart; without one, the name does.
        key: object = guid or ("name", name.casefold())
        room = self._rooms.get(key)
        if room is None:
            if not name.strip():
                raise ImportFileError(f"{source}: a room without a name.")
            room = RoomPlan(name=name, guid=guid, slug=slug, capacity=capacity, source=source)
            self._rooms[key] = room
            self.plan.rooms.append(room)
        return room

    def add_event(self, event: EventData) -> None:
        """Add an event as a workshop's slot or a plenary item; refuse a GUID used twice."""
        if event.guid in self._guids:
            raise ImportFileError(
                f"{event.source}: the GUID {event.guid} was already used by the event at "
                f"{self._guids[event.guid]}; every slot needs its own."
            )
        self._guids[event.guid] = event.source
        if not self.ours:  # our own files keep every space; others' pretty-printing does not
            event.title = event.title.strip()
            event.persons = [person._replace(name=person.name.strip()) for person in event.persons]
        if not event.title.strip():
            raise ImportFileError(f"{event.source}: an event without a title.")
        if event.end <= event.start:
            raise ImportFileError(f"{event.source}: “{event.title}” ends before it starts.")
        plenary = event.type.strip().lower() in _PLENARY_TYPES and not event.persons
        if event.room is None and not plenary:
            raise ImportFileError(
                f"{event.source}: “{event.title}” is in the {ALL_ROOMS_NAME} stand-in, which "
                "only holds plenary items."
            )
        slot = SlotPlan(
            start=event.start,
            end=event.end,
            room=event.room,
            guid=event.guid,
            source=event.source,
        )
        if plenary:
            slot.title = event.title
        else:
            slot.workshop = self._workshop(event)
            self._add_agenda(slot.workshop, event)
        self.plan.slots.append(slot)

    def build(self) -> ProgramPlan:
        """The plan, once every event is in."""
        for workshop in self.plan.workshops:
            workshop.agenda = self._agenda.get(id(workshop), [])
        return self.plan

    # Workshops and people ----------------------------------------------------------------

    def _workshop(self, event: EventData) -> WorkshopPlan:
        key, slug = self._workshop_key(event)
        organizers = [self._person(*person) for person in event.persons]
        found = self._workshops.get(key)
        if found is not None:
            if found.title != event.title or [id(p) for p in found.organizers] != [
                id(p) for p in organizers
            ]:
                raise ImportFileError(
                    f"{event.source}: this slot of the workshop “{found.slug}” gives another "
                    f"title or other organizers than its slot at {found.source}."
                )
            return found
        if self.ours:
            website = next(
                (link.address for link in event.links if link.title == "Workshop website"), ""
            )
            workshop = WorkshopPlan(
                slug=slug,
                title=event.title,
                organizers=organizers,
                status=_EVENT_STATUS,
                acronym=event.subtitle,
                abstract=event.abstract,
                website=website,
                source=event.source,
            )
        else:
            workshop = self._foreign_workshop(event, slug, organizers)
        if len(workshop.slug) > 100:
            raise ImportFileError(f"{event.source}: the workshop slug “{slug}” is too long.")
        self._workshops[key] = workshop
        self._workshop_slugs.add(workshop.slug)
        self.plan.workshops.append(workshop)
        return workshop

    def _workshop_key(self, event: EventData) -> tuple[str, str]:
        if self.ours:
            match = WORKSHOP_URL.search(event.url) or EVENT_SLUG.match(event.slug)
            if not match:
                raise ImportFileError(
                    f"{event.source}: “{event.title}” carries neither its workshop's address nor "
                    "a slug that names the workshop."
                )
            return match["slug"], match["slug"]
        key = event.ident or str(event.guid)
        if key in self._workshops:
            return key, self._workshops[key].slug
        base = slugify(event.title)[:80].strip("-") or "workshop"
        slug = base
        if slug in self._workshop_slugs:  # two talks of one title: the id tells them apart
            slug = f"{base}-{slugify(key) or len(self._workshops)}"[:100]
        return key, slug

    def _foreign_workshop(
        self, event: EventData, slug: str, organizers: list[PersonPlan]
    ) -> WorkshopPlan:
        # A talk has a subtitle, an abstract and a description; a workshop has only an
        # abstract (its acronym is no subtitle): all three go into it, nothing is dropped.
        parts = [f"*{event.subtitle.strip()}*"] if event.subtitle.strip() else []
        parts += [text.strip() for text in (event.abstract, event.description) if text.strip()]
        url = event.url.strip()
        return WorkshopPlan(
            slug=slug,
            title=event.title,
            organizers=organizers,
            status=_EVENT_STATUS,
            abstract="\n\n".join(dict.fromkeys(parts)),
            website=url if is_web_address(url) else None,
            source=event.source,
        )

    def _person(self, name: str, guid: uuid.UUID | None, where: str) -> PersonPlan:
        if not name.strip():
            raise ImportFileError(f"{where}: a person without a name.")
        key: object = guid or ("name", name)
        person = self._people.get(key)
        if person is None:
            person = PersonPlan(name=name, guid=guid, source=where)
            self._people[key] = person
            self.plan.people.append(person)
        elif person.name != name:
            raise ImportFileError(
                f"{where}: the person {guid} is called “{name}” here and “{person.name}” at "
                f"{person.source}."
            )
        return person

    def _add_agenda(self, workshop: WorkshopPlan, event: EventData) -> None:
        if not self.ours:
            return
        items = parse_agenda_text(event.description, event.start, event.end, self.tz)
        if items is None:
            self.plan.notes.append(
                f"{event.source}: the description of “{event.title}” is not an agenda of "
                "this site's exports; it was not imported."
            )
            return
        known = self._agenda.setdefault(id(workshop), [])
        seen = {(i.start, i.end, i.text) for i in known}
        known += [i for i in items if (i.start, i.end, i.text) not in seen]
