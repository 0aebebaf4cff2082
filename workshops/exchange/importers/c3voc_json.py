"""Read a c3voc schedule JSON (as our exporter and pretalx write it) into a ProgramPlan."""

from __future__ import annotations

import json
import math
import sys
from typing import Any
from zoneinfo import ZoneInfo

from workshops.exchange.exporters.base import GENERATOR_NAME
from workshops.exchange.importers.events import (
    EventData,
    EventLink,
    EventPerson,
    PlanBuilder,
)
from workshops.exchange.importers.plan import (
    ConferencePlan,
    ImportFileError,
    ProgramPlan,
    RoomPlan,
)
from workshops.exchange.importers.values import (
    conference_slug_from_acronym,
    conference_slug_from_urls,
    end_after,
    local_zone,
    parse_date,
    parse_datetime,
    parse_timezone,
    read_guid,
)
from workshops.models.fields import printable

FORMAT = "c3voc schedule JSON"


_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


def _kind(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _key(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _get(obj: dict, key: str, path: str, expected: type | tuple, *, required: bool = True) -> Any:
    """obj[key], checked against the type the schema gives it; None if optional and absent."""
    if key not in obj or (obj[key] is None and not required):
        if required:
            raise ImportFileError(f"{_key(path, key)}: missing (the schema requires it).")
        return None
    value = obj[key]
    wanted = expected if isinstance(expected, tuple) else (expected,)
    if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
        names = " or ".join(dict.fromkeys(_TYPE_NAMES.get(t, t.__name__) for t in wanted))
        raise ImportFileError(f"{_key(path, key)}: expected {names}, found {_kind(value)}.")
    return value


def _printable(node: Any) -> Any:
    """The document without what no text may hold, which JSON escapes can write ("\\u0000", a
    lone "\\ud800"): the program's fields would drop it anyway, and messages must not quote it."""
    if isinstance(node, str):
        return printable(node)
    if isinstance(node, list):
        return [_printable(value) for value in node]
    if isinstance(node, dict):
        return {printable(key): _printable(value) for key, value in node.items()}
    return node


class _Unreadable(str):
    """A number Python cannot hold as JSON wrote it: NaN or Infinity (which JSON does not
    allow), 1e400, or an integer of more digits than Python reads."""

    @property
    def problem(self) -> str:
        if self in ("NaN", "Infinity", "-Infinity"):
            return f"{self} is not a number that JSON allows."
        if self.lstrip("-").isdigit():
            return (
                f"a whole number of {len(self.lstrip('-'))} digits, more than the "
                f"{sys.get_int_max_str_digits()} that can be read."
            )
        return f"the number {self} is too large to be read."


def _loads(text: str) -> Any:
    """The JSON document; a number it cannot hold is an error at its JSON path."""
    unreadable: list[_Unreadable] = []

    def keep(text: str) -> _Unreadable:
        unreadable.append(_Unreadable(text))
        return unreadable[-1]

    def whole(text: str) -> int | _Unreadable:
        try:
            return int(text)
        except ValueError:  # past sys.get_int_max_str_digits()
            return keep(text)

    def real(text: str) -> float | _Unreadable:
        number = float(text)
        return number if math.isfinite(number) else keep(text)

    document = json.loads(text, parse_int=whole, parse_float=real, parse_constant=keep)
    if unreadable:
        raise ImportFileError(f"{_path_of(document, unreadable[0])}: {unreadable[0].problem}")
    return document


def _path_of(node: Any, target: Any, path: str = "") -> str | None:
    """The JSON path of `target` (the very object) inside `node`."""
    if node is target:
        return path or "(top level)"
    if isinstance(node, dict):
        children = ((printable(key), value) for key, value in node.items())
    else:
        children = enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        found = _path_of(value, target, _key(path, key))
        if found is not None:
            return found
    return None


def parse_c3voc_json(content: bytes) -> ProgramPlan:
    """A c3voc schedule.json as a plan; ImportFileError names the JSON path (or line) at fault."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"line {line}: the file is not UTF-8 text (byte 0x{content[error.start]:02x})."
        ) from None
    try:
        document = _printable(_loads(text))
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"line {error.lineno}, column {error.colno}: this is not valid JSON: {error.msg}."
        ) from None
    if not isinstance(document, dict):
        raise ImportFileError(f"(top level): expected an object, found {_kind(document)}.")
    schedule = _get(document, "schedule", "", dict)
    generator = _get(document, "generator", "", dict, required=False) or {}
    generator_name = generator.get("name") if isinstance(generator.get("name"), str) else ""
    element = _get(schedule, "conference", "schedule", dict)
    path = "schedule.conference"
    conference = _conference(schedule, element, generator_name)
    tz = local_zone(conference.timezone)
    builder = PlanBuilder(format=FORMAT, generator=generator_name, conference=conference, tz=tz)
    rooms = _rooms(builder, element, path)
    days = _get(element, "days", path, list)
    dates = []
    for index, day in enumerate(days):
        day_path = _key(_key(path, "days"), index)
        if not isinstance(day, dict):
            raise ImportFileError(f"{day_path}: expected an object, found {_kind(day)}.")
        dates.append(parse_date(_get(day, "date", day_path, str), _key(day_path, "date")))
        day_rooms = _get(day, "rooms", day_path, dict)
        for name, events in day_rooms.items():
            room_path = _key(_key(day_path, "rooms"), name)
            if not isinstance(events, list):
                raise ImportFileError(f"{room_path}: expected a list, found {_kind(events)}.")
            room = rooms.get(name, ...)
            if room is ...:
                try:
                    room = builder.room(name, None, room_path)
                except ImportFileError as error:
                    builder.plan.stop(error)
                    continue
                rooms[name] = room
            for number, event in enumerate(events):
                event_path = _key(room_path, number)
                try:
                    builder.add_event(_event(event, event_path, room, builder.plan, tz))
                except ImportFileError as error:  # listed; the other events are read on
                    builder.plan.stop(error)
    plan = builder.build()
    if plan.conference.start_date is None and dates:
        plan.conference.start_date = min(dates)
    if plan.conference.end_date is None and dates:
        plan.conference.end_date = max(dates)
    return plan


def _conference(schedule: dict, element: dict, generator: str) -> ConferencePlan:
    """schedule.conference; our own files name their conference in their addresses."""
    path = "schedule.conference"
    acronym = _get(element, "acronym", path, str, required=False) or ""
    ours = generator == GENERATOR_NAME
    slug = ""
    if ours:
        slug = conference_slug_from_urls(
            _get(schedule, "url", "schedule", str, required=False),
            _get(element, "url", path, str, required=False),
        )
    title = _get(element, "title", path, str)
    plan = ConferencePlan(
        slug=slug or conference_slug_from_acronym(acronym),
        name=title if ours else title.strip(),
        source=path,
    )
    for key in ("start", "end"):
        value = _get(element, key, path, str, required=False)
        if value:
            setattr(plan, f"{key}_date", parse_date(value, _key(path, key), f"conference {key}"))
    zone = _get(element, "time_zone_name", path, str, required=False)
    if zone:
        plan.timezone = parse_timezone(zone, _key(path, "time_zone_name"))
    return plan


def _rooms(builder: PlanBuilder, element: dict, path: str) -> dict[str, RoomPlan | None]:
    """The rooms listed under conference.rooms, by name (in their order)."""
    rooms: dict[str, RoomPlan | None] = {}
    listed = _get(element, "rooms", path, list, required=False) or []
    for index, room in enumerate(listed):
        room_path = _key(_key(path, "rooms"), index)
        if not isinstance(room, dict):
            raise ImportFileError(f"{room_path}: expected an object, found {_kind(room)}.")
        name = _get(room, "name", room_path, str)
        guid_text = _get(room, "guid", room_path, str, required=False)
        capacity = _get(room, "capacity", room_path, (int, float), required=False)
        if capacity is not None and (capacity < 0 or capacity != int(capacity)):
            raise ImportFileError(
                f"{_key(room_path, 'capacity')}: expected a whole number of seats, "
                f"found {capacity}."
            )
        rooms[name] = builder.room(
            name,
            read_guid(guid_text, _key(room_path, "guid"), builder.plan) if guid_text else None,
            room_path,
            slug=_get(room, "slug", room_path, str, required=False),
            capacity=int(capacity) if capacity is not None else None,
        )
    return rooms


def _event(
    event: Any, path: str, room: RoomPlan | None, plan: ProgramPlan, tz: ZoneInfo | None
) -> EventData:
    """One event object, read and checked against the schema's types."""
    if not isinstance(event, dict):
        raise ImportFileError(f"{path}: expected an object, found {_kind(event)}.")
    title = _get(event, "title", path, str)
    start = parse_datetime(_get(event, "date", path, str), _key(path, "date"), tz)
    end_text = _get(event, "end", path, str, required=False)
    if end_text:
        end = parse_datetime(end_text, _key(path, "end"), tz)
    else:
        end = end_after(start, _get(event, "duration", path, str), _key(path, "duration"))
    guid = read_guid(_get(event, "guid", path, str), _key(path, "guid"), plan)
    ident = _get(event, "code", path, str, required=False)
    if not ident:
        number = _get(event, "id", path, int, required=False)
        ident = str(number) if number is not None else ""
    persons = []
    for index, person in enumerate(_get(event, "persons", path, list, required=False) or []):
        person_path = _key(_key(path, "persons"), index)
        if not isinstance(person, dict):
            raise ImportFileError(f"{person_path}: expected an object, found {_kind(person)}.")
        name = _get(person, "name", person_path, str, required=False)
        if name is None:
            name = _get(person, "public_name", person_path, str, required=False)
        if name is None:
            raise ImportFileError(f"{person_path}: a person needs a name (or public_name).")
        guid_text = _get(person, "guid", person_path, str, required=False)
        person_guid = read_guid(guid_text, _key(person_path, "guid"), plan) if guid_text else None
        persons.append(EventPerson(name, person_guid, person_path))
    links = []
    for index, link in enumerate(_get(event, "links", path, list, required=False) or []):
        link_path = _key(_key(path, "links"), index)
        if not isinstance(link, dict):
            raise ImportFileError(f"{link_path}: expected an object, found {_kind(link)}.")
        links.append(
            EventLink(
                _get(link, "url", link_path, str),
                _get(link, "title", link_path, str, required=False) or "",
            )
        )
    return EventData(
        source=path,
        guid=guid,
        ident=ident,
        room=room,
        start=start,
        end=end,
        title=title,
        subtitle=_get(event, "subtitle", path, str, required=False) or "",
        type=_get(event, "type", path, str, required=False) or "",
        abstract=_get(event, "abstract", path, str, required=False) or "",
        description=_get(event, "description", path, str, required=False) or "",
        slug=_get(event, "slug", path, str, required=False) or "",
        url=_get(event, "url", path, str, required=False) or "",
        persons=persons,
        links=links,
    )
