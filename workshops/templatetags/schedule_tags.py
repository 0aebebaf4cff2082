"""The schedule's grid headings and rows and its list items, drawn in Python.

A large program has thousands of slots, each shown twice (a grid cell and a list item), and
tens of thousands of grid cells: through the template language that alone was most of the page.
Here each slot's pieces (its title, star button and times) are escaped and formatted once and
joined into both places, and what slots and days share (a workshop's title and organizers, a
moment's text, a room's column heading, the pages' addresses) is made once per page (`_Page`).
The markup is that of the template it replaces (schedule.html); the browser tests read it as
attendees do.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from workshops.models import Conference, Room, TimeSlot
from workshops.site.filters import organizer_names
from workshops.site.grid import Day
from workshops.templatetags.attendee_tags import clock, star_button, utc_iso

register = template.Library()


class _Page:
    """What a page's slots share, each made once per page: the workshop page's address, the
    text of each moment (rows and slots share a few hundred start and end times) and each
    workshop's markup (a workshop runs in several slots), and each slot's pieces (grid and list
    show every slot)."""

    def __init__(self, conference: Conference) -> None:
        self.tz = conference.tz
        self.workshop_address = _address("workshops:workshop-detail", conference)
        self.room_address = _address("workshops:room-detail", conference)
        self.moments: dict[float, tuple[str, str]] = {}
        self.workshops: dict[int, tuple[str, str, str]] = {}
        self.people: dict[int, str] = {}
        self.slots: dict[int, _Pieces] = {}
        self.rooms: dict[int, str] = {}

    def moment(self, moment: dt.datetime) -> tuple[str, str]:
        """Its <time datetime> value and its clock text in the venue's zone."""
        # By the instant: two venue times in one zone compare by the clock, so the two 1:30s
        # of the night the clocks go back would be one key.
        instant = moment.timestamp()
        text = self.moments.get(instant)
        if text is None:
            text = self.moments[instant] = (utc_iso(moment), clock(moment.astimezone(self.tz)))
        return text

    def workshop(self, workshop) -> tuple[str, str, str]:
        """Its linked title (with the cancelled badge), star button and extra classes."""
        made = self.workshops.get(workshop.pk)
        if made is None:
            head, tail = self.workshop_address
            slug = escape(workshop.slug)  # a slug written past the validators stays text
            title = f'<a href="{head}{slug}{tail}">'
            title += f"{escape(workshop.title)}</a>"
            classes = ""
            if workshop.is_cancelled:
                title += ' <span class="badge badge--cancelled">Cancelled</span>'
                classes = " is-cancelled"
            made = self.workshops[workshop.pk] = (title, star_button(workshop), classes)
        return made

    def organizers(self, workshop) -> str:
        """The list item's line of organizer names ("" for none)."""
        line = self.people.get(workshop.pk)
        if line is None:
            names = organizer_names(workshop)
            line = self.people[workshop.pk] = (
                f'<span class="schedule-item__people">{" · ".join(map(escape, names))}</span>\n'
                if names
                else ""
            )
        return line

    def room(self, room: Room) -> str:
        """The grid's column heading of a room, linking to its page (the same every day)."""
        made = self.rooms.get(room.pk)
        if made is None:
            head, tail = self.room_address
            slug = escape(room.slug)
            made = self.rooms[room.pk] = (
                f'<th scope="col" data-room="{slug}"><a href="{head}{slug}{tail}">'
                f"{escape(room.name)}</a></th>"
            )
        return made

    def pieces(self, slot: TimeSlot) -> _Pieces:
        pieces = self.slots.get(slot.pk)
        if pieces is None:
            pieces = self.slots[slot.pk] = _Pieces(slot, self)
        return pieces


def _address(view: str, conference: Conference) -> tuple[str, str]:
    """The escaped address of `view` for one of the conference's slugs, before and after the
    slug: one reverse() per page, not one per workshop or room. A slug is letters, digits,
    "-" and "_", which reverse() would put in as they are."""
    placeholder = "page-slug"
    address = reverse(view, kwargs={"conference_slug": conference.slug, "slug": placeholder})
    head, tail = escape(address).rsplit(placeholder, 1)
    return head, tail


