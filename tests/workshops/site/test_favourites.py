"""Favourites without an account: the signed token, the calendar feed of the starred set, the
link that carries stars to another device, the program data of "My schedule", QR codes, the
service worker and the program's version."""

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import signing

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
    organizer_of,
)
from workshops.demo.loader import demo_load
from workshops.models import TimeSlot, Workshop
from workshops.program import selectors
from workshops.site import favourites

THURSDAY = dt.date(2023, 6, 8)


def workshop(conference, slug, hour=8, room=None, **fields):
    """A public workshop with one slot on Thursday from `hour` for two hours."""
    made = WorkshopFactory(conference=conference, slug=slug, title=slug.title(), **fields)
    TimeSlotFactory(
        workshop=made,
        room=room or RoomFactory(conference=conference),
        start=local(THURSDAY, hour),
        end=local(THURSDAY, hour + 2),
    )
    return made


def feed_url(conference, slugs):
    token = favourites.token_for(conference=conference, slugs=slugs)
    return f"/{conference.slug}/feed/{token}.ics"


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return [
        (str(event["summary"]), event["dtstart"].dt, str(event["status"]))
        for event in calendar.walk("VEVENT")
    ]


# The token


def test_token_round_trips_a_sorted_set_of_slugs(conference):
    token = favourites.token_for(conference=conference, slugs=["b", "a", "b"])

    assert favourites.slugs_from_token(conference=conference, token=token) == ["a", "b"]
    assert token == favourites.token_for(conference=conference, slugs=["a", "b"])


def test_token_drops_malformed_slugs(conference):
    token = favourites.token_for(conference=conference, slugs=["ok-1", "../x", "", "a b"])

    assert favourites.slugs_from_token(conference=conference, token=token) == ["ok-1"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # the signature
        lambda token: "W10" + token[3:],  # the payload
        lambda token: token.split(":")[0],  # no signature
        lambda token: "",
        lambda token: "not-a-token:at-all",
    ],
)
def test_token_tampered_with_is_refused(conference, tamper):
    token = favourites.token_for(conference=conference, slugs=["a", "b"])

    with pytest.raises(favourites.BadToken):
        favourites.slugs_from_token(conference=conference, token=tamper(token))


def test_token_of_another_edition_is_refused(conference):
    other = ConferenceFactory(slug="mlsys-2022", year=2022)
    token = favourites.token_for(conference=other, slugs=["a"])

    with pytest.raises(favourites.BadToken):
        favourites.slugs_from_token(conference=conference, token=token)


def test_token_signed_with_another_key_is_refused(conference, settings):
    token = favourites.token_for(conference=conference, slugs=["a"])
    settings.SECRET_KEY = "another-secret-key-of-sufficient-length-0123456789"

    with pytest.raises(favourites.BadToken):
        favourites.slugs_from_token(conference=conference, token=token)


def test_token_that_is_not_a_list_of_slugs_is_refused(conference):
    signer = signing.Signer(salt=f"workshops.favourites:{conference.slug}")
    token = signer.sign_object({"a": 1})

    with pytest.raises(favourites.BadToken):
        favourites.slugs_from_token(conference=conference, token=token)


# The calendar feed


def test_feed_is_the_calendar_of_the_starred_workshops(client, conference):
    workshop(conference, "alpha", hour=8)
    workshop(conference, "beta", hour=13)
    workshop(conference, "gamma", hour=10)

    response = client.get(feed_url(conference, ["alpha", "beta"]))

    assert events(response) == [
        ("Alpha", local(THURSDAY, 8), "CONFIRMED"),
        ("Beta", local(THURSDAY, 13), "CONFIRMED"),
    ]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "MLSys 2023: my workshops"
    assert response["Content-Disposition"] == 'attachment; filename="mlsys-2023-my-workshops.ics"'


