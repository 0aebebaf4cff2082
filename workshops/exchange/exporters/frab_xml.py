"""frab/pentabarf schedule.xml, as conference apps (Giggity, EventFahrplan) and signage read it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from workshops.exchange.exporters import register
from workshops.exchange.exporters.base import (
    AGENDA_EVENT_TYPE,
    GENERATOR_NAME,
    GENERATOR_VERSION,
    Exporter,
    Program,
    agenda_event_id,
    as_uri,
    hours_minutes,
)
from workshops.models import AgendaItem, TimeSlot

SCHEMA_LOCATION = "https://c3voc.de/schedule/schema.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Characters XML 1.0 forbids even when escaped: a pasted form feed must not break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _add(parent: ET.Element, tag: str, text: object = "", **attributes: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    element.text = _text(text)
    return element


@register
class FrabXmlExporter(Exporter):
    """The frab schedule XML, valid against the c3voc XSD, with <conference> near the top."""

    identifier = "schedule.xml"
    label = "Schedule XML (frab)"
    description = (
        "Conference apps such as Giggity and EventFahrplan, and digital signage, "
        "read this frab schedule, the same format pretalx and frab publish."
    )
    extension = "xml"
    content_type = "application/xml; charset=utf-8"

    def render(self, program: Program) -> bytes:
        ET.register_namespace("xsi", XSI)
        root = ET.Element("schedule", {f"{{{XSI}}}noNamespaceSchemaLocation": SCHEMA_LOCATION})
        ET.SubElement(root, "generator", name=GENERATOR_NAME, version=GENERATOR_VERSION)
        _add(root, "url", program.export_url(self.identifier))
        _add(root, "version", program.version)
        self._conference(root, program)
        seen: set[int] = set()  # agenda items already out as events
        for index, (day, slots) in enumerate(program.days(), start=1):
            start, end = program.day_bounds(day, slots)
            day_element = ET.SubElement(
                root,
                "day",
                index=str(index),
                date=day.isoformat(),
                start=start.isoformat(),
                end=end.isoformat(),
            )
            for room in program.export_rooms:
                room_element = _add(day_element, "room", name=room.name, guid=room.guid)
                # room.pk is None for the stand-in room, as room_id is for its plenary items.
                for slot in (s for s in slots if s.room_id == room.pk):
                    self._event(room_element, program, slot)
                    for item in program.agenda_once(slot, seen):
                        self._agenda_event(room_element, program, slot, item)
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    def _conference(self, root: ET.Element, program: Program) -> None:
        conference = program.conference
        element = ET.SubElement(root, "conference")
        _add(element, "acronym", program.acronym)
        _add(element, "title", conference.name)
        _add(element, "start", conference.start_date.isoformat())
        _add(element, "end", conference.end_date.isoformat())
        _add(element, "days", len(conference.days))
        _add(element, "timeslot_duration", "00:05")
        _add(element, "base_url", program.program_url)
        if conference.website.startswith(("http://", "https://")):
            _add(element, "url", as_uri(conference.website))
        _add(element, "time_zone_name", conference.timezone)
        for name, slug, colour in program.tracks():
            _add(element, "track", name=name, slug=slug, **({"color": colour} if colour else {}))

    def _event(self, parent: ET.Element, program: Program, slot: TimeSlot) -> None:
        kind, track = program.kind(slot)
        workshop = slot.workshop if slot.workshop_id else None
        start = program.local(slot.start)
        event = _add(parent, "event", id=slot.pk, guid=slot.guid)
        _add(event, "room", program.room_of(slot).name)
        _add(event, "title", program.title(slot))
        _add(event, "subtitle", workshop.acronym if workshop else "")
        _add(event, "type", kind)
        _add(event, "date", start.isoformat())
        _add(event, "start", f"{start:%H:%M}")
        _add(event, "duration", hours_minutes(slot.duration))
        _add(event, "abstract", workshop.abstract if workshop else "")
        _add(event, "slug", program.event_slug(slot))
        _add(event, "track", track)
        persons = ET.SubElement(event, "persons")
        for organizer in program.organizers(slot):
            _add(persons, "person", organizer.name, id=organizer.pk, guid=organizer.guid)
        _add(event, "description", program.agenda_text(slot))
        links = ET.SubElement(event, "links")
        if workshop and workshop.website:
            _add(links, "link", "Workshop website", href=as_uri(workshop.website))
        attachments = ET.SubElement(event, "attachments")
        for kind, title, url in program.links(slot):
            if kind == "slides":
                _add(attachments, "attachment", title, href=as_uri(url), type="slides")
            else:
                _add(links, "link", title, href=as_uri(url), type=kind)
        recordings = [url for kind, title, url in program.links(slot) if kind == "recording"]
        if len(recordings) == 1:  # the format has one recording per event
            recording = ET.SubElement(event, "recording")
            _add(recording, "license", "")
            _add(recording, "optout", "false")
            _add(recording, "link", as_uri(recordings[0]))
        _add(event, "url", program.slot_url(slot))

    def _agenda_event(
        self, parent: ET.Element, program: Program, slot: TimeSlot, item: AgendaItem
    ) -> None:
        """An agenda item as an event of its own inside its slot's time and room: what came in
        as an event goes out as one, with its GUID, title, times and speakers."""
        start = program.local(item.start)
        event = _add(parent, "event", id=agenda_event_id(item.pk), guid=item.guid)
        _add(event, "room", program.room_of(slot).name)
        _add(event, "title", item.title)
        _add(event, "subtitle", "")
        _add(event, "type", AGENDA_EVENT_TYPE)
        _add(event, "date", start.isoformat())
        _add(event, "start", f"{start:%H:%M}")
        _add(event, "duration", hours_minutes(item.end - item.start))
        _add(event, "abstract", "")
        _add(event, "slug", program.item_slug(item))
        _add(event, "track", program.kind(slot)[1])
        persons = ET.SubElement(event, "persons")
        for speaker in item.speaker_list:
            _add(persons, "person", speaker.name)
        _add(event, "description", "")
        ET.SubElement(event, "links")
        _add(event, "url", program.slot_url(slot))
