"""Moments as the program writes them, on its pages, in the booklet and in the admin: the UTC
value of a <time datetime>, the clock text, a slot's span, the zone's name on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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


def instant_in_slot(
    clock: dt.time,
    slot_start: dt.datetime,
    slot_end: dt.datetime,
    tz: dt.tzinfo | None,
    *,
    after: dt.datetime | None,
) -> dt.datetime | None:
    """The earliest moment with this local clock time inside the slot (and after `after`): an
    agenda written as HH:MM takes its date and, on a night the clocks go back, its fold from the
    slot that holds it."""
    if slot_start.tzinfo is None:  # venue time, naive: no folds to choose from
        day = slot_start.date()
        candidates = [
            dt.datetime.combine(day + dt.timedelta(days=n), clock)
            for n in range((slot_end.date() - day).days + 1)
        ]
    else:
        first = slot_start.astimezone(tz).date()
        last = slot_end.astimezone(tz).date()
        candidates = [
            dt.datetime.combine(first + dt.timedelta(days=n), clock, tzinfo=tz).replace(fold=fold)
            for n in range((last - first).days + 1)
            for fold in (0, 1)
        ]
    # Compared in UTC: Python ignores `fold` between two times of the same zone.
    inside = [
        moment
        for moment in candidates
        if _exists(moment)  # not in the hour skipped in spring
        and _utc(slot_start) <= _utc(moment) <= _utc(slot_end)
        and (after is None or _utc(moment) > _utc(after))
    ]
    return min(inside, key=_utc, default=None)


def span_in_slots(
    start: dt.time,
    end: dt.time,
    slots: Iterable[TimeSlot],
    tz: dt.tzinfo,
    *,
    day: dt.date | None = None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Each way a start and an end clock time fit inside one of these slots (on `day`, if
    given), earliest first: the moments of an agenda item entered as times of day."""
    spans = set()
    for slot in slots:
        begins = instant_in_slot(start, slot.start, slot.end, tz, after=None)
        ends = begins and instant_in_slot(end, slot.start, slot.end, tz, after=begins)
        if ends and (day is None or begins.astimezone(tz).date() == day):
            spans.add((begins, ends))
    return sorted(spans, key=lambda span: _utc(span[0]))


def venue_days(starts: Iterable[dt.datetime], tz: dt.tzinfo) -> list[dt.date]:
    """The venue days on which these moments fall, in order."""
    return sorted({start.astimezone(tz).date() for start in starts})


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment


def _exists(moment: dt.datetime) -> bool:
    if moment.tzinfo is None:
        return True
    round_trip = moment.astimezone(dt.UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def shift_to(
    moment: dt.datetime, *, day: dt.date | None, start: dt.time | None, tz
) -> dt.timedelta:
    """How far `moment` moves to fall on this venue day and at this venue clock time (either
    one left out stays as it is)."""
    local = moment.astimezone(tz)
    target = dt.datetime.combine(day or local.date(), start or local.time(), tzinfo=tz)
    return target.astimezone(dt.UTC) - moment.astimezone(dt.UTC)