def test_feed_follows_the_program_as_it_changes(client, conference):
    alpha = workshop(conference, "alpha", hour=8)
    beta = workshop(conference, "beta", hour=13)
    gamma = workshop(conference, "gamma", hour=15)
    url = feed_url(conference, ["alpha", "beta", "gamma"])

    TimeSlot.objects.filter(workshop=alpha).update(
        start=local(THURSDAY, 9), end=local(THURSDAY, 11)
    )
    Workshop.objects.filter(pk=beta.pk).update(status=Workshop.Status.CANCELLED)
    Workshop.objects.filter(pk=gamma.pk).update(status=Workshop.Status.DRAFT)

    assert events(client.get(url)) == [
        ("Alpha", local(THURSDAY, 9), "CONFIRMED"),
        ("Cancelled: Beta", local(THURSDAY, 13), "CANCELLED"),
    ]


def test_feed_of_workshops_no_longer_in_the_program_is_an_empty_calendar(client, conference):
    response = client.get(feed_url(conference, ["gone"]))

    assert events(response) == []


@pytest.mark.parametrize(
    "token",
    ["WyJhbHBoYSJd:forged", "WyJhbHBoYSJd", "x", "..:..", "%2E%2E"],
)
def test_feed_with_a_bad_token_is_404(client, conference, token):
    workshop(conference, "alpha")

    assert client.get(f"/mlsys-2023/feed/{token}.ics").status_code == 404


def test_feed_with_a_tampered_token_is_404(client, conference):
    workshop(conference, "alpha")
    workshop(conference, "beta")
    token = favourites.token_for(conference=conference, slugs=["alpha"])
    forged_payload = signing.b64_encode(json.dumps(["alpha", "beta"]).encode()).decode()
    tampered = f"{forged_payload}:{token.rsplit(':', 1)[1]}"

    assert client.get(f"/mlsys-2023/feed/{tampered}.ics").status_code == 404
    assert client.get(f"/mlsys-2023/feed/{token}.ics").status_code == 200


def test_feed_of_another_edition_or_an_unpublished_one_is_404(client, conference):
    other = ConferenceFactory(slug="mlsys-2022", year=2022)
    hidden = ConferenceFactory(slug="hidden", published=False)
    token = favourites.token_for(conference=other, slugs=["alpha"])
    hidden_token = favourites.token_for(conference=hidden, slugs=["alpha"])

    assert client.get(f"/mlsys-2023/feed/{token}.ics").status_code == 404
    assert client.get(f"/mlsys-2022/feed/{token}.ics").status_code == 200
    assert client.get(f"/hidden/feed/{hidden_token}.ics").status_code == 404


def test_feed_of_a_token_signed_before_a_key_rotation_works_while_that_key_is_a_fallback(
    client, conference, settings
):
    settings.PROGRAM_CACHE_ENABLED = False  # each request checks the token afresh
    workshop(conference, "alpha")
    settings.SECRET_KEY = "the-key-the-feed-was-subscribed-with"
    url = feed_url(conference, ["alpha"])

    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-key-of-the-new-year"
    after_rotation = client.get(url)
    settings.SECRET_KEY_FALLBACKS = []
    after_retirement = client.get(url)

    assert [title for title, _, _ in events(after_rotation)] == ["Alpha"]
    assert after_retirement.status_code == 404
    assert feed_url(conference, ["alpha"]) != url  # new tokens use the new key


@pytest.mark.parametrize("n", [1, 3])
def test_feed_query_count(client, django_assert_num_queries, conference, n):
    slugs = [f"w{i}" for i in range(n)]
    for i, slug in enumerate(slugs):
        made = workshop(conference, slug, hour=8 + i)
        WorkshopOrganizerFactory(workshop=made, organizer=OrganizerFactory())
    url = feed_url(conference, slugs)

    # the conference with its release, then the program: rooms, slots, organizers, agenda items
    with django_assert_num_queries(9):  # + topics, links, papers; with the cache's version
        response = client.get(url)

    assert len(events(response)) == n


# The link of a starred set


