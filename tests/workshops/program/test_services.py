import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.models import AgendaItem, Organizer, TimeSlot, WorkshopOrganizer
from workshops.program import services
from workshops.program.locking import enforce_slot_overlap_now, is_slot_overlap_violation

LAST_DAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York


def workshop_slot(workshop, room, start, end):
    return TimeSlot(
        conference=workshop.conference, workshop=workshop, room=room, start=start, end=end
    )


def slot_rows():
    return list(
        TimeSlot.objects.values_list("workshop__title", "title", "room__name", "start", "end")
    )


def organizer_names(workshop):
    return [link.organizer.name for link in workshop.organizer_links.order_by("position")]


# slot_save


def test_slot_save_saves_a_valid_slot(workshop, room):
    slot = workshop_slot(workshop, room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    saved = services.slot_save(slot=slot)

    assert saved.pk is not None
    assert slot_rows() == [("PACMI", "", "Room 241", local(LAST_DAY, 8), local(LAST_DAY, 12))]


def test_slot_save_saves_a_plenary_item_without_room(conference):
    slot = TimeSlot(
        conference=conference, title="Lunch", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13)
    )

    services.slot_save(slot=slot)

    assert slot_rows() == [(None, "Lunch", None, local(LAST_DAY, 12), local(LAST_DAY, 13))]


def test_slot_save_moves_a_slot_without_clashing_with_itself(workshop, room):
    slot = TimeSlotFactory(
        workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12)
    )
    slot.start, slot.end = local(LAST_DAY, 9), local(LAST_DAY, 13)

    services.slot_save(slot=slot)

    assert slot_rows() == [("PACMI", "", "Room 241", local(LAST_DAY, 9), local(LAST_DAY, 13))]


def test_slot_save_refuses_an_overlap_in_the_room(workshop, room):
    TimeSlotFactory(
        workshop__conference=workshop.conference,
        workshop__title="On-Device Intelligence",
        room=room,
        start=local(LAST_DAY, 8),
        end=local(LAST_DAY, 12),
    )
    before = slot_rows()
    slot = workshop_slot(workshop, room, local(LAST_DAY, 10), local(LAST_DAY, 14))

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {
        "__all__": [
            "Room 241 is already booked at that time: “On-Device Intelligence”, "
            "Thu 08 Jun 08:00–12:00."
        ]
    }
    assert slot_rows() == before


def test_slot_save_refuses_a_slot_outside_the_conference_dates(workshop, room):
    slot = workshop_slot(
        workshop, room, local(LAST_DAY, 23, 30), local(LAST_DAY, 23, 30) + dt.timedelta(hours=1)
    )

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {
        "__all__": [
            "The slot lies outside MLSys 2023's dates "
            "(04 Jun 2023 to 08 Jun 2023, America/New_York time)."
        ]
    }
    assert slot_rows() == []


