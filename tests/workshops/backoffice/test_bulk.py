"""Bulk work on a program: status of many workshops, moving them, and the next edition."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    AgendaItemFactory,
    ChairFactory,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    WorkshopSeriesFactory,
    local,
)
from workshops.models import AgendaItem, Conference, Room, TimeSlot, Workshop, WorkshopSeries
from workshops.program import services

THURSDAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York


@pytest.fixture
def room_241(conference):
    return RoomFactory(conference=conference, name="Room 241", slug="room-241", capacity=120)


@pytest.fixture
def room_238(conference):
    return RoomFactory(conference=conference, name="Room 238", slug="room-238", capacity=40)


def scheduled(conference, room, title, start, end, **fields) -> Workshop:
    workshop = WorkshopFactory(conference=conference, title=title, **fields)
    TimeSlotFactory(workshop=workshop, room=room, start=start, end=end)
    return workshop


def slot_rows() -> list[tuple]:
    return sorted(TimeSlot.objects.values_list("workshop__title", "room__name", "start", "end"))


def agenda_rows() -> list[tuple]:
    return sorted(AgendaItem.objects.values_list("workshop__title", "title", "start", "end"))


def statuses() -> dict[str, str]:
    return dict(Workshop.objects.values_list("title", "status"))


# workshops_set_status


def test_workshops_set_status_publishes_drafts_and_counts_the_changed(conference):
    drafts = [
        WorkshopFactory(conference=conference, title=title, status=Workshop.Status.DRAFT)
        for title in ["Benchmarking", "PACMI"]
    ]
    already = WorkshopFactory(conference=conference, title="MLOps")

    count = services.workshops_set_status(
        workshops=[*drafts, already], status=Workshop.Status.PUBLISHED
    )

    assert count == 2
    assert statuses() == {"Benchmarking": "published", "PACMI": "published", "MLOps": "published"}


def test_workshops_set_status_unpublishes_and_cancels(conference):
    bench = WorkshopFactory(conference=conference, title="Benchmarking")
    pacmi = WorkshopFactory(conference=conference, title="PACMI")

    unpublished = services.workshops_set_status(workshops=[bench], status=Workshop.Status.DRAFT)
    cancelled = services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.CANCELLED)

    assert (unpublished, cancelled) == (1, 1)
    assert statuses() == {"Benchmarking": "draft", "PACMI": "cancelled"}


def test_workshops_set_status_refuses_an_unknown_status_and_changes_nothing(conference):
    bench = WorkshopFactory(conference=conference, title="Benchmarking")

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_set_status(workshops=[bench], status="archived")

    assert excinfo.value.message_dict == {"status": ["Value 'archived' is not a valid choice."]}
    assert statuses() == {"Benchmarking": "published"}


def test_workshops_set_status_is_all_or_nothing(conference):
    fine = WorkshopFactory(conference=conference, title="Benchmarking", status="draft")
    broken = WorkshopFactory(conference=conference, title="PACMI", status="draft")
    Workshop.objects.filter(pk=broken.pk).update(website="not a url")
    broken.refresh_from_db()

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_set_status(workshops=[fine, broken], status=Workshop.Status.PUBLISHED)

    assert excinfo.value.message_dict == {"website": ["Enter a valid URL."]}
    assert statuses() == {"Benchmarking": "draft", "PACMI": "draft"}


# workshops_move


def test_workshops_move_to_another_room(conference, room_241, room_238):
    bench = scheduled(conference, room_238, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))
    TimeSlotFactory(
        workshop=bench, room=room_238, start=local(THURSDAY, 13), end=local(THURSDAY, 15)
    )
    AgendaItemFactory(workshop=bench, title="Opening", start=local(THURSDAY, 9))

    count = services.workshops_move(workshops=[bench], room=room_241)

    assert count == 2
    assert slot_rows() == [
        ("Benchmarking", "Room 241", local(THURSDAY, 9), local(THURSDAY, 12)),
        ("Benchmarking", "Room 241", local(THURSDAY, 13), local(THURSDAY, 15)),
    ]
    assert agenda_rows() == [
        ("Benchmarking", "Opening", local(THURSDAY, 9), local(THURSDAY, 9, 30)),
    ]


def test_workshops_move_by_a_shift_moves_the_agenda_too(conference, room_241, room_238):
    bench = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))
    pacmi = scheduled(conference, room_238, "PACMI", local(THURSDAY, 9), local(THURSDAY, 12))
    AgendaItemFactory(workshop=bench, title="Opening", start=local(THURSDAY, 9))
    AgendaItemFactory(workshop=pacmi, title="Welcome", start=local(THURSDAY, 9))

    count = services.workshops_move(workshops=[bench], shift=dt.timedelta(minutes=-45))

    assert count == 1
    assert slot_rows() == [
        ("Benchmarking", "Room 241", local(THURSDAY, 8, 15), local(THURSDAY, 11, 15)),
        ("PACMI", "Room 238", local(THURSDAY, 9), local(THURSDAY, 12)),
    ]
    assert agenda_rows() == [
        ("Benchmarking", "Opening", local(THURSDAY, 8, 15), local(THURSDAY, 8, 45)),
        ("PACMI", "Welcome", local(THURSDAY, 9), local(THURSDAY, 9, 30)),
    ]


def test_workshops_move_to_a_room_and_by_a_shift_at_once(conference, room_241, room_238):
    bench = scheduled(conference, room_238, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))

    services.workshops_move(workshops=[bench], room=room_241, shift=dt.timedelta(hours=2))

    assert slot_rows() == [("Benchmarking", "Room 241", local(THURSDAY, 11), local(THURSDAY, 14))]


def test_workshops_move_is_all_or_nothing_when_one_slot_would_clash(conference, room_241, room_238):
    bench = scheduled(conference, room_238, "Benchmarking", local(THURSDAY, 8), local(THURSDAY, 9))
    pacmi = scheduled(conference, room_238, "PACMI", local(THURSDAY, 13), local(THURSDAY, 17))
    scheduled(conference, room_241, "MLOps", local(THURSDAY, 14), local(THURSDAY, 16))
    AgendaItemFactory(workshop=bench, title="Opening", start=local(THURSDAY, 8))
    before_slots, before_agenda = slot_rows(), agenda_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_move(workshops=[bench, pacmi], room=room_241)

    assert excinfo.value.messages == [
        "PACMI: Room 241 is already booked at that time: “MLOps”, Thu 08 Jun 14:00–16:00."
    ]
    assert (slot_rows(), agenda_rows()) == (before_slots, before_agenda)


def test_workshops_move_refuses_to_put_two_moving_slots_on_top_of_each_other(
    conference, room_241, room_238
):
    bench = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))
    pacmi = scheduled(conference, room_238, "PACMI", local(THURSDAY, 10), local(THURSDAY, 12))
    before = slot_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_move(workshops=[bench, pacmi], room=room_241)

    assert excinfo.value.messages == [
        "Two of these slots overlap in Room 241: Thu 08 Jun 09:00–12:00 and Thu 08 Jun 10:00–12:00."
    ]
    assert slot_rows() == before


def test_workshops_move_refuses_a_shift_outside_the_conference(conference, room_241):
    bench = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_move(workshops=[bench], shift=dt.timedelta(days=1))

    assert excinfo.value.messages == [
        "Benchmarking: The slot lies outside MLSys 2023's dates "
        "(04 Jun 2023 to 08 Jun 2023, America/New_York time)."
    ]
    assert slot_rows() == [("Benchmarking", "Room 241", local(THURSDAY, 9), local(THURSDAY, 12))]


def test_workshops_move_refuses_a_room_of_another_conference(conference, room_241):
    bench = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))
    hall = RoomFactory(conference=ConferenceFactory(name="Other 2023"), name="Hall A")

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_move(workshops=[bench], room=hall)

    assert excinfo.value.messages == ["Benchmarking: This room is not one of MLSys 2023's rooms."]
    assert slot_rows() == [("Benchmarking", "Room 241", local(THURSDAY, 9), local(THURSDAY, 12))]


@pytest.mark.parametrize("minutes", [60, -60])
def test_workshops_move_shifts_back_to_back_workshops_in_one_room(conference, room_241, minutes):
    # Moving later, the first slot lands on the second's old place before the second moves:
    # only the moving slots' new places count (and PostgreSQL's constraint waits till the end).
    shift = dt.timedelta(minutes=minutes)
    first = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 11))
    second = scheduled(conference, room_241, "PACMI", local(THURSDAY, 11), local(THURSDAY, 13))

    count = services.workshops_move(workshops=[first, second], shift=shift)

    assert count == 2
    assert slot_rows() == [
        ("Benchmarking", "Room 241", local(THURSDAY, 9) + shift, local(THURSDAY, 11) + shift),
        ("PACMI", "Room 241", local(THURSDAY, 11) + shift, local(THURSDAY, 13) + shift),
    ]


def test_workshops_move_without_slots_moves_nothing(conference, room_241):
    unscheduled = WorkshopFactory(conference=conference)

    assert services.workshops_move(workshops=[unscheduled], room=room_241) == 0


# conference_copy_forward


@pytest.fixture
def edition_2023(conference, room_241, room_238):
    """MLSys 2023 with two chairs, venue hours and three workshops: a published one with two
    organizers, a cancelled one already in a series, and a draft."""
    conference.venue = "Miami Beach Convention Center"
    conference.venue_opens, conference.venue_closes = dt.time(8), dt.time(18)
    conference.save()
    conference.chairs.add(ChairFactory(username="alice"), ChairFactory(username="bob"))
    bench = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))
    bench.slug, bench.acronym = "bench", "MLBench"
    bench.save()
    WorkshopOrganizerFactory(
        workshop=bench, organizer=OrganizerFactory(name="Tom St John"), position=0
    )
    WorkshopOrganizerFactory(
        workshop=bench, organizer=OrganizerFactory(name="Murali Emani"), position=1
    )
    WorkshopFactory(
        conference=conference,
        title="PACMI",
        slug="pacmi",
        status=Workshop.Status.CANCELLED,
        series=WorkshopSeriesFactory(name="PACMI", slug="pacmi"),
    )
    WorkshopFactory(conference=conference, title="Idea", slug="idea", status="draft")
    return conference


def copy_forward(conference, **overrides) -> Conference:
    arguments = {
        "conference": conference,
        "name": "MLSys 2024",
        "slug": "mlsys-2024",
        "year": 2024,
        "start_date": dt.date(2024, 5, 13),
        "end_date": dt.date(2024, 5, 16),
    }
    return services.conference_copy_forward(**(arguments | overrides))


def test_conference_copy_forward_copies_rooms_with_new_guids(edition_2023):
    edition = copy_forward(edition_2023)

    old = list(edition_2023.rooms.order_by("position").values_list("name", "slug", "capacity"))
    new = list(edition.rooms.order_by("position").values_list("name", "slug", "capacity"))
    assert new == old == [("Room 241", "room-241", 120), ("Room 238", "room-238", 40)]
    assert set(edition.rooms.values_list("guid", flat=True)).isdisjoint(
        edition_2023.rooms.values_list("guid", flat=True)
    )


def test_conference_copy_forward_copies_the_frame_unpublished_with_the_same_chairs(edition_2023):
    edition = copy_forward(edition_2023)

    edition.refresh_from_db()
    assert (edition.name, edition.slug, edition.year, edition.published) == (
        "MLSys 2024",
        "mlsys-2024",
        2024,
        False,
    )
    assert (edition.start_date, edition.end_date) == (dt.date(2024, 5, 13), dt.date(2024, 5, 16))
    assert (edition.timezone, edition.venue, edition.city) == (
        "America/New_York",
        "Miami Beach Convention Center",
        "Miami, Florida",
    )
    assert (edition.venue_opens, edition.venue_closes) == (dt.time(8), dt.time(18))
    assert sorted(edition.chairs.values_list("username", flat=True)) == ["alice", "bob"]


def test_conference_copy_forward_without_series_copies_no_workshop(edition_2023):
    edition = copy_forward(edition_2023)

    assert list(edition.workshops.all()) == []
    assert TimeSlot.objects.filter(conference=edition).count() == 0


def test_conference_copy_forward_continues_the_series_as_drafts(edition_2023):
    edition = copy_forward(edition_2023, continue_series=True)

    drafts = list(edition.workshops.order_by("slug"))
    assert [(w.slug, w.title, w.acronym, w.status) for w in drafts] == [
        ("bench", "Benchmarking", "MLBench", "draft"),
    ]
    new_bench = drafts[0]
    assert [link.organizer.name for link in new_bench.organizer_links.order_by("position")] == [
        "Tom St John",
        "Murali Emani",
    ]
    assert TimeSlot.objects.filter(conference=edition).count() == 0


def test_conference_copy_forward_links_both_editions_in_one_series(edition_2023):
    edition = copy_forward(edition_2023, continue_series=True)

    old_bench = edition_2023.workshops.get(slug="bench")
    new_bench = edition.workshops.get(slug="bench")
    assert old_bench.series is not None
    assert (old_bench.series.name, old_bench.series.slug) == ("Benchmarking", "bench")
    assert new_bench.series == old_bench.series
    assert sorted(WorkshopSeries.objects.values_list("slug", flat=True)) == ["bench", "pacmi"]
    assert set(WorkshopSeries.objects.get(slug="bench").workshops.all()) == {old_bench, new_bench}


def test_conference_copy_forward_leaves_cancelled_workshops_behind(edition_2023):
    edition = copy_forward(edition_2023, continue_series=True)

    assert list(edition.workshops.values_list("slug", flat=True)) == ["bench"]
    assert list(WorkshopSeries.objects.get(slug="pacmi").workshops.all()) == [
        edition_2023.workshops.get(slug="pacmi")
    ]


def test_conference_copy_forward_gives_a_new_series_a_free_slug(edition_2023):
    WorkshopSeriesFactory(name="Another bench", slug="bench")

    edition = copy_forward(edition_2023, continue_series=True)

    assert edition.workshops.get(slug="bench").series.slug == "bench-mlsys-2023"


def test_conference_copy_forward_refuses_a_taken_slug_and_creates_nothing(edition_2023):
    counts = (Conference.objects.count(), Room.objects.count(), Workshop.objects.count())

    with pytest.raises(ValidationError) as excinfo:
        copy_forward(edition_2023, slug="mlsys-2023", continue_series=True)

    assert excinfo.value.message_dict == {"slug": ["Conference with this Slug already exists."]}
    assert (Conference.objects.count(), Room.objects.count(), Workshop.objects.count()) == counts
    assert WorkshopSeries.objects.count() == 1


def test_conference_copy_forward_refuses_an_end_before_the_start(edition_2023):
    with pytest.raises(ValidationError) as excinfo:
        copy_forward(edition_2023, end_date=dt.date(2024, 5, 1))

    assert excinfo.value.messages == ["The conference cannot end before it starts."]
    assert not Conference.objects.filter(slug="mlsys-2024").exists()


def test_workshops_move_refuses_workshops_of_two_conferences(conference, room_241):
    bench = scheduled(conference, room_241, "Benchmarking", local(THURSDAY, 9), local(THURSDAY, 12))
    other = TimeSlotFactory(workshop__conference=ConferenceFactory(name="MLSys 2024")).workshop
    before = slot_rows()

    with pytest.raises(ValidationError) as excinfo:
        services.workshops_move(workshops=[bench, other], shift=dt.timedelta(hours=1))

    assert excinfo.value.messages == [
        "A move stays within one conference; these workshops belong to MLSys 2023 and "
        "MLSys 2024. Filter the list to one conference first."
    ]
    assert slot_rows() == before