def test_link_signs_the_public_workshops_among_the_stars(client, conference):
    workshop(conference, "alpha")
    workshop(conference, "beta", status=Workshop.Status.CANCELLED)
    workshop(conference, "draft", status=Workshop.Status.DRAFT)
    workshop(ConferenceFactory(slug="other"), "elsewhere")

    response = client.get("/mlsys-2023/my/link.json?w=beta&w=alpha&w=draft&w=elsewhere&w=nope")

    data = response.json()
    assert data["workshops"] == ["alpha", "beta"]
    token = data["token"]
    assert favourites.slugs_from_token(conference=conference, token=token) == ["alpha", "beta"]
    assert data["feed"] == f"http://testserver/mlsys-2023/feed/{token}.ics"
    assert data["webcal"] == f"webcal://testserver/mlsys-2023/feed/{token}.ics"
    assert data["my"] == f"http://testserver/mlsys-2023/my/?s={token}"
    assert data["qr"].startswith(
        "/mlsys-2023/qr.svg?data=http%3A%2F%2Ftestserver%2Fmlsys-2023%2Fmy"
    )
    assert client.get(data["qr"]).status_code == 200
    assert client.get(data["feed"].removeprefix("http://testserver")).status_code == 200


def test_link_of_no_stars_is_a_token_of_none(client, conference):
    data = client.get("/mlsys-2023/my/link.json").json()

    assert data["workshops"] == []
    assert favourites.slugs_from_token(conference=conference, token=data["token"]) == []


@pytest.mark.parametrize("n", [1, 3])
def test_link_query_count(client, django_assert_num_queries, conference, n):
    for i in range(n):
        workshop(conference, f"w{i}")
    query = "&".join(f"w=w{i}" for i in range(n))

    with django_assert_num_queries(2):  # the conference, the workshops' slugs
        response = client.get(f"/mlsys-2023/my/link.json?{query}")

    assert len(response.json()["workshops"]) == n


# The program's data for "My schedule" and the change banner


def test_program_data_has_every_public_workshop_in_utc(client, conference):
    room = RoomFactory(conference=conference, name="Room 241", slug="room-241")
    alpha = workshop(conference, "alpha", hour=8, room=room)
    WorkshopOrganizerFactory(workshop=alpha, organizer=OrganizerFactory(name="Ada"), position=0)
    workshop(conference, "beta", hour=13, room=room, status=Workshop.Status.CANCELLED)
    workshop(conference, "draft", status=Workshop.Status.DRAFT)

    data = client.get("/mlsys-2023/my/program.json").json()

    assert data["conference"] == "mlsys-2023"
    assert data["timezone"] == "America/New_York"
    assert data["version"] == selectors.program_version_for(conference=conference)
    assert list(data["workshops"]) == ["alpha", "beta"]
    assert data["workshops"]["alpha"] == {
        "title": "Alpha",
        "url": "/mlsys-2023/workshops/alpha/",
        "calendar": "/mlsys-2023/workshops/alpha/calendar.ics",
        "cancelled": False,
        "organizers": ["Ada"],
        "slots": [
            {
                "start": "2023-06-08T12:00:00Z",
                "end": "2023-06-08T14:00:00Z",
                "room": "Room 241",
                "roomUrl": "/mlsys-2023/rooms/room-241/",
            }
        ],
    }
    assert data["workshops"]["beta"]["cancelled"] is True


@pytest.mark.parametrize("n", [1, 3])
def test_program_data_query_count(client, django_assert_num_queries, conference, n):
    for i in range(n):
        made = workshop(conference, f"w{i}", hour=8 + i)
        WorkshopOrganizerFactory(workshop=made, organizer=OrganizerFactory())

    # the conference, the version, the workshops, their organizers, their slots
    with django_assert_num_queries(7):  # + the talks one may star; with the cache's version
        response = client.get("/mlsys-2023/my/program.json")

    assert len(response.json()["workshops"]) == n


def test_my_schedule_embeds_the_program_for_the_browser(client, conference):
    workshop(conference, "alpha")

    response = client.get("/mlsys-2023/my/")

    html = response.content.decode()
    [block] = re.findall(r'<script id="program-data" type="application/json">(.*?)</script>', html)
    assert list(json.loads(block)["workshops"]) == ["alpha"]
    assert "<h1>My schedule</h1>" in html
    assert "data-my-shared" not in html
    assert re.search(r'<script src="/static/js/my-schedule[.\w]*\.js" defer></script>', html)


