"""The admin's workshop list: one edition at a time (the chair's newest unless they choose),
with each workshop's day, time and room, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    chair_of,
    local,
)

CHANGELIST = reverse("admin:workshops_workshop_changelist")
SLOTS = reverse("admin:workshops_timeslot_changelist")


@pytest.fixture
def editions(db):
    """MLSys 2023 and its next edition, copied forward with the same titles."""
    mlsys_2023 = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023", year=2023)
    mlsys_2024 = ConferenceFactory(
        name="MLSys 2024",
        slug="mlsys-2024",
        year=2024,
        start_date=dt.date(2024, 5, 13),
        end_date=dt.date(2024, 5, 16),
        published=False,
    )
    for edition in (mlsys_2023, mlsys_2024):
        WorkshopFactory(conference=edition, title="Benchmarking")
    return {"2023": mlsys_2023, "2024": mlsys_2024}


def rows(response) -> list[tuple[str, ...]]:
    page = lxml_html.fromstring(response.content.decode())
    return [
        tuple(cell.text_content().strip() for cell in row.xpath("./th|./td")[1:])
        for row in page.xpath('//table[@id="result_list"]/tbody/tr')
    ]


def filter_choices(response) -> list[tuple[str, bool]]:
    (spec,) = [s for s in response.context["cl"].filter_specs if s.title == "conference"]
    return [(c["display"], c["selected"]) for c in spec.choices(response.context["cl"])]


def test_workshop_list_shows_the_chairs_newest_edition_by_default(client, editions):
    chair = chair_of(editions["2023"])
    editions["2024"].chairs.add(chair)
    client.force_login(chair)

    response = client.get(CHANGELIST)

    assert [w.conference for w in response.context["cl"].result_list] == [editions["2024"]]
    assert filter_choices(response) == [
        ("All", False),
        ("MLSys 2024", True),
        ("MLSys 2023", False),
    ]


def test_workshop_list_shows_every_edition_under_all(client, editions):
    chair = chair_of(editions["2023"])
    editions["2024"].chairs.add(chair)
    client.force_login(chair)

    response = client.get(CHANGELIST, {"conference": "all"})

    assert sorted(str(w.conference) for w in response.context["cl"].result_list) == [
        "MLSys 2023",
        "MLSys 2024",
    ]
    assert filter_choices(response)[0] == ("All", True)


def test_workshop_list_defaults_to_the_newest_edition_the_user_chairs_not_the_newest_one(
    client, editions
):
    client.force_login(chair_of(editions["2023"]))

    response = client.get(CHANGELIST)

    assert [w.conference for w in response.context["cl"].result_list] == [editions["2023"]]
    assert filter_choices(response) == [("All", False), ("MLSys 2023", True)]


def test_workshop_list_refuses_a_conference_of_nonsense_with_an_empty_list(client, editions):
    client.force_login(chair_of(editions["2023"]))

    response = client.get(CHANGELIST, {"conference": "mlsys"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_slot_list_shows_the_chairs_newest_edition_by_default(client, editions):
    chair = chair_of(editions["2023"])
    editions["2024"].chairs.add(chair)
    for workshop in [*editions["2023"].workshops.all(), *editions["2024"].workshops.all()]:
        TimeSlotFactory(workshop=workshop)
    client.force_login(chair)

    response = client.get(SLOTS)

    assert [s.conference for s in response.context["cl"].result_list] == [editions["2024"]]


def test_workshop_list_shows_the_day_time_and_room_of_the_first_slot(client, editions):
    conference = editions["2023"]
    client.force_login(chair_of(conference))
    bench = conference.workshops.get()
    room = RoomFactory(conference=conference, name="Room 241")
    day = dt.date(2023, 6, 7)
    TimeSlotFactory(workshop=bench, room=room, start=local(day, 14), end=local(day, 17))
    TimeSlotFactory(workshop=bench, room=room, start=local(day, 9), end=local(day, 12))
    unscheduled = WorkshopFactory(conference=conference, title="Idea")

    response = client.get(CHANGELIST, {"o": "1"})

    assert rows(response) == [
        ("Benchmarking", "-", "MLSys 2023", "Published", "Wed 7 Jun · 2 slots", "9:00–12:00 EDT",
         "Room 241"),
        (unscheduled.title, "-", "MLSys 2023", "Published", "—", "—", "—"),
    ]  # fmt: skip


@pytest.mark.parametrize("n", [1, 3])
def test_workshop_list_query_count(client, django_assert_num_queries, editions, n):
    conference = editions["2023"]
    client.force_login(chair_of(conference))
    for _ in range(n):
        TimeSlotFactory(workshop=WorkshopFactory(conference=conference))
    TimeSlotFactory(workshop=conference.workshops.first())

    with django_assert_num_queries(18):
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == n + 1
