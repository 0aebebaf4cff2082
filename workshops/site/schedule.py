"""The schedule page: one day of an edition's public slots (or every day, for printing), laid
out as grids (site/grid.py), with the links between the days.

Pure functions over the schedule a selector read (selectors.schedule_for_program); nothing
here queries. A page holds one day: the busiest day of a large program is a fifth of its
slots, which the template language draws in a fraction of the time the whole program took.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone

from workshops.program import selectors
from workshops.program.schedule import Schedule, ScheduleSlot
from workshops.program.times import clock, utc_iso
from workshops.site.filters import FilterOptions, ProgramFilters, search_terms, slot_matches
from workshops.site.grid import Day, schedule_days


@dataclass(slots=True)
class ShownSlot:
    """A slot as the page draws it, twice (grid cell and list item): its times' <time> values
    and clock text, and its workshop's address, made once per page. The rest (start, room,
    workshop...) is the slot's own, as the grid and the filter index read it."""

    slot: ScheduleSlot
    start_iso: str
    start_clock: str
    end_iso: str
    end_clock: str
    url: str  # the workshop's page; "" for a plenary item

    def __getattr__(self, name: str):
        if name == "slot":  # not set yet: no slot to ask
            raise AttributeError(name)
        return getattr(self.slot, name)


class _Moments:
    """Each instant's <time> value and clock text, formatted once per page: a day's slots and
    rows share a few dozen start and end times."""

    def __init__(self, tz) -> None:
        self.tz = tz
        self.made: dict[float, tuple[str, str]] = {}

    def __call__(self, moment: dt.datetime) -> tuple[str, str]:
        # By the instant: the two 1:30s of the night the clocks go back are two moments.
        instant = moment.timestamp()
        text = self.made.get(instant)
        if text is None:
            text = self.made[instant] = (utc_iso(moment), clock(moment.astimezone(self.tz)))
        return text


def _shown(slots: list[ScheduleSlot], tz, workshop_path: tuple[str, str]) -> list[ShownSlot]:
    moment = _Moments(tz)
    head, tail = workshop_path
    return [
        ShownSlot(
            slot,
            *moment(slot.start),
            *moment(slot.end),
            f"{head}{slot.workshop.slug}{tail}" if slot.workshop is not None else "",
        )
        for slot in slots
    ]


@dataclass(frozen=True)
class DayLink:
    """A link of the day navigation: a day's page, keeping the page's filters."""

    date: dt.date
    url: str
    current: bool


@dataclass(frozen=True)
class SchedulePage:
    """What one schedule page draws: its days' grids (one day, or every day) and the links."""

    days: list[Day]
    day: dt.date | None  # the day shown; None on the all-days page
    links: list[DayLink]
    all_days_url: str
    one_day_url: str
    unfiltered_url: str  # this page without filters: the day's own page, or every day's
    room_path: tuple[str, str]  # a room's address before and after its slug


def schedule_options(schedule: Schedule) -> FilterOptions:
    """The filter form's choices: the rooms and days the schedule's read found."""
    return FilterOptions(rooms=schedule.rooms, days=schedule.days, topics=schedule.topics)


def default_day(schedule: Schedule) -> dt.date | None:
    """The day `/schedule/` shows: today (venue time) while the conference runs and has slots
    today, otherwise its first day with slots; None without any."""
    conference = schedule.conference
    today = timezone.now().astimezone(conference.tz).date()
    if conference.start_date <= today <= conference.end_date and today in schedule.days:
        return today
    return schedule.days[0] if schedule.days else None


def schedule_page(
    schedule: Schedule, filters: ProgramFilters, *, day: dt.date | None, query: QueryDict
) -> SchedulePage:
    """The page of `day` (None: every day) narrowed by `filters`; 404 for a day without slots.
    A valid day filter picks the day shown, as the form without JavaScript asks for it."""
    if day is not None and day not in schedule.days:
        raise Http404("The program has no slots on this day.")
    if day is not None and filters.day is not None:
        day = filters.day
    conference = schedule.conference
    tz = conference.tz
    terms = search_terms(filters.q)
    slots = [
        slot
        for slot in selectors.schedule_slots(schedule=schedule, day=day)
        if slot_matches(slot, filters, tz, terms)
    ]
    rooms = [room for room in schedule.rooms if not filters.room or room.slug == filters.room]
    kept = _query_without_day(query)
    workshop_path = _around_slug("workshops:workshop-detail", conference)
    return SchedulePage(
        days=schedule_days(_shown(slots, tz, workshop_path), rooms, tz),
        day=day,
        links=[
            DayLink(date, _address("workshops:schedule-day", conference, kept, date), date == day)
            for date in schedule.days
        ],
        all_days_url=_address("workshops:schedule-all", conference, query.urlencode()),
        one_day_url=_address("workshops:schedule", conference, query.urlencode()),
        unfiltered_url=(
            _address("workshops:schedule-day", conference, "", day)
            if day is not None
            else _address("workshops:schedule-all", conference, "")
        ),
        room_path=_around_slug("workshops:room-detail", conference),
    )


def _around_slug(view: str, conference) -> tuple[str, str]:
    """The address of `view` for one of the conference's slugs, before and after the slug (a
    slug is letters, digits, "-" and "_", which reverse() puts in as they are)."""
    placeholder = "page-slug"
    address = reverse(view, kwargs={"conference_slug": conference.slug, "slug": placeholder})
    head, tail = address.rsplit(placeholder, 1)
    return head, tail


def _query_without_day(query: QueryDict) -> str:
    """The query string a day link keeps: the search and the room (the link sets the day)."""
    kept = query.copy()
    kept.pop("day", None)
    return kept.urlencode()


def _address(view: str, conference, query: str, date: dt.date | None = None) -> str:
    kwargs = {"conference_slug": conference.slug}
    if date is not None:
        kwargs["day"] = date
    path = reverse(view, kwargs=kwargs)
    return f"{path}?{query}" if query else path