def test_my_schedule_with_a_link_lists_its_workshops_without_javascript(client, conference):
    workshop(conference, "alpha")
    workshop(conference, "beta")
    workshop(conference, "gamma")
    token = favourites.token_for(conference=conference, slugs=["gamma", "alpha", "gone"])

    html = client.get(f"/mlsys-2023/my/?s={token}").content.decode()

    assert 'data-import="alpha gamma"' in html
    shared = html.split("data-my-shared>")[1].split("</section>")[0]
    assert re.findall(r'<p class="my-item__title"><a href="([^"]+)">', shared) == [
        "/mlsys-2023/workshops/alpha/",
        "/mlsys-2023/workshops/gamma/",
    ]


def test_my_schedule_with_a_bad_link_shows_the_browsers_stars(client, conference):
    response = client.get("/mlsys-2023/my/?s=forged:token")

    assert response.status_code == 200
    assert "data-import" not in response.content.decode()


def test_my_schedule_of_an_unpublished_conference_is_404(client, db):
    ConferenceFactory(slug="hidden", published=False)

    assert client.get("/hidden/my/").status_code == 404
    assert client.get("/hidden/my/program.json").status_code == 404
    assert client.get("/hidden/my/link.json").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_my_schedule_query_count(client, django_assert_num_queries, conference, n):
    for i in range(n):
        workshop(conference, f"w{i}", hour=8 + i)
    token = favourites.token_for(conference=conference, slugs=[f"w{i}" for i in range(n)])

    # conference, editions, workshops, organizers, slots, version
    with django_assert_num_queries(8):  # + the talks one may star; with the cache's version
        response = client.get(f"/mlsys-2023/my/?s={token}")

    assert len(response.context["shared"]) == n


# QR codes


@pytest.mark.parametrize(
    ("data", "encoded"),
    [
        ("/mlsys-2023/rooms/room-241/", "http://testserver/mlsys-2023/rooms/room-241/"),
        ("http://testserver/mlsys-2023/my/?s=abc", "http://testserver/mlsys-2023/my/?s=abc"),
    ],
)
def test_qr_code_of_a_page_of_this_program_is_an_svg(client, conference, data, encoded):
    response = client.get("/mlsys-2023/qr.svg", {"data": data})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    svg = response.content.decode()
    assert svg.startswith("<?xml") or svg.startswith("<svg")
    assert '<rect fill="white"' in svg
    assert re.search(r'<path d="M\d', svg)
    assert "<script" not in svg
    assert encoded not in svg  # drawn, not written


def test_qr_code_draws_the_address_it_was_given():
    from workshops.site import qr

    assert qr.qr_svg("http://a.example/x/") != qr.qr_svg("http://a.example/y/")
    assert qr.qr_svg("http://a.example/x/") == qr.qr_svg("http://a.example/x/")


@pytest.mark.parametrize(
    "data",
    [
        "",
        "https://evil.example/mlsys-2023/",
        "//evil.example/mlsys-2023/",
        "javascript:alert(1)",
        "/mlsys-2022/",
        "/admin/",
        "mlsys-2023/rooms/",
        "/mlsys-2023/" + "x" * 1000,
    ],
)
def test_qr_code_of_anything_else_is_refused(client, conference, data):
    response = client.get("/mlsys-2023/qr.svg", {"data": data})

    assert response.status_code == 400


def test_qr_code_target_is_absolute_on_this_host():
    from workshops.site import qr

    conference = ConferenceFactory.build(slug="c")
    assert (
        qr.qr_target(data="/c/x/?a=1", conference=conference, host="h.org", secure=True)
        == "https://h.org/c/x/?a=1"
    )
    with pytest.raises(qr.NotDrawn, match="only for a page of this program"):
        qr.qr_target(data="http://h.org/c/", conference=conference, host="h.org", secure=True)


