import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

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
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    Speaker,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
    parse_speakers,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC
LAST_DAY = dt.date(2023, 6, 8)  # ConferenceFactory runs 4 to 8 June 2023, America/New_York


def conference_kwargs(**overrides):
    values = {
        "name": "MLSys 2023",
        "slug": "mlsys-2023",
        "year": 2023,
        "timezone": "America/New_York",
        "start_date": dt.date(2023, 6, 4),
        "end_date": dt.date(2023, 6, 8),
    }
    values.update(overrides)
    return values


def slot_kwargs(workshop, room, **overrides):
    """A workshop slot 8:00 to 12:00 local on the last day; `overrides` replace any field."""
    values = {
        "conference": workshop.conference,
        "workshop": workshop,
        "room": room,
        "start": local(LAST_DAY, 8),
        "end": local(LAST_DAY, 12),
    }
    values.update(overrides)
    return values


# Conference


def test_conference_full_clean_accepts_a_valid_edition():
    conference = Conference(**conference_kwargs())

    conference.full_clean()

    assert conference.tz == ZoneInfo("America/New_York")


def test_conference_timezone_refuses_an_unknown_name():
    conference = Conference(**conference_kwargs(timezone="Mars/Olympus"))

    with pytest.raises(ValidationError) as excinfo:
        conference.full_clean()

    assert excinfo.value.message_dict == {
        "timezone": [
            "“Mars/Olympus” is not an IANA time zone; use a name such as America/New_York."
        ]
    }


@pytest.mark.parametrize("slug", ["admin", "static", "accounts", "Admin"])
def test_conference_slug_refuses_the_sites_own_addresses(slug):
    conference = Conference(**conference_kwargs(slug=slug))

    with pytest.raises(ValidationError) as excinfo:
        conference.full_clean()

    assert excinfo.value.message_dict == {
        "slug": [f"“{slug}” is one of the site's own addresses; choose another slug."]
    }


def test_conference_clean_refuses_an_end_before_the_start():
    conference = Conference(**conference_kwargs(end_date=dt.date(2023, 6, 3)))

    with pytest.raises(ValidationError) as excinfo:
        conference.full_clean()

    assert excinfo.value.message_dict == {
        "end_date": ["The conference cannot end before it starts."]
    }


def test_conference_check_constraint_refuses_an_end_before_the_start_in_the_database():
    conference = Conference(**conference_kwargs(end_date=dt.date(2023, 6, 3)))

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        conference.save()

    assert "conference_ends_after_start" in str(excinfo.value)
    assert Conference.objects.count() == 0


def test_conference_check_constraint_reports_its_message_when_validated_alone():
    conference = Conference(**conference_kwargs(end_date=dt.date(2023, 6, 3)))
    (constraint,) = [
        c for c in Conference._meta.constraints if c.name == "conference_ends_after_start"
    ]

    with pytest.raises(ValidationError) as excinfo:
        constraint.validate(Conference, conference)

    assert excinfo.value.messages == ["The conference cannot end before it starts."]


@pytest.mark.parametrize("year", [1899, 3000])
def test_conference_year_constraint_refuses_an_implausible_year(year):
    conference = Conference(**conference_kwargs(year=year))

    with pytest.raises(ValidationError) as excinfo:
        conference.full_clean()

    assert excinfo.value.message_dict == {"__all__": ["The year must lie between 1900 and 2999."]}


def test_conference_accepts_a_one_day_edition():
    conference = Conference(**conference_kwargs(end_date=dt.date(2023, 6, 4)))

    conference.full_clean()
    conference.save()

    assert conference.days == [dt.date(2023, 6, 4)]


def test_conference_tz_is_the_venue_zone():
    conference = ConferenceFactory(timezone="Europe/Zurich")

    assert conference.tz == ZoneInfo("Europe/Zurich")


def test_conference_days_lists_every_date_inclusive():
    conference = ConferenceFactory(start_date=dt.date(2023, 6, 4), end_date=dt.date(2023, 6, 8))

    assert conference.days == [
        dt.date(2023, 6, 4),
        dt.date(2023, 6, 5),
        dt.date(2023, 6, 6),
        dt.date(2023, 6, 7),
        dt.date(2023, 6, 8),
    ]


