import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin_forms import form_values
from tests.factories import (
    AgendaItemFactory,
    OrganizerFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
    staff_reader,
)
from tests.workshops.backoffice.test_admin import THURSDAY, at, html_of, post_workshop
from workshops.models import AgendaItem, TimeSlot, Workshop, WorkshopOrganizer

WEDNESDAY = THURSDAY - dt.timedelta(days=1)
LINES_URL = "/admin/workshops/workshop/agenda-lines/"

pytestmark = pytest.mark.usefixtures("chair_of_all")


def item(start: str, end: str, title: str = "Talk", kind: str = "talk", **fields) -> dict:
    return {"start": start, "end": end, "kind": kind, "title": title, "speakers": ""} | fields


def span(start: str, end: str, day: dt.date) -> dict:
    return at("start", start, day) | at("end", end, day)


def post_two_days(client, conference, room, *, wednesday: tuple[str, str], agenda: list[dict]):
    """A new workshop with slots on Thursday 8:00-12:00 and on Wednesday, and this agenda."""
    slots = [
        {"room": room.pk, **span("08:00", "12:00", THURSDAY)},
        {"room": room.pk, **span(*wednesday, WEDNESDAY)},
    ]
    return post_workshop(client, conference, {TimeSlot: slots, AgendaItem: agenda})


def saved_agenda() -> list[tuple]:
    return [(i.start, i.end, i.kind, i.title, i.speakers) for i in AgendaItem.objects.all()]


def change_form(client, workshop) -> tuple[str, dict]:
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    return url, form_values(html_of(client.get(url)), "workshop_form")


# Times of day, dated by their slot


def test_agenda_item_times_of_day_take_the_date_of_the_slot_that_holds_them(
    chair_client, conference, room
):
    response = post_two_days(
        chair_client,
        conference,
        room,
        wednesday=("13:00", "17:00"),
        agenda=[item("08:00", "08:10", "Opening", "opening"), item("13:30", "14:15")],
    )

    assert response.status_code == 302
    assert saved_agenda() == [
        (local(WEDNESDAY, 13, 30), local(WEDNESDAY, 14, 15), "talk", "Talk", ""),
        (local(THURSDAY, 8), local(THURSDAY, 8, 10), "opening", "Opening", ""),
    ]


def test_agenda_item_times_that_fit_slots_on_two_days_are_refused_until_a_day_is_chosen(
    chair_client, conference, room
):
    response = post_two_days(
        chair_client,
        conference,
        room,
        wednesday=("08:00", "12:00"),
        agenda=[item("09:00", "09:30")],
    )

    assert response.status_code == 200
    assert (
        "09:00–09:30 fits slots on Wed 7 Jun and Thu 8 Jun: save the slots, then choose the "
        "item&#x27;s day."
    ) in html_of(response)
    assert not Workshop.objects.exists()


