"""The admin's add forms follow the chosen conference: its time zone and its rooms."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tests.factories import ConferenceFactory, RoomFactory, chair_of, local
from workshops.models import TimeSlot

PACIFIC = ZoneInfo("America/Los_Angeles")
WORKSHOP_ADD = reverse("admin:workshops_workshop_add")
SLOT_ADD = reverse("admin:workshops_timeslot_add")


@pytest.fixture
def editions(db):
    """A chair of two conferences: one in New York (the newest), one in Los Angeles."""
    new_york = ConferenceFactory(name="MLSys 2024", slug="mlsys-2024", year=2024)
    los_angeles = ConferenceFactory(
        name="MLSys 2023", slug="mlsys-2023", year=2023, timezone="America/Los_Angeles"
    )
    RoomFactory(conference=new_york, name="Room 241")
    RoomFactory(conference=los_angeles, name="Hall A")
    chair = chair_of(new_york)
    los_angeles.chairs.add(chair)
    return {"new_york": new_york, "los_angeles": los_angeles, "chair": chair}


def subtitle(response) -> str:
    return response.context["subtitle"]


def room_choices(html: str, name: str) -> list[str]:
    (select,) = lxml_html.fromstring(html).xpath(f'//select[@name="{name}"]')
    return [option.text_content() for option in select.xpath("./option") if option.get("value")]


@pytest.mark.parametrize("url", [WORKSHOP_ADD, SLOT_ADD])
def test_add_form_asks_for_the_conference_before_naming_a_zone(client, editions, url):
    client.force_login(editions["chair"])

    response = client.get(url)

    html = response.content.decode()
    assert subtitle(response) == "Choose the conference first: times are in its time zone"
    assert "America/New_York" not in html
    assert '<script src="/static/js/conference-choice.js"></script>' in html


@pytest.mark.parametrize("url", [WORKSHOP_ADD, SLOT_ADD])
def test_add_form_follows_the_conference_in_the_address(client, editions, url):
    client.force_login(editions["chair"])

    response = client.get(url, {"conference": editions["los_angeles"].pk})

    assert subtitle(response) == "Times in America/Los_Angeles, the venue's time zone"
    assert response.context["adminform"].form["conference"].value() == str(
        editions["los_angeles"].pk
    )


def test_slot_add_offers_only_the_chosen_conferences_rooms(client, editions):
    client.force_login(editions["chair"])

    response = client.get(SLOT_ADD, {"conference": editions["los_angeles"].pk})

    assert room_choices(response.content.decode(), "room") == ["Hall A"]


def test_workshop_add_offers_only_the_chosen_conferences_rooms_to_its_slots(client, editions):
    client.force_login(editions["chair"])

    response = client.get(WORKSHOP_ADD, {"conference": editions["los_angeles"].pk})

    (slots,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is TimeSlot
    ]
    assert [room.name for room in slots.empty_form.fields["room"].queryset] == ["Hall A"]


def test_add_form_ignores_a_conference_the_user_does_not_chair(client, editions):
    outsider = ConferenceFactory(name="Other Summit", timezone="Europe/Berlin")
    client.force_login(editions["chair"])

    response = client.get(SLOT_ADD, {"conference": outsider.pk})

    assert response.status_code == 200
    assert subtitle(response) == "Choose the conference first: times are in its time zone"


def test_add_form_ignores_a_conference_of_nonsense(client, editions):
    client.force_login(editions["chair"])

    response = client.get(SLOT_ADD, {"conference": "los-angeles"})

    assert response.status_code == 200
    assert subtitle(response) == "Choose the conference first: times are in its time zone"


def test_slot_add_reads_times_in_the_posted_conferences_zone(client, editions):
    conference = editions["los_angeles"]
    client.force_login(editions["chair"])
    day = conference.end_date

    response = client.post(
        SLOT_ADD,
        {
            "conference": conference.pk,
            "workshop": "",
            "title": "Lunch",
            "room": conference.rooms.get().pk,
            "start_0": day.isoformat(),
            "start_1": "12:00",
            "end_0": day.isoformat(),
            "end_1": "13:30",
        },
    )

    assert response.status_code == 302
    slot = TimeSlot.objects.get()
    assert (slot.start, slot.end) == (local(day, 12, tz=PACIFIC), local(day, 13, 30, tz=PACIFIC))
    assert slot.end - slot.start == dt.timedelta(minutes=90)
