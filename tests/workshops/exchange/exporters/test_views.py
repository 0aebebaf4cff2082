import json

import icalendar
import pytest
from django.urls import reverse

from tests.workshops.exchange.exporters.conftest import small_program
from workshops.exchange.exporters import EXPORTERS
from workshops.models import Conference, Room, TimeSlot, Workshop
from workshops.site import favourites

pytestmark = pytest.mark.django_db


def export_url(identifier: str, conference_slug: str = "mlsys-2023") -> str:
    return reverse(
        "workshops:export", kwargs={"conference_slug": conference_slug, "identifier": identifier}
    )


def test_export_urls_are_stable():
    assert export_url("schedule.xml") == "/mlsys-2023/export/schedule.xml"
    assert reverse("workshops:export-list", args=["mlsys-2023"]) == "/mlsys-2023/export/"
    assert (
        reverse("workshops:workshop-calendar", args=["mlsys-2023", "pacmi"])
        == "/mlsys-2023/workshops/pacmi/calendar.ics"
    )
    assert (
        reverse("workshops:room-calendar", args=["mlsys-2023", "room-241"])
        == "/mlsys-2023/rooms/room-241/calendar.ics"
    )


@pytest.mark.parametrize(
    ("identifier", "content_type"),
    [
        ("schedule.xml", "application/xml; charset=utf-8"),
        ("schedule.json", "application/json"),
        ("program.ics", "text/calendar; charset=utf-8"),
        ("program.csv", "text/csv; charset=utf-8"),
    ],
)
def test_export_downloads_each_format(client, demo, identifier, content_type):
    response = client.get(export_url(identifier))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="mlsys-2023-{identifier}"'
    assert "Deniz Altınbüken" in response.content.decode().replace("\r\n ", "")
    assert "http://testserver/mlsys-2023/workshops/pacmi/" in response.content.decode().replace(
        "\r\n ", ""
    )


def test_export_json_is_json(client, demo):
    doc = json.loads(client.get(export_url("schedule.json")).content)

    assert doc["schedule"]["conference"]["acronym"] == "mlsys_2023"


def test_export_csv_with_bom(client, demo):
    response = client.get(export_url("program.csv") + "?bom=1")

    assert response.content.startswith(b"\xef\xbb\xbfDate,Start,End,")


@pytest.mark.parametrize("identifier", ["schedule.pdf", "program", "SCHEDULE.XML", "x.ics"])
def test_export_unknown_format_is_404(client, demo, identifier):
    assert client.get(export_url(identifier)).status_code == 404


def test_export_non_public_format_is_404(client, demo, internal_exporter):
    assert client.get(export_url("internal.txt")).status_code == 404


def test_export_of_unpublished_or_unknown_conference_is_404(client, demo):
    demo.published = False
    demo.save()

    assert client.get(export_url("schedule.xml")).status_code == 404
    assert client.get(export_url("schedule.xml", "no-such-conference")).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_export_view_query_count(client, django_assert_num_queries, n):
    conference = small_program(n)

    # The cache's version, the conference with its release, then the program's four.
    with django_assert_num_queries(10):  # + topics, links, the agenda items' links, papers
        response = client.get(export_url("schedule.json", conference.slug))

    assert response.status_code == 200
    days = json.loads(response.content)["schedule"]["conference"]["days"]
    titles = {
        e["title"]
        for day in days
        for events in day["rooms"].values()
        for e in events
        if e["type"] != "agenda item"
    }
    assert len(titles - {"Lunch"}) == n


def test_export_page_lists_every_format_with_its_sentence_and_link(client, demo):
    response = client.get(reverse("workshops:export-list", args=["mlsys-2023"]))

    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == ["workshops/export_list.html", "base.html"]
    html = response.content.decode()
    for exporter in EXPORTERS.values():
        assert exporter.label in html
        assert exporter.description in html
        assert f'href="/mlsys-2023/export/{exporter.identifier}"' in html
    assert 'href="/mlsys-2023/export/program.csv?bom=1"' in html
    assert 'href="/mlsys-2023/rooms/room-241/calendar.ics"' in html


