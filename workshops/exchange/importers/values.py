"""Reading the values of a file: GUIDs, time zones, dates, times, durations and our addresses."""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from workshops.exchange.importers.plan import ImportFileError, ProgramPlan
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
