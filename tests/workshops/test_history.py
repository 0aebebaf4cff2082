import datetime as dt

import pytest
from django.urls import reverse

from tests.admin_forms import form_values
from tests.factories import (
    ChairFactory,
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    local,
)

THURSDAY = dt.date(2023, 6, 8)


@pytest.fixture
def scheduled(db):
    conference = ConferenceFactory(slug="mlsys-2023")
    workshop = WorkshopFactory(conference=conference, title="PACMI", abstract="First words.")
    room = RoomFactory(conference=conference, name="Room 238")
    TimeSlotFactory(workshop=workshop, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    return workshop


def test_workshop_history_names_who_changed_which_field_and_the_slots(client, scheduled):
    chair = ChairFactory(username="ana")
    scheduled.conference.chairs.add(chair)
    client.force_login(chair)
    change = reverse("admin:workshops_workshop_change", args=[scheduled.pk])
    new_room = RoomFactory(conference=scheduled.conference, name="Room 241")
    data = form_values(client.get(change).content.decode(), "workshop_form") | {
        "abstract": "Better words.",
        "slots-0-room": str(new_room.pk),
    }
    assert client.post(change, data).status_code == 302

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    records = list(page.context["page_obj"].object_list)
    assert [r.history_user.username if r.history_user else None for r in records] == ["ana", None]
    assert [c["field"] for c in records[0].history_delta_changes] == ["Abstract"]
    related = page.context["related_history"]
    assert [
        (label, [c.field for c in changes], record.history_user.username)
        for record, label, changes in related
        if changes
    ] == [("time slot", ["room"], "ana")]
    assert "Better words." in html


def test_workshop_history_is_absent_for_a_chair_of_another_conference(client, scheduled):
    outsider = ChairFactory()
    ConferenceFactory(slug="other").chairs.add(outsider)
    client.force_login(outsider)

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    assert page.status_code == 403
