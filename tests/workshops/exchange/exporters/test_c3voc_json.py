import copy
import datetime as dt
import json

import pytest

from tests.workshops.exchange.exporters.conftest import BASE_URL, DEMO_NAMES, render
from workshops.models import Room, TimeSlot, Workshop
from workshops.program import services

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def formats_in(node) -> set[str]:
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "format" and isinstance(value, str):
                found.add(value)
            else:
                found |= formats_in(value)
    elif isinstance(node, list):
        for value in node:
            found |= formats_in(value)
    return found


def document(conference) -> dict:
    return json.loads(render("schedule.json", conference))


def events(doc: dict) -> list[dict]:
    return [
        event
        for day in doc["schedule"]["conference"]["days"]
        for room_events in day["rooms"].values()
        for event in room_events
    ]


def event_of(doc: dict, title: str) -> dict:
    return next(event for event in events(doc) if event["title"] == title)


def test_c3voc_json_is_valid_against_the_schema(demo, json_validator):
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in json_validator.iter_errors(document(demo))
    ]

    assert errors == []


def test_c3voc_json_checker_checks_every_format_the_schema_uses(json_schema, json_validator):
    assert formats_in(json_schema) == {"uri", "date", "date-time", "uuid", "color"}
    assert formats_in(json_schema) <= set(json_validator.format_checker.checkers)


@pytest.mark.parametrize(
    ("path", "bad_value"),
    [
        (["guid"], "d2b50d6d-2dff-49ce-9c96-72689c60ac3"),  # one digit short
        (["date"], "2023-06-08T08:00:00"),  # no offset
        (["end"], "2023-06-08 16:40"),
        (["url"], "not a uri"),
        (["persons", 0, "guid"], "organizer-1"),
        (["unknown_key"], "the schema allows no other keys"),
    ],
)
def test_c3voc_json_schema_check_rejects_a_bad_value(demo, json_validator, path, bad_value):
    doc = copy.deepcopy(document(demo))
    target = event_of(doc, "Benchmarking Machine Learning Workloads on Emerging Hardware")
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad_value

    assert not json_validator.is_valid(doc)


def test_c3voc_json_schema_check_rejects_a_bad_day_date(demo, json_validator):
    doc = document(demo)
    doc["schedule"]["conference"]["days"][0]["date"] = "2023-06-31"

    assert not json_validator.is_valid(doc)


def test_c3voc_json_conference_and_rooms(demo):
    doc = document(demo)

    schedule = doc["schedule"]
    conference = schedule["conference"]
    assert doc["$schema"] == "https://c3voc.de/schedule/schema.json"
    assert schedule["url"] == f"{BASE_URL}/mlsys-2023/export/schedule.json"
    assert schedule["base_url"] == f"{BASE_URL}/mlsys-2023/"
    assert (conference["title"], conference["acronym"]) == ("MLSys 2023", "mlsys_2023")
    assert (conference["start"], conference["end"], conference["daysCount"]) == (
        "2023-06-04",
        "2023-06-08",
        5,
    )
    assert conference["time_zone_name"] == "America/New_York"
    rooms = {room["name"]: room["guid"] for room in conference["rooms"]}
    assert rooms["Room 241"] == str(Room.objects.get(conference=demo, slug="room-241").guid)
    assert list(rooms)[:3] == ["All rooms", "Room 241", "Room 238"]
    assert [day["date"] for day in conference["days"]] == [
        "2023-06-04",
        "2023-06-05",
        "2023-06-06",
        "2023-06-07",
        "2023-06-08",
    ]


def test_c3voc_json_event_carries_what_apps_read(demo):
    event = event_of(document(demo), "Practical Adoption Challenges of ML for Systems")

    slot = TimeSlot.objects.filter(workshop__slug="pacmi").order_by("start").first()
    assert event["guid"] == str(slot.guid)
    assert event["id"] == slot.pk
    assert event["slug"] == f"mlsys_2023-{slot.pk}-pacmi"
    assert event["url"] == f"{BASE_URL}/mlsys-2023/workshops/pacmi/"
    assert event["subtitle"] == "PACMI"
    assert event["language"] is None
    assert event["links"] == []
    assert event["room"] == "Room 238"
    # The track is the workshop's first topic.
    assert (event["type"], event["track"]) == ("workshop", "Systems and hardware")
    assert [person["name"] for person in event["persons"]] == [
        "Deniz Altınbüken",
        "Lyric Doshi",
        "Milad Hashemi",
        "Martin Maas",
    ]


def test_c3voc_json_times_are_in_venue_time(demo):
    event = event_of(document(demo), "Benchmarking Machine Learning Workloads on Emerging Hardware")

    assert (event["date"], event["start"], event["end"], event["duration"]) == (
        "2023-06-08T08:00:00-04:00",
        "08:00",
        "2023-06-08T16:40:00-04:00",
        "08:40",
    )
    assert dt.datetime.fromisoformat(event["date"]).astimezone(UTC) == dt.datetime(
        2023, 6, 8, 12, tzinfo=UTC
    )


def test_c3voc_json_keeps_the_demo_names(demo):
    names = {person["name"] for event in events(document(demo)) for person in event["persons"]}

    assert set(DEMO_NAMES) <= names


def test_c3voc_json_guids_and_version_match_the_xml(demo):
    import xml.etree.ElementTree as ET

    xml = ET.fromstring(render("schedule.xml", demo))
    doc = document(demo)

    assert doc["schedule"]["version"] == xml.findtext("version")
    assert sorted(event["guid"] for event in events(doc)) == sorted(
        e.get("guid") for e in xml.iter("event")
    )


def test_c3voc_json_guids_stay_and_version_moves_with_a_slot(demo):
    before = document(demo)
    slot = TimeSlot.objects.get(workshop__slug="algorithmic-efficiency")
    slot.start += dt.timedelta(minutes=30)
    services.slot_save(slot=slot)

    after = document(demo)

    assert after["schedule"]["version"] != before["schedule"]["version"]
    assert sorted(e["guid"] for e in events(after)) == sorted(e["guid"] for e in events(before))


def test_c3voc_json_links_the_workshop_website(demo, json_validator):
    Workshop.objects.filter(slug="pacmi").update(website="https://pacmi.example.org/")

    doc = document(demo)

    event = event_of(doc, "Practical Adoption Challenges of ML for Systems")
    assert event["links"] == [
        {"url": "https://pacmi.example.org/", "title": "Workshop website", "type": "web"}
    ]
    assert json_validator.is_valid(doc)


def test_c3voc_json_leaves_out_time_zones_the_schema_refuses(demo, json_validator):
    demo.timezone = "Etc/GMT+5"
    demo.save()

    doc = document(demo)

    assert "time_zone_name" not in doc["schedule"]["conference"]
    assert json_validator.is_valid(doc)
