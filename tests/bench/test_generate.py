import pytest

from bench.generate import PLENARY, default_rooms, generate_program
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import validators

pytestmark = pytest.mark.django_db


def fingerprint(conference: Conference) -> list:
    """Everything generated, without the database ids, GUIDs and the slug prefix."""
    slots = TimeSlot.objects.filter(conference=conference).order_by("start", "room__position")
    workshops = Workshop.objects.filter(conference=conference).order_by("slug")
    return [
        [(r.name, r.position) for r in Room.objects.filter(conference=conference)],
        [(w.slug, w.title, w.acronym, w.abstract, w.status) for w in workshops],
        [
            (link.workshop.slug, link.position, link.organizer.name, link.organizer.affiliation)
            for link in WorkshopOrganizer.objects.filter(workshop__conference=conference)
            .select_related("workshop", "organizer")
            .order_by("workshop__slug", "position")
        ],
        [
            (s.room and s.room.name, s.workshop and s.workshop.slug, s.title, s.start, s.end)
            for s in slots
        ],
        [
            (i.workshop.slug, i.start, i.end, i.kind, i.title, i.speakers)
            for i in AgendaItem.objects.filter(workshop__conference=conference)
            .select_related("workshop")
            .order_by("workshop__slug", "start")
        ],
    ]


def test_generate_program_makes_the_slots_asked_for():
    generated = generate_program(slots=40, days=2, seed=3)

    conference = generated.conference
    assert generated.workshop_slots == 40
    assert TimeSlot.objects.filter(conference=conference, workshop__isnull=False).count() == 40
    assert TimeSlot.objects.filter(conference=conference, workshop__isnull=True).count() == (
        2 * len(PLENARY)
    )
    assert Room.objects.filter(conference=conference).count() == default_rooms(40, 2) == 4
    assert Workshop.objects.filter(conference=conference).count() == generated.workshops
    assert conference.published
    statuses = set(Workshop.objects.filter(conference=conference).values_list("status", flat=True))
    assert Workshop.Status.PUBLISHED in statuses


def test_generate_program_is_the_same_for_the_same_seed():
    first = generate_program(slots=30, days=2, seed=5, slug="first")
    second = generate_program(slots=30, days=2, seed=5, slug="second")
    other = generate_program(slots=30, days=2, seed=6, slug="other")

    assert fingerprint(first.conference) == fingerprint(second.conference)
    assert fingerprint(first.conference) != fingerprint(other.conference)


def test_generate_program_rows_pass_full_clean():
    conference = generate_program(slots=60, days=3, seed=11).conference

    conference.full_clean()
    for room in Room.objects.filter(conference=conference):
        room.full_clean()
    for workshop in Workshop.objects.filter(conference=conference):
        workshop.full_clean()
    for organizer in Organizer.objects.filter(workshop_links__workshop__conference=conference):
        organizer.full_clean()
    for link in WorkshopOrganizer.objects.filter(workshop__conference=conference):
        link.full_clean()
    slots = list(TimeSlot.objects.filter(conference=conference).select_related("room", "workshop"))
    for slot in slots:
        slot.full_clean()  # also no other slot in its room at the same time
    for item in AgendaItem.objects.filter(workshop__conference=conference):
        item.full_clean()
        validators.check_agenda_item_in_slots(
            item, [s for s in slots if s.workshop_id == item.workshop_id]
        )


def test_generate_program_puts_nobody_in_two_places_at_once():
    conference = generate_program(slots=60, days=2, seed=2).conference

    busy: dict[int, list[TimeSlot]] = {}
    for link in WorkshopOrganizer.objects.filter(workshop__conference=conference):
        busy.setdefault(link.organizer_id, []).extend(link.workshop.slots.all())
    clashes = [
        (person, a.pk, b.pk)
        for person, slots in busy.items()
        for n, a in enumerate(slots)
        for b in slots[n + 1 :]
        if validators.overlaps(a.start, a.end, b.start, b.end)
    ]
    assert clashes == []


def test_generate_program_names_carry_unicode():
    conference = generate_program(slots=60, days=2, seed=1).conference

    names = " ".join(
        Organizer.objects.filter(workshop_links__workshop__conference=conference).values_list(
            "name", flat=True
        )
    )
    assert any(letter in names for letter in "ıüøłé")


def test_generate_program_refuses_more_slots_than_the_rooms_hold():
    with pytest.raises(ValueError, match="cannot hold"):
        generate_program(slots=100, days=1, rooms=1, seed=1)
    assert not Conference.objects.filter(slug="bench-100-1").exists()
