"""The printable booklet: cover, day-by-day schedule, one section per workshop, page numbers.

Rendered from templates/workshops/booklet.html and static/css/booklet.css by WeasyPrint, which
needs Pango and the DejaVu fonts from the system (see the README). The fonts are embedded, and
nothing is fetched from the network: the URL fetcher refuses every address that is not local.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from workshops.exchange.exporters import register
from workshops.exchange.exporters.base import Exporter, Program
from workshops.models import AgendaItem, Conference, Organizer, TimeSlot, Workshop
from workshops.program.times import slot_time, venue_clock, zone_abbreviation

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

TEMPLATE = "workshops/booklet.html"
STYLESHEET = "css/booklet.css"
# CSS names for @page size: A4 is 210 × 297 mm, US Letter 8.5 × 11 in.
PAPER_SIZES = {"A4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class ScheduleRow:
    """One line of a day's schedule table."""

    time: str  # "8:00–16:40"
    room: str
    title: str
    anchor: str  # the workshop's section, "" for a plenary item
    plenary: bool
    cancelled: bool


@dataclass(frozen=True)
class ScheduleDay:
    date: dt.date
    zone: str  # "EDT"
    rows: list[ScheduleRow]


@dataclass(frozen=True)
class AgendaLine:
    time: str
    title: str
    kind: str  # the kind's label when it says more than the title, else ""
    is_break: bool
    speakers: list[str]


@dataclass
class BookletWorkshop:
    """A workshop's section: everything the booklet prints about it."""

    workshop: Workshop
    anchor: str
    url: str
    organizers: list[Organizer] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)  # "Thu 8 Jun · 8:00–12:00 EDT · Room 238"
    agenda: list[AgendaLine] = field(default_factory=list)


@dataclass(frozen=True)
class IndexEntry:
    """An organizer in the index at the back, with the sections of their workshops."""

    organizer: Organizer
    anchors: list[str]


def booklet_context(program: Program) -> dict:
    """What the booklet template shows, worked out from the Program without a query."""
    conference = program.conference
    sections: dict[int, BookletWorkshop] = {}
    for slot in program.slots:
        if not slot.workshop_id:
            continue
        section = sections.get(slot.workshop_id)
        if section is None:
            section = sections[slot.workshop_id] = _section(program, slot.workshop, slot)
        room = program.room_of(slot).name
        section.slots.append(f"{slot_time(slot, conference)} · {room}")
    workshops = list(sections.values())
    return {
        "conference": conference,
        "program": program,
        "days": _schedule_days(program, sections),
        "workshops": workshops,
        "index": _organizer_index(workshops),
        "zone": _zones(program),
    }


def _section(program: Program, workshop: Workshop, slot: TimeSlot) -> BookletWorkshop:
    conference = program.conference
    return BookletWorkshop(
        workshop=workshop,
        anchor=f"workshop-{workshop.pk}",
        url=program.workshop_url(workshop),
        organizers=program.organizers(slot),
        agenda=[_agenda_line(item, conference) for item in workshop.agenda_items.all()],
    )


def _agenda_line(item: AgendaItem, conference: Conference) -> AgendaLine:
    kind = item.get_kind_display()
    return AgendaLine(
        time=f"{venue_clock(item.start, conference)}–{venue_clock(item.end, conference)}",
        title=item.title,
        kind="" if kind == item.title else kind,
        is_break=item.kind == AgendaItem.Kind.BREAK,
        speakers=[
            f"{s.name} ({s.affiliation})" if s.affiliation else s.name for s in item.speaker_list
        ],
    )


def _span(slot: TimeSlot, conference: Conference) -> str:
    """ "8:00–16:40" in venue time; "22:00–1:00 (+1)" for a slot that ends the next day."""
    tz = conference.tz
    days_later = (slot.end.astimezone(tz).date() - slot.start.astimezone(tz).date()).days
    later = f" (+{days_later})" if days_later else ""
    return f"{venue_clock(slot.start, conference)}–{venue_clock(slot.end, conference)}{later}"


