"""iCalendar (RFC 5545): the whole program, one workshop, one room or a chosen set of workshops."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.http import HttpResponse

from workshops.exchange.exporters import register
from workshops.exchange.exporters.base import GENERATOR_NAME, GENERATOR_VERSION, Exporter, Program
from workshops.models import AgendaItem, TimeSlot
from workshops.models.fields import one_line, printable
from workshops.models.markdown import plain_text_blocks

PRODID = f"-//{GENERATOR_NAME}//Workshop program {GENERATOR_VERSION}//EN"


@register
class ICalExporter(Exporter):
    """The whole program as one calendar: stable UIDs, venue-time TZIDs with their VTIMEZONE."""

    identifier = "program.ics"
    label = "Calendar (iCalendar)"
    description = (
        "Attendees import or subscribe to it in Google Calendar, Apple Calendar, Outlook "
        "or Thunderbird to carry the program on their phones."
    )
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"

    def render(self, program: Program) -> bytes:
        return render_calendar(program, program.slots, name=f"{program.conference.name} workshops")


def render_calendar(
    program: Program, slots: Iterable[TimeSlot], *, name: str, items: Iterable[AgendaItem] = ()
) -> bytes:
    """A VCALENDAR with one VEVENT per slot and per agenda item in `items` (a starred talk),
    CRLF line ends and lines folded at 75 octets."""
    conference = program.conference
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property the library does not know is written as it is given, line breaks and
    # all, which it then refuses: as TEXT it is escaped like any other.
    calendar.add("x-wr-calname", icalendar.vText(_line(name)))
    calendar.add("x-wr-timezone", conference.timezone)
    calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(_vtimezone(program))
    for slot in slots:
        calendar.add_component(_vevent(program, slot))
    for item in items:
        calendar.add_component(_item_vevent(program, item))
    return calendar.to_ical()


def _vtimezone(program: Program) -> icalendar.Timezone:
    # The zone's rules for the conference's years only: short, and read correctly by every
    # parser (vobject misreads the 1970-2038 tables that add_missing_timezones() writes).
    conference = program.conference
    return icalendar.Timezone.from_tzinfo(
        conference.tz,
        tzid=conference.timezone,
        first_date=dt.date(conference.start_date.year, 1, 1),
        last_date=dt.date(conference.end_date.year + 1, 1, 1),
    )


def _vevent(program: Program, slot: TimeSlot) -> icalendar.Event:
    conference = program.conference
    workshop = slot.workshop if slot.workshop_id else None
    cancelled = bool(workshop and workshop.is_cancelled)
    event = icalendar.Event()
    event.add("uid", str(slot.guid))
    # The event's revision from the releases (Program.event_version): SEQUENCE rises with each
    # released change of its time, room or status, and LAST-MODIFIED is when that change was
    # released. DTSTAMP is that same moment, not the download's: an event re-fetched unchanged
    # is then the same to a calendar, and a changed one is newer by SEQUENCE and DTSTAMP alike.
    version = program.event_version(slot)
    event.add("dtstamp", version.modified)
    event.add("last-modified", version.modified)
    event.add("sequence", version.sequence)
    event.add("dtstart", program.local(slot.start))
    event.add("dtend", program.local(slot.end))
    title = program.title(slot)
    event.add("summary", _line(f"Cancelled: {title}" if cancelled else title))
    room = program.room_of(slot)
    place = [room.name, conference.venue, conference.city]
    event.add("location", _line(", ".join(part for part in place if part)))
    event.add("description", printable(_description(program, slot, cancelled=cancelled)))
    event.add("url", program.slot_url(slot))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("categories", [program.kind(slot)[0].capitalize()])
    event.add("transp", "OPAQUE")
    return event


def _item_vevent(program: Program, item: AgendaItem) -> icalendar.Event:
    """A single talk or session of a workshop, under the agenda item's own GUID."""
    workshop = item.workshop
    cancelled = workshop.is_cancelled
    event = icalendar.Event()
    event.add("uid", str(item.guid))
    event.add("dtstamp", program.generated_at)
    event.add("last-modified", program.generated_at)
    event.add("sequence", 0)
    event.add("dtstart", program.local(item.start))
    event.add("dtend", program.local(item.end))
    title = f"{item.title} ({workshop.title})"
    event.add("summary", _line(f"Cancelled: {title}" if cancelled else title))
    rooms = [
        program.room_of(slot).name
        for slot in program.slots
        if slot.workshop_id == workshop.pk and slot.start <= item.start < slot.end
    ]
    place = [*rooms[:1], program.conference.venue, program.conference.city]
    event.add("location", _line(", ".join(part for part in place if part)))
    speakers = [
        f"{s.name} ({s.affiliation})" if s.affiliation else s.name for s in item.speaker_list
    ]
    url = program.workshop_url(workshop)
    parts = ["This workshop has been cancelled."] if cancelled else []
    parts += [f"Speakers: {'; '.join(speakers)}"] if speakers else []
    parts.append(url)
    event.add("description", printable("\n\n".join(parts)))
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("categories", [item.get_kind_display()])
    event.add("transp", "OPAQUE")
    return event


