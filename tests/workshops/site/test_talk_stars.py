"""A single talk or poster session can be starred: it has its own key ("item:<GUID>"), comes
back in the program data "My schedule" draws from, in the signed link and feed, and as its
own calendar file. The demo's benchmarking workshop is the program."""

import icalendar
import pytest
from django.urls import reverse

from workshops.models import AgendaItem
from workshops.site import favourites

pytestmark = pytest.mark.django_db


@pytest.fixture
def keynote(demo):
    return AgendaItem.objects.get(workshop__slug="benchmarking-ml-workloads", title="Invited talk")


def events(response) -> list[tuple[str, str]]:
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return [(str(e["uid"]), str(e["summary"])) for e in calendar.walk("VEVENT")]


def test_program_data_lists_talks_to_star_but_not_breaks(client, keynote):
    data = client.get(reverse("workshops:favourites-program", args=["mlsys-2023"])).json()

    entry = data["items"][favourites.item_key(keynote)]
    assert entry["title"] == "Invited talk"
    assert entry["workshop"] == "benchmarking-ml-workloads"
    assert entry["speakers"] == ["Yingyan (Celine) Lin"]
    assert entry["start"] == "2023-06-08T12:10:00Z" and entry["end"] == "2023-06-08T12:55:00Z"
    kinds = {item["kind"] for item in data["items"].values()}
    assert "Break" not in kinds and "Opening / closing" not in kinds


def test_a_starred_talk_goes_into_the_link_and_the_feed(client, keynote):
    key = favourites.item_key(keynote)
    foreign = "item:00000000-0000-4000-8000-000000000000"
    link = client.get(
        reverse("workshops:favourites-link", args=["mlsys-2023"]),
        {"w": [key, foreign, "pacmi"]},
    ).json()

    assert link["workshops"] == sorted([key, "pacmi"])  # an unknown item is dropped
    feed = client.get(link["feed"].removeprefix("http://testserver"))
    uids = dict(events(feed))
    assert uids[str(keynote.guid)] == (
        "Invited talk (Benchmarking Machine Learning Workloads on Emerging Hardware)"
    )
    assert any("PACMI" in summary or "Practical" in summary for summary in uids.values())


def test_a_talk_downloads_as_its_own_calendar(client, keynote):
    response = client.get(reverse("workshops:item-calendar", args=["mlsys-2023", keynote.guid]))

    [(uid, summary)] = events(response)
    assert uid == str(keynote.guid)
    assert summary.startswith("Invited talk")
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert "Room 241" in str(event["location"])
    assert "Speakers: Yingyan (Celine) Lin (Georgia Tech)" in str(event["description"])
    missing = "00000000-0000-4000-8000-000000000000"
    assert (
        client.get(reverse("workshops:item-calendar", args=["mlsys-2023", missing])).status_code
        == 404
    )


def test_the_workshop_page_has_a_star_for_each_talk(client, keynote):
    html = client.get("/mlsys-2023/workshops/benchmarking-ml-workloads/").content.decode()
    assert f'data-star="item:{keynote.guid}"' in html
    lunch = AgendaItem.objects.get(workshop=keynote.workshop, title="Lunch")
    assert f'data-star="item:{lunch.guid}"' not in html
