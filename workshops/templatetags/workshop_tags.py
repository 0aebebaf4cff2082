"""Display helpers for the program's templates. They format what they are given and never query."""

from __future__ import annotations

import datetime as dt
import functools
import html
import threading

import markdown as markdown_lib
import nh3
from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from workshops.models import Conference, TimeSlot

register = template.Library()

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
_parsers = threading.local()


def _markdown_parser() -> markdown_lib.Markdown:
    # Setting a parser up costs more than converting a teaser: the listing of a large program
    # spent most of its time there. One per thread, since a parser keeps state while it works.
    parser = getattr(_parsers, "markdown", None)
    if parser is None:
        parser = _parsers.markdown = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    return parser


REMEMBERED_CHARS = 8000  # 4,096 texts of this size at most: 32 MB and their HTML at worst


def _remembered(function):
    """Remember `function`'s result for the last 4,096 texts of up to REMEMBERED_CHARS: after
    a change, the other workshops' abstracts are not converted again (a large listing has
    thousands); a longer text is converted each time."""
    cached = functools.lru_cache(maxsize=4096)(function)

    @functools.wraps(function)
    def remembered(text: str) -> str:
        return cached(text) if len(text or "") <= REMEMBERED_CHARS else function(text)

    return remembered


@_remembered
def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: raw HTML is sanitized, scripts never survive."""
    rendered = _markdown_parser().reset().convert(text or "")
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@_remembered
def plain_text(text: str) -> str:
    """The words of a Markdown text without its markup, on one line."""
    stripped = nh3.clean(render_markdown(text), tags=set())
    return " ".join(html.unescape(stripped).split())


def cut_at_word(text: str, length: int) -> str:
    """Shorten to at most `length` characters at a word boundary, ending in "…" when cut."""
    if len(text) <= length:
        return text
    cut = text[: length + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > length // 2 else text[:length]
    return cut.rstrip(" ,;:.-–—") + " …"


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3 just above


@register.filter
def teaser(text: str, length: int = 300) -> str:
    return cut_at_word(plain_text(text), int(length))


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


# The program's sections: (label, list page, the pages within it).
_PROGRAM_SECTIONS = [
    ("Workshops", "workshop-list", ("workshop-detail",)),
    ("Schedule", "schedule", ("schedule-day", "schedule-all")),
    ("Rooms", "room-list", ("room-detail",)),
    ("Organizers", "organizer-list", ("organizer-detail",)),
    ("Export", "export-list", ()),
]


@register.inclusion_tag("includes/program_nav.html", takes_context=True)
def program_nav(context, conference: Conference) -> dict:
    """The header's section links; the current page is aria-current="page", a page within a
    section (a workshop, a day of the schedule) marks it with aria-current="true"."""
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.url_name if match and match.namespace == "workshops" else None
    links = []
    for label, name, detail in _PROGRAM_SECTIONS:
        url = reverse(f"workshops:{name}", kwargs={"conference_slug": conference.slug})
        state = "page" if current == name else "true" if current in detail else ""
        links.append({"label": label, "url": url, "current": state})
    return {"links": links}
