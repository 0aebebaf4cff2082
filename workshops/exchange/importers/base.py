"""What every importer shares: the plan a file turns into, and the reading of schedule events.

A parser reads one format into a ProgramPlan, a neutral picture of the program that the file
describes; it never touches the database. services.program_import applies a plan.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from workshops.exchange.exporters.base import GENERATOR_NAME
from workshops.program.bundle import _ALL_ROOMS_NAMESPACE, ALL_ROOMS_NAME


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
    organizers: list[PersonPlan]
    status: str = "published"
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


# Reading values ------------------------------------------------------------------------------

_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$")
_DURATION = re.compile(r"^(?:(\d+):)?(\d+):([0-5]\d)(?::([0-5]\d))?$")
_URL = URLValidator(schemes=["http", "https"])
# Our exporters' addresses: /<conference>/export/<format>, /<conference>/workshops/<slug>/.
_EXPORT_URL = re.compile(r"/(?P<conference>[^/]+)/export/[^/]+$")
_PROGRAM_URL = re.compile(r"/(?P<conference>[^/]+)/?$")
_WORKSHOP_URL = re.compile(r"/(?P<conference>[^/]+)/workshops/(?P<slug>[^/]+)/?$")
# Our event slugs: <acronym>-<slot id>-<workshop slug>.
_EVENT_SLUG = re.compile(r"^[a-z0-9_]+-\d+-(?P<slug>.+)$")
# One line of our agenda text: "08:10–08:55 Invited talk: Name (Affiliation); Other Name".
_AGENDA_LINE = re.compile(r"^(\d{2}):(\d{2})–(\d{2}):(\d{2}) (.*)$")


def parse_uuid(value: str, where: str, what: str = "GUID") -> uuid.UUID:
    """A UUID, or an error naming where the bad value was."""
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise ImportFileError(f"{where}: the {what} “{value}” is not a UUID.") from None


def parse_timezone(value: str, where: str) -> str:
    """An IANA time zone name, or an error."""
    name = value.strip()
    if name not in zoneinfo.available_timezones():
        raise ImportFileError(
            f"{where}: “{value}” is not an IANA time zone name (such as Europe/Berlin)."
        )
    return name


def parse_date(value: str, where: str, what: str = "date") -> dt.date:
    """A date written as 2023-06-08 (a date-time's date counts too)."""
    text = value.strip()
    try:
        if len(text) > 10:
            return dt.datetime.fromisoformat(text).date()
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ImportFileError(
            f"{where}: the {what} “{value}” is not a date (YYYY-MM-DD)."
        ) from None


def parse_datetime(value: str, where: str, tz: zoneinfo.ZoneInfo | None) -> dt.datetime:
    """An ISO date-time; one without an offset is read in `tz` (or left naive: venue time)."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ImportFileError(
            f"{where}: “{value}” is not a date and time (such as 2023-06-08T08:00:00-04:00)."
        ) from None
    if moment.tzinfo is None and tz is not None:
        moment = moment.replace(tzinfo=tz)
    return moment


def parse_clock(value: str, where: str, what: str = "time") -> dt.time:
    """A time of day written as 08:00 (or 8:00, or 08:00:00)."""
    match = _CLOCK.match(value.strip())
    if not match or int(match[1]) > 23:
        raise ImportFileError(f"{where}: the {what} “{value}” is not a time of day (HH:MM).")
    return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))


def parse_duration(value: str, where: str) -> dt.timedelta:
    """A duration written as 01:30 (or 1:01:30 with days, or 01:30:00 with seconds)."""
    text = value.strip()
    match = _DURATION.match(text)
    if not match:
        raise ImportFileError(f"{where}: the duration “{value}” is not hours and minutes (HH:MM).")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if text.count(":") == 2 and match[4] is None:  # "HH:MM:SS": hours, minutes, seconds
        days, hours, minutes, seconds = 0, days, hours, minutes
    return dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def is_web_address(value: str) -> bool:
    """Whether the value is an http(s) address that a URLField accepts."""
    try:
        _URL(value)
    except ValidationError:
        return False
    return True


def conference_slug_from_urls(*urls: str | None) -> str:
    """The conference slug in our own export or program address, if one of them is ours."""
    for url in urls:
        if not url:
            continue
        match = _EXPORT_URL.search(url) or _WORKSHOP_URL.search(url) or _PROGRAM_URL.search(url)
        if match:
            return match["conference"]
    return ""


def conference_slug_from_acronym(acronym: str) -> str:
    """A conference slug from a schedule acronym: mlsys_2023 → mlsys-2023, democon → democon."""
    return slugify(acronym.replace("_", "-"))[:60].strip("-")


def stand_in_room_guid(conference_slug: str) -> uuid.UUID:
    """The GUID our exporters give the "All rooms" stand-in of plenary items without a room."""
    return uuid.uuid5(_ALL_ROOMS_NAMESPACE, conference_slug)


def is_stand_in_room(name: str, guid: uuid.UUID | None, conference_slug: str) -> bool:
    """Whether a room of our own export is the "All rooms" stand-in, not a room."""
    if guid is not None:
        return bool(conference_slug) and guid == stand_in_room_guid(conference_slug)
    return name == ALL_ROOMS_NAME


def local_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone of a checked IANA name, or None when the file names none."""
    return zoneinfo.ZoneInfo(name) if name else None


def parse_agenda_text(
    text: str, slot_start: dt.datetime, slot_end: dt.datetime, tz: dt.tzinfo | None
) -> list[AgendaItemPlan] | None:
    """Our exporters' agenda lines back into items, placed inside the slot; None if the text is
    not such an agenda."""
    if not text.strip():
        return []
    if tz is None:
        tz = slot_start.tzinfo
    items = []
    for line in text.split("\n"):
        match = _AGENDA_LINE.match(line)
        if not match:
            return None
        start_clock = dt.time(int(match[1]), int(match[2])) if int(match[1]) < 24 else None
        end_clock = dt.time(int(match[3]), int(match[4])) if int(match[3]) < 24 else None
        if start_clock is None or end_clock is None:
            return None
        start = _instant_in(start_clock, slot_start, slot_end, tz, after=None)
        end = _instant_in(end_clock, slot_start, slot_end, tz, after=start)
        if start is None or end is None:
            return None
        rest = match[5]
        title, _, speakers = rest.partition(": ")
        items.append(
            AgendaItemPlan(
                start=start,
                end=end,
                title=title,
                speakers="\n".join(speakers.split("; ")) if speakers else "",
                text=rest,
            )
        )
    return items


def _instant_in(
    clock: dt.time,
    slot_start: dt.datetime,
    slot_end: dt.datetime,
    tz: dt.tzinfo | None,
    *,
    after: dt.datetime | None,
) -> dt.datetime | None:
    """The earliest moment with this local clock time inside the slot (and after `after`): the
    agenda writes only HH:MM, so its date and, on a night the clocks go back, its fold are
    those that put it inside its slot."""
    if slot_start.tzinfo is None:  # venue time, naive: no folds to choose from
        day = slot_start.date()
        candidates = [
            dt.datetime.combine(day + dt.timedelta(days=n), clock)
            for n in range((slot_end.date() - day).days + 1)
        ]
    else:
        first = slot_start.astimezone(tz).date()
        last = slot_end.astimezone(tz).date()
        candidates = [
            dt.datetime.combine(first + dt.timedelta(days=n), clock, tzinfo=tz).replace(fold=fold)
            for n in range((last - first).days + 1)
            for fold in (0, 1)
        ]
    # Compared in UTC: Python ignores `fold` between two times of the same zone.
    inside = [
        moment
        for moment in candidates
        if _exists(moment)  # not in the hour skipped in spring
        and _utc(slot_start) <= _utc(moment) <= _utc(slot_end)
        and (after is None or _utc(moment) > _utc(after))
    ]
    return min(inside, key=_utc, default=None)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment


def _exists(moment: dt.datetime) -> bool:
    if moment.tzinfo is None:
        return True
    round_trip = moment.astimezone(dt.UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


# Schedule events (frab XML and c3voc JSON share them) ---------------------------------------


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
    persons: list[tuple[str, uuid.UUID | None, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (address, title)


_PLENARY_TYPES = {"plenary", "break", "pause", "lunch"}


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
            event.persons = [(name.strip(), guid, where) for name, guid, where in event.persons]
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
        organizers = [self._person(name, guid, where) for name, guid, where in event.persons]
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
            website = next((url for url, title in event.links if title == "Workshop website"), "")
            workshop = WorkshopPlan(
                slug=slug,
                title=event.title,
                organizers=organizers,
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
            match = _WORKSHOP_URL.search(event.url) or _EVENT_SLUG.match(event.slug)
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
