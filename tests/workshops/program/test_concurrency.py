"""Chairs at the same moment: parallel bookings of one room (PostgreSQL, real connections)."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from tests.admin_forms import form_values
from tests.factories import (
    ChairFactory,
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    local,
    organizer_of,
)
from workshops.models import TimeSlot, Workshop
from workshops.program import fingerprints as versions
from workshops.program import services

LAST_DAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York
RACERS = 20


def race(work, count: int = RACERS) -> list:
    """Run work(i) in `count` threads, each on its own connection, released together by a
    barrier; the outcome of each: its return value, or the exception it raised."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = work(i)
        except BaseException as error:  # kept for the test's asserts
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.fixture
def booking(transactional_db):
    """One room and twenty workshops, committed, so every thread's connection sees them."""
    conference = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")
    room = RoomFactory(conference=conference, name="Room 241")
    workshops = [
        WorkshopFactory(conference=conference, title=f"Workshop {i:02}") for i in range(RACERS)
    ]
    return conference, room, workshops


@pytest.mark.postgres
def test_slot_save_twenty_parallel_bookings_of_one_room_save_exactly_one(booking):
    conference, room, workshops = booking

    def book(i):
        # Every booking overlaps every other: 8:00 + i minutes to 12:00 + i minutes.
        slot = TimeSlot(
            conference=conference,
            workshop=workshops[i],
            room=room,
            start=local(LAST_DAY, 8, i),
            end=local(LAST_DAY, 12, i),
        )
        return services.slot_save(slot=slot)

    outcomes = race(book)

    saved = [o for o in outcomes if isinstance(o, TimeSlot)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(saved) == 1, outcomes
    assert len(refused) == RACERS - 1, outcomes
    winner = saved[0].workshop.title
    minute = int(winner.removeprefix("Workshop "))
    assert {tuple(error.messages) for error in refused} == {
        (
            f"Room 241 is already booked at that time: “{winner}”, "
            f"Thu 08 Jun 08:{minute:02}–12:{minute:02}.",
        )
    }
    assert list(TimeSlot.objects.values_list("workshop__title", flat=True)) == [winner]


def nonfield_errors(response) -> list[str]:
    if not response.content:  # a redirect
        return []
    page = lxml_html.fromstring(response.content.decode())
    return [
        item.text_content()
        for item in page.xpath(
            '//ul[contains(@class, "errorlist") and contains(@class, "nonfield")]/li'
        )
    ]


@pytest.mark.postgres
def test_admin_twenty_chairs_adding_overlapping_slots_at_once_save_exactly_one(booking):
    conference, room, workshops = booking
    clients = []
    for i in range(RACERS):
        clients.append(signed_in(chair_named(conference, f"chair-{i:02}")))
    url = reverse("admin:workshops_timeslot_add")

    def add_slot(i):
        return clients[i].post(
            url,
            {
                "conference": conference.pk,
                "workshop": workshops[i].pk,
                "title": "",
                "room": room.pk,
                "start_0": LAST_DAY.isoformat(),
                "start_1": f"08:{i:02}",
                "end_0": LAST_DAY.isoformat(),
                "end_1": f"12:{i:02}",
            },
        )

    outcomes = race(add_slot)

    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    saved = list(TimeSlot.objects.values_list("workshop__title", flat=True))
    assert len(saved) == 1
    minute = int(saved[0].removeprefix("Workshop "))
    refusal = (
        f"Room 241 is already booked at that time: “{saved[0]}”, "
        f"Thu 08 Jun 08:{minute:02}–12:{minute:02}."
    )
    assert sorted((o.status_code, tuple(nonfield_errors(o))) for o in outcomes) == [
        (200, (refusal,))
    ] * (RACERS - 1) + [(302, ())]


# Two chairs on one change form: the second save over the first is refused


TWO_PM_IN_MIAMI = dt.datetime(2023, 5, 2, 18, 5, tzinfo=dt.UTC)  # 14:05 America/New_York


@pytest.fixture
def clock():
    """The program is made and changed on a May afternoon of 2023 (the clock runs on)."""
    with time_machine.travel(TWO_PM_IN_MIAMI):
        yield


@pytest.fixture
def program(db, clock):
    conference = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")
    room_241 = RoomFactory(conference=conference, name="Room 241")
    room_238 = RoomFactory(conference=conference, name="Room 238")
    workshop = WorkshopFactory(
        conference=conference, title="PACMI", abstract="First words.", slug="pacmi"
    )
    slot = TimeSlotFactory(
        workshop=workshop, room=room_241, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12)
    )
    return {"conference": conference, "room_238": room_238, "workshop": workshop, "slot": slot}