@pytest.mark.parametrize(
    ("data", "target"),
    [
        ("/c/./x//y/", "https://h.org/c/x/y/"),
        ("/c/x/.", "https://h.org/c/x"),
        ("/c/%7Eada/", "https://h.org/c/~ada/"),
        ("/c/caf%C3%A9/", "https://h.org/c/caf%C3%A9/"),
        ("/c/%252e%252e/x/", "https://h.org/c/%252e%252e/x/"),  # a literal "%2e%2e" stays one
    ],
)
def test_qr_code_target_path_is_decoded_normalised_and_escaped_again(data, target):
    from workshops.site import qr

    conference = ConferenceFactory.build(slug="c")

    assert qr.qr_target(data=data, conference=conference, host="h.org", secure=True) == target


@pytest.mark.parametrize(
    "data",
    [
        "/mlsys-2023/../admin/",
        "/mlsys-2023/rooms/../../admin/",
        "/mlsys-2023/%2e%2e/admin/",
        "/mlsys-2023/%2E%2E%2Fadmin/",
        "/mlsys-2023/..%2Fadmin/",
        "/mlsys-2023/..\\admin/",
        "/mlsys-2023/%5C..%5Cadmin/",
        "http://testserver/mlsys-2023/../admin/",
        "/mlsys-2023/../mlsys-2023/",
    ],
)
def test_qr_code_of_a_path_that_goes_up_a_folder_is_refused(client, conference, data):
    response = client.get("/mlsys-2023/qr.svg", {"data": data})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "The address's path may not go up a folder ('..')."


def test_qr_code_of_an_over_long_path_is_refused(client, conference):
    longest = "/mlsys-2023/" + "x" * (300 - len("/mlsys-2023/"))

    drawn = client.get("/mlsys-2023/qr.svg", {"data": longest})
    refused = client.get("/mlsys-2023/qr.svg", {"data": longest + "x"})

    assert drawn.status_code == 200
    assert drawn["Content-Type"] == "image/svg+xml"
    assert refused.status_code == 400
    assert refused.content.decode() == "The address's path is longer than 300 characters."