def test_export_page_of_unpublished_conference_is_404(client, demo):
    demo.published = False
    demo.save()

    assert client.get(reverse("workshops:export-list", args=["mlsys-2023"])).status_code == 404


def test_listing_page_links_to_the_export_page(client, demo):
    html = client.get("/mlsys-2023/").content.decode()

    assert 'href="/mlsys-2023/export/"' in html


def test_workshop_page_links_to_its_calendar(client, demo):
    html = client.get("/mlsys-2023/workshops/pacmi/").content.decode()

    assert 'href="/mlsys-2023/workshops/pacmi/calendar.ics"' in html


def test_workshop_calendar_downloads(client, demo):
    response = client.get("/mlsys-2023/workshops/pacmi/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mlsys-2023-pacmi.ics"'
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Practical Adoption Challenges of ML for Systems"
    ] * 2


def test_workshop_calendar_of_draft_or_unknown_workshop_is_404(client, demo):
    assert client.get("/mlsys-2023/workshops/secret/calendar.ics").status_code == 404
    assert client.get("/mlsys-2023/workshops/nothing/calendar.ics").status_code == 404


def test_room_calendar_downloads(client, demo):
    response = client.get("/mlsys-2023/rooms/room-241/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mlsys-2023-room-241.ics"'
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Benchmarking Machine Learning Workloads on Emerging Hardware",
        "Lunch",
    ]
    assert client.get("/mlsys-2023/rooms/no-such-room/calendar.ics").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_export_page_query_count(client, django_assert_num_queries, n):
    conference = small_program(n)

    # The conference, the editions, the rooms, the cache's version.
    with django_assert_num_queries(4):
        response = client.get(reverse("workshops:export-list", args=[conference.slug]))

    assert len(response.context["rooms"]) == n


BROKEN = "Line one\nline two\r\nthree\u2028four"  # written past the models' one-line rule
FOLDED = "Line one line two three four"


def calendar_urls(conference, room: Room) -> dict[str, str]:
    token = favourites.token_for(conference=conference, slugs=["pacmi"])
    return {
        "program": export_url("program.ics"),
        "workshop": reverse("workshops:workshop-calendar", args=[conference.slug, "pacmi"]),
        "room": reverse("workshops:room-calendar", args=[conference.slug, room.slug]),
        "favourites": f"/{conference.slug}/feed/{token}.ics",
    }


@pytest.mark.parametrize("feed", ["program", "workshop", "room", "favourites"])
@pytest.mark.parametrize("broken", ["workshop title", "room name", "conference name"])
def test_calendars_answer_for_names_with_line_breaks(client, demo, feed, broken):
    slot = TimeSlot.objects.filter(workshop__slug="pacmi").order_by("start").first()
    if broken == "workshop title":
        Workshop.objects.filter(slug="pacmi").update(title=BROKEN)
    elif broken == "room name":
        Room.objects.filter(pk=slot.room_id).update(name=BROKEN)
    else:
        Conference.objects.filter(pk=demo.pk).update(name=BROKEN)

    response = client.get(calendar_urls(demo, slot.room)[feed])

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == str(slot.guid)]
    shown = {
        "workshop title": str(event["SUMMARY"]),
        "room name": str(event["LOCATION"]).split(",")[0],
        "conference name": str(calendar["X-WR-CALNAME"]).split(" ·")[0].split(":")[0],
    }
    if (broken, feed) == ("conference name", "workshop"):  # named after the workshop
        assert shown[broken] == "Practical Adoption Challenges of ML for Systems"
    else:
        assert shown[broken].removesuffix(" workshops") == FOLDED
    assert b"\n" not in response.content.replace(b"\r\n", b"")
