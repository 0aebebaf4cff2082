"""Bad requests get a clear 4xx page or a form error, never a 500: hostile addresses and query
strings, unknown export names, files in the wrong encoding. (Unknown slugs, simple bad filters
and an oversized upload are tested beside their views.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import hostile
from tests.factories import RoomFactory, TimeSlotFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.usefixtures("chair_of_all")
HUGE = "x" * 20_000
CSV = (
    "Date,Start,End,Room,Workshop,Organizers\r\n"
    "2023-06-08,14:00,15:00,Hörsaal 1,Über models,Deniz Müller\r\n"
)


@pytest.fixture
def conference(conference):
    """The shared MLSys 2023, with one scheduled workshop in one room."""
    room = RoomFactory(conference=conference, slug="room-241", name="Room 241")
    TimeSlotFactory(workshop=WorkshopFactory(conference=conference, slug="pacmi"), room=room)
    return conference


@pytest.mark.parametrize(
    "path",
    [
        "/<script>alert(1)</script>/",
        "/mlsys-2023/workshops/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E/",
        "/mlsys-2023/rooms/%3Csvg%20onload=alert(1)%3E/",
        "/mlsys-2023/organizers/javascript:alert(1)/",
        "/mlsys-2023/rooms/room-241/calendar.ics%00",
        f"/mlsys-2023/workshops/{HUGE}/",
        "/mlsys-2023/export/schedule.xml%00.html",
        "/mlsys-2023/export/..%2F..%2Fsettings.py",
        "/mlsys-2023/export/<script>",
        f"/mlsys-2023/export/{HUGE}",
    ],
)
def test_hostile_addresses_are_an_escaped_404(client, conference, path):
    response = client.get(path)

    assert response.status_code == 404
    assert hostile.dom_problems(response.content.decode()) == []


@pytest.mark.parametrize("page", ["/mlsys-2023/", "/mlsys-2023/schedule/"])
@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            "day=notadate&room=<script>alert(1)</script>",
            [
                "There is no room “<script>alert(1)</script>”; showing all rooms.",
                "“notadate” is not a day of the program; showing all days.",
            ],
        ),
        ("room=nope&room=room-241&day=x&day=2023-06-08&q=a&q=", []),
        (f"q={HUGE}", ["The search text is too long (at most 200 characters)."]),
        (f"room={HUGE[:5000]}", [f"There is no room “{HUGE[:5000]}”; showing all rooms."]),
        (
            "q=%00&day=%00",
            [
                "Null characters are not allowed.",
                "“\x00” is not a day of the program; showing all days.",
            ],
        ),
    ],
)
def test_bad_filters_show_the_page_with_escaped_notes(client, conference, page, query, errors):
    response = client.get(f"{page}?{query}")

    html = response.content.decode()
    assert response.status_code == 200
    assert hostile.dom_problems(html) == []
    form = response.context["form"]
    assert [message for messages in form.errors.values() for message in messages] == errors


def test_repeated_filters_take_the_last_value(client, conference):
    response = client.get("/mlsys-2023/?room=nope&room=room-241&day=x&day=2023-06-08")

    assert response.context["filters"].room == "room-241"
    assert str(response.context["filters"].day) == "2023-06-08"


@pytest.mark.parametrize(
    "query",
    [f"bom={HUGE}", "bom=1&bom=<script>", "format=<script>&bom=%00", "s=%ff%fe"],
)
def test_exports_ignore_bad_options(client, conference, query):
    response = client.get(f"/mlsys-2023/export/program.csv?{query}")

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("Date,Start,End,Room,Workshop")


@pytest.mark.parametrize(
    "query", ["s=<script>", f"s={HUGE}", "s=%00", "s=a&s=b", "screen=<script>"]
)
def test_my_schedule_and_room_pages_ignore_a_bad_link(client, conference, query):
    for page in ["/mlsys-2023/my/", "/mlsys-2023/rooms/room-241/"]:
        response = client.get(f"{page}?{query}")

        assert response.status_code == 200
        assert hostile.dom_problems(response.content.decode()) == []


@pytest.mark.parametrize(
    ("query", "status"),
    [("data=<script>", 400), (f"data={HUGE}", 400), ("data=javascript:alert(1)", 400)],
)
def test_qr_code_of_a_hostile_address_is_400(client, conference, query, status):
    assert client.get(f"/mlsys-2023/qr.svg?{query}").status_code == status


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (CSV.encode("utf-16"), "line 1: the file is UTF-16 text, not UTF-8;"),
        (CSV.encode("utf-16-le"), "line 1: the file is UTF-16 text, not UTF-8;"),
        (CSV.encode("utf-16-be"), "line 1: the file is UTF-16 text, not UTF-8;"),
        (CSV.encode("latin-1"), "line 2: the file is not UTF-8 text (byte 0xf6);"),
        (CSV.encode() + b"\xc3\x28", "line 3: the file is not UTF-8 text (byte 0xc3);"),
    ],
)
def test_admin_upload_of_a_csv_in_the_wrong_encoding_is_a_clear_error(
    chair_client, conference, content, message
):
    url = reverse("admin:workshops_conference_import", args=[conference.pk])

    response = chair_client.post(url, {"file": SimpleUploadedFile("program.csv", content)})

    assert response.status_code == 200
    assert response.context["problem"].startswith(f"program.csv: {message} save it as “CSV UTF-8”")
    assert response.context["report"] is None
    assert list(Workshop.objects.values_list("slug", flat=True)) == ["pacmi"]