def test_qr_code_is_kept_by_caches_and_revalidated_by_its_etag(client, conference):
    first = client.get("/mlsys-2023/qr.svg", {"data": "/mlsys-2023/rooms/room-241/"})
    again = client.get(
        "/mlsys-2023/qr.svg",
        {"data": "/mlsys-2023/rooms/room-241/"},
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    other = client.get("/mlsys-2023/qr.svg", {"data": "/mlsys-2023/rooms/room-242/"})

    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=2592000"
    assert re.fullmatch(r'"qr-[0-9a-f]{24}"', first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=2592000"
    assert other.status_code == 200
    assert other["ETag"] != first["ETag"]


@pytest.mark.parametrize("n", [1, 3])
def test_qr_code_query_count(client, django_assert_num_queries, conference, n):
    for i in range(n):
        workshop(conference, f"w{i}")

    with django_assert_num_queries(1):  # the conference
        response = client.get("/mlsys-2023/qr.svg", {"data": "/mlsys-2023/"})

    assert response.status_code == 200


# The service worker


def test_service_worker_is_served_for_the_conference_scope(client, conference):
    response = client.get("/mlsys-2023/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert response["Service-Worker-Allowed"] == "/mlsys-2023/"
    assert response["Cache-Control"] == "no-cache"
    source = Path(settings.BASE_DIR, "static", "js", "sw.js").read_bytes()
    assert response.content == source


def test_service_worker_of_an_unknown_conference_is_404(client, db):
    assert client.get("/nope/sw.js").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_service_worker_query_count(client, django_assert_num_queries, conference, n):
    for i in range(n):
        workshop(conference, f"w{i}")

    with django_assert_num_queries(1):
        assert client.get("/mlsys-2023/sw.js").status_code == 200


# The program's version


def test_program_version_changes_when_a_slot_moves_or_a_workshop_is_cancelled(conference):
    alpha = workshop(conference, "alpha")
    first = selectors.program_version_for(conference=conference)

    Workshop.objects.filter(pk=alpha.pk).update(abstract="Another abstract.")
    unchanged = selectors.program_version_for(conference=conference)
    TimeSlot.objects.filter(workshop=alpha).update(start=local(THURSDAY, 7))
    moved = selectors.program_version_for(conference=conference)
    Workshop.objects.filter(pk=alpha.pk).update(status=Workshop.Status.CANCELLED)
    cancelled = selectors.program_version_for(conference=conference)
    Workshop.objects.filter(pk=alpha.pk).update(status=Workshop.Status.DRAFT)
    withdrawn = selectors.program_version_for(conference=conference)

    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert unchanged == first
    assert len({first, moved, cancelled, withdrawn}) == 4


def test_the_schedule_works_out_the_same_version_from_the_rows_it_shows(db):
    demo_load()
    conference = selectors.conference_for_public(slug="mlsys-2023")

    def versions() -> set[str]:
        return {
            selectors.program_version_for(conference=conference),
            selectors.schedule_for_program(conference=conference).version,
        }

    before = versions()
    TimeSlot.objects.filter(workshop__isnull=True).update(title="Long lunch")
    renamed = versions()
    Workshop.objects.filter(conference=conference).update(status=Workshop.Status.CANCELLED)
    cancelled = versions()

    assert len(before) == len(renamed) == len(cancelled) == 1
    assert len(before | renamed | cancelled) == 3


def test_program_version_is_one_query(conference, django_assert_num_queries):
    workshop(conference, "alpha")

    with django_assert_num_queries(1):
        selectors.program_version_for(conference=conference)


def test_pages_carry_the_version_and_the_room_sign_prints_it(client, conference):
    room = RoomFactory(conference=conference, slug="room-241")
    workshop(conference, "alpha", room=room)
    version = selectors.program_version_for(conference=conference)

    for url in ["/mlsys-2023/", "/mlsys-2023/schedule/", "/mlsys-2023/workshops/alpha/"]:
        assert f'data-version="{version}"' in client.get(url).content.decode()
    sign = client.get("/mlsys-2023/rooms/room-241/").content.decode()
    assert f'Program version <span class="room-sign__stamp">{version}</span>' in sign
    assert (
        '<img src="/mlsys-2023/qr.svg?data=%2Fmlsys-2023%2Frooms%2Froom-241%2F" width="128" '
        'height="128"' in sign
    )
    assert "room-sign--screen" not in sign
    assert '<a href="?screen=1">Screen mode</a>' in sign


def test_room_sign_screen_mode_refreshes_itself(client, conference):
    room = RoomFactory(conference=conference, slug="room-241")
    workshop(conference, "alpha", room=room)

    sign = client.get("/mlsys-2023/rooms/room-241/?screen=1").content.decode()

    assert '<article class="room-sign room-sign--screen" data-screen data-refresh="300">' in sign
    assert re.search(r'<script src="/static/js/room[.\w]*\.js" defer></script>', sign)
    assert '<meta http-equiv="refresh"' not in sign


def cache_directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}


def test_offline_worker_keeps_only_what_the_server_marks_public(client, conference):
    # sw.js keeps a response only when its Cache-Control says public (and not private or
    # no-store): these are the marks it reads.
    workshop(conference, "alpha")
    draft = workshop(conference, "secret", hour=12, status=Workshop.Status.DRAFT)
    style = client.get(staticfiles_storage.url("css/site.css"))
    anonymous = [
        client.get("/mlsys-2023/"),
        client.get("/mlsys-2023/workshops/alpha/"),
        client.get("/mlsys-2023/my/program.json"),
        client.get("/mlsys-2023/my/link.json?w=alpha"),
    ]
    client.force_login(organizer_of(draft))
    signed_in = [
        client.get("/mlsys-2023/"),
        client.get("/mlsys-2023/workshops/secret/"),  # the draft's preview
        client.get("/mlsys-2023/my/program.json"),
    ]

    assert [r.status_code for r in [style, *anonymous, *signed_in]] == [200] * 8
    assert "public" in cache_directives(style)
    for response in anonymous:
        assert "public" in cache_directives(response)
        assert not {"private", "no-store"} & cache_directives(response)
    for response in signed_in:
        assert "private" in cache_directives(response)
        assert "public" not in cache_directives(response)