def chair_named(conference, username: str):
    user = ChairFactory(username=username)
    conference.chairs.add(user)
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ana(program):
    return signed_in(chair_named(program["conference"], "ana"))


@pytest.fixture
def ben(program):
    return signed_in(chair_named(program["conference"], "ben"))


def change_url(obj) -> str:
    return reverse(f"admin:workshops_{obj._meta.model_name}_change", args=[obj.pk])


def opened(client, obj) -> dict:
    """The change form as the browser holds it after opening the page."""
    page = client.get(change_url(obj))
    return form_values(page.content.decode(), f"{obj._meta.model_name}_form")


def form_errors(response) -> list[str]:
    return list(response.context["adminform"].form.non_field_errors())


def save_in_turn(obj, first: Client, second: Client, first_changes: dict, second_changes: dict):
    """Both open the change form; the first saves it changed, then the second."""
    form_first, form_second = opened(first, obj), opened(second, obj)
    saved = first.post(change_url(obj), form_first | first_changes)
    return saved, second.post(change_url(obj), form_second | second_changes)


def conflict(name: str, by: str, at: str) -> str:
    return (
        f"This {name} was changed by someone else since you opened it (by {by} at {at}); "
        "nothing of yours was saved. Reload the page to see their changes, then make yours again."
    )


def test_admin_workshop_save_over_another_chairs_change_is_refused(program, ana, ben):
    workshop = program["workshop"]

    saved, refused = save_in_turn(
        workshop, ana, ben, {"title": "PACMI 2023"}, {"abstract": "Ben's words."}
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert form_errors(refused) == [conflict("workshop", "ana", "14:05")]
    workshop.refresh_from_db()
    assert (workshop.title, workshop.abstract) == ("PACMI 2023", "First words.")


def test_admin_workshop_save_over_a_change_to_its_slots_alone_is_refused(program, ana, ben):
    workshop, slot = program["workshop"], program["slot"]
    new_room = {"slots-0-room": program["room_238"].pk}

    saved, refused = save_in_turn(workshop, ana, ben, new_room, {"abstract": "Ben's words."})

    assert saved.status_code == 302
    assert form_errors(refused) == [conflict("workshop", "ana", "14:05")]
    slot.refresh_from_db()
    workshop.refresh_from_db()
    assert (slot.room.name, workshop.abstract) == ("Room 238", "First words.")


def test_admin_workshop_saves_once_reopened_after_another_chairs_change(program, ana, ben):
    workshop = program["workshop"]
    form_b = opened(ben, workshop)
    ana.post(change_url(workshop), opened(ana, workshop) | {"title": "PACMI 2023"})
    refused = ben.post(change_url(workshop), form_b | {"abstract": "Ben's words."})

    saved = ben.post(change_url(workshop), opened(ben, workshop) | {"abstract": "Ben's words."})

    assert refused.status_code == 200
    assert saved.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.abstract) == ("PACMI 2023", "Ben's words.")


def test_admin_workshop_saves_one_after_the_other_without_a_conflict(program, ana, ben):
    workshop = program["workshop"]

    first = ana.post(change_url(workshop), opened(ana, workshop) | {"title": "PACMI 2023"})
    second = ben.post(change_url(workshop), opened(ben, workshop) | {"abstract": "Ben's words."})
    again = ben.post(change_url(workshop), opened(ben, workshop) | {"acronym": "PACMI"})

    assert [first.status_code, second.status_code, again.status_code] == [302, 302, 302]
    workshop.refresh_from_db()
    assert (workshop.title, workshop.abstract, workshop.acronym) == (
        "PACMI 2023",
        "Ben's words.",
        "PACMI",
    )


def test_admin_organizer_save_over_a_chairs_change_is_refused(program, ana):
    workshop = program["workshop"]
    organizer = signed_in(organizer_of(workshop, name="Tom St John"))
    assert "title" not in opened(organizer, workshop)  # no schedule fields for an organizer

    saved, refused = save_in_turn(
        workshop, ana, organizer, {"title": "PACMI 2023"}, {"abstract": "Tom's words."}
    )

    assert (saved.status_code, refused.status_code) == (302, 200)
    assert form_errors(refused) == [conflict("workshop", "ana", "14:05")]
    workshop.refresh_from_db()
    assert (workshop.title, workshop.abstract) == ("PACMI 2023", "First words.")