def program_items(program: Program, guids: Iterable[str]) -> list[AgendaItem]:
    """The agenda items with these GUIDs among the program's public workshops, by time."""
    wanted = set(guids)
    found = {}
    for slot in program.slots:
        if slot.workshop_id:
            for item in slot.workshop.agenda_items.all():
                if str(item.guid) in wanted:
                    item.workshop = slot.workshop
                    found[item.pk] = item
    return sorted(found.values(), key=lambda item: (item.start, item.pk))


def item_calendar(program: Program, guid: str) -> bytes:
    """One agenda item of a public workshop; LookupError if the program has none with it."""
    items = program_items(program, [guid])
    if not items:
        raise LookupError(f"No agenda item {guid!r} in a public workshop.")
    return render_calendar(program, [], name=items[0].title, items=items)


def _line(text: str) -> str:
    """A name or title as a one-line TEXT value, whatever a row holds (rows written before
    names were one line, or past the models' checks)."""
    return one_line(printable(text))


def _description(program: Program, slot: TimeSlot, *, cancelled: bool) -> str:
    parts = []
    if cancelled:
        parts.append("This workshop has been cancelled.")
    organizers = [
        f"{o.name} ({o.affiliation})" if o.affiliation else o.name for o in program.organizers(slot)
    ]
    if organizers:
        parts.append("Organizers: " + "; ".join(organizers))
    if slot.workshop_id and slot.workshop.abstract:
        parts.append(plain_text_blocks(slot.workshop.abstract_html))
    agenda = program.agenda_text(slot)
    if agenda:
        parts.append(f"Agenda ({program.conference.timezone}):\n{agenda}")
    parts.append(program.slot_url(slot))
    return "\n\n".join(parts)


def workshop_slots(program: Program, workshop_ids: Iterable[int]) -> list[TimeSlot]:
    """The program's slots of these workshops (public ones only: the program has no others)."""
    wanted = set(workshop_ids)
    return [slot for slot in program.slots if slot.workshop_id in wanted]


def workshop_calendar(program: Program, workshop_slug: str) -> bytes:
    """One public workshop's slots; LookupError if the program has no slot of it."""
    slots = [s for s in program.slots if s.workshop_id and s.workshop.slug == workshop_slug]
    if not slots:
        raise LookupError(f"No scheduled public workshop {workshop_slug!r}.")
    return render_calendar(program, slots, name=slots[0].workshop.title)


def room_calendar(program: Program, room_slug: str) -> bytes:
    """What happens in one room, plenary items for every room included; LookupError if no room."""
    room = next((r for r in program.rooms if r.slug == room_slug), None)
    if room is None:
        raise LookupError(f"No room {room_slug!r}.")
    slots = [s for s in program.slots if s.room_id in (room.pk, None)]
    return render_calendar(program, slots, name=f"{program.conference.name} · {room.name}")


def workshops_calendar(program: Program, workshop_ids: Iterable[int]) -> bytes:
    """A chosen set of workshops, such as an attendee's favourites or a chair's selection."""
    return render_calendar(
        program,
        workshop_slots(program, workshop_ids),
        name=f"{program.conference.name}: selected workshops",
    )


def calendar_response(content: bytes, *, filename: str) -> HttpResponse:
    """A calendar of a few workshops or a room as a download."""
    response = HttpResponse(content, content_type=ICalExporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
