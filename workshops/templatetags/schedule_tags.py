"""The schedule's grid rows and list items, drawn in Python.

A large program has thousands of slots, each shown twice (a grid cell and a list item), and
tens of thousands of grid cells: through the template language that alone took over a second.
Here each slot's pieces (its title, star button and times) are escaped and formatted once and
joined into both places. The markup is that of the template it replaces (schedule.html); the
browser tests read it as attendees do.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from workshops.filters import organizer_names
from workshops.models import Conference, TimeSlot
from workshops.schedule import Day
from workshops.templatetags.attendee_tags import clock, star_button, utc_iso

register = template.Library()


class _Pieces:
    """A slot's markup, made once per page and slot."""

    __slots__ = ("classes", "data", "span", "star", "title")

    def __init__(self, slot: TimeSlot, conference: Conference, urls: dict[int, str]) -> None:
        tz = conference.tz
        start, end = utc_iso(slot.start), utc_iso(slot.end)
        self.data = f'data-key="{slot.guid}" data-start="{start}" data-end="{end}"'
        self.span = (
            f'<time datetime="{start}">{clock(slot.start.astimezone(tz))}</time>–'
            f'<time datetime="{end}">{clock(slot.end.astimezone(tz))}</time>'
        )
        workshop = slot.workshop if slot.workshop_id else None
        if workshop is None:
            self.title = f'<span class="plenary-title">{escape(slot.title)}</span>'
            self.star = ""
            self.classes = ""
            return
        url = urls.get(workshop.pk)
        if url is None:
            url = urls[workshop.pk] = reverse(
                "workshops:workshop-detail",
                kwargs={"conference_slug": conference.slug, "slug": workshop.slug},
            )
        title = escape(workshop.title)
        self.title = f'<a href="{escape(url)}">{title}</a>'
        self.classes = ""
        if workshop.is_cancelled:
            self.title += ' <span class="badge badge--cancelled">Cancelled</span>'
            self.classes = " is-cancelled"
        self.star = star_button(workshop)


def _pieces(context: template.Context, slot: TimeSlot, conference: Conference) -> _Pieces:
    """The slot's pieces, from the render context's memo (grid and list share them)."""
    memo = context.render_context.setdefault("schedule_pieces", {})
    urls = context.render_context.setdefault("schedule_urls", {})
    pieces = memo.get(slot.pk)
    if pieces is None:
        pieces = memo[slot.pk] = _Pieces(slot, conference, urls)
    return pieces


def _room_name(slot: TimeSlot, *, nobody: str) -> str:
    return escape(slot.room.name) if slot.room_id else nobody


@register.simple_tag(takes_context=True)
def schedule_grid_rows(context: template.Context, day: Day, conference: Conference) -> SafeString:
    """The <tr>s of a day's grid: the time column (with the notes of plenary items that
    overlap workshops) and a cell per room, spanning the rows and rooms its slot covers."""
    tz = conference.tz
    out = []
    for row in day.rows:
        out.append(
            f'<tr>\n<th scope="row" class="grid__time"><time datetime="{utc_iso(row.start)}">'
            f"{clock(row.start.astimezone(tz))}</time>"
        )
        for slot in row.notes:
            out.append(
                f' <span class="grid__note" data-key="{slot.guid}">{escape(slot.label)} '
                f"({_room_name(slot, nobody='all rooms')}) until "
                f'<time datetime="{utc_iso(slot.end)}">{clock(slot.end.astimezone(tz))}'
                "</time></span>"
            )
        out.append("</th>\n")
        for cell in row.cells:
            slot = cell.slot
            if slot is None:
                out.append('<td class="grid__empty"></td>\n')
                continue
            pieces = _pieces(context, slot, conference)
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
    out = []
    for slot in day.items:
        pieces = _pieces(context, slot, conference)
        kind = " schedule-item--plenary" if not slot.workshop_id else ""
        out.append(
            f'<li class="schedule-item{kind}{pieces.classes}">\n'
            f'<span class="schedule-item__span" {pieces.data}>{pieces.span}</span>\n'
            f'<span class="schedule-item__title">{pieces.title}</span>{pieces.star}\n'
            f'<span class="schedule-item__room">{_room_name(slot, nobody="All rooms")}</span>\n'
        )
        if slot.workshop_id:
            names = organizer_names(slot.workshop)
            if names:
                people = " · ".join(escape(name) for name in names)
                out.append(f'<span class="schedule-item__people">{people}</span>\n')
        out.append("</li>\n")
    return mark_safe("".join(out))
