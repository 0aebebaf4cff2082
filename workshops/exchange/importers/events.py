"""The events of a schedule file (frab XML and c3voc JSON share them), and their turning into a
plan: workshops from events, people deduplicated, agendas read back."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.text import slugify

from workshops.exchange.exporters.base import AGENDA_EVENT_TYPE, GENERATOR_NAME
from workshops.exchange.importers.agenda_text import parse_agenda_text
from workshops.exchange.importers.plan import (
    CHANGED,
    LEFT_OUT,
    AgendaItemPlan,
    Clash,
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


_SHORTEST = dt.timedelta(minutes=1)
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
        self._events: dict[int, EventData] = {}  # by id() of the slot
        self._agenda_items: set[int] = set()  # slots of events that are agenda items

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
        if not name.strip():
            raise ImportFileError(f"{source}: a room without a name.")
        # The name tells rooms apart, whatever its case: a merge of schedules names one room
        # "Saal 1" in one and "saal 1" in another, with GUIDs of their own.
        key = name.strip().casefold()
        room = self._rooms.get(key)
        if room is None:
            room = RoomPlan(name=name, guid=guid, slug=slug, capacity=capacity, source=source)
            self._rooms[key] = room
            self.plan.rooms.append(room)
        elif room.name != name or (guid and room.guid and guid != room.guid):
            self.plan.problem(
                CHANGED,
                source,
                f"the room “{name}” was taken as the room “{room.name}” of {room.source} "
                "(their names differ only in case, or their GUIDs differ).",
            )
        return room

    def add_event(self, event: EventData) -> None:
        """Add an event as a workshop's slot or a plenary item; what does not fit is listed in
        the plan's problems (an event that cannot be read at all stops the import)."""
        if not self.ours:  # our own files keep every space; others' pretty-printing does not
            event.title = event.title.strip()
            event.persons = [person._replace(name=person.name.strip()) for person in event.persons]
        if not event.title.strip():
            raise ImportFileError(f"{event.source}: an event without a title.")
        if event.end < event.start:
            raise ImportFileError(f"{event.source}: “{event.title}” ends before it starts.")
        if event.end == event.start:
            event.end = event.start + _SHORTEST
            self.plan.problem(
                CHANGED,
                event.source,
                f"“{event.title}” lasts no time (00:00); it was given one minute.",
            )
        if event.guid in self._guids:
            first = self._guids[event.guid]
            event.guid = uuid.uuid5(event.guid, event.source)
            self.plan.problem(
                CHANGED,
                event.source,
                f"“{event.title}” shares its GUID with the event at {first}; this slot got a "
                f"GUID of its own derived from it ({event.guid}), the same on every import.",
            )
        self._guids[event.guid] = event.source
        plenary = event.type.strip().lower() in _PLENARY_TYPES and not event.persons
        agenda_item = event.type == AGENDA_EVENT_TYPE and event.room is not None
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
        if plenary or agenda_item:  # an agenda item finds its workshop's slot when all are in
            slot.title = event.title
            if agenda_item:
                self._agenda_items.add(id(slot))
        else:
            slot.workshop = self._workshop(event)
            self._add_agenda(slot.workshop, event)
        self._events[id(slot)] = event
        self.plan.slots.append(slot)

    def build(self) -> ProgramPlan:
        """The plan, once every event is in: events inside another's time in the same room
        become its agenda items, exact duplicates are left out, and slots that overlap another
        only in part are listed as clashes."""
        self._place_in_rooms()
        for workshop in self.plan.workshops:
            workshop.agenda = self._agenda.get(id(workshop), []) + workshop.agenda
        return self.plan

    def _place_in_rooms(self) -> None:
        kept: dict[int, list[SlotPlan]] = {}  # by id() of the room, the slots that stay
        dropped: set[int] = set()
        # Longer first, and a slot before the agenda items of the same times that it holds.
        order = sorted(
            self.plan.slots,
            key=lambda s: (s.start, -s.end.timestamp(), id(s) in self._agenda_items),
        )
        for slot in order:
            if slot.room is None:
                continue
            placed = kept.setdefault(id(slot.room), [])
            overlapping = [o for o in placed if o.start < slot.end and slot.start < o.end]
            if not overlapping:
                placed.append(slot)
                continue
            other = overlapping[0]
            agenda_item = id(slot) in self._agenda_items
            if (other.start, other.end, other.label) == (
                slot.start,
                slot.end,
                slot.label,
            ) and not agenda_item:
                dropped.add(id(slot))
                self.plan.problem(
                    LEFT_OUT,
                    slot.source,
                    f"“{slot.label}” repeats the slot at {other.source} exactly; left out.",
                )
                continue
            inside = other.start <= slot.start and slot.end <= other.end
            nests = slot.workshop is not None or agenda_item
            if inside and other.workshop is not None and nests:
                dropped.add(id(slot))
                self._nest(slot, other)
                continue
            placeholder = not self._events[id(other)].persons and self._events[id(slot)].persons
            if placeholder:  # the placeholder gives way to the talk with speakers
                placed.remove(other)
                placed.append(slot)
                slot, other = other, slot
            dropped.add(id(slot))
            self.plan.clashes.append(
                Clash(slot, other, "a placeholder on" if placeholder else "overlapping")
            )
        self.plan.slots = [slot for slot in self.plan.slots if id(slot) not in dropped]
        scheduled = {id(slot.workshop) for slot in self.plan.slots if slot.workshop}
        clashing = {id(c.slot.workshop) for c in self.plan.clashes if c.slot.workshop}
        self.plan.workshops = [
            w for w in self.plan.workshops if id(w) in scheduled or id(w) in clashing
        ]
        used = {id(p) for w in self.plan.workshops for p in w.organizers or ()}
        self.plan.people = [person for person in self.plan.people if id(person) in used]

    def _nest(self, slot: SlotPlan, container: SlotPlan) -> None:
        """An event inside another's slot becomes an agenda item of that workshop."""
        event = self._events[id(slot)]
        names = [person.name for person in event.persons]
        item = AgendaItemPlan(
            start=slot.start,
            end=slot.end,
            title=event.title,
            speakers="\n".join(names),
            text=f"{event.title}: {'; '.join(names)}" if names else event.title,
            guid=slot.guid,
            source=slot.source,
        )
        assert container.workshop is not None
        if id(slot) in self._agenda_items:  # the file's own shape: one of its agenda items
            described = self._agenda.get(id(container.workshop), [])
            same = next(
                (
                    known
                    for known in described
                    if (known.start, known.end, known.title) == (item.start, item.end, item.title)
                    and known.guid is None
                ),
                None,
            )
            if same is not None:  # also in the description, with affiliations: keep that one
                same.guid = item.guid
            else:
                container.workshop.agenda.append(item)
            return
        container.workshop.agenda.append(item)
        self.plan.problem(
            CHANGED,
            slot.source,
            f"“{event.title}” lies inside “{container.label}” ({container.source}) in the same "
            "room: it became an agenda item of that slot, with its speakers.",
        )

    # Workshops and people ----------------------------------------------------------------

    def _workshop(self, event: EventData) -> WorkshopPlan:
        key, slug = self._workshop_key(event)
        organizers = [self._person(*person) for person in event.persons]
        found = self._workshops.get(key)
        if found is not None:
            same_people = [id(p) for p in found.organizers or ()] == [id(p) for p in organizers]
            if found.title == event.title and same_people:
                return found
            if self.ours:
                raise ImportFileError(
                    f"{event.source}: this slot of the workshop “{found.slug}” gives another "
                    f"title or other organizers than its slot at {found.source}."
                )
            # Merged schedules reuse ids: another title or other speakers is another talk.
            self.plan.problem(
                CHANGED,
                event.source,
                f"“{event.title}” has the id {key} of “{found.title}” ({found.source}) but "
                "another title or other speakers: they were kept apart as two workshops.",
            )
            key = f"{key}/{event.guid}"
            found = self._workshops.get(key)
            if found is not None:
                return found
            slug = self._free_slug(event, key)
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
        return key, self._free_slug(event, key)

    def _free_slug(self, event: EventData, key: str) -> str:
        base = slugify(event.title)[:80].strip("-") or "workshop"
        slug = base
        if slug in self._workshop_slugs:  # two talks of one title: the id tells them apart
            slug = f"{base}-{slugify(key)[:18] or len(self._workshops)}"[:100].strip("-")
        number = 1
        while slug in self._workshop_slugs:
            number += 1
            slug = f"{base}-{number}"
        return slug

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
        if not self.ours and guid is not None and guid in self._people:
            known = self._people[guid]
            if known.name != name:  # merged schedules: one GUID, names spelt two ways
                self.plan.problem(
                    CHANGED,
                    where,
                    f"the person {guid} is called “{name}” here and “{known.name}” at "
                    f"{known.source}; taken as “{known.name}”.",
                )
                return known
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
