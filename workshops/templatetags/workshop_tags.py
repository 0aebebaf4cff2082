"""Display helpers for the program's templates. They format what they are given and never query."""

from __future__ import annotations

import datetime as dt

from django import template
from django.urls import reverse

from workshops.models import Conference, TimeSlot
from workshops.models.markdown import plain_text

register = template.Library()


def cut_at_word(text: str, length: int) -> str:
    """Shorten to at most `length` characters at a word boundary, ending in "…" when cut."""
    if len(text) <= length:
        return text
    cut = text[: length + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > length // 2 else text[:length]
    return cut.rstrip(" ,;:.-–—") + " …"


@register.filter
def teaser(rendered: str, length: int = 300) -> str:
    """The words of stored HTML (a MarkdownHTMLField), cut at a word: a card's or a page's
    summary."""
    return cut_at_word(plain_text(rendered), int(length))


@register.simple_tag
def slot_time(slot: TimeSlot, conference: Conference, with_day: bool = True) -> str:
    """ "Thu 8 Jun · 8:00–16:40 EDT" in the venue's time zone."""
    tz = conference.tz
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    span = f"{start.hour}:{start:%M}–{end.hour}:{end:%M} {end:%Z}"
    if start.tzname() != end.tzname():  # the clocks change during the slot
        span = f"{start.hour}:{start:%M} {start:%Z}–{end.hour}:{end:%M} {end:%Z}"
    if end.date() != start.date():
        span = f"{start.hour}:{start:%M} – {end:%a} {end.day} {end:%b} {end.hour}:{end:%M} {end:%Z}"
    if not with_day:
        return span
    return f"{start:%a} {start.day} {start:%b} · {span}"


@register.simple_tag
def clock(moment, conference: Conference) -> str:
    """ "8:10" in the venue's time zone."""
    local = moment.astimezone(conference.tz)
    return f"{local.hour}:{local:%M}"


@register.filter
def date_range(conference: Conference) -> str:
    """ "4–8 June 2023", "29 August – 1 September 2022"."""
    start, end = conference.start_date, conference.end_date
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


@register.simple_tag
def zone_abbreviation(conference: Conference, day: dt.date) -> str:
    """ "EDT": the venue zone's name on that day (summer and winter names differ)."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=conference.tz).strftime("%Z")


# The program's sections: (label, list page, its detail page).
_PROGRAM_SECTIONS = [
    ("Workshops", "workshop-list", "workshop-detail"),
    ("Schedule", "schedule", None),
    ("Rooms", "room-list", "room-detail"),
    ("Organizers", "organizer-list", "organizer-detail"),
    ("Export", "export-list", None),
]


@register.inclusion_tag("includes/program_nav.html", takes_context=True)
def program_nav(context, conference: Conference) -> dict:
    """The header's section links; the current page is aria-current="page", a detail page
    marks its section with aria-current="true"."""
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.url_name if match and match.namespace == "workshops" else None
    links = []
    for label, name, detail in _PROGRAM_SECTIONS:
        url = reverse(f"workshops:{name}", kwargs={"conference_slug": conference.slug})
        state = "page" if current == name else "true" if detail and current == detail else ""
        links.append({"label": label, "url": url, "current": state})
    return {"links": links}