def test_slot_save_refuses_a_room_of_another_conference(workshop):
    foreign_room = RoomFactory(conference=ConferenceFactory(slug="mlsys-2022"))
    slot = workshop_slot(workshop, foreign_room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {"room": ["This room is not one of MLSys 2023's rooms."]}
    assert slot_rows() == []


def test_slot_save_refuses_an_end_before_the_start(workshop, room):
    slot = workshop_slot(workshop, room, local(LAST_DAY, 12), local(LAST_DAY, 8))

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {"end": ["A slot must end after it starts."]}
    assert slot_rows() == []


def test_slot_save_refuses_a_workshop_slot_without_room(workshop):
    slot = workshop_slot(workshop, None, local(LAST_DAY, 8), local(LAST_DAY, 12))

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {"room": ["A workshop's slot needs a room."]}
    assert slot_rows() == []


def test_slot_save_refuses_a_workshop_slot_with_a_title(workshop, room):
    slot = workshop_slot(workshop, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    slot.title = "Lunch"

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {
        "title": ["A workshop's slot takes the workshop's title; leave this empty."]
    }
    assert slot_rows() == []


def test_slot_save_refuses_a_slot_without_workshop_or_title(conference):
    slot = TimeSlot(conference=conference, start=local(LAST_DAY, 12), end=local(LAST_DAY, 13))

    with pytest.raises(ValidationError) as excinfo:
        services.slot_save(slot=slot)

    assert excinfo.value.message_dict == {
        "title": ["Give a plenary item a title, or choose a workshop."]
    }
    assert slot_rows() == []


# The database's exclusion constraint (PostgreSQL only)


@pytest.mark.postgres
def test_slot_overlap_constraint_refuses_bulk_create(workshop, room):
    TimeSlotFactory(workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    other = WorkshopFactory(conference=workshop.conference)
    overlapping = workshop_slot(other, room, local(LAST_DAY, 11), local(LAST_DAY, 13))

    # The constraint is deferred to the commit; enforce_slot_overlap_now() checks it at once.
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        TimeSlot.objects.bulk_create([overlapping])
        enforce_slot_overlap_now()

    assert is_slot_overlap_violation(excinfo.value) is True
    assert TimeSlot.objects.count() == 1


@pytest.mark.postgres
def test_slot_overlap_constraint_refuses_save_without_validation(workshop, room):
    TimeSlotFactory(workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    other = WorkshopFactory(conference=workshop.conference)
    overlapping = workshop_slot(other, room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        overlapping.save()
        enforce_slot_overlap_now()

    assert is_slot_overlap_violation(excinfo.value) is True
    assert TimeSlot.objects.count() == 1


@pytest.mark.postgres
def test_slot_overlap_constraint_accepts_touching_slots_and_other_rooms(workshop, room):
    TimeSlotFactory(workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 10))
    other_room = RoomFactory(conference=workshop.conference)
    other = WorkshopFactory(conference=workshop.conference)

    TimeSlot.objects.bulk_create(
        [
            workshop_slot(other, room, local(LAST_DAY, 10), local(LAST_DAY, 12)),
            workshop_slot(other, other_room, local(LAST_DAY, 8), local(LAST_DAY, 10)),
        ]
    )
    enforce_slot_overlap_now()  # would raise on a clash

    assert TimeSlot.objects.count() == 3


@pytest.mark.postgres
def test_slot_overlap_constraint_ignores_plenary_items_without_room(conference):
    lunch = TimeSlot(
        conference=conference, title="Lunch", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13)
    )
    reception = TimeSlot(
        conference=conference, title="Reception", start=local(LAST_DAY, 12), end=local(LAST_DAY, 14)
    )

    TimeSlot.objects.bulk_create([lunch, reception])

    assert TimeSlot.objects.count() == 2


def test_is_slot_overlap_violation_is_false_for_another_constraint(workshop, room):
    reversed_slot = workshop_slot(workshop, room, local(LAST_DAY, 12), local(LAST_DAY, 8))

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        reversed_slot.save()

    assert is_slot_overlap_violation(excinfo.value) is False


@pytest.mark.postgres
def test_slot_race_refused_turns_the_overlap_constraint_into_the_slot_taken_message(workshop, room):
    TimeSlotFactory(workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    other = WorkshopFactory(conference=workshop.conference)
    # A booking that got past every check (as one racing ours would): only PostgreSQL stops it.
    raced = workshop_slot(other, room, local(LAST_DAY, 10), local(LAST_DAY, 14))

    with (
        pytest.raises(ValidationError) as excinfo,
        services.slot_race_refused(),
        transaction.atomic(),
    ):
        TimeSlot.objects.bulk_create([raced])
        enforce_slot_overlap_now()

    assert excinfo.value.messages == [services.SLOT_TAKEN_MESSAGE]
    assert excinfo.value.error_list[0].code == "slot_taken"
    assert is_slot_overlap_violation(excinfo.value.__cause__) is True
    assert TimeSlot.objects.count() == 1


# agenda_item_save


def agenda_rows():
    return list(AgendaItem.objects.values_list("title", "start", "end", "speakers"))


def test_agenda_item_save_saves_an_item_inside_a_slot(workshop, morning_and_afternoon):
    item = AgendaItem(
        workshop=workshop,
        title="Invited talk",
        kind=AgendaItem.Kind.INVITED_TALK,
        start=local(LAST_DAY, 8, 10),
        end=local(LAST_DAY, 8, 55),
        speakers="Yingyan (Celine) Lin (Georgia Tech)",
    )

    saved = services.agenda_item_save(item=item)

    assert saved.pk is not None
    assert agenda_rows() == [
        (
            "Invited talk",
            local(LAST_DAY, 8, 10),
            local(LAST_DAY, 8, 55),
            "Yingyan (Celine) Lin (Georgia Tech)",
        )
    ]


def test_agenda_item_save_accepts_an_item_filling_a_whole_slot(workshop, morning_and_afternoon):
    item = AgendaItem(
        workshop=workshop, title="Papers", start=local(LAST_DAY, 13, 30), end=local(LAST_DAY, 17)
    )

    services.agenda_item_save(item=item)

    assert agenda_rows() == [("Papers", local(LAST_DAY, 13, 30), local(LAST_DAY, 17), "")]


def test_agenda_item_save_refuses_an_item_outside_the_slots(workshop, morning_and_afternoon):
    item = AgendaItem(
        workshop=workshop, title="Panel", start=local(LAST_DAY, 11), end=local(LAST_DAY, 14)
    )

    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_save(item=item)

    assert excinfo.value.messages == [
        "“Panel” must lie inside one of the workshop's slots "
        "(Thu 08:00–12:00, Thu 13:30–17:00, America/New_York time)."
    ]
    assert agenda_rows() == []


def test_agenda_item_save_ignores_another_workshops_slots(workshop, room, morning_and_afternoon):
    other = WorkshopFactory(conference=workshop.conference)
    item = AgendaItem(
        workshop=other, title="Opening", start=local(LAST_DAY, 8), end=local(LAST_DAY, 8, 10)
    )

    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_save(item=item)

    assert excinfo.value.messages == ["Give the workshop a time slot before adding its agenda."]
    assert agenda_rows() == []


def test_agenda_item_save_refuses_an_end_before_the_start(workshop, morning_and_afternoon):
    item = AgendaItem(
        workshop=workshop, title="Talk", start=local(LAST_DAY, 9), end=local(LAST_DAY, 8, 30)
    )

    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_save(item=item)

    assert excinfo.value.message_dict == {"end": ["An agenda item must end after it starts."]}
    assert agenda_rows() == []


# workshop_set_organizers


@pytest.fixture
def people(db):
    return [
        OrganizerFactory(name=name)
        for name in ["Deniz Altınbüken", "Lyric Doshi", "Milad Hashemi", "Martin Maas"]
    ]


def test_workshop_set_organizers_keeps_the_given_order(workshop, people):
    deniz, lyric, milad, martin = people

    services.workshop_set_organizers(workshop=workshop, organizers=[milad, deniz, martin])

    assert organizer_names(workshop) == ["Milad Hashemi", "Deniz Altınbüken", "Martin Maas"]
    assert [o.name for o in workshop.organizers.order_by("workshop_links__position")] == [
        "Milad Hashemi",
        "Deniz Altınbüken",
        "Martin Maas",
    ]


def test_workshop_set_organizers_reorders_existing_links(workshop, people):
    deniz, lyric, milad, martin = people
    services.workshop_set_organizers(workshop=workshop, organizers=[deniz, lyric, milad])
    link_ids = set(WorkshopOrganizer.objects.values_list("pk", flat=True))

    services.workshop_set_organizers(workshop=workshop, organizers=[milad, deniz, lyric])

    assert organizer_names(workshop) == ["Milad Hashemi", "Deniz Altınbüken", "Lyric Doshi"]
    assert list(
        WorkshopOrganizer.objects.order_by("position").values_list("position", flat=True)
    ) == [0, 1, 2]
    assert set(WorkshopOrganizer.objects.values_list("pk", flat=True)) == link_ids


def test_workshop_set_organizers_removes_dropped_people(workshop, people):
    deniz, lyric, milad, martin = people
    services.workshop_set_organizers(workshop=workshop, organizers=[deniz, lyric, milad, martin])

    services.workshop_set_organizers(workshop=workshop, organizers=[martin, deniz])

    assert organizer_names(workshop) == ["Martin Maas", "Deniz Altınbüken"]
    # The people themselves stay: only their place in this workshop goes.
    assert Organizer.objects.count() == 4


def test_workshop_set_organizers_leaves_other_workshops_alone(workshop, people):
    deniz, lyric, milad, martin = people
    other = WorkshopFactory(conference=workshop.conference)
    WorkshopOrganizerFactory(workshop=other, organizer=deniz, position=0)

    services.workshop_set_organizers(workshop=workshop, organizers=[lyric])

    assert organizer_names(workshop) == ["Lyric Doshi"]
    assert organizer_names(other) == ["Deniz Altınbüken"]


def test_workshop_set_organizers_with_no_one_empties_the_list(workshop, people):
    services.workshop_set_organizers(workshop=workshop, organizers=people)

    services.workshop_set_organizers(workshop=workshop, organizers=[])

    assert organizer_names(workshop) == []


def test_workshop_set_organizers_refuses_duplicates(workshop, people):
    deniz, lyric, milad, martin = people
    services.workshop_set_organizers(workshop=workshop, organizers=[lyric, milad])

    with pytest.raises(ValidationError) as excinfo:
        services.workshop_set_organizers(workshop=workshop, organizers=[deniz, martin, deniz])

    assert excinfo.value.messages == [
        "A person can be listed only once among a workshop's organizers."
    ]
    assert organizer_names(workshop) == ["Lyric Doshi", "Milad Hashemi"]
