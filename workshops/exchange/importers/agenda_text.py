"""Our exporters' agenda text back into agenda items: each line's clock times placed inside
the slot that carries it."""

from __future__ import annotations

import datetime as dt
import re

from workshops.exchange.importers.plan import AgendaItemPlan

# One line of our agenda text: "08:10–08:55 Invited talk: Name (Affiliation); Other Name".
_AGENDA_LINE = re.compile(r"^(\d{2}):(\d{2})–(\d{2}):(\d{2}) (.*)$")


def parse_agenda_text(
    text: str, slot_start: dt.datetime, slot_end: dt.datetime, tz: dt.tzinfo | None
) -> list[AgendaItemPlan] | None:
    """Our exporters' agenda lines back into items, placed inside the slot; None if the text is
    not such an agenda."""
    if not text.strip():
        return []
    if tz is None:
        tz = slot_start.tzinfo
    items = []
    for line in text.split("\n"):
        match = _AGENDA_LINE.match(line)
        if not match:
            return None
        start_clock = dt.time(int(match[1]), int(match[2])) if int(match[1]) < 24 else None
        end_clock = dt.time(int(match[3]), int(match[4])) if int(match[3]) < 24 else None
        if start_clock is None or end_clock is None:
            return None
        start = _instant_in(start_clock, slot_start, slot_end, tz, after=None)
        end = _instant_in(end_clock, slot_start, slot_end, tz, after=start)
        if start is None or end is None:
            return None
        rest = match[5]
        title, _, speakers = rest.partition(": ")
        items.append(
            AgendaItemPlan(
                start=start,
                end=end,
                title=title,
                speakers="\n".join(speakers.split("; ")) if speakers else "",
                text=rest,
            )
        )
    return items


def _instant_in(
    clock: dt.time,
    slot_start: dt.datetime,
    slot_end: dt.datetime,
    tz: dt.tzinfo | None,
    *,
    after: dt.datetime | None,
) -> dt.datetime | None:
    """The earliest moment with this local clock time inside the slot (and after `after`): the
    agenda writes only HH:MM, so its date and, on a night the clocks go back, its fold are
    those that put it inside its slot."""
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


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment


def _exists(moment: dt.datetime) -> bool:
    if moment.tzinfo is None:
        return True
    round_trip = moment.astimezone(dt.UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)
