"""The c3voc schedule.json (the frab/pretalx JSON), as apps and the C3VOC tools read it."""

from __future__ import annotations

import json
import re

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
from workshops.models import AgendaItem, Room, TimeSlot

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# The schema's patterns: a room slug, and the only time zone names it accepts.
_SLUG = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
_TIME_ZONE_NAME = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


@register
class C3vocJsonExporter(Exporter):
    """The c3voc schedule JSON, valid against its draft-06 schema (no keys it does not know)."""

    identifier = "schedule.json"
    label = "Schedule JSON (c3voc)"
    description = (
        "Schedule apps, web widgets and the C3VOC video tools read this JSON, "
        "the same schedule.json that pretalx publishes."
    )
    extension = "json"
    content_type = "application/json"

    def render(self, program: Program) -> str:
        document = {
            "$schema": SCHEMA_URL,
            "generator": {"name": GENERATOR_NAME, "version": GENERATOR_VERSION},
            "schedule": {
                "url": program.export_url(self.identifier),
                "version": program.version,
                "base_url": program.program_url,
                "conference": self._conference(program),
            },
        }
        # Compact: indented output goes through json's pure-Python encoder, much slower on a
        # large program, and larger; apps parse it, and browsers show it indented.
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"

    def _conference(self, program: Program) -> dict:
        conference = program.conference
        data: dict = {
            "acronym": program.acronym,
            "title": conference.name,
            "start": conference.start_date.isoformat(),
            "end": conference.end_date.isoformat(),
            "daysCount": len(conference.days),
            "timeslot_duration": "00:05",
        }
        if _TIME_ZONE_NAME.search(conference.timezone):
            data["time_zone_name"] = conference.timezone
        data["url"] = program.program_url
        data["tracks"] = [
            {"name": name, "slug": slug, **({"color": colour} if colour else {})}
            for name, slug, colour in program.tracks()
        ]
        data["rooms"] = [_room(room) for room in program.export_rooms]
        data["days"] = []
        seen: set[int] = set()  # agenda items already out as events
        for index, (day, slots) in enumerate(program.days(), start=1):
            start, end = program.day_bounds(day, slots)
            data["days"].append(
                {
                    "index": index,
                    "date": day.isoformat(),
                    "day_start": start.isoformat(),
                    "day_end": end.isoformat(),
                    "rooms": {
                        room.name: [
                            event
                            for s in slots
                            if s.room_id == room.pk
                            for event in [
                                _event(program, s),
                                *(
                                    _agenda_event(program, s, item)
                                    for item in program.agenda_once(s, seen)
                                ),
                            ]
                        ]
                        for room in program.export_rooms
                    },
                }
            )
        return data


def _room(room: Room) -> dict:
    data: dict = {"name": room.name, "guid": str(room.guid)}
    if _SLUG.match(room.slug):
        data["slug"] = room.slug
    if room.capacity is not None:
        data["capacity"] = room.capacity
    return data


def _event(program: Program, slot: TimeSlot) -> dict:
    kind, track = program.kind(slot)
    workshop = slot.workshop if slot.workshop_id else None
    start, end = program.local(slot.start), program.local(slot.end)
    return {
        "guid": str(slot.guid),
        "id": slot.pk,
        "date": start.isoformat(),
        "start": f"{start:%H:%M}",
        "end": end.isoformat(),
        "duration": hours_minutes(slot.duration),
        "room": program.room_of(slot).name,
        "slug": program.event_slug(slot),
        "url": program.slot_url(slot),
        "title": program.title(slot),
        "subtitle": workshop.acronym if workshop else "",
        "track": track,
        "type": kind,
        "language": None,
        "abstract": workshop.abstract if workshop else "",
        "description": program.agenda_text(slot),
        "persons": [
            # name without a numeric id: the schema's Person is oneOf frab (public_name + id)
            # or pretalx (name) and must match exactly one.
            {"guid": str(o.guid), "name": o.name, "public_name": o.name}
            for o in program.organizers(slot)
        ],
        "links": (
            [{"url": as_uri(workshop.website), "title": "Workshop website", "type": "web"}]
            if workshop and workshop.website
            else []
        )
        + [
            {"url": as_uri(url), "title": title, "type": _REFERENCE_TYPES[kind]}
            for kind, title, url in program.links(slot)
            if kind != "slides"
        ],
        "attachments": [
            {"url": as_uri(url), "title": title, "type": "slides"}
            for kind, title, url in program.links(slot)
            if kind == "slides"
        ],
    }


def _agenda_event(program: Program, slot: TimeSlot, item: AgendaItem) -> dict:
    """An agenda item as an event of its own inside its slot's time and room."""
    start, end = program.local(item.start), program.local(item.end)
    return {
        "guid": str(item.guid),
        "id": agenda_event_id(item.pk),
        "date": start.isoformat(),
        "start": f"{start:%H:%M}",
        "end": end.isoformat(),
        "duration": hours_minutes(item.end - item.start),
        "room": program.room_of(slot).name,
        "slug": program.item_slug(item),
        "url": program.slot_url(slot),
        "title": item.title,
        "subtitle": "",
        "track": program.kind(slot)[1],
        "type": AGENDA_EVENT_TYPE,
        "language": None,
        "abstract": "",
        "description": "",
        "persons": [{"name": s.name, "public_name": s.name} for s in item.speaker_list],
        "links": [],
    }


# The schema's reference types for each kind of link (slides go among the attachments).
_REFERENCE_TYPES = {"stream": "media", "recording": "media", "chat": "related"}