def test_conference_local_bounds_run_midnight_to_midnight_in_its_zone():
    conference = ConferenceFactory(
        timezone="America/New_York",
        start_date=dt.date(2023, 6, 4),
        end_date=dt.date(2023, 6, 8),
    )

    first, last = conference.local_bounds()

    # New York is UTC-4 in June: local midnight is 04:00 UTC.
    assert (first, last) == (
        dt.datetime(2023, 6, 4, 4, 0, tzinfo=UTC),
        dt.datetime(2023, 6, 9, 4, 0, tzinfo=UTC),
    )
    assert (first.tzinfo, last.tzinfo) == (conference.tz, conference.tz)


def test_conference_str_is_its_name():
    conference = ConferenceFactory(name="MLSys 2023")

    assert str(conference) == "MLSys 2023"


def test_conference_ordering_is_latest_first_then_name():
    ConferenceFactory(
        name="MLSys 2022", start_date=dt.date(2022, 8, 29), end_date=dt.date(2022, 9, 1)
    )
    ConferenceFactory(name="B Summit", start_date=dt.date(2023, 6, 4))
    ConferenceFactory(name="A Summit", start_date=dt.date(2023, 6, 4))

    names = [c.name for c in Conference.objects.all()]

    assert names == ["A Summit", "B Summit", "MLSys 2022"]


# Room


def test_room_name_unique_per_conference_ignoring_case():
    conference = ConferenceFactory()
    RoomFactory(conference=conference, name="Room 241", slug="room-241")
    duplicate = Room(conference=conference, name="ROOM 241", slug="room-241-b")

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert excinfo.value.message_dict == {
        "__all__": ["This conference already has a room of that name."]
    }


def test_room_name_unique_per_conference_in_the_database():
    conference = ConferenceFactory()
    RoomFactory(conference=conference, name="Room 241", slug="room-241")

    with pytest.raises(IntegrityError), transaction.atomic():
        Room.objects.create(conference=conference, name="room 241", slug="room-241-b")

    assert list(Room.objects.values_list("name", flat=True)) == ["Room 241"]


def test_room_same_name_allowed_in_two_conferences():
    first = ConferenceFactory(slug="mlsys-2022")
    second = ConferenceFactory(slug="mlsys-2023")
    RoomFactory(conference=first, name="Room 241", slug="room-241")
    room = Room(conference=second, name="Room 241", slug="room-241")

    room.full_clean()
    room.save()

    rows = set(Room.objects.values_list("conference__slug", "name"))
    assert rows == {("mlsys-2022", "Room 241"), ("mlsys-2023", "Room 241")}


def test_room_str_is_its_name():
    room = RoomFactory(name="Room 241")

    assert str(room) == "Room 241"


def test_room_ordering_is_conference_then_position_then_name():
    earlier = ConferenceFactory(start_date=dt.date(2022, 8, 29), end_date=dt.date(2022, 9, 1))
    later = ConferenceFactory(start_date=dt.date(2023, 6, 4))
    RoomFactory(conference=earlier, name="Mission Ballroom", position=0)
    RoomFactory(conference=later, name="Room 240", position=2)
    RoomFactory(conference=later, name="Room 241", position=1)
    RoomFactory(conference=later, name="Room 238", position=1)

    names = [r.name for r in Room.objects.all()]

    assert names == ["Room 238", "Room 241", "Room 240", "Mission Ballroom"]


# Organizer


def test_organizer_str_is_its_name():
    organizer = OrganizerFactory(name="Murali Emani")

    assert str(organizer) == "Murali Emani"


def test_organizer_ordering_is_name_then_slug():
    OrganizerFactory(name="Tom St John", slug="tom-st-john")
    OrganizerFactory(name="Bo Li", slug="bo-li-2")
    OrganizerFactory(name="Bo Li", slug="bo-li")

    rows = list(Organizer.objects.values_list("name", "slug"))

    assert rows == [("Bo Li", "bo-li"), ("Bo Li", "bo-li-2"), ("Tom St John", "tom-st-john")]


@pytest.mark.parametrize(
    "name", ["Deniz Altınbüken", "M. Hadi Amini", "Navid NaderiAlizadeh", "Zoë Ångström-Øre"]
)
def test_organizer_name_is_stored_intact(name):
    organizer = Organizer(name=name, slug="person")
    organizer.full_clean()
    organizer.save()

    stored = Organizer.objects.get(slug="person")

    assert stored.name == name
    assert str(stored) == name


# Workshop and its organizers


def test_workshop_str_is_its_title():
    workshop = WorkshopFactory(title="Federated Learning Systems")

    assert str(workshop) == "Federated Learning Systems"


