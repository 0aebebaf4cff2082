"""What the listing and the schedule can be narrowed to, and the pure tests of a match.

Text is matched in Python, not with the database's LIKE: SQLite folds only ASCII case and
PostgreSQL's lower() depends on the database's locale, while "altınbüken", "ALTINBÜKEN" and
"altinbuken" must all find Deniz Altınbüken. A conference has tens of workshops, already
loaded for the page, so this costs no query.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from workshops.models import Conference, Room, TimeSlot, Topic, Workshop
from workshops.program import selectors
from workshops.program.schedule import ScheduleWorkshop


@dataclass(frozen=True)
class FilterOptions:
    """The choices a filter form offers: the edition's rooms in order and the days with slots."""

    rooms: list[Room]
    days: list[dt.date]
    topics: list[Topic] = field(default_factory=list)


def filter_options_for_program(*, conference: Conference) -> FilterOptions:
    """The rooms and the days (venue time) that have public slots, for the filter form."""
    return FilterOptions(
        rooms=selectors.rooms_for_program(conference=conference),
        days=selectors.days_for_program(conference=conference),
        topics=selectors.topics_for_program(conference=conference),
    )


@dataclass(frozen=True)
class ProgramFilters:
    """Cleaned filter values; empty ones do not narrow anything."""

    room: str = ""  # a room's slug
    day: dt.date | None = None
    q: str = ""
    topic: str = ""  # a topic's slug

    @property
    def active(self) -> bool:
        return bool(self.room or self.day or self.q or self.topic)


def fold(text: str) -> str:
    """Case- and accent-free text for matching: "Altınbüken" → "altinbuken"."""
    if text.isascii():  # nothing to decompose (most abstracts): the quick way
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    return decomposed.translate(_without_combining())


@functools.cache
def _without_combining() -> dict[int, None]:
    """A str.translate table that drops every combining character (accents after NFKD). They
    all lie in Unicode's first two planes; looking no further keeps building the table quick."""
    return {code: None for code in range(0x20000) if unicodedata.combining(chr(code))}


def search_terms(q: str) -> list[str]:
    """The folded words of a search; every one must match."""
    return fold(q).split()


def organizer_names(workshop: Workshop) -> list[str]:
    """The names of a workshop's organizers in order: those a selector attached to it
    (`organizer_names`, read without model instances), else from its prefetched links."""
    names = getattr(workshop, "organizer_names", None)
    if names is None:
        names = [link.organizer.name for link in workshop.organizer_links.all()]
    return names


def workshop_text(workshop: Workshop | ScheduleWorkshop) -> str:
    """Title, acronym, organizer names and abstract, folded once per workshop object and
    kept on it (`search_text`): a page's slots share their workshop's object, and the page's
    filter index reads the text its search matched."""
    text = getattr(workshop, "search_text", None)
    if text is None:
        parts = [
            workshop.title,
            workshop.acronym,
            *organizer_names(workshop),
            workshop.abstract,
        ]
        if getattr(workshop, "paper_text", ""):  # its papers' titles and authors, if any
            parts.append(workshop.paper_text)
        text = " ".join(fold(part) for part in parts)  # part by part: most take the quick way
        workshop.search_text = text
    return text


def has_topic(workshop: Workshop | ScheduleWorkshop, filters: ProgramFilters) -> bool:
    """Whether the workshop has the topic asked for (its `topic_list`, which a selector
    attached)."""
    return any(topic.slug == filters.topic for topic in getattr(workshop, "topic_list", []))


def _covers_day(slot: TimeSlot, day: dt.date, tz: ZoneInfo) -> bool:
    start = slot.start.astimezone(tz).date()
    last = (slot.end - dt.timedelta(microseconds=1)).astimezone(tz).date()
    return start <= day <= last


def slot_matches(slot: TimeSlot, filters: ProgramFilters, tz: ZoneInfo, terms: list[str]) -> bool:
    """Whether a slot passes the filters. A plenary item without a room stays in any room's
    view, and a text search keeps it only when its own title matches."""
    if filters.day and not _covers_day(slot, filters.day, tz):
        return False
    if filters.room and slot.room_id is not None and slot.room.slug != filters.room:
        return False
    if filters.topic and slot.workshop_id is not None and not has_topic(slot.workshop, filters):
        return False
    if not terms:
        return True
    text = fold(slot.title) if slot.workshop_id is None else workshop_text(slot.workshop)
    return all(term in text for term in terms)


def workshop_matches(
    workshop: Workshop, filters: ProgramFilters, tz: ZoneInfo, terms: list[str]
) -> bool:
    """Whether a workshop passes: its text matches, and one of its slots lies in the room and
    on the day asked for (slots and organizer links prefetched)."""
    if terms:
        text = workshop_text(workshop)
        if not all(term in text for term in terms):
            return False
    if filters.topic and not has_topic(workshop, filters):
        return False
    if not (filters.room or filters.day):
        return True
    return any(
        (not filters.day or _covers_day(slot, filters.day, tz))
        and (not filters.room or (slot.room_id is not None and slot.room.slug == filters.room))
        for slot in workshop.slots.all()
    )


@dataclass(frozen=True)
class FilteredWorkshops:
    workshops: list[Workshop]
    total: int


def workshops_for_filtered_listing(
    *, conference: Conference, filters: ProgramFilters
) -> FilteredWorkshops:
    """The listing narrowed by room, day and text, and how many public workshops there are."""
    everything = selectors.workshops_for_listing(conference=conference)
    terms = search_terms(filters.q)
    shown = [w for w in everything if workshop_matches(w, filters, conference.tz, terms)]
    return FilteredWorkshops(workshops=shown, total=len(everything))
