"""Slots written through the admin take the services' path: the slot admin, and the workshop's
slot and agenda inlines saved together."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.admin_forms import form_values
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    local,
)
from workshops.models import AgendaItem, TimeSlot

THURSDAY = dt.date(2023, 6, 8)
pytestmark = pytest.mark.usefixtures("chair_of_all")


@pytest.fixture
def program(db):
    conference = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023", year=2023)
    room_241 = RoomFactory(conference=conference, name="Room 241")
    room_238 = RoomFactory(conference=conference, name="Room 238")
    workshop = WorkshopFactory(conference=conference, title="PACMI", slug="pacmi")
    slot = TimeSlotFactory(
        workshop=workshop, room=room_241, start=local(THURSDAY, 8), end=local(THURSDAY, 12)
    )
    AgendaItemFactory(
        workshop=workshop,
        title="Opening",
        start=local(THURSDAY, 8),
        end=local(THURSDAY, 8, 10),
    )
    return {"conference": conference, "room_238": room_238, "workshop": workshop, "slot": slot}


def slot_rows():
    return list(
        TimeSlot.objects.order_by("start").values_list(
            "workshop__title", "title", "room__name", "start", "end"
        )
    )


def agenda_rows():
    return list(AgendaItem.objects.order_by("start").values_list("title", "start", "end"))


def nonfield_errors(response) -> list[str]:
    errors = [list(response.context["adminform"].form.non_field_errors())]
    for inline in response.context["inline_admin_formsets"]:
        errors += [list(form.non_field_errors()) for form in inline.formset.forms]
    return [message for messages in errors for message in messages]


def workshop_form(client, workshop) -> tuple[str, dict]:
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    return url, form_values(client.get(url).content.decode(), "workshop_form")


def test_timeslot_admin_add_saves_a_plenary_item(chair_client, program):
    conference = program["conference"]

    response = chair_client.post(
        reverse("admin:workshops_timeslot_add"),
        {
            "conference": conference.pk,
            "workshop": "",
            "title": "Lunch",
            "room": "",
            "start_0": THURSDAY.isoformat(),
            "start_1": "12:00",
            "end_0": THURSDAY.isoformat(),
            "end_1": "13:30",
        },
    )

    assert response.status_code == 302
    assert slot_rows() == [
        ("PACMI", "", "Room 241", local(THURSDAY, 8), local(THURSDAY, 12)),
        (None, "Lunch", None, local(THURSDAY, 12), local(THURSDAY, 13, 30)),
    ]


def test_timeslot_admin_add_refuses_a_booked_room(chair_client, program):
    other = WorkshopFactory(conference=program["conference"], title="On-Device Intelligence")

    response = chair_client.post(
        reverse("admin:workshops_timeslot_add"),
        {
            "conference": program["conference"].pk,
            "workshop": other.pk,
            "title": "",
            "room": program["slot"].room_id,
            "start_0": THURSDAY.isoformat(),
            "start_1": "11:00",
            "end_0": THURSDAY.isoformat(),
            "end_1": "13:00",
        },
    )

    assert response.status_code == 200
    assert nonfield_errors(response) == [
        "Room 241 is already booked at that time: “PACMI”, Thu 08 Jun 08:00–12:00."
    ]
    assert slot_rows() == [("PACMI", "", "Room 241", local(THURSDAY, 8), local(THURSDAY, 12))]


def test_timeslot_admin_delete_takes_the_slot_off(chair_client, program):
    url = reverse("admin:workshops_timeslot_delete", args=[program["slot"].pk])

    response = chair_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert slot_rows() == []


def test_workshop_change_saves_a_moved_slot_and_an_agenda_item_inside_it(chair_client, program):
    url, data = workshop_form(chair_client, program["workshop"])
    data |= {
        "slots-0-room": program["room_238"].pk,
        "slots-0-start_1": "13:00",
        "slots-0-end_1": "17:00",
        "agenda_items-0-start": "13:00",
        "agenda_items-0-end": "13:10",
    }

    response = chair_client.post(url, data)

    assert response.status_code == 302
    assert slot_rows() == [("PACMI", "", "Room 238", local(THURSDAY, 13), local(THURSDAY, 17))]
    assert agenda_rows() == [("Opening", local(THURSDAY, 13), local(THURSDAY, 13, 10))]


def test_workshop_change_refuses_an_agenda_left_outside_a_moved_slot(chair_client, program):
    url, data = workshop_form(chair_client, program["workshop"])
    data |= {"slots-0-start_1": "13:00", "slots-0-end_1": "17:00"}

    response = chair_client.post(url, data)

    assert response.status_code == 200
    assert nonfield_errors(response) == [
        "“Opening” must lie inside one of the workshop's slots "
        "(Thu 13:00–17:00, America/New_York time)."
    ]
    assert slot_rows() == [("PACMI", "", "Room 241", local(THURSDAY, 8), local(THURSDAY, 12))]
    assert agenda_rows() == [("Opening", local(THURSDAY, 8), local(THURSDAY, 8, 10))]


def test_workshop_change_refuses_deleting_the_slot_that_holds_the_agenda(chair_client, program):
    url, data = workshop_form(chair_client, program["workshop"])
    data |= {"slots-0-DELETE": "on"}

    response = chair_client.post(url, data)

    assert response.status_code == 200
    assert nonfield_errors(response) == ["Give the workshop a time slot before adding its agenda."]
    assert slot_rows() == [("PACMI", "", "Room 241", local(THURSDAY, 8), local(THURSDAY, 12))]


def test_workshop_change_deletes_a_slot_and_its_agenda_together(chair_client, program):
    url, data = workshop_form(chair_client, program["workshop"])
    data |= {"slots-0-DELETE": "on", "agenda_items-0-DELETE": "on"}

    response = chair_client.post(url, data)

    assert response.status_code == 302
    assert (slot_rows(), agenda_rows()) == ([], [])