def test_workshop_ordering_is_conference_then_title():
    earlier = ConferenceFactory(start_date=dt.date(2022, 8, 29), end_date=dt.date(2022, 9, 1))
    later = ConferenceFactory(start_date=dt.date(2023, 6, 4))
    WorkshopFactory(conference=earlier, title="Cross-Community Federated Learning")
    WorkshopFactory(conference=later, title="PACMI")
    WorkshopFactory(conference=later, title="On-Device Intelligence")

    titles = [w.title for w in Workshop.objects.all()]

    assert titles == ["On-Device Intelligence", "PACMI", "Cross-Community Federated Learning"]


def test_workshop_organizer_str_names_person_and_workshop():
    link = WorkshopOrganizerFactory(
        organizer__name="Deniz Altınbüken", workshop__title="Practical Adoption Challenges"
    )

    assert str(link) == "Deniz Altınbüken (Practical Adoption Challenges)"


def test_workshop_organizer_ordering_is_workshop_then_position():
    conference = ConferenceFactory()
    first = WorkshopFactory(conference=conference, title="A workshop")
    second = WorkshopFactory(conference=conference, title="B workshop")
    WorkshopOrganizerFactory(workshop=second, organizer__name="Carol", position=0)
    WorkshopOrganizerFactory(workshop=first, organizer__name="Bob", position=1)
    WorkshopOrganizerFactory(workshop=first, organizer__name="Alice", position=0)

    names = [link.organizer.name for link in WorkshopOrganizer.objects.all()]

    assert names == ["Alice", "Bob", "Carol"]


# TimeSlot


def test_timeslot_str_of_a_workshop_slot_shows_room_and_local_start():
    slot = TimeSlotFactory(workshop__title="Federated Learning Systems", room__name="Room 242")

    assert str(slot) == "Federated Learning Systems in Room 242, Thu 08 Jun 2023 08:00"


def test_timeslot_str_of_a_plenary_item_without_room():
    conference = ConferenceFactory()
    slot = TimeSlot.objects.create(
        conference=conference,
        title="Lunch",
        start=local(LAST_DAY, 12),
        end=local(LAST_DAY, 13, 30),
    )

    assert str(slot) == "Lunch, Thu 08 Jun 2023 12:00"


def test_timeslot_ordering_is_start_then_room_position_then_name():
    conference = ConferenceFactory()
    room_a = RoomFactory(conference=conference, name="Room 241", position=1)
    room_b = RoomFactory(conference=conference, name="Room 238", position=2)
    room_c = RoomFactory(conference=conference, name="Room 239", position=2)
    for room, hour, title in [
        (room_a, 13, "Afternoon"),
        (room_b, 8, "Second"),
        (room_c, 8, "Third"),
        (room_a, 8, "First"),
    ]:
        TimeSlotFactory(
            workshop__conference=conference,
            workshop__title=title,
            room=room,
            start=local(LAST_DAY, hour),
            end=local(LAST_DAY, hour + 3),
        )

    labels = [slot.label for slot in TimeSlot.objects.all()]

    assert labels == ["First", "Second", "Third", "Afternoon"]


def test_timeslot_duration_and_label():
    slot = TimeSlotFactory(
        workshop__title="PACMI", start=local(LAST_DAY, 8), end=local(LAST_DAY, 12, 30)
    )

    assert (slot.label, slot.duration, slot.is_plenary) == (
        "PACMI",
        dt.timedelta(hours=4, minutes=30),
        False,
    )


def test_timeslot_full_clean_accepts_a_workshop_slot():
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**slot_kwargs(workshop, room))

    slot.full_clean()

    assert (slot.conference, slot.label, slot.is_plenary) == (
        workshop.conference,
        workshop.title,
        False,
    )


def test_timeslot_clean_takes_the_workshops_conference_when_the_form_leaves_it_out():
    # The admin's slot inline has no conference field: full_clean() excludes it.
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**slot_kwargs(workshop, room, conference=None))

    slot.full_clean(exclude=["conference"])

    assert slot.conference == workshop.conference


def test_timeslot_full_clean_takes_the_workshops_conference():
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**slot_kwargs(workshop, room, conference=None))

    slot.full_clean()

    assert slot.conference == workshop.conference


def test_timeslot_full_clean_asks_for_the_conference_of_a_plenary_item_without_room():
    workshop = WorkshopFactory()
    slot = TimeSlot(title="Lunch", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13))

    with pytest.raises(ValidationError) as excinfo:
        slot.full_clean()

    assert excinfo.value.message_dict == {"conference": ["Choose the conference of this item."]}
    assert workshop.conference.slots.count() == 0


