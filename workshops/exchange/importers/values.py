"""Reading the values of a file: GUIDs, time zones, dates, times, durations and our addresses."""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from workshops.exchange.importers.plan import CHANGED, ImportFileError, ProgramPlan
from workshops.models.conference import FIRST_YEAR, LAST_YEAR
from workshops.models.fields import one_line
from workshops.program.bundle import _ALL_ROOMS_NAMESPACE, ALL_ROOMS_NAME

_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$")
_DURATION = re.compile(r"^(?:(\d+):)?(\d+):([0-5]\d)(?::([0-5]\d))?$")
_URL = URLValidator(schemes=["http", "https"])
# Our exporters' addresses: /<conference>/export/<format>, /<conference>/workshops/<slug>/.
_EXPORT_URL = re.compile(r"/(?P<conference>[^/]+)/export/[^/]+$")
_PROGRAM_URL = re.compile(r"/(?P<conference>[^/]+)/?$")
WORKSHOP_URL = re.compile(r"/(?P<conference>[^/]+)/workshops/(?P<slug>[^/]+)/?$")
# Our event slugs: <acronym>-<slot id>-<workshop slug>.
EVENT_SLUG = re.compile(r"^[a-z0-9_]+-\d+-(?P<slug>.+)$")


def parse_uuid(value: str, where: str, what: str = "GUID") -> uuid.UUID:
    """A UUID, or an error naming where the bad value was."""
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        raise ImportFileError(f"{where}: the {what} “{value}” is not a UUID.") from None


# GUIDs derived from a file's GUIDs that are no UUIDs (frab wrote 22-character base64 ones).
_FOREIGN_GUIDS = uuid.UUID("6b1f9f53-3c0e-4d4e-9b8e-2f4b8c1d7a65")


def read_guid(value: str, where: str, plan: ProgramPlan, what: str = "GUID") -> uuid.UUID:
    """The GUID as a UUID; one that is no UUID gives a stable UUID derived from it (the same
    on every import of the file), said in the plan's problems."""
    try:
        return uuid.UUID(value.strip())
    except (ValueError, AttributeError):
        derived = uuid.uuid5(_FOREIGN_GUIDS, value.strip())
        plan.problem(
            CHANGED,
            where,
            f"the {what} “{value}” is not a UUID; it was read as {derived}, derived from it "
            "(the same GUID gives the same UUID on every import).",
        )
        return derived


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
        day = (
            dt.datetime.fromisoformat(text).date()
            if len(text) > 10
            else dt.date.fromisoformat(text)
        )
    except ValueError:
        raise ImportFileError(
            f"{where}: the {what} “{value}” is not a date (YYYY-MM-DD)."
        ) from None
    return _plausible(day, where, f"the {what} “{value}”")


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
    return _plausible(moment, where, f"“{value}”")


