"""The chairs' program checks: every kind of conflict on a crafted program, none on a clean one."""

import datetime as dt

import pytest

from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.models import TimeSlot, Workshop
from workshops.program.conflicts import conflicts_for

MONDAY = dt.date(2023, 6, 5)
TUESDAY = dt.date(2023, 6, 6)
WEDNESDAY = dt.date(2023, 6, 7)
THURSDAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York
FRIDAY = dt.date(2023, 6, 9)


@pytest.fixture
def conference(conference):
    """The shared MLSys 2023, with venue hours: 8:00 to 18:00."""
    conference.venue_opens, conference.venue_closes = dt.time(8), dt.time(18)
    conference.save()
    return conference


@pytest.fixture
def room_241(conference):
    return RoomFactory(conference=conference, name="Room 241", slug="room-241", capacity=100)


@pytest.fixture
def room_238(conference):
    return RoomFactory(conference=conference, name="Room 238", slug="room-238", capacity=30)


def workshop_in(conference, room, title, start, end, **fields) -> Workshop:
    workshop = WorkshopFactory(conference=conference, title=title, **fields)
    TimeSlotFactory(workshop=workshop, room=room, start=start, end=end)
    return workshop


def unvalidated_slot(workshop, room, start, end) -> TimeSlot:
    """A slot written without validation, as an import or a raw write could leave it."""
    (slot,) = TimeSlot.objects.bulk_create(
        [
            TimeSlot(
                conference=workshop.conference, workshop=workshop, room=room, start=start, end=end
            )
        ]
    )
    return slot


