"""The conference's rooms for the plan's: matched by GUID, else slug, else name; new ones last."""

from __future__ import annotations

from django.utils.text import slugify

from workshops.exchange.importers.apply.session import ImportSession, taken_guids
from workshops.exchange.importers.plan import RoomPlan
from workshops.models import Room


def import_rooms(session: ImportSession) -> dict[int, Room]:
    """The conference's rooms by the plan's (by id()), updated or created in file order."""
    existing = list(Room.objects.filter(conference=session.conference))
    by_guid = {room.guid: room for room in existing}
    by_slug = {room.slug: room for room in existing}
    by_name = {room.name.lower(): room for room in existing}
    file_guids = {room.guid for room in session.plan.rooms if room.guid}
    taken = taken_guids(Room, file_guids - set(by_guid))
    position = max((room.position for room in existing), default=0)
    used: set[int] = set()
    result: dict[int, Room] = {}
    for data in session.plan.rooms:
        room = by_guid.get(data.guid) if data.guid else None
        if room is None:
            slug = data.slug or slugify(data.name)[:100]
            room = next(
                (
                    candidate
                    for candidate in (by_slug.get(slug), by_name.get(data.name.lower()))
                    if candidate is not None
                    and candidate.pk not in used
                    and (candidate.guid not in file_guids or candidate.guid == data.guid)
                ),
                None,
            )
        values: dict = {"name": data.name}
        if data.slug:
            values["slug"] = data.slug
        if data.capacity is not None:
            values["capacity"] = data.capacity
        label = f"“{data.name}”"
        if room is None:
            position += 1
            room = Room(
                conference=session.conference,
                slug=_free_slug(data, by_slug),
                position=position,
                guid=session.free_guid(data.guid, f"room {label}", taken),
            )
            values.pop("slug", None)
            session.sync(room, values, "room", label, data.source)
            by_slug[room.slug] = room
        else:
            session.record("room", label, session.sync(room, values, "room", label, data.source))
        used.add(room.pk)
        result[id(data)] = room
    return result


def _free_slug(data: RoomPlan, taken: dict[str, Room]) -> str:
    base = data.slug or slugify(data.name)[:95].strip("-") or "room"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