class _Pieces:
    """A slot's markup, made once per page and slot."""

    __slots__ = ("classes", "data", "span", "star", "title")

    def __init__(self, slot: TimeSlot, page: _Page) -> None:
        (start, start_clock), (end, end_clock) = page.moment(slot.start), page.moment(slot.end)
        self.data = f'data-key="{slot.guid}" data-start="{start}" data-end="{end}"'
        self.span = (
            f'<time datetime="{start}">{start_clock}</time>–'
            f'<time datetime="{end}">{end_clock}</time>'
        )
        if not slot.workshop_id:
            self.title = f'<span class="plenary-title">{escape(slot.title)}</span>'
            self.star = ""
            self.classes = ""
            return
        self.title, self.star, self.classes = page.workshop(slot.workshop)


def _page(context: template.Context, conference: Conference) -> _Page:
    """The page's memo, kept in the render context (the grid and the list share it)."""
    page = context.render_context.get("schedule_page")
    if page is None:
        page = context.render_context["schedule_page"] = _Page(conference)
    return page


def _room_name(slot: TimeSlot, *, nobody: str) -> str:
    return escape(slot.room.name) if slot.room_id else nobody


@register.simple_tag(takes_context=True)
def schedule_grid_rooms(context: template.Context, day: Day, conference: Conference) -> SafeString:
    """The <th>s of a day's grid heading: one per room, linking to the room's page."""
    if not day.columns:
        return mark_safe('<th scope="col">All rooms</th>')
    page = _page(context, conference)
    return mark_safe("".join(page.room(room) for room in day.columns))


@register.simple_tag(takes_context=True)
def schedule_grid_rows(context: template.Context, day: Day, conference: Conference) -> SafeString:
    """The <tr>s of a day's grid: the time column (with the notes of plenary items that
    overlap workshops) and a cell per room, spanning the rows and rooms its slot covers."""
    page = _page(context, conference)
    out = []
    for row in day.rows:
        start, start_clock = page.moment(row.start)
        out.append(
            f'<tr>\n<th scope="row" class="grid__time"><time datetime="{start}">'
            f"{start_clock}</time>"
        )
        for slot in row.notes:
            end, end_clock = page.moment(slot.end)
            out.append(
                f' <span class="grid__note" data-key="{slot.guid}">{escape(slot.label)} '
                f"({_room_name(slot, nobody='all rooms')}) until "
                f'<time datetime="{end}">{end_clock}</time></span>'
            )
        out.append("</th>\n")
        for cell in row.cells:
            slot = cell.slot
            if slot is None:
                out.append('<td class="grid__empty"></td>\n')
                continue
            pieces = page.pieces(slot)
            spans = ""
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            kind = (
                " grid__slot--band"
                if cell.is_band
                else (" grid__slot--plenary" if not slot.workshop_id else "")
            )
            out.append(
                f'<td{spans} class="grid__slot{kind}{pieces.classes}">\n'
                f'<span class="grid__title">{pieces.title}</span>{pieces.star}\n'
                f'<span class="grid__span" {pieces.data}>{pieces.span}</span>\n</td>\n'
            )
        out.append("</tr>\n")
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def schedule_list_items(context: template.Context, day: Day, conference: Conference) -> SafeString:
    """The <li>s of a day's list (the phone's view): times, title, room and organizers."""
    page = _page(context, conference)
    out = []
    for slot in day.items:
        pieces = page.pieces(slot)
        kind = " schedule-item--plenary" if not slot.workshop_id else ""
        out.append(
            f'<li class="schedule-item{kind}{pieces.classes}">\n'
            f'<span class="schedule-item__span" {pieces.data}>{pieces.span}</span>\n'
            f'<span class="schedule-item__title">{pieces.title}</span>{pieces.star}\n'
            f'<span class="schedule-item__room">{_room_name(slot, nobody="All rooms")}</span>\n'
        )
        if slot.workshop_id:
            out.append(page.organizers(slot.workshop))
        out.append("</li>\n")
    return mark_safe("".join(out))
