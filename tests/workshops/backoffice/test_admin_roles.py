"""What each role may do in the admin, and every refusal: a 403 or an absent object, and
never a silent save."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.admin_forms import form_values
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    chair_of,
    local,
    organizer_of,
    staff_reader,
)
from workshops.models import Conference, Room, TimeSlot, Workshop

THURSDAY = dt.date(2023, 6, 8)


@pytest.fixture
def program(db):
    """Two editions, each with a room and a scheduled workshop."""
    mlsys = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")
    other = ConferenceFactory(name="Other Summit 2023", slug="other-2023")
    room_241 = RoomFactory(conference=mlsys, name="Room 241", slug="room-241")
    room_238 = RoomFactory(conference=mlsys, name="Room 238", slug="room-238")
    other_room = RoomFactory(conference=other, name="Hall A", slug="hall-a")
    bench = WorkshopFactory(conference=mlsys, title="Benchmarking", slug="bench")
    pacmi = WorkshopFactory(conference=mlsys, title="PACMI", slug="pacmi")
    foreign = WorkshopFactory(conference=other, title="Foreign workshop", slug="foreign")
    for workshop, room in [(bench, room_241), (pacmi, room_238), (foreign, other_room)]:
        TimeSlotFactory(
            workshop=workshop, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12)
        )
    return {
        "mlsys": mlsys,
        "other": other,
        "room_238": room_238,
        "bench": bench,
        "pacmi": pacmi,
        "foreign": foreign,
    }


@pytest.fixture
def organizer_client(client, program):
    """Signed in as an organizer of the benchmarking workshop (and of nothing else)."""
    client.force_login(organizer_of(program["bench"]))
    return client


@pytest.fixture
def mlsys_chair_client(client, program):
    client.force_login(chair_of(program["mlsys"]))
    return client


@pytest.fixture
def staff_client(client, program):
    client.force_login(staff_reader())
    return client


def change_url(obj) -> str:
    return reverse(f"admin:workshops_{obj._meta.model_name}_change", args=[obj.pk])


def changed_form(client, workshop, **changes) -> dict:
    values = form_values(client.get(change_url(workshop)).content.decode(), "workshop_form")
    return values | changes


def slot_rows() -> list[tuple]:
    return sorted(TimeSlot.objects.values_list("workshop__slug", "room__name", "start"))


# Workshop organizers


def test_organizer_edits_own_abstract(organizer_client, program):
    data = changed_form(organizer_client, program["bench"], abstract="Measuring *ML* at scale.")

    response = organizer_client.post(change_url(program["bench"]), data)

    assert response.status_code == 302
    program["bench"].refresh_from_db()
    assert program["bench"].abstract == "Measuring *ML* at scale."


def test_organizer_form_offers_no_schedule_fields(organizer_client, program):
    values = form_values(
        organizer_client.get(change_url(program["bench"])).content.decode(), "workshop_form"
    )

    assert {"conference", "title", "slug", "status", "slots-0-room"} & set(values) == set()
    assert {"abstract", "website", "organizer_links-0-organizer"} <= set(values)


def test_organizer_cannot_move_the_room_or_rename_or_publish(organizer_client, program):
    before = slot_rows()
    data = changed_form(
        organizer_client,
        program["bench"],
        title="Renamed",
        status=Workshop.Status.CANCELLED,
        **{"slots-0-room": str(program["room_238"].pk), "slots-TOTAL_FORMS": "1"},
    )

    organizer_client.post(change_url(program["bench"]), data)

    program["bench"].refresh_from_db()
    assert (program["bench"].title, program["bench"].status) == ("Benchmarking", "published")
    assert slot_rows() == before


def test_organizer_cannot_open_or_change_another_workshop(organizer_client, program):
    response = organizer_client.get(change_url(program["pacmi"]))
    post = organizer_client.post(change_url(program["pacmi"]), {"abstract": "Taken over"})

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))
    assert post.status_code == 302
    program["pacmi"].refresh_from_db()
    assert program["pacmi"].abstract == "A workshop about systems for machine learning."


def test_organizer_lists_only_own_workshops(organizer_client, program):
    response = organizer_client.get(reverse("admin:workshops_workshop_changelist"))

    assert list(response.context["cl"].result_list) == [program["bench"]]


def test_organizer_cannot_add_or_delete_workshops(organizer_client, program):
    add = organizer_client.get(reverse("admin:workshops_workshop_add"))
    delete = organizer_client.post(
        reverse("admin:workshops_workshop_delete", args=[program["bench"].pk]), {"post": "yes"}
    )

    assert (add.status_code, delete.status_code) == (403, 403)
    assert Workshop.objects.filter(pk=program["bench"].pk).exists()


def test_organizer_cannot_change_slots_directly(organizer_client, program):
    slot = program["bench"].slots.get()

    response = organizer_client.post(change_url(slot), {"room": program["room_238"].pk})

    assert response.status_code in {302, 403}
    slot.refresh_from_db()
    assert slot.room.name == "Room 241"


# Program chairs


def test_chair_moves_a_slot_of_their_conference(mlsys_chair_client, program):
    room_239 = RoomFactory(conference=program["mlsys"], name="Room 239", slug="room-239")
    data = changed_form(mlsys_chair_client, program["bench"], **{"slots-0-room": str(room_239.pk)})

    response = mlsys_chair_client.post(change_url(program["bench"]), data)

    assert response.status_code == 302
    assert program["bench"].slots.get().room == room_239


def test_chair_cannot_reach_another_conference(mlsys_chair_client, program):
    pages = [
        change_url(program["foreign"]),
        change_url(program["other"]),
        change_url(program["foreign"].slots.get()),
    ]

    statuses = [mlsys_chair_client.get(url).status_code for url in pages]
    post = mlsys_chair_client.post(change_url(program["other"]), {"name": "Hijacked"})

    assert statuses == [302, 302, 302]
    assert post.status_code == 302
    assert Conference.objects.get(pk=program["other"].pk).name == "Other Summit 2023"


def test_chair_lists_only_their_conference(mlsys_chair_client, program):
    workshops = mlsys_chair_client.get(reverse("admin:workshops_workshop_changelist"))
    conferences = mlsys_chair_client.get(reverse("admin:workshops_conference_changelist"))

    assert set(workshops.context["cl"].result_list) == {program["bench"], program["pacmi"]}
    assert list(conferences.context["cl"].result_list) == [program["mlsys"]]


def test_chair_cannot_add_a_room_or_move_a_workshop_to_another_conference(
    mlsys_chair_client, program
):
    room_add = reverse("admin:workshops_room_add")
    room = mlsys_chair_client.post(
        room_add, {"conference": program["other"].pk, "name": "Sneaky", "slug": "sneaky"}
    )
    moved = mlsys_chair_client.post(
        change_url(program["pacmi"]),
        changed_form(mlsys_chair_client, program["pacmi"], conference=str(program["other"].pk)),
    )

    assert room.status_code == 200
    assert "Select a valid choice." in room.content.decode()
    assert not Room.objects.filter(name="Sneaky").exists()
    assert moved.status_code == 200
    program["pacmi"].refresh_from_db()
    assert program["pacmi"].conference == program["mlsys"]


def test_chair_who_starts_an_edition_chairs_it(mlsys_chair_client, program):
    url = reverse("admin:workshops_conference_add")
    data = form_values(mlsys_chair_client.get(url).content.decode(), "conference_form") | {
        "name": "MLSys 2024",
        "slug": "mlsys-2024",
        "year": "2024",
        "start_date": "2024-05-13",
        "end_date": "2024-05-16",
        "timezone": "America/Los_Angeles",
    }

    response = mlsys_chair_client.post(url, data)

    assert response.status_code == 302
    created = Conference.objects.get(slug="mlsys-2024")
    assert list(created.chairs.all()) == [response.wsgi_request.user]


# Staff


def test_staff_read_every_conference_and_change_nothing(staff_client, program):
    listing = staff_client.get(reverse("admin:workshops_workshop_changelist"))
    page = staff_client.get(change_url(program["foreign"]))
    post = staff_client.post(change_url(program["foreign"]), {"title": "Changed"})

    assert set(listing.context["cl"].result_list) == {
        program["bench"],
        program["pacmi"],
        program["foreign"],
    }
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert post.status_code == 403
    assert Workshop.objects.get(pk=program["foreign"].pk).title == "Foreign workshop"
