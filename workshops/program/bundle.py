"""The public program of a conference read in one pass: what every exporter and the static site
receive (selectors.program_for_export), with the addresses and identities they share."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse
from django.utils.text import slugify

from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Release,
    Room,
    TimeSlot,
    Workshop,
)

# Plenary items without a room span every room; formats that file events under a room put them
# in this one, whose GUID is derived from the conference slug so that it stays the same.
ALL_ROOMS_NAME = "All rooms"
ALL_ROOMS_SLUG = "all-rooms"
_ALL_ROOMS_NAMESPACE = uuid.UUID("6c1f8d3e-5a0b-4c57-9b0e-8f5d2a7c4e91")


# What the schedule's hash covers of each public slot, in this order: when, where and whether it
# runs, and under which title.
SCHEDULE_FIELDS = (
    "guid", "start", "end", "room__guid", "title", "workshop__slug", "workshop__title",
    "workshop__status",
)  # fmt: skip


def schedule_hash(rows: Iterable[tuple]) -> str:
    """A short hash of rows of SCHEDULE_FIELDS, in any order: it changes when a slot moves, is
    added or dropped, or a workshop is renamed, cancelled or withdrawn. Conference.version_label
    marks a program changed since its release by it."""
    data = sorted(
        [str(guid), start.isoformat(), end.isoformat(), str(room or ""), *rest]
        for guid, start, end, room, *rest in rows
    )
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


# A release keeps, per event (slot GUID), what calendars are told of its revisions: how often
# its time, room or status changed in a release (SEQUENCE) and when the last change was
# released (LAST-MODIFIED, DTSTAMP). Slots dropped since stay listed with no state, so a slot
# that comes back continues its count instead of starting again below what calendars hold.
EVENTS_KEY = "events"


@dataclass(frozen=True)
class EventVersion:
    """What a calendar is told of an event's revisions."""

    sequence: int
    modified: dt.datetime


def event_state(slot: TimeSlot) -> list[str]:
    """What a change of which makes calendars update the event: when, where, whether it runs."""
    status = slot.workshop.status if slot.workshop_id else Workshop.Status.PUBLISHED
    room = str(slot.room.guid) if slot.room_id else ""
    return [slot.start.isoformat(), slot.end.isoformat(), room, status]


def event_versions(previous: dict, slots: Iterable[TimeSlot], *, at: dt.datetime) -> dict:
    """The events of a release made `at` with these public slots, following the release
    before it (`previous`, its EVENTS_KEY mapping): plain JSON, kept in the release."""
    events = {guid: {**entry, "state": None} for guid, entry in previous.items()}
    for slot in slots:
        guid, state = str(slot.guid), event_state(slot)
        before = previous.get(guid)
        if before is None:
            events[guid] = {"state": state, "sequence": 0, "modified": at.isoformat()}
        elif before["state"] != state:
            sequence = before["sequence"] + 1
            events[guid] = {"state": state, "sequence": sequence, "modified": at.isoformat()}
        else:
            events[guid] = before
    return events


