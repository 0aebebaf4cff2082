"""Display helpers for the program's templates. They format what they are given and never query."""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe

from workshops.models import Conference
from workshops.models.markdown import plain_text
from workshops.program import times

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


register.simple_tag(times.slot_time, name="slot_time")
register.simple_tag(times.venue_clock, name="clock")


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


register.simple_tag(times.zone_abbreviation, name="zone_abbreviation")


# The program's sections: (label, list page, the pages within it).
_PROGRAM_SECTIONS = [
    ("Workshops", "workshop-list", ("workshop-detail",)),
    ("Schedule", "schedule", ("schedule-day", "schedule-all")),
    ("Rooms", "room-list", ("room-detail",)),
    ("Organizers", "organizer-list", ("organizer-detail",)),
    ("Export", "export-list", ()),
    ("Changes", "changelog", ()),
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


# Sharing: the page's address on the configured site, a block rendered once and used twice
# (the title in <title> and in the OpenGraph tags), and JSON-LD data.


@register.simple_tag
def site_url(path: str = "") -> str:
    """`path` on the site's configured address (settings.SITE_URL, never the request's Host: a
    cached page is the same for every Host)."""
    return f"{settings.SITE_URL}{path}"


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so {% block %} inside is found and can be overridden

    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}…{% endcapture %}: renders its content (escaped as anywhere in
    a template) into `name` instead of the page."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


_JSON_IN_HTML = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> str:
    """Data as JSON for a <script type="application/ld+json">: `<`, `>` and `&` escaped as
    json_script escapes them, so no text in it can end the element."""
    return mark_safe(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_IN_HTML)
    )


@register.filter
def webcal(address: str) -> str:
    """An http(s) address as calendar apps subscribe to it: webcal://host/path."""
    return "webcal://" + address.split("://", 1)[-1]
