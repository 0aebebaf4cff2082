"""The conference's time slots for the plan's: matched by GUID, else workshop (or plenary
title) and start; every change checked in file order against the rooms as the import leaves
them, moving slots parked first, new ones inserted in bulk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshops.exchange.importers.apply.session import ImportSession, bulk_create, taken_guids
from workshops.exchange.importers.plan import SlotPlan
from workshops.exchange.importers.report import CREATED, UNCHANGED, UPDATED
from workshops.models import Room, TimeSlot, Workshop
from workshops.program import services, validators
from workshops.program.locking import enforce_slot_overlap_now

# Slots that move are first parked here, one minute each, so that two slots may swap rooms or
# times: each is then checked at its new place against the program as it will be.
_PARKING = dt.datetime(1901, 1, 1, tzinfo=dt.UTC)
_PLACE_FIELDS = {"room", "start", "end"}


@dataclass
class SlotChange:
    """One slot of the file, the row it matched (or a new one), and what differs."""

    data: SlotPlan
    slot: TimeSlot
    values: dict
    changed: list[str]
    label: str

    @property
    def moves(self) -> bool:
        return bool(_PLACE_FIELDS & set(self.changed))


def import_slots(
    session: ImportSession, rooms: dict[int, Room], workshops: dict[int, Workshop]
) -> dict[int, list[TimeSlot]]:
    """Bring the conference's slots to the plan's (one query of its slots); the program's
    slots by workshop id, as saved."""
    existing = list(
        TimeSlot.objects.filter(conference=session.conference).select_related("room", "workshop")
    )
    for slot in existing:
        slot.conference = session.conference
    changes = _changes(session, existing, rooms, workshops)
    matched = sum(1 for change in changes if change.slot.pk is not None)
    writes = any(change.changed for change in changes)
    if writes:
        # Bookings of these rooms by others wait for this import; one that got in before
        # the lock meets the database's overlap guard (PostgreSQL).
        services.slot_hold_rooms(rooms=rooms.values())
    _check_slots(session, existing, changes)
    _park([change.slot for change in changes if change.slot.pk and change.moves])
    new = _save(session, changes)
    if writes:
        enforce_slot_overlap_now()  # the bulk insert: a clash is refused here, not at commit
    left = len(existing) - matched
    if left:
        session.report.notes.append(
            f"{left} time slot(s) of {session.conference.name} are not in the file and stay as "
            "they are (an export leaves out drafts and cancelled workshops)."
        )
    by_workshop: dict[int, list[TimeSlot]] = {}
    for slot in [*existing, *new]:
        if slot.workshop_id:
            by_workshop.setdefault(slot.workshop_id, []).append(slot)
    return by_workshop


def _changes(
    session: ImportSession,
    existing: list[TimeSlot],
    rooms: dict[int, Room],
    workshops: dict[int, Workshop],
) -> list[SlotChange]:
    """Each slot of the file with the row it matches, no row matched twice, and what differs."""
    by_guid = {slot.guid: slot for slot in existing}
    by_place = {
        (slot.workshop_id, "" if slot.workshop_id else slot.title, slot.start): slot
        for slot in existing
    }
    file_guids = {data.guid for data in session.plan.slots if data.guid}
    taken = set(by_guid) | taken_guids(TimeSlot, file_guids - set(by_guid))
    used: set[int] = set()
    changes = []
    for data in session.plan.slots:
        room = rooms[id(data.room)] if data.room is not None else None
        workshop = workshops[id(data.workshop)] if data.workshop is not None else None
        start, end = session.aware(data.start), session.aware(data.end)
        slot = by_guid.get(data.guid) if data.guid else None
        if slot is None or slot.pk in used:
            slot = by_place.get((workshop.pk if workshop else None, data.title, start))
            if slot is not None and slot.pk in used:
                slot = None
        values = {
            "room": room,
            "workshop": workshop,
            "title": data.title,
            "start": start,
            "end": end,
        }
        if slot is None:
            slot = TimeSlot(
                conference=session.conference,
                guid=session.free_guid(data.guid, f"the slot at {data.source}", taken),
            )
            changed = list(values)
        else:
            used.add(slot.pk)
            changed = [name for name, value in values.items() if getattr(slot, name) != value]
        label = _label(session, data, values, slot)
        changes.append(SlotChange(data, slot, values, changed, label))
    return changes


def _label(session: ImportSession, data: SlotPlan, values: dict, slot: TimeSlot) -> str:
    tz = session.conference.tz
    room, start, end = values["room"], values["start"], values["end"]
    where = f" in {room.name}" if room else ""
    return (
        f"“{data.label}”, {start.astimezone(tz):%a %d %b %Y %H:%M}–"
        f"{end.astimezone(tz):%H:%M}{where} (GUID {slot.guid})"
    )


def _check_slots(
    session: ImportSession, existing: list[TimeSlot], changes: list[SlotChange]
) -> None:
    """Bring each new or changed slot to the file's values and check it, in file order,
    against the rooms as they will be: the slots that stay in place, and those before it."""
    moving = {change.slot.pk for change in changes if change.moves}
    bookings: dict[int, list[TimeSlot]] = {}
    for slot in existing:
        if slot.room_id and slot.pk not in moving:
            bookings.setdefault(slot.room_id, []).append(slot)
    for change in changes:
        if not change.changed:
            continue
        slot = change.slot
        for name in change.changed:
            setattr(slot, name, change.values[name])
        session.clean(
            slot,
            f"time slot {change.label}",
            change.data.source,
            relations=["conference", "room", "workshop"],
            rules=[lambda s=slot: validators.check_slot(s, bookings=bookings)],
        )
        if slot.room_id and (slot.pk is None or slot.pk in moving):
            bookings.setdefault(slot.room_id, []).append(slot)


def _park(moving: list[TimeSlot]) -> None:
    for index, slot in enumerate(moving):
        parked = _PARKING + dt.timedelta(minutes=2 * index)
        TimeSlot.objects.filter(pk=slot.pk).update(
            start=parked, end=parked + dt.timedelta(minutes=1)
        )


def _save(session: ImportSession, changes: list[SlotChange]) -> list[TimeSlot]:
    """Save the changed slots one by one and insert the new ones in bulk; the new ones."""
    new = []
    for change in changes:
        slot, changed = change.slot, change.changed
        created = slot.pk is None
        if created:
            new.append(slot)
        elif changed:
            session.checked(
                lambda s=slot: services.slot_save(slot=s),
                f"time slot {change.label}",
                change.data.source,
            )
        session.report.add(
            CREATED if created else UPDATED if changed else UNCHANGED,
            "time slot",
            change.label,
            [] if created else changed,
        )
    bulk_create(TimeSlot, new)
    return new