def test_timeslot_full_clean_refuses_an_end_before_the_start():
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**slot_kwargs(workshop, room, end=local(LAST_DAY, 7)))

    with pytest.raises(ValidationError) as excinfo:
        slot.full_clean()

    assert excinfo.value.message_dict == {"end": ["A slot must end after it starts."]}


def test_timeslot_full_clean_refuses_a_zero_length_slot():
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**slot_kwargs(workshop, room, end=local(LAST_DAY, 8)))

    with pytest.raises(ValidationError) as excinfo:
        slot.full_clean()

    assert excinfo.value.message_dict == {"end": ["A slot must end after it starts."]}


def test_timeslot_full_clean_refuses_a_workshop_slot_with_a_title():
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**slot_kwargs(workshop, room, title="Lunch"))

    with pytest.raises(ValidationError) as excinfo:
        slot.full_clean()

    assert excinfo.value.message_dict == {
        "title": ["A workshop's slot takes the workshop's title; leave this empty."]
    }


def test_timeslot_full_clean_refuses_a_slot_without_workshop_or_title():
    conference = ConferenceFactory()
    slot = TimeSlot(conference=conference, start=local(LAST_DAY, 8), end=local(LAST_DAY, 9))

    with pytest.raises(ValidationError) as excinfo:
        slot.full_clean()

    assert excinfo.value.message_dict == {
        "title": ["Give a plenary item a title, or choose a workshop."]
    }


def test_timeslot_full_clean_refuses_a_workshop_slot_without_room():
    workshop = WorkshopFactory()
    slot = TimeSlot(**slot_kwargs(workshop, None))

    with pytest.raises(ValidationError) as excinfo:
        slot.full_clean()

    assert excinfo.value.message_dict == {"room": ["A workshop's slot needs a room."]}


def test_timeslot_full_clean_accepts_a_plenary_item_without_room():
    conference = ConferenceFactory()
    slot = TimeSlot(
        conference=conference, title="Lunch", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13)
    )

    slot.full_clean()

    assert (slot.is_plenary, slot.label) == (True, "Lunch")


def test_timeslot_clean_gives_a_plenary_item_its_rooms_conference_when_left_out():
    room = RoomFactory()
    slot = TimeSlot(
        room=room, title="Poster session", start=local(LAST_DAY, 12), end=local(LAST_DAY, 13)
    )

    slot.full_clean(exclude=["conference"])

    assert slot.conference == room.conference


@pytest.mark.parametrize(
    ("overrides", "constraint"),
    [
        ({"end": local(LAST_DAY, 7)}, "slot_ends_after_start"),
        ({"end": local(LAST_DAY, 8)}, "slot_ends_after_start"),
        ({"title": "Lunch"}, "slot_is_workshop_or_titled"),
        ({"room": None}, "workshop_slot_has_room"),
    ],
    ids=["ends-before-start", "zero-length", "workshop-and-title", "workshop-without-room"],
)
def test_timeslot_check_constraints_hold_in_the_database(overrides, constraint):
    workshop = WorkshopFactory()
    room = RoomFactory(conference=workshop.conference)
    slot = TimeSlot(**{**slot_kwargs(workshop, room), **overrides})

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        slot.save()

    assert constraint in str(excinfo.value)
    assert TimeSlot.objects.count() == 0


def test_timeslot_check_constraint_refuses_neither_workshop_nor_title_in_the_database():
    conference = ConferenceFactory()
    slot = TimeSlot(conference=conference, start=local(LAST_DAY, 8), end=local(LAST_DAY, 9))

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        slot.save()

    assert "slot_is_workshop_or_titled" in str(excinfo.value)
    assert TimeSlot.objects.count() == 0


# AgendaItem


def test_agenda_item_str_is_its_title():
    item = AgendaItemFactory(title="Panel discussion")

    assert str(item) == "Panel discussion"


def test_agenda_item_ordering_is_workshop_then_start_then_end():
    conference = ConferenceFactory()
    first = WorkshopFactory(conference=conference, title="A workshop")
    second = WorkshopFactory(conference=conference, title="B workshop")
    AgendaItemFactory(workshop=second, title="Other workshop", start=local(LAST_DAY, 8))
    AgendaItemFactory(
        workshop=first, title="Long", start=local(LAST_DAY, 9), end=local(LAST_DAY, 10)
    )
    AgendaItemFactory(
        workshop=first, title="Short", start=local(LAST_DAY, 9), end=local(LAST_DAY, 9, 30)
    )
    AgendaItemFactory(workshop=first, title="Opening", start=local(LAST_DAY, 8))

    titles = [item.title for item in AgendaItem.objects.all()]

    assert titles == ["Opening", "Short", "Long", "Other workshop"]


