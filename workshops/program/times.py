"""Moments as the program writes them, on its pages, in the booklet and in the admin: the UTC
value of a <time datetime>, the clock text, a slot's span, the zone's name on a day."""

from __future__ import annotations

import datetime as dt

from workshops.models import Conference, TimeSlot


def utc_iso(moment: dt.datetime | None) -> str:
    """ "2023-06-08T12:00:00Z": the value of a <time datetime>, whatever zone is active."""
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clock(moment: dt.datetime) -> str:
    """ "8:05": the hour without a leading zero, in the moment's own zone."""
    return f"{moment.hour}:{moment:%M}"


def venue_clock(moment: dt.datetime, conference: Conference) -> str:
    """ "8:10" in the venue's time zone."""
    return clock(moment.astimezone(conference.tz))


def slot_time(slot: TimeSlot, conference: Conference, with_day: bool = True) -> str:
    """ "Thu 8 Jun · 8:00–16:40 EDT" in the venue's time zone."""
    tz = conference.tz
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    span = f"{clock(start)}–{clock(end)} {end:%Z}"
    if start.tzname() != end.tzname():  # the clocks change during the slot
        span = f"{clock(start)} {start:%Z}–{clock(end)} {end:%Z}"
    if end.date() != start.date():
        span = f"{clock(start)} – {day_label(end)} {clock(end)} {end:%Z}"
    if not with_day:
        return span
    return f"{day_label(start)} · {span}"


def day_label(day: dt.date) -> str:
    """ "Thu 8 Jun": a date, or a moment's day in its own zone."""
    return f"{day:%a} {day.day} {day:%b}"


def zone_abbreviation(conference: Conference, day: dt.date) -> str:
    """ "EDT": the venue zone's name on that day (summer and winter names differ)."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=conference.tz).strftime("%Z")


def shift_to(
    moment: dt.datetime, *, day: dt.date | None, start: dt.time | None, tz
) -> dt.timedelta:
    """How far `moment` moves to fall on this venue day and at this venue clock time (either
    one left out stays as it is)."""
    local = moment.astimezone(tz)
    target = dt.datetime.combine(day or local.date(), start or local.time(), tzinfo=tz)
    return target.astimezone(dt.UTC) - moment.astimezone(dt.UTC)
