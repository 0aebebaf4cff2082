import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    local,
)
from workshops.models import AgendaItem, TimeSlot
from workshops.program.validators import (
    check_agenda_item_in_slots,
    check_slot,
    check_slots_apart,
    overlaps,
)

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2023, 6, 4)
LAST_DAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York
UTC = dt.UTC


def new_slot(conference, room, start, end, *, title="New workshop"):
    """An unsaved workshop slot, as a form or a service would hand it to check_slot."""
    workshop = WorkshopFactory(conference=conference, title=title)
    return TimeSlot(conference=conference, workshop=workshop, room=room, start=start, end=end)


def booked(conference, room, start, end, *, title="Booked workshop"):
    return TimeSlotFactory(
        workshop__conference=conference, workshop__title=title, room=room, start=start, end=end
    )


# overlaps


@pytest.mark.parametrize(
    ("b_start", "b_end", "expected"),
    [(10, 12, False), (6, 8, False), (9, 11, True), (7, 9, True), (8, 10, True), (5, 13, True)],
)
def test_overlaps_treats_intervals_as_half_open(b_start, b_end, expected):
    day = dt.datetime(2023, 6, 8, tzinfo=UTC)
    hours = dt.timedelta(hours=1)

    result = overlaps(day + 8 * hours, day + 10 * hours, day + b_start * hours, day + b_end * hours)

    assert result is expected


# check_slot


def test_check_slot_accepts_a_free_room(conference, room):
    slot = new_slot(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    assert check_slot(slot) is None


def test_check_slot_refuses_an_overlap_naming_the_other_slot_in_local_time(conference, room):
    booked(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12), title="PACMI")
    slot = new_slot(conference, room, local(LAST_DAY, 11), local(LAST_DAY, 14))

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.message_dict == {
        "__all__": ["Room 241 is already booked at that time: “PACMI”, Thu 08 Jun 08:00–12:00."]
    }


def test_check_slot_refuses_a_slot_inside_a_booked_one(conference, room):
    booked(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 17), title="PACMI")
    slot = new_slot(conference, room, local(LAST_DAY, 10), local(LAST_DAY, 11))

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.messages == [
        "Room 241 is already booked at that time: “PACMI”, Thu 08 Jun 08:00–17:00."
    ]


def test_check_slot_refuses_an_overlap_with_a_plenary_item_in_the_room(conference, room):
    TimeSlot.objects.create(
        conference=conference,
        room=room,
        title="Poster session",
        start=local(LAST_DAY, 12),
        end=local(LAST_DAY, 13, 30),
    )
    slot = new_slot(conference, room, local(LAST_DAY, 13), local(LAST_DAY, 17))

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.messages == [
        "Room 241 is already booked at that time: “Poster session”, Thu 08 Jun 12:00–13:30."
    ]


def test_check_slot_accepts_touching_slots(conference, room):
    booked(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 10))
    after = new_slot(conference, room, local(LAST_DAY, 10), local(LAST_DAY, 12))
    before = new_slot(conference, room, local(LAST_DAY, 6), local(LAST_DAY, 8))

    assert (check_slot(after), check_slot(before)) == (None, None)


def test_check_slot_accepts_the_same_time_in_another_room(conference, room):
    booked(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    other_room = RoomFactory(conference=conference, name="Room 238")
    slot = new_slot(conference, other_room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    assert check_slot(slot) is None


def test_check_slot_accepts_a_plenary_item_without_room_over_booked_rooms(conference, room):
    booked(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 17))
    lunch = TimeSlot(
        conference=conference, title="Lunch", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13)
    )

    assert check_slot(lunch) is None