@pytest.fixture
def clean_program(conference, room_241, room_238):
    """Two scheduled workshops that share an organizer at different times, a fitting room, an
    agenda inside its slot, a plenary lunch, and a cancelled workshop that would clash."""
    person = OrganizerFactory(name="Tom St John")
    first = workshop_in(
        conference,
        room_241,
        "Benchmarking",
        local(THURSDAY, 8),
        local(THURSDAY, 12),
        expected_attendance=100,
    )
    second = workshop_in(conference, room_238, "PACMI", local(THURSDAY, 13), local(THURSDAY, 18))
    WorkshopOrganizerFactory(workshop=first, organizer=person)
    WorkshopOrganizerFactory(workshop=second, organizer=person)
    AgendaItemFactory(workshop=first, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    TimeSlotFactory(
        workshop=None,
        conference=conference,
        room=None,
        title="Lunch",
        start=local(THURSDAY, 12),
        end=local(THURSDAY, 13),
    )
    gone = workshop_in(
        conference,
        room_238,
        "Cancelled one",
        local(FRIDAY, 20),
        local(FRIDAY, 23),
        status=Workshop.Status.CANCELLED,
    )
    WorkshopOrganizerFactory(workshop=gone, organizer=person)
    return conference


@pytest.fixture
def crafted_program(conference, room_241, room_238):
    """One conflict of each kind, the double booking aside."""
    # An organizer in two overlapping workshops (in two rooms).
    person = OrganizerFactory(name="Tom St John")
    delta = workshop_in(conference, room_241, "Delta", local(WEDNESDAY, 10), local(WEDNESDAY, 12))
    gamma = workshop_in(conference, room_238, "Gamma", local(WEDNESDAY, 9), local(WEDNESDAY, 12))
    WorkshopOrganizerFactory(workshop=delta, organizer=person)
    WorkshopOrganizerFactory(workshop=gamma, organizer=person)
    # Outside the conference's dates: the day after it ends.
    epsilon = WorkshopFactory(conference=conference, title="Epsilon")
    unvalidated_slot(epsilon, room_238, local(FRIDAY, 9), local(FRIDAY, 12))
    # Outside the venue's hours: it ends after 18:00.
    zeta = workshop_in(conference, room_238, "Zeta", local(TUESDAY, 17), local(TUESDAY, 19))
    # A workshop without a slot.
    eta = WorkshopFactory(conference=conference, title="Eta")
    # An agenda item after its workshop's slot.
    theta = workshop_in(conference, room_238, "Theta", local(MONDAY, 9), local(MONDAY, 12))
    AgendaItemFactory(
        workshop=theta, title="Keynote", start=local(MONDAY, 13), end=local(MONDAY, 13, 30)
    )
    # More people expected than the room holds.
    iota = workshop_in(
        conference,
        room_238,
        "Iota",
        local(MONDAY, 13),
        local(MONDAY, 17),
        expected_attendance=50,
    )
    return {
        "conference": conference,
        "person": person,
        "epsilon": epsilon,
        "zeta": zeta,
        "eta": eta,
        "theta": theta,
        "iota": iota,
    }


@pytest.fixture
def double_booking(crafted_program, room_241):
    """Beta in Room 241 on top of Alpha, written without validation. PostgreSQL's deferred
    exclusion constraint lets the test's transaction hold it; it leaves before the end-of-test
    constraint check."""
    conference = crafted_program["conference"]
    workshop_in(conference, room_241, "Alpha", local(THURSDAY, 8), local(THURSDAY, 12))
    beta = WorkshopFactory(conference=conference, title="Beta")
    slot = unvalidated_slot(beta, room_241, local(THURSDAY, 11), local(THURSDAY, 13))
    yield slot
    TimeSlot.objects.filter(pk=slot.pk).delete()


def rows(conflicts) -> list[tuple]:
    return [(c.kind, c.message, c.target) for c in conflicts]


def test_conflicts_for_a_clean_program_is_empty(clean_program):
    assert conflicts_for(clean_program) == []


def test_conflicts_for_lists_each_kind_once(crafted_program):
    program = crafted_program

    result = conflicts_for(program["conference"])

    assert rows(result) == [
        (
            "organizer-clash",
            "Tom St John organizes “Delta” (Wed 07 Jun 10:00–12:00) and "
            "“Gamma” (Wed 07 Jun 9:00–12:00).",
            program["person"],
        ),
        (
            "outside-hours",
            "“Zeta” (Tue 06 Jun 17:00–19:00) is outside the venue's hours (08:00–18:00).",
            program["zeta"],
        ),
        (
            "outside-dates",
            "“Epsilon” (Fri 09 Jun 9:00–12:00) lies outside 04 Jun – 08 Jun 2023.",
            program["epsilon"],
        ),
        ("unscheduled", "“Eta” has no time slot.", program["eta"]),
        ("over-capacity", "“Iota” expects 50 people; Room 238 holds 30.", program["iota"]),
        (
            "agenda-outside",
            "Theta: “Keynote” must lie inside one of the workshop's slots "
            "(Mon 09:00–12:00, America/New_York time).",
            program["theta"],
        ),
    ]
    assert [c.label for c in result] == [
        "Organizer in two places at once",
        "Outside the venue's hours",
        "Outside the conference's dates",
        "Workshop without a slot",
        "Room too small",
        "Agenda item outside its workshop's slots",
    ]


def test_conflicts_for_lists_a_double_booking_first(crafted_program, double_booking):
    result = conflicts_for(crafted_program["conference"])

    assert rows(result)[0] == (
        "double-booking",
        "Room 241: “Alpha” (Thu 08 Jun 8:00–12:00) and “Beta” (Thu 08 Jun 11:00–13:00).",
        double_booking,
    )
    assert [c.kind for c in result] == [
        "double-booking",
        "organizer-clash",
        "outside-hours",
        "outside-dates",
        "unscheduled",
        "over-capacity",
        "agenda-outside",
    ]


def test_conflicts_for_flags_a_slot_before_the_venue_opens(conference, room_241):
    early = workshop_in(conference, room_241, "Early", local(THURSDAY, 7), local(THURSDAY, 9))

    assert rows(conflicts_for(conference)) == [
        (
            "outside-hours",
            "“Early” (Thu 08 Jun 7:00–9:00) is outside the venue's hours (08:00–18:00).",
            early,
        )
    ]


def test_conflicts_for_ignores_venue_hours_when_none_are_given(conference, room_241):
    conference.venue_opens = conference.venue_closes = None
    conference.save()
    workshop_in(conference, room_241, "Late", local(THURSDAY, 20), local(THURSDAY, 23))

    assert conflicts_for(conference) == []


def test_conflicts_for_leaves_out_cancelled_workshops(conference, room_241):
    workshop_in(
        conference,
        room_241,
        "Called off",
        local(FRIDAY, 9),
        local(FRIDAY, 12),
        status=Workshop.Status.CANCELLED,
    )
    WorkshopFactory(conference=conference, title="Also off", status=Workshop.Status.CANCELLED)

    assert conflicts_for(conference) == []


def test_conflicts_for_checks_drafts_too(conference):
    draft = WorkshopFactory(conference=conference, title="Idea", status=Workshop.Status.DRAFT)

    assert rows(conflicts_for(conference)) == [("unscheduled", "“Idea” has no time slot.", draft)]


def test_conflicts_for_looks_at_one_conference_only(crafted_program):
    other = ConferenceFactory(name="Other 2023", slug="other-2023")

    assert conflicts_for(other) == []


@pytest.mark.parametrize("n", [1, 3])
def test_conflicts_for_query_count(django_assert_num_queries, conference, n):
    person = OrganizerFactory(name="Tom St John")
    start, end = local(THURSDAY, 9), local(THURSDAY, 12)
    for index in range(n):
        room = RoomFactory(conference=conference, capacity=10)
        workshop = workshop_in(
            conference, room, f"Workshop {index}", start, end, expected_attendance=20
        )
        WorkshopOrganizerFactory(workshop=workshop, organizer=person)
        WorkshopOrganizerFactory(workshop=workshop)
        AgendaItemFactory(workshop=workshop, start=local(THURSDAY, 13))
    WorkshopFactory(conference=conference, title="Unscheduled")

    # the workshops, their organizers, their agenda items, the slots
    with django_assert_num_queries(4):
        result = conflicts_for(conference)

    kinds = [c.kind for c in result]
    assert (kinds.count("organizer-clash"), kinds.count("unscheduled")) == (n * (n - 1) // 2, 1)
    assert (kinds.count("agenda-outside"), kinds.count("over-capacity")) == (n, n)
