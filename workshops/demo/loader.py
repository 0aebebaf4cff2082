"""Load the demo program into the database; a second run finds everything in place."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils.text import slugify

from workshops.demo.contents import LINKS, PAPERS, TOPICS, WORKSHOP_TOPICS
from workshops.demo.data import CONFERENCES, DEMO_NOTE, ORGANIZERS
from workshops.models import (
    AgendaItem,
    Conference,
    Link,
    Organizer,
    Paper,
    Release,
    Room,
    TimeSlot,
    Topic,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import people, releases, services


def _sync(model: type[models.Model], counts: Counter, lookup: dict, values: dict) -> models.Model:
    """Create the row, or bring its fields to `values`; count only what really changed."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        counts[f"{model._meta.verbose_name_plural} created"] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
        counts[f"{model._meta.verbose_name_plural} updated"] += 1
    return obj


def _at(tz: ZoneInfo, day: str, clock: str) -> dt.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=tz)


def _sync_slot(counts: Counter, slot: TimeSlot, lookup: dict) -> TimeSlot:
    existing = TimeSlot.objects.filter(**lookup).first()
    if existing and (existing.room_id, existing.end) == (slot.room_id, slot.end):
        return existing
    if existing:
        existing.room, existing.end = slot.room, slot.end
        slot = existing
    services.slot_save(slot=slot)
    counts["time slots updated" if existing else "time slots created"] += 1
    return slot


@transaction.atomic
def demo_load() -> Counter:
    """Bring the demo editions into the database: all or nothing, idempotent."""
    counts: Counter = Counter()
    organizers = {
        slug: _sync(
            Organizer,
            counts,
            {"slug": slug},
            {"name": name, "affiliation": affiliation, "email": f"{slug}@example.org"},
        )
        for slug, (name, affiliation) in ORGANIZERS.items()
    }
    for data in CONFERENCES:
        tz = ZoneInfo(data["timezone"])
        conference = _load_conference(counts, data)
        rooms = {
            name: _sync(
                Room,
                counts,
                {"conference": conference, "slug": slugify(name)},
                {"name": name, "position": position},
            )
            for position, name in enumerate(data["rooms"], start=1)
        }
        _load_plenary(counts, conference, tz, rooms, data["plenary"])
        topics = {
            slug: _sync(
                Topic,
                counts,
                {"conference": conference, "slug": slug},
                {"name": name, "colour": colour, "position": position},
            )
            for position, (slug, name, colour) in enumerate(TOPICS.get(data["slug"], []))
        }
        for entry in data["workshops"]:
            _load_workshop(counts, conference, tz, rooms, organizers, entry)
            _load_extras(counts, conference, tz, topics, entry)
        _load_release(counts, conference)
    return counts


def demo_conferences() -> models.QuerySet[Conference]:
    """The demo program's conferences, as far as they are in the database."""
    return Conference.objects.filter(slug__in=[data["slug"] for data in CONFERENCES])


def _load_conference(counts: Counter, data: dict) -> Conference:
    return _sync(
        Conference,
        counts,
        {"slug": data["slug"]},
        {
            "name": data["name"],
            "year": data["year"],
            "timezone": data["timezone"],
            "start_date": dt.date.fromisoformat(data["start_date"]),
            "end_date": dt.date.fromisoformat(data["end_date"]),
            "venue": data["venue"],
            "city": data["city"],
            "website": data["website"],
            "description": DEMO_NOTE.format(year=data["year"]),
            "published": True,
        },
    )


def _load_plenary(
    counts: Counter, conference: Conference, tz: ZoneInfo, rooms: dict, plenary: list
) -> None:
    for title, room, day, start, end in plenary:
        slot = TimeSlot(
            conference=conference,
            title=title,
            room=rooms[room] if room else None,
            start=_at(tz, day, start),
            end=_at(tz, day, end),
        )
        _sync_slot(counts, slot, {"conference": conference, "title": title, "start": slot.start})


def _load_release(counts: Counter, conference: Conference) -> None:
    """The edition's release 1.0, unless it has a release already."""
    if not conference.releases.exists():
        releases.release_save(
            release=Release(
                conference=conference, version="1.0", comment="The program as announced."
            ),
            user=None,
        )
        counts["releases created"] += 1


def _load_workshop(counts, conference, tz, rooms, organizers, entry) -> None:
    workshop = _sync(
        Workshop,
        counts,
        {"conference": conference, "slug": entry["slug"]},
        {
            "title": entry["title"],
            "acronym": entry["acronym"],
            "abstract": entry["abstract"],
            "status": Workshop.Status.PUBLISHED,
        },
    )
    wanted = [organizers[slug] for slug in entry["organizers"]]
    current = [link.organizer_id for link in WorkshopOrganizer.objects.filter(workshop=workshop)]
    if current != [o.pk for o in wanted]:
        services.workshop_set_organizers(workshop=workshop, organizers=wanted)
        counts["organizer lists updated"] += 1
    for room, day, start, end in entry["slots"]:
        slot = TimeSlot(
            conference=conference,
            workshop=workshop,
            room=rooms[room],
            start=_at(tz, day, start),
            end=_at(tz, day, end),
        )
        _sync_slot(counts, slot, {"workshop": workshop, "start": slot.start})
    day = entry["slots"][0][1]
    for start, end, kind, title, speakers in entry.get("agenda", []):
        item = AgendaItem(
            workshop=workshop,
            start=_at(tz, day, start),
            end=_at(tz, day, end),
            kind=kind,
            title=title,
            speakers="\n".join(speakers),
        )
        existing = AgendaItem.objects.filter(workshop=workshop, start=item.start).first()
        fields = ("end", "kind", "title", "speakers")
        if existing and all(getattr(existing, f) == getattr(item, f) for f in fields):
            continue
        if existing:
            item.pk = existing.pk
        services.agenda_item_save(item=item)
        counts["agenda items updated" if existing else "agenda items created"] += 1


def _load_extras(counts, conference, tz, topics, entry) -> None:
    """A workshop's topics, papers (with their authors as people) and links."""
    key = (conference.slug, entry["slug"])
    workshop = Workshop.objects.get(conference=conference, slug=entry["slug"])
    wanted = {topics[slug].pk for slug in WORKSHOP_TOPICS.get(key, [])}
    if set(workshop.topics.values_list("pk", flat=True)) != wanted:
        workshop.topics.set(wanted)
        counts["topic lists updated"] += 1
    day = entry["slots"][0][1]
    items = {item.start: item for item in AgendaItem.objects.filter(workshop=workshop)}
    for data in PAPERS.get(key, []):
        session = items.get(_at(tz, day, data["session"])) if data["session"] else None
        paper = _sync(
            Paper,
            counts,
            {"workshop": workshop, "title": data["title"]},
            {
                "abstract": data["abstract"],
                "mark": data["mark"],
                "session": session,
                "board": data["board"],
                **{field: data["links"].get(field, "") for field in _PAPER_LINKS},
            },
        )
        authors = [
            (people.person_named(Organizer, name, affiliation), affiliation)
            for name, affiliation in data["authors"]
        ]
        current = [(a.person_id, a.affiliation) for a in paper.author_links.order_by("position")]
        if current != [(person.pk, affiliation) for person, affiliation in authors]:
            services.paper_set_authors(paper=paper, authors=authors)
            counts["author lists updated"] += 1
    for start, kind, url in LINKS.get(key, []):
        item = items.get(_at(tz, day, start)) if start else None
        _sync(Link, counts, {"workshop": workshop, "agenda_item": item, "kind": kind}, {"url": url})


_PAPER_LINKS = ("pdf_url", "page_url", "code_url", "video_url")