def _plausible[T: dt.date](moment: T, where: str, what: str) -> T:
    """The date or date-time, if it lies in a year a conference may have: beyond them, time
    zones and durations would run past what Python's dates can hold."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ImportFileError(
            f"{where}: {what} lies outside the years {FIRST_YEAR} to {LAST_YEAR}."
        )
    return moment


def parse_clock(value: str, where: str, what: str = "time") -> dt.time:
    """A time of day written as 08:00 (or 8:00, or 08:00:00)."""
    match = _CLOCK.match(value.strip())
    if not match or int(match[1]) > 23:
        raise ImportFileError(f"{where}: the {what} “{value}” is not a time of day (HH:MM).")
    return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))


def _parse_duration(value: str, where: str) -> dt.timedelta:
    """A duration written as 01:30 (or 1:01:30 with days, or 01:30:00 with seconds)."""
    text = value.strip()
    match = _DURATION.match(text)
    if not match:
        raise ImportFileError(f"{where}: the duration “{value}” is not hours and minutes (HH:MM).")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if text.count(":") == 2 and match[4] is None:  # "HH:MM:SS": hours, minutes, seconds
        days, hours, minutes, seconds = 0, days, hours, minutes
    try:
        return dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:
        raise ImportFileError(f"{where}: the duration “{value}” is too long.") from None


def end_after(start: dt.datetime, duration: str, where: str) -> dt.datetime:
    """The end of an event that starts at `start` and lasts `duration` (HH:MM)."""
    length = _parse_duration(duration, where)
    latest = start.replace(year=LAST_YEAR, month=12, day=31, hour=23, minute=59, second=59)
    if length > latest - start:
        raise ImportFileError(f"{where}: the duration “{duration}” runs past the year {LAST_YEAR}.")
    return start + length


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
        match = _EXPORT_URL.search(url) or WORKSHOP_URL.search(url) or _PROGRAM_URL.search(url)
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


# What the models hold; a web address may be as long as browsers take them.
WEBSITE_LENGTH = 2000
_ACRONYM_LENGTH = 30


def fit_fields(plan: ProgramPlan) -> None:
    """Make what does not fit the models fit, each change said in the plan's problems: an
    optional field too long is dropped, a title or name too long is shortened."""
    for workshop in plan.workshops:
        if workshop.website and len(workshop.website) > WEBSITE_LENGTH:
            plan.problem(
                CHANGED,
                workshop.source,
                f"the web address of “{workshop.title}” has {len(workshop.website)} characters, "
                f"more than {WEBSITE_LENGTH}; it was left out.",
            )
            workshop.website = ""
        if workshop.acronym and len(workshop.acronym) > _ACRONYM_LENGTH:
            plan.problem(
                CHANGED,
                workshop.source,
                f"the acronym “{workshop.acronym}” of “{workshop.title}” is longer than "
                f"{_ACRONYM_LENGTH} characters; it was left out.",
            )
            workshop.acronym = ""
        workshop.title = _shortened(plan, workshop.title, 300, workshop.source)
        for item in workshop.agenda:
            item.title = _shortened(plan, item.title, 300, item.source or workshop.source)
    for slot in plan.slots:
        slot.title = _shortened(plan, slot.title, 200, slot.source)
    for room in plan.rooms:
        room.name = _shortened(plan, room.name, 100, room.source)
    for person in plan.people:
        person.name = _shortened(plan, person.name, 200, person.source)


def _shortened(plan: ProgramPlan, text: str, limit: int, where: str) -> str:
    if len(text) <= limit:
        return text
    short = text[: limit - 1].rstrip() + "…"
    plan.problem(CHANGED, where, f"“{short}” is longer than {limit} characters; it was shortened.")
    return short


_LISTED_ZONES = 5  # how many fitting zones a message names


def _zone_order(name: str) -> tuple[int, str]:
    """Where most conferences are first: Europe, the Americas, Asia, then the rest."""
    areas = ("Europe/", "America/", "Asia/")
    return next((i for i, area in enumerate(areas) if name.startswith(area)), len(areas)), name


def zones_fitting(plan: ProgramPlan) -> list[str]:
    """A few IANA zones whose offsets at the plan's times are the file's own (the times carry
    offsets but the file names no zone): a suggestion to choose from, never taken unasked."""
    moments = {slot.start for slot in plan.slots if slot.start.tzinfo is not None}
    if not moments:
        return []
    samples = {(moment.utcoffset(), moment.replace(tzinfo=dt.UTC) - moment.utcoffset())
               for moment in moments}  # fmt: skip
    fitting = [
        name
        for name in sorted(zoneinfo.available_timezones(), key=_zone_order)
        if "/" in name
        and not name.startswith(("Etc/", "SystemV/", "US/"))
        and all(
            instant.astimezone(zoneinfo.ZoneInfo(name)).utcoffset() == offset
            for offset, instant in samples
        )
    ]
    return fitting[:_LISTED_ZONES]


def fold_names(plan: ProgramPlan) -> None:
    """Put every name and title of the plan on one line, as the models hold them: a file's
    line breaks there become spaces, each fold noted in the plan for the report."""
    named: list[tuple[object, str, str, str]] = [
        (plan.conference, "name", "conference name", plan.conference.source),
        *((room, "name", "room name", room.source) for room in plan.rooms),
        *((person, "name", "organizer name", person.source) for person in plan.people),
        *((slot, "title", "plenary item title", slot.source) for slot in plan.slots),
    ]
    for workshop in plan.workshops:
        named += [
            (workshop, "title", "workshop title", workshop.source),
            (workshop, "acronym", "workshop acronym", workshop.source),
            *(
                (person, "name", "organizer name", workshop.source)
                for person in workshop.organizers or ()  # None: the file leaves them as they are
            ),
            *((item, "title", "agenda item title", workshop.source) for item in workshop.agenda),
        ]
    for obj, attribute, what, source in named:
        value = getattr(obj, attribute)
        if not value or one_line(value) == value:
            continue
        setattr(obj, attribute, one_line(value))
        where = f" ({source})" if source else ""
        plan.notes.append(
            f"The {what} “{one_line(value)}”{where} ran over several lines; "
            "it was read as one line."
        )