@dataclass
class Program:
    """A conference's public program as the exports show it: rooms, plenary items, workshop slots.

    Built by selectors.program_for_export with everything prefetched, so exporters never query.
    `slots` holds plenary items and the slots of public workshops (cancelled ones included,
    each exporter decides how to show them), in order of start, room and id.
    """

    conference: Conference
    rooms: list[Room]
    slots: list[TimeSlot]
    base_url: str
    generated_at: dt.datetime
    release: Release | None = None  # the conference's current release, if any
    _all_rooms: Room | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        if any(slot.room_id is None for slot in self.slots):
            self._all_rooms = Room(
                conference=self.conference,
                name=ALL_ROOMS_NAME,
                slug=ALL_ROOMS_SLUG,
                guid=uuid.uuid5(_ALL_ROOMS_NAMESPACE, self.conference.slug),
                position=0,
            )

    # Where things are -------------------------------------------------------------------

    def absolute(self, path: str) -> str:
        """An absolute URL on the site that serves the program."""
        return f"{self.base_url}{path}"

    @cached_property
    def program_url(self) -> str:
        return self.absolute(self.conference.get_absolute_url())

    def export_url(self, identifier: str) -> str:
        return self.absolute(
            reverse(
                "workshops:export",
                kwargs={"conference_slug": self.conference.slug, "identifier": identifier},
            )
        )

    def workshop_url(self, workshop: Workshop) -> str:
        return self.absolute(
            reverse(
                "workshops:workshop-detail",
                kwargs={"conference_slug": self.conference.slug, "slug": workshop.slug},
            )
        )

    def slot_url(self, slot: TimeSlot) -> str:
        """The workshop's page, or the program's page for a plenary item."""
        return self.workshop_url(slot.workshop) if slot.workshop_id else self.program_url

    # What is where ----------------------------------------------------------------------

    @property
    def all_rooms(self) -> Room | None:
        """The stand-in room of plenary items without a room, if the program has any."""
        return self._all_rooms

    @cached_property
    def export_rooms(self) -> list[Room]:
        """The rooms as exports list them: the stand-in for plenary items first, if needed."""
        return ([self._all_rooms] if self._all_rooms else []) + self.rooms

    def room_of(self, slot: TimeSlot) -> Room:
        return slot.room if slot.room_id else self._all_rooms

    @cached_property
    def scheduled_slots(self) -> list[TimeSlot]:
        """The slots that take place: every slot except those of cancelled workshops."""
        return [s for s in self.slots if not (s.workshop_id and s.workshop.is_cancelled)]

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.conference.tz)

    def days(self, slots: list[TimeSlot] | None = None) -> list[tuple[dt.date, list[TimeSlot]]]:
        """Every day of the conference with the slots that start on it (venue time)."""
        by_day: dict[dt.date, list[TimeSlot]] = {day: [] for day in self.conference.days}
        for slot in self.scheduled_slots if slots is None else slots:
            by_day.setdefault(self.local(slot.start).date(), []).append(slot)
        return sorted(by_day.items())

    def day_bounds(self, day: dt.date, slots: list[TimeSlot]) -> tuple[dt.datetime, dt.datetime]:
        """From the day's first start to its last end; midnight to midnight on an empty day."""
        if slots:
            return (
                self.local(min(s.start for s in slots)),
                self.local(max(s.end for s in slots)),
            )
        tz = self.conference.tz
        start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end

    @staticmethod
    def organizers(slot: TimeSlot) -> list[Organizer]:
        if not slot.workshop_id:
            return []
        return [link.organizer for link in slot.workshop.organizer_links.all()]

    @staticmethod
    def agenda(slot: TimeSlot) -> list[AgendaItem]:
        """The workshop's agenda items that lie inside this slot."""
        if not slot.workshop_id:
            return []
        return [
            item
            for item in slot.workshop.agenda_items.all()
            if item.start >= slot.start and item.end <= slot.end
        ]

    def agenda_once(self, slot: TimeSlot, seen: set[int]) -> list[AgendaItem]:
        """The slot's agenda items that no slot before it in `seen` took: an item inside two
        slots of its workshop (in two rooms at once) goes out as one event, not two."""
        items = [item for item in self.agenda(slot) if item.pk not in seen]
        seen.update(item.pk for item in items)
        return items

    def agenda_text(self, slot: TimeSlot) -> str:
        """The agenda as plain lines: "08:10–08:55 Invited talk: Name (Affiliation)"."""
        lines = []
        for item in self.agenda(slot):
            line = f"{self.local(item.start):%H:%M}–{self.local(item.end):%H:%M} {item.title}"
            speakers = [
                f"{s.name} ({s.affiliation})" if s.affiliation else s.name
                for s in item.speaker_list
            ]
            if speakers:
                line += ": " + "; ".join(speakers)
            lines.append(line)
        return "\n".join(lines)

    @staticmethod
    def title(slot: TimeSlot) -> str:
        return slot.workshop.title if slot.workshop_id else slot.title

    @staticmethod
    def kind(slot: TimeSlot) -> tuple[str, str]:
        """The event type and the track: ("plenary", "Plenary"), or ("workshop", the name of
        the workshop's first topic, "Workshops" without one)."""
        if slot.is_plenary:
            return ("plenary", "Plenary")
        topics = slot.workshop.topics.all()
        return ("workshop", topics[0].name if topics else "Workshops")

    def tracks(self) -> list[tuple[str, str, str]]:
        """The tracks the scheduled slots use, as (name, slug, colour): the edition's topics in
        their order (with their colours), then "Workshops" and "Plenary" ("" colour)."""
        used = {self.kind(slot)[1] for slot in self.scheduled_slots}
        tracks, seen = [], set()
        for slot in self.scheduled_slots:
            for topic in slot.workshop.topics.all() if slot.workshop_id else []:
                if topic.name in used and topic.name not in seen:
                    seen.add(topic.name)
                    tracks.append(
                        (topic.position, topic.name, topic.slug.lower(), topic.colour.lower())
                    )
        tracks.sort()
        named = [(name, slug, colour) for _, name, slug, colour in tracks]
        for name in ("Workshops", "Plenary"):
            if name in used and name not in seen:
                named.append((name, name.lower(), ""))
        return named

    @staticmethod
    def links(slot: TimeSlot) -> list[tuple[str, str, str]]:
        """The workshop's links and its agenda items' (those inside this slot), as (kind,
        title, address): "stream", "Live stream"; "recording", "Recording: Invited talk"."""
        if not slot.workshop_id:
            return []
        found = [
            (link.kind, link.label or link.get_kind_display(), link.url)
            for link in slot.workshop.links.all()
            if link.agenda_item_id is None
        ]
        for item in Program.agenda(slot):
            for link in item.links.all():
                found.append(
                    (link.kind, f"{link.label or link.get_kind_display()}: {item.title}", link.url)
                )
        return found

    @cached_property
    def acronym(self) -> str:
        """The conference slug in the form the schedule schemas accept: mlsys-2023 → mlsys_2023."""
        text = "".join(c if c.isascii() and c.isalnum() else "_" for c in self.conference.slug)
        return text.lower().ljust(4, "_")

    def event_slug(self, slot: TimeSlot) -> str:
        """A slug unique per slot, as voc readers expect: mlsys_2023-12-benchmarking-ml."""
        base = slugify(slot.workshop.slug if slot.workshop_id else slot.title)
        if len(base) < 2:
            base = "slot"
        return f"{self.acronym}-{slot.pk}-{base}"

    def item_slug(self, item: AgendaItem) -> str:
        """An agenda item's slug, as its event in the exports carries it: mlsys_2023-a7-keynote."""
        base = slugify(item.title)[:60].strip("-")
        return f"{self.acronym}-a{item.pk}-{base if len(base) >= 2 else 'item'}"

    # Revisions of the events ------------------------------------------------------------

    def event_version(self, slot: TimeSlot) -> EventVersion:
        """The event's revision as the releases tell it. A slot changed since the release (the
        program of a conference whose changes go public at once) counts one more revision,
        made now."""
        released = (self.release.snapshot.get(EVENTS_KEY, {}) if self.release else {}).get(
            str(slot.guid)
        )
        if released is None:
            return EventVersion(0, self.generated_at)
        if released["state"] != event_state(slot):
            return EventVersion(released["sequence"] + 1, self.generated_at)
        return EventVersion(released["sequence"], dt.datetime.fromisoformat(released["modified"]))

    # Identity of the content ------------------------------------------------------------

    @property
    def version(self) -> str:
        """The program's version as pages, signs and exports show it (Conference.version_label)."""
        return self.conference.version_label(self.schedule_hash)

    @cached_property
    def schedule_hash(self) -> str:
        """schedule_hash of these slots, as selectors.program_version_for reads it."""
        return schedule_hash(
            (
                slot.guid,
                slot.start,
                slot.end,
                slot.room.guid if slot.room_id else None,
                slot.title,
                *(
                    (slot.workshop.slug, slot.workshop.title, slot.workshop.status)
                    if slot.workshop_id
                    else (None, None, None)
                ),
            )
            for slot in self.slots
        )

    @cached_property
    def content_hash(self) -> str:
        """A short hash of everything the exports show: it changes when, and only when, they do."""
        data = {
            "conference": [
                self.conference.name,
                self.conference.slug,
                self.conference.timezone,
                self.conference.start_date.isoformat(),
                self.conference.end_date.isoformat(),
                self.conference.venue,
                self.conference.city,
                self.conference.website,
            ],
            "rooms": [[str(r.guid), r.name, r.slug, r.position, r.capacity] for r in self.rooms],
            "slots": [self._slot_fingerprint(slot) for slot in self.slots],
        }
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def _slot_fingerprint(self, slot: TimeSlot) -> list:
        workshop = slot.workshop if slot.workshop_id else None
        return [
            slot.pk,
            str(slot.guid),
            slot.start.isoformat(),
            slot.end.isoformat(),
            str(slot.room.guid) if slot.room_id else None,
            slot.title,
            workshop
            and [
                workshop.slug,
                workshop.title,
                workshop.acronym,
                workshop.abstract,
                workshop.website,
                workshop.status,
                [
                    [str(o.guid), o.pk, o.name, o.affiliation, o.homepage]
                    for o in self.organizers(slot)
                ],
                [
                    [i.start.isoformat(), i.end.isoformat(), i.title, i.kind, i.speakers]
                    for i in workshop.agenda_items.all()
                ],
            ],
        ]