def _schedule_days(program: Program, sections: dict[int, BookletWorkshop]) -> list[ScheduleDay]:
    conference = program.conference
    days = []
    # Every public slot, cancelled workshops' too (marked): the booklet may outlive a change.
    for date, slots in program.days(program.slots):
        if not slots:
            continue
        rows = [
            ScheduleRow(
                time=_span(slot, conference),
                room=program.room_of(slot).name,
                title=program.title(slot),
                anchor=sections[slot.workshop_id].anchor if slot.workshop_id else "",
                plenary=slot.is_plenary,
                cancelled=bool(slot.workshop_id and slot.workshop.is_cancelled),
            )
            for slot in slots
        ]
        days.append(ScheduleDay(date=date, zone=zone_abbreviation(conference, date), rows=rows))
    return days


def _organizer_index(workshops: list[BookletWorkshop]) -> list[IndexEntry]:
    anchors: dict[int, list[str]] = {}
    people: dict[int, Organizer] = {}
    for section in workshops:
        for organizer in section.organizers:
            people[organizer.pk] = organizer
            anchors.setdefault(organizer.pk, []).append(section.anchor)
    ordered = sorted(people.values(), key=lambda o: (o.name.casefold(), o.slug))
    return [IndexEntry(organizer=o, anchors=anchors[o.pk]) for o in ordered]


def _zones(program: Program) -> str:
    """ "America/New_York (EDT)": the venue's zone and its names on the conference's days."""
    conference = program.conference
    names = dict.fromkeys(zone_abbreviation(conference, day) for day in conference.days)
    return f"{conference.timezone} ({', '.join(names)})"


@cache
def _stylesheet_path() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(f"The booklet's stylesheet {STYLESHEET} is missing.")
    return Path(found)


def _local_roots() -> list[Path]:
    """The folders the booklet may read files from: the project's static folders."""
    return [_stylesheet_path().parent.parent]


def local_only_fetcher() -> URLFetcher:
    """A WeasyPrint fetcher that reads data: URLs and local static files, and nothing else."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root.resolve()) for root in _local_roots()):
                    return super().fetch(url, headers)
            raise ValueError(f"The booklet fetches nothing from outside: refused {url}")

    return LocalOnlyFetcher(allowed_protocols={"data", "file"}, fail_on_errors=False)


def render_pdf(html: str, *, paper: str) -> bytes:
    """HTML to PDF with the booklet's stylesheet on the given paper, fonts embedded."""
    # WeasyPrint's progress messages ("Step 5 - Creating layout - Page 3") would fill the log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import CSS, HTML

    fetcher = local_only_fetcher()
    stylesheets = [
        CSS(filename=str(_stylesheet_path()), url_fetcher=fetcher),
        CSS(string=f"@page {{ size: {PAPER_SIZES[paper]}; }}", url_fetcher=fetcher),
    ]
    document = HTML(string=html, base_url=str(_stylesheet_path().parent), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets)


@register
class BookletPdfExporter(Exporter):
    """The printed booklet on A4: cover, schedule by day, each workshop, organizer index."""

    identifier = "booklet.pdf"
    label = "Printable booklet (PDF, A4)"
    description = (
        "Chairs send it to the printer for the printed program, and attendees keep it "
        "on their phones to read offline."
    )
    extension = "pdf"
    content_type = "application/pdf"
    slow = True
    paper: ClassVar[str] = "A4"

    def render(self, program: Program) -> bytes:
        context = booklet_context(program) | {"paper": self.paper}
        return render_pdf(render_to_string(TEMPLATE, context), paper=self.paper)


@register
class BookletLetterPdfExporter(BookletPdfExporter):
    """The same booklet on US Letter paper, for printers in North America."""

    identifier = "booklet-letter.pdf"
    label = "Printable booklet (PDF, US Letter)"
    description = "The same booklet on US Letter paper, for printers in North America."
    paper = "letter"