def test_check_slot_editing_a_slot_does_not_clash_with_itself(conference, room):
    slot = booked(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    slot.end = local(LAST_DAY, 13)

    assert check_slot(slot) is None


def test_check_slot_refuses_a_slot_ending_after_local_midnight_of_the_last_day(conference, room):
    slot = new_slot(
        conference, room, local(LAST_DAY, 23, 30), local(LAST_DAY, 23, 30) + dt.timedelta(hours=1)
    )

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.message_dict == {
        "__all__": [
            "The slot lies outside MLSys 2023's dates "
            "(04 Jun 2023 to 08 Jun 2023, America/New_York time)."
        ]
    }


def test_check_slot_accepts_a_slot_ending_exactly_at_local_midnight(conference, room):
    # The conference's days are half-open too: the last day ends at local midnight.
    slot = new_slot(
        conference, room, local(LAST_DAY, 23), local(LAST_DAY + dt.timedelta(days=1), 0)
    )

    assert check_slot(slot) is None


def test_check_slot_uses_the_conference_zone_not_utc(conference, room):
    # 22:00 in New York on the last day is already 9 June in UTC, yet inside the conference.
    start = local(LAST_DAY, 22)
    slot = new_slot(conference, room, start, start + dt.timedelta(hours=1))

    assert start.astimezone(UTC).date() == dt.date(2023, 6, 9)
    assert check_slot(slot) is None


def test_check_slot_refuses_a_slot_before_local_midnight_of_the_first_day(conference, room):
    # 00:30 UTC on 4 June is still 3 June, 20:30, in New York.
    start = dt.datetime(2023, 6, 4, 0, 30, tzinfo=UTC)
    slot = new_slot(conference, room, start, start + dt.timedelta(hours=2))

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.messages == [
        "The slot lies outside MLSys 2023's dates "
        "(04 Jun 2023 to 08 Jun 2023, America/New_York time)."
    ]


def test_check_slot_accepts_a_slot_starting_at_local_midnight_of_the_first_day(conference, room):
    slot = new_slot(conference, room, local(FIRST_DAY, 0), local(FIRST_DAY, 1))

    assert check_slot(slot) is None


def test_check_slot_refuses_a_room_of_another_conference(conference):
    other = ConferenceFactory(name="MLSys 2022", slug="mlsys-2022")
    foreign_room = RoomFactory(conference=other, name="Mission Ballroom MR2")
    slot = new_slot(conference, foreign_room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.message_dict == {"room": ["This room is not one of MLSys 2023's rooms."]}


def test_check_slot_refuses_a_workshop_of_another_conference(conference, room):
    other = ConferenceFactory(name="MLSys 2022", slug="mlsys-2022")
    workshop = WorkshopFactory(conference=other)
    slot = TimeSlot(
        conference=conference,
        workshop=workshop,
        room=room,
        start=local(LAST_DAY, 8),
        end=local(LAST_DAY, 12),
    )

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.message_dict == {"workshop": ["This workshop is not part of MLSys 2023."]}


def test_check_slot_refuses_an_end_before_the_start(conference, room):
    slot = new_slot(conference, room, local(LAST_DAY, 12), local(LAST_DAY, 8))

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.message_dict == {"end": ["A slot must end after it starts."]}


def test_check_slot_reports_every_broken_rule_at_once(conference):
    workshop = WorkshopFactory(conference=conference)
    slot = TimeSlot(
        conference=conference,
        workshop=workshop,
        title="Lunch",
        start=local(LAST_DAY, 12),
        end=local(LAST_DAY, 8),
    )

    with pytest.raises(ValidationError) as excinfo:
        check_slot(slot)

    assert excinfo.value.message_dict == {
        "room": ["A workshop's slot needs a room."],
        "title": ["A workshop's slot takes the workshop's title; leave this empty."],
        "end": ["A slot must end after it starts."],
    }


# check_slots_apart


def test_check_slots_apart_refuses_two_pending_slots_overlapping_in_one_room(conference, room):
    first = new_slot(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    second = new_slot(conference, room, local(LAST_DAY, 11), local(LAST_DAY, 14))

    with pytest.raises(ValidationError) as excinfo:
        check_slots_apart([first, second])

    assert excinfo.value.messages == [
        "Two of these slots overlap in Room 241: Thu 08 Jun 08:00–12:00 and Thu 08 Jun 11:00–14:00."
    ]


def test_check_slots_apart_accepts_touching_slots(conference, room):
    first = new_slot(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 10))
    second = new_slot(conference, room, local(LAST_DAY, 10), local(LAST_DAY, 12))

    assert check_slots_apart([first, second]) is None


def test_check_slots_apart_accepts_the_same_time_in_two_rooms(conference, room):
    other_room = RoomFactory(conference=conference, name="Room 238")
    first = new_slot(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    second = new_slot(conference, other_room, local(LAST_DAY, 8), local(LAST_DAY, 12))

    assert check_slots_apart([first, second]) is None


def test_check_slots_apart_skips_incomplete_rows(conference, room):
    # A half-filled form row is reported by its own clean(), not here.
    first = new_slot(conference, room, local(LAST_DAY, 8), local(LAST_DAY, 12))
    reversed_row = new_slot(conference, room, local(LAST_DAY, 11), local(LAST_DAY, 9))
    no_room = new_slot(conference, None, local(LAST_DAY, 8), local(LAST_DAY, 12))

    assert check_slots_apart([first, reversed_row, no_room]) is None


# check_agenda_item_in_slots


def test_check_agenda_item_in_slots_accepts_an_item_inside_one_slot(
    workshop, morning_and_afternoon
):
    item = AgendaItem(
        workshop=workshop, title="Keynote", start=local(LAST_DAY, 13, 30), end=local(LAST_DAY, 17)
    )

    assert check_agenda_item_in_slots(item, morning_and_afternoon) is None


def test_check_agenda_item_in_slots_refuses_an_item_spanning_the_gap(
    workshop, morning_and_afternoon
):
    item = AgendaItem(
        workshop=workshop, title="Panel", start=local(LAST_DAY, 11), end=local(LAST_DAY, 14)
    )

    with pytest.raises(ValidationError) as excinfo:
        check_agenda_item_in_slots(item, morning_and_afternoon)

    assert excinfo.value.messages == [
        "“Panel” must lie inside one of the workshop's slots "
        "(Thu 08:00–12:00, Thu 13:30–17:00, America/New_York time)."
    ]


def test_check_agenda_item_in_slots_refuses_an_item_in_the_gap(workshop, morning_and_afternoon):
    item = AgendaItem(
        workshop=workshop, title="Lunch", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13, 30)
    )

    with pytest.raises(ValidationError) as excinfo:
        check_agenda_item_in_slots(item, morning_and_afternoon)

    assert excinfo.value.messages == [
        "“Lunch” must lie inside one of the workshop's slots "
        "(Thu 08:00–12:00, Thu 13:30–17:00, America/New_York time)."
    ]


def test_check_agenda_item_in_slots_asks_for_a_slot_first(workshop):
    item = AgendaItemFactory.build(workshop=workshop, title="Opening")

    with pytest.raises(ValidationError) as excinfo:
        check_agenda_item_in_slots(item, [])

    assert excinfo.value.messages == ["Give the workshop a time slot before adding its agenda."]


def test_check_agenda_item_in_slots_leaves_a_reversed_item_to_its_own_clean(workshop):
    item = AgendaItem(
        workshop=workshop, title="Talk", start=local(LAST_DAY, 9), end=local(LAST_DAY, 8)
    )

    assert check_agenda_item_in_slots(item, []) is None
