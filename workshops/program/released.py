"""The released program kept whole: at a release, the program as exporters receive it (the
Program bundle: rooms, plenary items, public workshops' slots with organizers, topics, links,
papers and agenda) is
written into the release (Release.program) as plain JSON, and read back from that one row
into the same model instances, relations attached, that selectors.program_for_export builds
from the live tables.
An export of the released program then costs the query of its release, whatever the program's
size, and stays as released while the working copy moves on.

What a row holds goes in as its concrete fields' text (Field.value_to_string) and comes back
through Field.to_python; an organizer's private e-mail address stays out.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from workshops.models import (
    AgendaItem,
    Conference,
    Link,
    Organizer,
    Paper,
    PaperAuthor,
    Release,
    Room,
    TimeSlot,
    Topic,
    Workshop,
    WorkshopOrganizer,
)
from workshops.models.markdown import MarkdownHTMLField
from workshops.program.bundle import Program

BUNDLE_FORMAT = 1
_PRIVATE = {Organizer: {"email", "user_id"}}


def _row(instance: models.Model) -> dict:
    private = _PRIVATE.get(type(instance), set())
    return {
        field.attname: (
            None if getattr(instance, field.attname) is None else field.value_to_string(instance)
        )
        for field in instance._meta.concrete_fields
        if field.attname not in private
    }


def _instance(model: type[models.Model], row: dict) -> models.Model:
    values = {}
    for field in model._meta.concrete_fields:
        if field.attname not in row:
            continue
        value = row[field.attname]
        if value is not None:
            value = field.to_python(value)
            if isinstance(field, MarkdownHTMLField):
                value = field.from_db_value(value, None, None)
        values[field.attname] = value
    instance = model(**values)
    instance._state.adding = False
    return instance


def program_bundle(program: Program) -> dict:
    """The program's rows as plain JSON, to keep in a release."""
    workshops = {slot.workshop_id: slot.workshop for slot in program.slots if slot.workshop_id}
    people = {}
    for workshop in workshops.values():
        people |= {link.organizer_id: link.organizer for link in workshop.organizer_links.all()}
        for paper in workshop.papers.all():
            people |= {link.person_id: link.person for link in paper.author_links.all()}
    topics = {t.pk: t for workshop in workshops.values() for t in workshop.topics.all()}
    papers = [paper for workshop in workshops.values() for paper in workshop.papers.all()]
    return {
        "format": BUNDLE_FORMAT,
        "rooms": [_row(room) for room in program.rooms],
        "slots": [_row(slot) for slot in program.slots],
        "workshops": [_row(workshop) for workshop in workshops.values()],
        "organizer_links": [
            _row(link) for workshop in workshops.values() for link in workshop.organizer_links.all()
        ],
        "organizers": [_row(person) for person in people.values()],
        "agenda_items": [
            _row(item) for workshop in workshops.values() for item in workshop.agenda_items.all()
        ],
        "topics": [_row(topic) for topic in topics.values()],
        "workshop_topics": [
            [workshop.pk, topic.pk]
            for workshop in workshops.values()
            for topic in workshop.topics.all()
        ],
        "links": [_row(link) for workshop in workshops.values() for link in workshop.links.all()],
        "papers": [_row(paper) for paper in papers],
        "paper_authors": [_row(link) for paper in papers for link in paper.author_links.all()],
    }


def _prefetched(instance: models.Model, name: str, rows: list) -> None:
    """Attach rows as a prefetched relation, as prefetch_related_objects does."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {
        **getattr(instance, "_prefetched_objects_cache", {}),
        name: queryset,
    }


def released_program(release: Release, *, conference: Conference, base_url: str) -> Program | None:
    """The program as `release` published it, without a query; None for a release made before
    releases kept their program."""
    bundle = release.program
    if not bundle:
        return None
    rooms = {r.pk: r for r in (_instance(Room, row) for row in bundle["rooms"])}
    organizers = {o.pk: o for o in (_instance(Organizer, row) for row in bundle["organizers"])}
    workshops = {w.pk: w for w in (_instance(Workshop, row) for row in bundle["workshops"])}
    links: dict[int, list] = {pk: [] for pk in workshops}
    for row in bundle["organizer_links"]:
        link = _instance(WorkshopOrganizer, row)
        link.organizer = organizers[link.organizer_id]
        links[link.workshop_id].append(link)
    items: dict[int, list] = {pk: [] for pk in workshops}
    for row in bundle["agenda_items"]:
        item = _instance(AgendaItem, row)
        items[item.workshop_id].append(item)
    topics = {t.pk: t for t in (_instance(Topic, row) for row in bundle.get("topics", []))}
    workshop_topics: dict[int, list] = {pk: [] for pk in workshops}
    for workshop_pk, topic_pk in bundle.get("workshop_topics", []):
        workshop_topics[workshop_pk].append(topics[topic_pk])
    workshop_links: dict[int, list] = {pk: [] for pk in workshops}
    item_links: dict[int, list] = {}
    for row in bundle.get("links", []):
        link = _instance(Link, row)
        workshop_links[link.workshop_id].append(link)
        if link.agenda_item_id is not None:
            item_links.setdefault(link.agenda_item_id, []).append(link)
    papers: dict[int, list] = {pk: [] for pk in workshops}
    authors: dict[int, list] = {}
    for row in bundle.get("paper_authors", []):
        author = _instance(PaperAuthor, row)
        author.person = organizers[author.person_id]
        authors.setdefault(author.paper_id, []).append(author)
    for row in bundle.get("papers", []):
        paper = _instance(Paper, row)
        _prefetched(paper, "author_links", authors.get(paper.pk, []))
        papers[paper.workshop_id].append(paper)
    for room in rooms.values():
        room.conference = conference
    for workshop_items in items.values():
        for item in workshop_items:
            _prefetched(item, "links", item_links.get(item.pk, []))
    for workshop in workshops.values():
        workshop.conference = conference
        _prefetched(workshop, "organizer_links", links[workshop.pk])
        _prefetched(workshop, "agenda_items", items[workshop.pk])
        _prefetched(workshop, "topics", workshop_topics[workshop.pk])
        _prefetched(workshop, "links", workshop_links[workshop.pk])
        _prefetched(workshop, "papers", papers[workshop.pk])
    slots = []
    for row in bundle["slots"]:
        slot = _instance(TimeSlot, row)
        slot.conference = conference
        slot.room = rooms.get(slot.room_id)
        slot.workshop = workshops.get(slot.workshop_id)
        slots.append(slot)
    return Program(
        conference=conference,
        rooms=list(rooms.values()),
        slots=slots,
        base_url=base_url,
        generated_at=timezone.now(),
        release=release,
    )
