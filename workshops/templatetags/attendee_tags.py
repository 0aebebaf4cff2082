"""Display helpers for the attendee's tools: machine-readable times that the browser can show in
another time zone, the data the instant filters match against, and QR code addresses. They
format what they are given (prefetched) and never query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from workshops.models import Conference, TimeSlot, Workshop
from workshops.program.times import clock, day_label, utc_iso
from workshops.site.filters import fold, workshop_text
from workshops.site.grid import Day

register = template.Library()


register.filter("utc_iso", utc_iso)


def span_html(start: dt.datetime, end: dt.datetime, tz, *, with_day: bool = True) -> SafeString:
    """The text of `slot_time` ("Thu 8 Jun · 8:00–16:40 EDT") with its two moments marked up
    as <time datetime="…Z">; static/js/time.js rebuilds the same markup in another zone."""
    start, end = start.astimezone(tz), end.astimezone(tz)
    first = clock(start)
    if with_day:
        first = f"{day_label(start)} · {first}"
    if end.date() != start.date():
        between, last = " – ", f"{day_label(end)} {clock(end)}"
    elif start.tzname() != end.tzname():  # the clocks change during the slot
        between, last = f" {start:%Z}–", clock(end)
    else:
        between, last = "–", clock(end)
    return format_html(
        '<time datetime="{}" data-span="{}"{}>{}</time>{}<time datetime="{}">{}</time>{}',
        utc_iso(start),
        utc_iso(end),
        mark_safe(' data-with-day="1"') if with_day else "",
        first,
        between,
        utc_iso(end),
        last,
        f" {end:%Z}",
    )


@register.simple_tag
def slot_when(slot: TimeSlot, conference: Conference, with_day: bool = True) -> SafeString:
    """A slot's day and hours in the venue's zone, as <time> elements (see span_html)."""
    return span_html(slot.start, slot.end, conference.tz, with_day=with_day)


_INSTANT = dt.timedelta(microseconds=1)


def _covered_days(slot: TimeSlot, tz) -> list[dt.date]:
    first = slot.start.astimezone(tz).date()
    last = (slot.end - _INSTANT).astimezone(tz).date()
    if last == first:  # most slots: no list of days to count out
        return [first]
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _places(slots: Iterable[TimeSlot], tz) -> list[list[str]]:
    """["room-241", "2023-06-08"] for each room and venue day a slot covers ("" for all rooms)."""
    return [
        [slot.room.slug if slot.room_id else "", day.isoformat()]
        for slot in slots
        for day in _covered_days(slot, tz)
    ]


def _topic_slugs(workshop) -> list[str]:
    """The slugs of a workshop's topics (the `topic_list` a selector attached)."""
    return [topic.slug for topic in getattr(workshop, "topic_list", [])]


@register.simple_tag
def listing_filter_index(workshops: Iterable[Workshop], conference: Conference) -> dict:
    """What the instant filter of the listing matches each card against, keyed by slug: the
    folded text the server searches (filters.workshop_text) and the rooms and days."""
    return {
        workshop.slug: {
            "t": workshop_text(workshop),
            "w": _places(workshop.slots.all(), conference.tz),
            "p": _topic_slugs(workshop),
        }
        for workshop in workshops
    }


@register.simple_tag
def schedule_filter_index(days: Iterable[Day], conference: Conference) -> dict:
    """The same for the schedule, keyed by slot GUID (grid cell and list item share it). A
    workshop's text is written once under its slug in "texts" and named by its slots ("x"):
    a workshop runs in several slots, and its abstract is most of the index."""
    tz = conference.tz
    items = {}
    texts = {}
    for day in days:
        for slot in day.items:
            entry: dict = {"w": _places([slot], tz)}
            if slot.workshop_id:
                slug = slot.workshop.slug
                if slug not in texts:
                    texts[slug] = workshop_text(slot.workshop)
                entry["x"] = slug
                entry["p"] = _topic_slugs(slot.workshop)
            else:
                entry["t"] = fold(slot.title)
            items[str(slot.guid)] = entry
    return {"texts": texts, "items": items}


@register.simple_tag
def qr_src(conference: Conference, path: str) -> str:
    """The address of the QR code (an SVG drawn by the server) of one of this site's pages."""
    url = reverse("workshops:qr-code", kwargs={"conference_slug": conference.slug})
    return f"{url}?{urlencode({'data': path})}"


@register.simple_tag
def conference_bounds(conference: Conference) -> tuple[str, str]:
    """When the conference runs, for the "now / next" marker: from midnight before its first
    day to midnight after its last, venue time, as UTC ISO strings."""
    tz = conference.tz
    start = dt.datetime.combine(conference.start_date, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(conference.end_date + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return utc_iso(start), utc_iso(end)


@register.simple_tag
def now_utc() -> str:
    """The moment the page is made, for the "offline copy from" note."""
    return utc_iso(timezone.now())