def test_agenda_day_select_appears_only_for_slots_on_several_days(chair_client, conference, room):
    one_day = WorkshopFactory(conference=conference, slug="one-day")
    TimeSlotFactory(workshop=one_day, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    two_days = WorkshopFactory(conference=conference, slug="two-days")
    for day in (WEDNESDAY, THURSDAY):
        TimeSlotFactory(workshop=two_days, room=room, start=local(day, 13), end=local(day, 14))

    _, one_day_form = change_form(chair_client, one_day)
    _, two_days_form = change_form(chair_client, two_days)

    assert "agenda_items-__prefix__-day" not in one_day_form
    assert two_days_form["agenda_items-__prefix__-day"] == ""  # the slot's day, unless chosen


def test_agenda_day_chosen_places_the_item_in_that_days_slot(chair_client, conference, room):
    workshop = WorkshopFactory(conference=conference)
    for day in (WEDNESDAY, THURSDAY):
        TimeSlotFactory(workshop=workshop, room=room, start=local(day, 8), end=local(day, 12))
    AgendaItemFactory(workshop=workshop, start=local(THURSDAY, 9), end=local(THURSDAY, 9, 30))
    url, data = change_form(chair_client, workshop)
    assert (data["agenda_items-0-day"], data["agenda_items-0-start"]) == ("2023-06-08", "09:00")

    response = chair_client.post(url, data | {"agenda_items-0-day": "2023-06-07"})

    assert response.status_code == 302
    assert [(i.start, i.end) for i in AgendaItem.objects.all()] == [
        (local(WEDNESDAY, 9), local(WEDNESDAY, 9, 30))
    ]


def test_agenda_inline_states_the_time_zone_once_not_per_field(chair_client, conference):
    response = chair_client.get(
        f"{reverse('admin:workshops_workshop_add')}?conference={conference.pk}"
    )

    html = html_of(response)
    assert "Times in America/New_York, the venue" in html
    assert html.count("Agenda times are times of day in the venue's time zone") == 1
    assert 'name="agenda_items-__prefix__-start" size="5"' in html
    assert "agenda_items-__prefix__-start_0" not in html


# Organizer positions


def test_organizer_positions_left_blank_number_themselves_in_row_order(chair_client, conference):
    people = [OrganizerFactory(name=name) for name in ("Ana", "Ben", "Cleo")]

    response = post_workshop(
        chair_client,
        conference,
        {WorkshopOrganizer: [{"position": "", "organizer": person.pk} for person in people]},
    )

    assert response.status_code == 302
    assert [(link.position, link.organizer.name) for link in WorkshopOrganizer.objects.all()] == [
        (0, "Ana"),
        (1, "Ben"),
        (2, "Cleo"),
    ]


def test_organizer_added_with_position_0_goes_after_the_listed_ones(chair_client, conference):
    workshop = WorkshopFactory(conference=conference)
    for position, name in enumerate(["Ana", "Ben"]):
        WorkshopOrganizerFactory(
            workshop=workshop, organizer=OrganizerFactory(name=name), position=position
        )
    url, data = change_form(chair_client, workshop)
    data |= {
        "organizer_links-TOTAL_FORMS": "3",
        "organizer_links-2-position": "0",
        "organizer_links-2-organizer": OrganizerFactory(name="Cleo").pk,
    }

    response = chair_client.post(url, data)

    assert response.status_code == 302
    assert [(link.position, link.organizer.name) for link in WorkshopOrganizer.objects.all()] == [
        (0, "Ana"),
        (1, "Ben"),
        (2, "Cleo"),
    ]


# Pasted agenda lines

PASTED = """
10:10-10:30 Morning break
10:30-11:15 Invited talk: Wes Brewer (Oak Ridge); Zhihao Jia
11:15–12:00 Panel on efficiency: Lyric Doshi (Databricks)
"""


def test_agenda_lines_view_reads_pasted_lines_into_rows(chair_client, conference):
    response = chair_client.post(LINES_URL, {"text": PASTED})

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "rows": [
            {"start": "10:10", "end": "10:30", "kind": "break", "title": "Morning break",
             "speakers": ""},
            {"start": "10:30", "end": "11:15", "kind": "invited", "title": "Invited talk",
             "speakers": "Wes Brewer (Oak Ridge)\nZhihao Jia"},
            {"start": "11:15", "end": "12:00", "kind": "panel", "title": "Panel on efficiency",
             "speakers": "Lyric Doshi (Databricks)"},
        ],
        "errors": [],
    }  # fmt: skip


def test_agenda_lines_view_names_each_line_it_cannot_read(chair_client, conference):
    text = "10:10-10:30 Break\nBring a laptop\n25:00-26:00 Late\n10:75-11:00 Odd"

    response = chair_client.post(LINES_URL, {"text": text})

    assert response.status_code == 400
    assert json.loads(response.content) == {
        "rows": [],
        "errors": [
            "Line 2 is not “HH:MM-HH:MM Title: Speaker”: Bring a laptop",
            "Line 3 is not “HH:MM-HH:MM Title: Speaker”: 25:00-26:00 Late",
            "Line 4 is not “HH:MM-HH:MM Title: Speaker”: 10:75-11:00 Odd",
        ],
    }


def test_agenda_lines_view_takes_only_a_post_from_a_staff_user(chair_client, db):
    assert chair_client.get(LINES_URL).status_code == 405
    response = Client().post(LINES_URL, {"text": PASTED})
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")


def test_agenda_lines_view_refuses_a_read_only_staff_user(db):
    client = Client()
    client.force_login(staff_reader())

    assert client.post(LINES_URL, {"text": PASTED}).status_code == 403


def test_pasted_agenda_rows_saved_become_items_with_kinds_and_speakers(
    chair_client, conference, room
):
    rows = json.loads(chair_client.post(LINES_URL, {"text": PASTED}).content)["rows"]

    response = post_workshop(
        chair_client,
        conference,
        {
            TimeSlot: [{"room": room.pk, **at("start", "10:00"), **at("end", "12:00")}],
            AgendaItem: rows,
        },
    )

    assert response.status_code == 302
    assert saved_agenda() == [
        (local(THURSDAY, 10, 10), local(THURSDAY, 10, 30), "break", "Morning break", ""),
        (local(THURSDAY, 10, 30), local(THURSDAY, 11, 15), "invited", "Invited talk",
         "Wes Brewer (Oak Ridge)\nZhihao Jia"),
        (local(THURSDAY, 11, 15), local(THURSDAY, 12), "panel", "Panel on efficiency",
         "Lyric Doshi (Databricks)"),
    ]  # fmt: skip
