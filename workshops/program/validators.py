"""Rules that span rows (a room booked twice, a slot outside its conference) and field checks."""

from __future__ import annotations

import zoneinfo
from collections.abc import Collection, Iterable, Mapping
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import Model

# The rows these rules judge, a TimeSlot and an AgendaItem, typed as models: the models call
# the rules from clean(), so the rules import no model (they query through the row's own class).
Slot = Model
Item = Model

# The site's own top-level paths: a conference slug may not shadow one of them.
RESERVED_SLUGS = frozenset(
    {
        "about", "accounts", "admin", "api", "export", "exports", "favicon.ico", "healthz",
        "login", "logout", "media", "offline", "robots.txt", "schedule", "search",
        "sitemap.xml", "static", "sw.js",
    }
)  # fmt: skip


@cache
def _timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone_name(value: str) -> None:
    if value not in _timezone_names():
        raise ValidationError(
            "“%(value)s” is not an IANA time zone; use a name such as America/New_York.",
            code="invalid_timezone",
            params={"value": value},
        )


def validate_conference_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is one of the site's own addresses; choose another slug.",
            code="reserved_slug",
            params={"value": value},
        )


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    """Half-open intervals [start, end) overlap when each starts before the other ends."""
    return a_start < b_end and b_start < a_end


def _format_local(slot: Slot) -> str:
    tz = slot.conference.tz if slot.conference_id else None
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    return f"{start:%a %d %b %H:%M}–{end:%H:%M}"


def check_slot(
    slot: Slot,
    *,
    moving: Collection[int] = (),
    bookings: Mapping[int, Iterable[Slot]] | None = None,
) -> None:
    """A slot ends after it starts, lies inside its conference's days and has its room to itself
    (slots in `moving` move together with it and are checked against each other apart).
    `bookings`, when given, holds the room's slots by room id as they will be (an import holds
    them all): the clash is looked for there instead of in the database."""
    errors: dict[str, list[str]] = {}
    conference = slot.conference if slot.conference_id else None
    if conference is None:
        errors.setdefault("conference", []).append("Choose the conference of this item.")
    if slot.workshop is not None and slot.room is None:
        errors.setdefault("room", []).append("A workshop's slot needs a room.")
    if slot.workshop is not None and slot.title:
        errors.setdefault("title", []).append(
            "A workshop's slot takes the workshop's title; leave this empty."
        )
    if slot.workshop is None and not slot.title:
        errors.setdefault("title", []).append("Give a plenary item a title, or choose a workshop.")
    if conference is not None:
        if slot.room is not None and slot.room.conference_id != conference.pk:
            errors.setdefault("room", []).append(f"This room is not one of {conference}'s rooms.")
        if slot.workshop is not None and slot.workshop.conference_id != conference.pk:
            errors.setdefault("workshop", []).append(f"This workshop is not part of {conference}.")
    if slot.start and slot.end:
        if slot.end <= slot.start:
            errors.setdefault("end", []).append("A slot must end after it starts.")
        elif conference is not None:
            first, last = conference.local_bounds()
            if slot.start < first or slot.end > last:
                errors.setdefault("__all__", []).append(
                    f"The slot lies outside {conference}'s dates "
                    f"({conference.start_date:%d %b %Y} to {conference.end_date:%d %b %Y}, "
                    f"{conference.timezone} time)."
                )
        if slot.room is not None and slot.end > slot.start:
            clash = _first_clash(slot, moving, bookings)
            if clash is not None:
                errors.setdefault("__all__", []).append(
                    f"{slot.room} is already booked at that time: “{clash.label}”, "
                    f"{_format_local(clash)}."
                )
    if errors:
        raise ValidationError(errors)


def _first_clash(
    slot: Slot,
    moving: Collection[int] = (),
    bookings: Mapping[int, Iterable[Slot]] | None = None,
) -> Slot | None:
    if bookings is not None:
        excluded = {slot.pk, *moving} - {None}
        clashes = [
            other
            for other in bookings.get(slot.room_id, ())
            if other is not slot
            and other.pk not in excluded
            and overlaps(slot.start, slot.end, other.start, other.end)
        ]
        return min(clashes, key=lambda other: other.start, default=None)

    others = (
        type(slot)
        ._default_manager.filter(room=slot.room, start__lt=slot.end, end__gt=slot.start)
        .select_related("workshop", "conference")
        .order_by("start")
    )
    return others.exclude(pk__in={slot.pk, *moving} - {None}).first()


def check_slots_apart(slots: Iterable[Slot]) -> None:
    """Slots entered together (one form) must not share a room at the same time either."""
    pending = [s for s in slots if s.room_id and s.start and s.end and s.end > s.start]
    for i, slot in enumerate(pending):
        for other in pending[i + 1 :]:
            if other.room_id == slot.room_id and overlaps(
                slot.start, slot.end, other.start, other.end
            ):
                raise ValidationError(
                    f"Two of these slots overlap in {slot.room}: "
                    f"{_format_local(slot)} and {_format_local(other)}."
                )


def check_agenda_item_in_slots(item: Item, slots: Iterable[Slot]) -> None:
    """An agenda item lies inside one of its workshop's slots (passed in: saved or pending)."""
    if not (item.start and item.end) or item.end <= item.start:
        return  # the item's own clean() reports a missing or reversed time
    slots = list(slots)
    if any(s.start <= item.start and item.end <= s.end for s in slots):
        return
    if not slots:
        raise ValidationError("Give the workshop a time slot before adding its agenda.")
    tz = item.workshop.conference.tz
    spans = ", ".join(
        f"{s.start.astimezone(tz):%a %H:%M}–{s.end.astimezone(tz):%H:%M}" for s in slots
    )
    raise ValidationError(
        f"“{item.title}” must lie inside one of the workshop's slots ({spans}, "
        f"{item.workshop.conference.timezone} time)."
    )


def check_speakers_fit(speakers: Iterable, *, name_length: int, affiliation_length: int) -> None:
    """Each speaker of an agenda item (the "Name (Affiliation)" lines) fits a person's record,
    which the speakers become."""
    for speaker in speakers:
        if len(speaker.name) > name_length:
            raise ValidationError(
                f"The speaker line “{speaker.name[:40]}…” is {len(speaker.name)} characters long; "
                f"a name takes at most {name_length}. Give one speaker per line, as Name "
                f"(Affiliation)."
            )
        if len(speaker.affiliation) > affiliation_length:
            raise ValidationError(
                f"The affiliation of {speaker.name[:40]} is {len(speaker.affiliation)} "
                f"characters long; it takes at most {affiliation_length}."
            )


def check_one_conference(workshops: Iterable[Model]) -> None:
    """A move (or any bulk change of the schedule) stays within one conference."""
    editions = sorted({str(workshop.conference) for workshop in workshops})
    if len(editions) > 1:
        joined = " and ".join(editions)
        raise ValidationError(
            f"A move stays within one conference; these workshops belong to {joined}. "
            "Filter the list to one conference first.",
            code="several_conferences",
        )
