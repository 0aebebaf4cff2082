"""The steps every slot write shares: holding rooms, refusing a race, deleting; and an agenda
checked against slots handed over before they are saved."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from tests.factories import RoomFactory, TimeSlotFactory, WorkshopFactory, local
from workshops.models import AgendaItem, Room, TimeSlot
from workshops.program import services
from workshops.program.locking import enforce_slot_overlap_now

LAST_DAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York


def slot_rows():
    return list(TimeSlot.objects.values_list("workshop__title", "room__name", "start", "end"))


def workshop_slot(workshop, room, start, end):
    return TimeSlot(
        conference=workshop.conference, workshop=workshop, room=room, start=start, end=end
    )


# slot_race_refused


def test_slot_race_refused_lets_a_write_without_a_clash_through(workshop, room):
    with services.slot_race_refused():
        workshop_slot(workshop, room, local(LAST_DAY, 8), local(LAST_DAY, 12)).save()

    assert slot_rows() == [("PACMI", "Room 241", local(LAST_DAY, 8), local(LAST_DAY, 12))]


def test_slot_race_refused_leaves_another_refusal_of_the_database_as_it_is(workshop, room):
    reversed_slot = workshop_slot(workshop, room, local(LAST_DAY, 12), local(LAST_DAY, 8))

    with (
        pytest.raises(IntegrityError) as excinfo,
        services.slot_race_refused(),
        transaction.atomic(),
    ):
        reversed_slot.save()

    assert "slot_ends_after_start" in str(excinfo.value)
    assert slot_rows() == []


@pytest.mark.postgres
def test_slot_race_refused_turns_an_overlap_into_the_slot_taken_message(workshop, room):
    other = WorkshopFactory(conference=workshop.conference, title="On-Device Intelligence")
    slots = [
        workshop_slot(workshop, room, local(LAST_DAY, 8), local(LAST_DAY, 12)),
        workshop_slot(other, room, local(LAST_DAY, 10), local(LAST_DAY, 14)),
    ]

    with (
        pytest.raises(ValidationError) as excinfo,
        services.slot_race_refused(),
        transaction.atomic(),
    ):
        TimeSlot.objects.bulk_create(slots)
        enforce_slot_overlap_now()

    assert excinfo.value.messages == [services.SLOT_TAKEN_MESSAGE]
    assert excinfo.value.error_list[0].code == "slot_taken"
    assert slot_rows() == []


# slot_hold_rooms


def try_room_from_another_connection(room_id: int) -> list[str]:
    """Another writer asks for the room without waiting: what it met."""
    met = []

    def ask():
        try:
            with transaction.atomic():
                rooms = Room.objects.select_for_update(nowait=True, no_key=True)
                list(rooms.filter(pk=room_id).values_list("pk", flat=True))
            met.append("free")
        except DatabaseError:
            met.append("held")
        finally:
            connection.close()

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    return met


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_hold_rooms_holds_the_room_until_the_transaction_ends():
    room = RoomFactory(name="Room 241")

    with transaction.atomic():
        services.slot_hold_rooms(rooms=[room, None])
        during = try_room_from_another_connection(room.pk)
    after = try_room_from_another_connection(room.pk)

    assert (during, after) == (["held"], ["free"])


def test_slot_hold_rooms_without_a_room_holds_nothing(db):
    with transaction.atomic():
        assert services.slot_hold_rooms(rooms=[None]) is None


# slot_delete


def test_slot_delete_takes_the_slot_off_the_program(workshop, room):
    kept = TimeSlotFactory(
        workshop=workshop, room=room, start=local(LAST_DAY, 13), end=local(LAST_DAY, 17)
    )
    gone = TimeSlotFactory(
        workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12)
    )

    services.slot_delete(slot=gone)

    assert list(TimeSlot.objects.values_list("pk", flat=True)) == [kept.pk]


# agenda_item_save with slots handed over


def test_agenda_item_save_counts_a_slot_handed_over_before_it_is_saved(workshop, room):
    slot = workshop_slot(workshop, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    item = AgendaItem(
        workshop=workshop, title="Opening", start=local(LAST_DAY, 8), end=local(LAST_DAY, 8, 10)
    )
    item.slots_as_entered = [slot]

    services.agenda_item_save(item=item)

    assert list(AgendaItem.objects.values_list("title", "start", "end")) == [
        ("Opening", local(LAST_DAY, 8), local(LAST_DAY, 8, 10))
    ]


def test_agenda_item_save_refuses_an_item_outside_the_slots_handed_over(workshop, room):
    TimeSlotFactory(workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    item = AgendaItem(
        workshop=workshop, title="Opening", start=local(LAST_DAY, 8), end=local(LAST_DAY, 8, 10)
    )
    item.slots_as_entered = [
        workshop_slot(workshop, room, local(LAST_DAY, 13), local(LAST_DAY, 17))
    ]

    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_save(item=item)

    assert excinfo.value.messages == [
        "“Opening” must lie inside one of the workshop's slots "
        "(Thu 13:00–17:00, America/New_York time)."
    ]
    assert list(AgendaItem.objects.all()) == []
