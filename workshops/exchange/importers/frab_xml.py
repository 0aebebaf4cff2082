"""Read a frab schedule XML (as our exporter, pretalx and frab write it) into a ProgramPlan."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from zoneinfo import ZoneInfo

from lxml import etree

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
    is_web_address,
    local_zone,
    parse_clock,
    parse_date,
    parse_datetime,
    parse_timezone,
    read_guid,
)

FORMAT = "frab schedule XML"
# Events without a GUID (pentabarf, FOSDEM) get one derived from the conference and the id,
# so that importing the same file again finds them.
_DERIVED_GUIDS = uuid.UUID("0f3f5d49-9a43-4c1e-a6f2-51f0d7f3b1c2")


def _parser() -> etree.XMLParser:
    # No entities, no DTD, no network: a schedule needs none of them (and XXE needs all).
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


def _at(element: etree._Element) -> str:
    return f"line {element.sourceline}, <{element.tag}>"


def _text(parent: etree._Element, tag: str) -> str | None:
    """The text of a child element ("" when empty), or None when there is no such child."""
    child = parent.find(tag)
    if child is None:
        return None
    return child.text or ""


def _required(parent: etree._Element, tag: str, what: str = "") -> str:
    value = _text(parent, tag)
    if value is None:
        label = f" of “{what}”" if what else ""
        raise ImportFileError(f"{_at(parent)}{label}: the element <{tag}> is missing.")
    return value


def parse_frab_xml(content: bytes) -> ProgramPlan:
    """A frab schedule XML file as a plan; ImportFileError names the line and element at fault."""
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        problem = re.sub(r", line \d+, column \d+$", "", error.msg or "unreadable")
        raise ImportFileError(f"line {line}: this is not well-formed XML: {problem}.") from None
    if root.getroottree().docinfo.doctype:
        raise ImportFileError("line 1: a schedule must not carry a DTD.")
    if root.tag != "schedule":
        raise ImportFileError(
            f"{_at(root)}: the document is a <{root.tag}>, not a frab <schedule>."
        )
    element = root.find("conference")
    if element is None:
        raise ImportFileError(f"{_at(root)}: the element <conference> is missing.")
    generator = root.find("generator")
    generator_name = generator.get("name", "") if generator is not None else ""
    conference = _conference(root, element, generator_name)
    tz = local_zone(conference.timezone)
    builder = PlanBuilder(format=FORMAT, generator=generator_name, conference=conference, tz=tz)
    days = root.findall("day")
    if not days:
        raise ImportFileError(f"{_at(root)}: the schedule has no <day>.")
    for day in days:
        try:
            day_date = _day_date(day)
        except ImportFileError as error:
            builder.plan.stop(error)
            continue
        for room_element in day.findall("room"):
            try:
                room = _room(builder, room_element)
            except ImportFileError as error:
                builder.plan.stop(error)
                continue
            for event in room_element.findall("event"):
                try:
                    builder.add_event(_event(event, room, day_date, builder.plan, tz))
                except ImportFileError as error:  # listed; the other events are read on
                    builder.plan.stop(error)
    plan = builder.build()
    _fill_dates(plan, days)
    return plan


def _conference(root: etree._Element, element: etree._Element, generator: str) -> ConferencePlan:
    """The <conference>; our own files name their conference in their addresses."""
    acronym = (_text(element, "acronym") or "").strip()
    ours = generator == GENERATOR_NAME
    slug = ""
    if ours:
        slug = conference_slug_from_urls(_text(root, "url"), _text(element, "base_url"))
    slug = slug or conference_slug_from_acronym(acronym)
    plan = ConferencePlan(slug=slug, source=_at(element))
    title = _text(element, "title")
    plan.name = title.strip() if title is not None and not ours else title
    for tag in ("start", "end"):
        value = _text(element, tag)
        if value and value.strip():
            child = element.find(tag)
            setattr(plan, f"{tag}_date", parse_date(value, _at(child), f"conference {tag}"))
    zone = _text(element, "time_zone_name")
    if zone and zone.strip():
        plan.timezone = parse_timezone(zone, _at(element.find("time_zone_name")))
    url = (_text(element, "url") or "").strip()
    if ours or is_web_address(url):
        plan.website = url if is_web_address(url) else ""
    return plan


def _room(builder: PlanBuilder, element: etree._Element) -> RoomPlan | None:
    name = element.get("name")
    if name is None:
        raise ImportFileError(f"{_at(element)}: the attribute name is missing.")
    guid = element.get("guid")
    where = _at(element)
    return builder.room(
        name, read_guid(guid, where, builder.plan) if guid is not None else None, where
    )


def _day_date(day: etree._Element) -> dt.date | None:
    value = day.get("date")
    return parse_date(value, _at(day), "day's date") if value else None


def _event(
    element: etree._Element,
    room: RoomPlan | None,
    day_date: dt.date | None,
    plan: ProgramPlan,
    tz: ZoneInfo | None,
) -> EventData:
    """One <event>, read; its start from <date>, or from the day's date and <start>."""
    where = _at(element)
    title = _required(element, "title")
    where_named = f"{where} “{title}”"
    start = _start(element, day_date, tz, where_named)
    end_text = _text(element, "end")
    if end_text and end_text.strip():
        end = parse_datetime(end_text, f"{where_named}, <end>", tz)
    else:
        duration = _required(element, "duration", title)
        # An empty duration is an event of no length (frab writes 00:00 for it).
        end = end_after(start, duration, where_named) if duration.strip() else start
    ident = element.get("code") or element.get("id") or ""
    guid_text = element.get("guid")
    if guid_text is not None:
        guid = read_guid(guid_text, where_named, plan)
    else:
        room_name = room.name if room is not None else ""
        guid = uuid.uuid5(
            _DERIVED_GUIDS, f"{plan.conference.slug}/{ident or title}/{start}/{room_name}"
        )
    persons = []
    for person in element.iterfind("persons/person"):
        person_guid = person.get("guid")
        persons.append(
            EventPerson(
                person.text or "",
                read_guid(person_guid, _at(person), plan) if person_guid else None,
                _at(person),
            )
        )
    links = [
        EventLink(link.get("href", ""), link.text or "") for link in element.iterfind("links/link")
    ]
    return EventData(
        source=where,
        guid=guid,
        ident=ident,
        room=room,
        start=start,
        end=end,
        title=title,
        subtitle=_text(element, "subtitle") or "",
        type=_text(element, "type") or "",
        abstract=_text(element, "abstract") or "",
        description=_text(element, "description") or "",
        slug=(_text(element, "slug") or "").strip(),
        url=(_text(element, "url") or "").strip(),
        persons=persons,
        links=links,
    )


def _start(
    element: etree._Element, day_date: dt.date | None, tz: ZoneInfo | None, where: str
) -> dt.datetime:
    date_text = _text(element, "date")
    if date_text and date_text.strip():
        return parse_datetime(date_text, f"{where}, <date>", tz)
    clock_text = _text(element, "start")
    if clock_text is None or day_date is None:
        raise ImportFileError(f"{where}: the element <date> is missing.")
    clock = parse_clock(clock_text, f"{where}, <start>", "start")
    moment = dt.datetime.combine(day_date, clock)
    return moment.replace(tzinfo=tz) if tz is not None else moment


def _fill_dates(plan: ProgramPlan, days: list[etree._Element]) -> None:
    """A conference without <start>/<end> runs from its first day to its last."""
    dates = [d for d in (_day_date(day) for day in days) if d is not None]
    if plan.conference.start_date is None and dates:
        plan.conference.start_date = min(dates)
    if plan.conference.end_date is None and dates:
        plan.conference.end_date = max(dates)
