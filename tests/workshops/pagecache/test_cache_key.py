"""What a cached page is keyed by: the canonical site, the path and the parameters the view
reads. Junk (other parameters, a made-up session cookie, another port) costs no rendering."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.test.signals import template_rendered

from tests.factories import chair_of

ROOMS = "/mlsys-2023/rooms/"
REQUESTS = 1000


@pytest.fixture
def renders():
    """The names of the templates rendered while the test runs (one per page rendered)."""
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


def junk_query(client, n):
    return client.get(ROOMS, {"utm_source": f"junk{n}", "page": n})


def fake_session(client, n):
    client.cookies["sessionid"] = f"{n:032x}"  # as long as a real session key
    return client.get(ROOMS)


def another_port(client, n):
    return client.get(ROOMS, headers={"host": f"localhost:{1000 + n}"})


@pytest.mark.parametrize("junk", [junk_query, fake_session, another_port])
def test_junk_requests_cost_no_rendering_after_the_first(client, demo, renders, junk):
    first = client.get(ROOMS)
    entries = len(caches["default"]._cache)
    renders.clear()

    responses = [junk(client, n) for n in range(REQUESTS)]

    assert renders.count("workshops/room_list.html") == 0
    assert {response.status_code for response in responses} == {200}
    assert {response.content for response in responses} == {first.content}
    assert {response["Cache-Control"] for response in responses} == {first["Cache-Control"]}
    assert "public" in first["Cache-Control"]
    assert len(caches["default"]._cache) == entries  # junk makes no entry of its own


def test_a_made_up_session_cookie_costs_one_session_lookup(client, demo, django_assert_num_queries):
    client.get(ROOMS)
    client.cookies["sessionid"] = "0" * 32

    with django_assert_num_queries(2):  # the program's revision, the session looked up
        response = client.get(ROOMS)

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_a_malformed_session_cookie_is_not_looked_up(client, demo, django_assert_num_queries):
    client.get(ROOMS)
    client.cookies["sessionid"] = "x"

    with django_assert_num_queries(1):
        response = client.get(ROOMS)

    assert response.status_code == 200


def test_a_signed_in_session_still_bypasses_the_cache_and_is_private(demo, renders):
    chair = Client()
    chair.force_login(chair_of(demo))

    responses = [chair.get(ROOMS) for _ in range(3)]

    assert renders.count("workshops/room_list.html") == 3
    assert {response["Cache-Control"] for response in responses} == {"private, no-cache"}
    assert all("ETag" not in response for response in responses)


def test_a_session_without_a_user_gets_the_cached_page(client, demo, renders):
    session = client.session  # a real session row, but nobody signed in
    session["seen"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    first = Client().get(ROOMS)
    renders.clear()

    response = client.get(ROOMS)

    assert renders == []
    assert response.content == first.content
    assert "public" in response["Cache-Control"]


def test_a_filter_still_gives_its_own_page(client, demo, renders):
    everything = client.get("/mlsys-2023/")
    one_room = client.get("/mlsys-2023/", {"room": "room-241"})
    again = client.get("/mlsys-2023/", {"room": "room-241", "junk": "1"})

    assert renders.count("workshops/workshop_list.html") == 2
    assert len(one_room.context["workshops"]) < len(everything.context["workshops"])
    assert one_room.content != everything.content
    assert again.content == one_room.content


def test_the_order_repeats_and_spaces_of_parameters_make_no_new_page(client, demo, renders):
    first = client.get("/mlsys-2023/?q=benchmark&day=2023-06-08")

    others = [
        client.get("/mlsys-2023/?day=2023-06-08&q=benchmark"),
        client.get("/mlsys-2023/?q=benchmark&day=2023-06-08&q=benchmark"),
        client.get("/mlsys-2023/?q=++benchmark+&day=2023-06-08&room="),
    ]

    assert renders.count("workshops/workshop_list.html") == 1
    assert {response.content for response in others} == {first.content}


def test_a_room_sign_for_screens_is_its_own_page(client, demo):
    page = client.get("/mlsys-2023/rooms/room-241/")
    screen = client.get("/mlsys-2023/rooms/room-241/", {"screen": "1"})
    not_a_screen = client.get("/mlsys-2023/rooms/room-241/", {"screen": "banana"})

    assert (page.context["screen"], screen.context["screen"]) == (False, True)
    assert screen.content != page.content
    assert not_a_screen.content == page.content


def test_an_exporters_own_option_gives_its_own_file_and_others_are_ignored(client, demo, renders):
    url = "/mlsys-2023/export/program.csv"
    plain = client.get(url)
    with_bom = client.get(url, {"bom": "1"})
    yes = client.get(url, {"bom": "yes"})
    junk = [client.get(url, {"bom": f"no{n}", "fmt": n}) for n in range(20)]

    assert with_bom.content.startswith(b"\xef\xbb\xbf")
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    assert yes.content == with_bom.content
    assert {response.content for response in junk} == {plain.content}


def test_an_option_of_another_format_is_ignored(client, demo):
    plain = client.get("/mlsys-2023/export/schedule.xml")
    etag = plain["ETag"]

    response = client.get("/mlsys-2023/export/schedule.xml", {"bom": "1"})

    assert response["ETag"] == etag
    assert response.content == plain.content


def test_the_view_sees_only_the_parameters_it_reads(client, demo):
    response = client.get("/mlsys-2023/schedule/2023-06-08/", {"q": "ml", "utm_source": "x"})

    assert dict(response.wsgi_request.GET) == {"q": ["ml"]}
    assert "utm_source" not in response.text
    assert all("q=ml" in link.url for link in response.context["page"].links)


def test_every_host_gets_the_canonical_sites_links(demo, settings):
    """Exports hold absolute links: they start with SITE_URL, whatever Host asked."""
    settings.SITE_URL = "https://program.example.org"
    one = Client(HTTP_HOST="localhost").get("/mlsys-2023/export/schedule.json")
    other = Client(HTTP_HOST="127.0.0.1:8123").get("/mlsys-2023/export/schedule.json")

    assert "https://program.example.org/mlsys-2023/" in one.text
    assert "localhost" not in one.text
    assert other.content == one.content
    assert other["ETag"] == one["ETag"]


def test_a_host_that_is_not_allowed_is_refused_even_when_the_page_is_cached(client, demo):
    client.get(ROOMS)

    response = client.get(ROOMS, headers={"host": "evil.example"})

    assert response.status_code == 400
    assert b"Rooms" not in response.content


def test_the_shared_cache_in_local_memory_holds_more_than_djangos_300_entries():
    assert caches["default"]._max_entries == 1000