def test_agenda_item_clean_refuses_an_end_before_the_start():
    workshop = WorkshopFactory()
    item = AgendaItem(
        workshop=workshop, title="Talk", start=local(LAST_DAY, 9), end=local(LAST_DAY, 8, 30)
    )

    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()

    assert excinfo.value.message_dict == {"end": ["An agenda item must end after it starts."]}


def test_agenda_item_check_constraint_holds_in_the_database():
    workshop = WorkshopFactory()
    item = AgendaItem(
        workshop=workshop, title="Talk", start=local(LAST_DAY, 9), end=local(LAST_DAY, 9)
    )

    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        item.save()

    assert "agenda_item_ends_after_start" in str(excinfo.value)


def test_agenda_item_speaker_list_parses_its_speakers():
    item = AgendaItemFactory(
        speakers="Hyoukjun Kwon (UC Irvine)\nVijay Janapa Reddi (Harvard)",
    )

    assert item.speaker_list == [
        Speaker("Hyoukjun Kwon", "UC Irvine"),
        Speaker("Vijay Janapa Reddi", "Harvard"),
    ]


# parse_speakers


def test_parse_speakers_takes_the_last_bracket_as_affiliation():
    speakers = parse_speakers("Yingyan (Celine) Lin (Georgia Tech)")

    assert speakers == [Speaker(name="Yingyan (Celine) Lin", affiliation="Georgia Tech")]


def test_parse_speakers_reads_a_name_without_brackets():
    speakers = parse_speakers("Tom St John")

    assert speakers == [Speaker(name="Tom St John", affiliation="")]


def test_parse_speakers_skips_blank_lines_and_trims_spaces():
    text = "\n  Wes Brewer (Oak Ridge National Laboratory)  \n\n   \nZhihao Jia\n"

    speakers = parse_speakers(text)

    assert speakers == [
        Speaker(name="Wes Brewer", affiliation="Oak Ridge National Laboratory"),
        Speaker(name="Zhihao Jia", affiliation=""),
    ]


def test_parse_speakers_of_an_empty_text_is_empty():
    assert parse_speakers("") == []


def test_parse_speakers_keeps_unicode_names_intact():
    speakers = parse_speakers("Deniz Altınbüken (Google)\nM. Hadi Amini")

    assert speakers == [
        Speaker(name="Deniz Altınbüken", affiliation="Google"),
        Speaker(name="M. Hadi Amini", affiliation=""),
    ]


def test_agenda_item_clean_accepts_an_item_inside_a_saved_slot():
    slot = TimeSlotFactory(start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    item = AgendaItem(
        workshop=slot.workshop, title="Talk", start=local(LAST_DAY, 9), end=local(LAST_DAY, 10)
    )

    assert item.clean() is None


def test_agenda_item_clean_refuses_an_item_outside_the_saved_slots():
    slot = TimeSlotFactory(start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    item = AgendaItem(
        workshop=slot.workshop,
        title="Late talk",
        start=local(LAST_DAY, 12),
        end=local(LAST_DAY, 13),
    )

    with pytest.raises(ValidationError) as excinfo:
        item.clean()

    assert excinfo.value.messages == [
        "“Late talk” must lie inside one of the workshop's slots "
        "(Thu 08:00–12:00, America/New_York time)."
    ]


def test_agenda_item_clean_counts_the_slots_handed_over_instead_of_the_saved_ones():
    saved = TimeSlotFactory(start=local(LAST_DAY, 8), end=local(LAST_DAY, 12))
    moved = TimeSlot(workshop=saved.workshop, start=local(LAST_DAY, 13), end=local(LAST_DAY, 17))
    item = AgendaItem(
        workshop=saved.workshop, title="Talk", start=local(LAST_DAY, 14), end=local(LAST_DAY, 15)
    )
    item.slots_as_entered = [moved]

    assert item.clean() is None


def test_agenda_item_clean_asks_for_a_slot_when_none_is_handed_over():
    workshop = WorkshopFactory()
    item = AgendaItem(
        workshop=workshop, title="Talk", start=local(LAST_DAY, 9), end=local(LAST_DAY, 10)
    )
    item.slots_as_entered = []

    with pytest.raises(ValidationError) as excinfo:
        item.clean()

    assert excinfo.value.messages == ["Give the workshop a time slot before adding its agenda."]