def test_admin_organizer_saves_when_no_one_changed_the_workshop(program):
    workshop = program["workshop"]
    organizer = signed_in(organizer_of(workshop, name="Tom St John"))

    response = organizer.post(
        change_url(workshop), opened(organizer, workshop) | {"abstract": "Tom's words."}
    )

    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.abstract == "Tom's words."


def test_admin_timeslot_save_over_another_chairs_change_is_refused(program, ana, ben):
    slot = program["slot"]

    saved, refused = save_in_turn(
        slot, ana, ben, {"room": program["room_238"].pk}, {"end_1": "11:00"}
    )

    assert saved.status_code == 302
    assert form_errors(refused) == [conflict("time slot", "ana", "14:05")]
    slot.refresh_from_db()
    assert (slot.room.name, slot.end) == ("Room 238", local(LAST_DAY, 12))


def test_admin_conference_save_over_another_chairs_change_is_refused(program, ana, ben):
    conference = program["conference"]
    venue = {"venue": "Miami Beach Convention Center"}

    saved, refused = save_in_turn(conference, ana, ben, venue, {"city": "Miami Beach"})

    assert saved.status_code == 302
    # The conference keeps no field history: the admin's log names who saved it (in UTC).
    assert form_errors(refused) == [conflict("conference", "ana", "18:05")]
    conference.refresh_from_db()
    assert (conference.venue, conference.city) == (
        "Miami Beach Convention Center",
        "Miami, Florida",
    )


def test_check_unchanged_since_accepts_the_state_the_form_was_opened_on(program):
    workshop = program["workshop"]
    state = versions.fingerprint(workshop, parts=["slots"])

    versions.check_unchanged_since(workshop, name="workshop", opened=state, parts=["slots"])

    assert versions.fingerprint(Workshop.objects.get(pk=workshop.pk), parts=["slots"]) == state


def test_check_unchanged_since_refuses_a_workshop_deleted_meanwhile(program):
    workshop = program["workshop"]
    state = versions.fingerprint(workshop, parts=["slots"])
    Workshop.objects.filter(pk=workshop.pk).delete()

    saved = Workshop.objects.filter(pk=workshop.pk).first()

    with pytest.raises(ValidationError) as excinfo:
        versions.check_unchanged_since(saved, name="workshop", opened=state, parts=["slots"])

    assert excinfo.value.messages == [
        "This workshop was deleted by someone else since you opened it; nothing was saved."
    ]
    assert excinfo.value.error_list[0].code == "edit_conflict"


def test_check_unchanged_since_names_no_one_for_an_unrecorded_change(program):
    workshop = program["workshop"]
    state = versions.fingerprint(workshop)
    Workshop.objects.filter(pk=workshop.pk).update(title="Changed by a script")
    Workshop.history.all().delete()

    saved = Workshop.objects.get(pk=workshop.pk)

    with pytest.raises(ValidationError) as excinfo:
        versions.check_unchanged_since(saved, name="workshop", opened=state)

    assert excinfo.value.messages == [
        "This workshop was changed by someone else since you opened it; nothing of yours was "
        "saved. Reload the page to see their changes, then make yours again."
    ]


@pytest.mark.postgres
def test_admin_five_chairs_saving_one_opened_workshop_at_once_save_exactly_one(transactional_db):
    conference = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")
    workshop = WorkshopFactory(conference=conference, title="PACMI", abstract="First words.")
    clients = [signed_in(chair_named(conference, f"chair-{i}")) for i in range(5)]
    forms = [opened(client, workshop) for client in clients]

    outcomes = race(
        lambda i: clients[i].post(change_url(workshop), forms[i] | {"abstract": f"Words {i}."}),
        count=5,
    )

    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    workshop.refresh_from_db()
    winner = int(workshop.abstract.removeprefix("Words ").removesuffix("."))
    assert [o.status_code for o in outcomes] == [302 if i == winner else 200 for i in range(5)]
    refusals = {
        nonfield_errors(o)[0].split(" (by ")[0] for i, o in enumerate(outcomes) if i != winner
    }
    assert refusals == {"This workshop was changed by someone else since you opened it"}
