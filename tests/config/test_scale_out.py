"""Two application servers, one PostgreSQL, one Redis: a change made through one server is
read through the other on the very next request (the version lives in the database)."""

import http.cookiejar
import os
import urllib.parse
import urllib.request

import pytest
import redis
from django.db import connection
from lxml import html

from tests.factories import chair_of
from tests.faults.web import AppServer
from workshops.demo.loader import demo_load
from workshops.models import Conference, Workshop

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_URL = "redis://127.0.0.1:6379/7"
PASSWORD = "a-long-test-password"
PAGE = "/mlsys-2023/workshops/pacmi/"


@pytest.fixture
def shared_redis():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The machine's Redis does not answer on {REDIS_URL}: {error}")
        pytest.skip(f"needs Redis on {REDIS_URL}: {error}")
    return REDIS_URL


@pytest.fixture
def two_servers(tmp_path, shared_redis):
    """Two gunicorns on the test database (committed: transaction=True) and one Redis."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CACHE_URL": shared_redis,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    servers = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        server = AppServer(folder, env)
        server.start()
        servers.append(server)
    yield servers
    for server in servers:
        server.stop()


class Browser:
    """Cookies and forms, as a browser submits them, over plain HTTP."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        return self.opener.open(request, timeout=30)

    def form(self, path: str, form_id: str | None = None) -> dict[str, list[str]]:
        """The values a browser would send for the page's form (the first, or by id)."""
        response = self.open(path)
        document = html.fromstring(response.read())
        form = document.get_element_by_id(form_id, None) if form_id else document.forms[0]
        assert form is not None, f"no form {form_id} at {response.geturl()}"
        values: dict[str, list[str]] = {}
        for name, value in form.form_values():
            values.setdefault(name, []).append(value)
        return values

    def submit(self, path: str, changes: dict[str, str], form_id: str | None = None):
        values = self.form(path, form_id)
        values.update({name: [value] for name, value in changes.items()})
        return self.open(path, values)


def test_a_change_through_one_server_shows_through_the_other_at_once(two_servers, settings):
    one, two = two_servers
    demo_load()
    conference = Conference.objects.get(slug="mlsys-2023")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # the servers'
    chair = chair_of(conference)
    chair.set_password(PASSWORD)
    chair.save()
    workshop = Workshop.objects.get(conference=conference, slug="pacmi")
    old_title = workshop.title

    # Both servers have the page cached (the second request is the cached one).
    for server in (one, two):
        for _ in range(2):
            reply = server.get(PAGE)
            assert reply.status == 200
            assert old_title in reply.body
    etag = two.get(PAGE).headers["ETag"]

    browser = Browser(one.url(""))
    browser.submit("/admin/login/?next=/admin/", {"username": chair.username, "password": PASSWORD})
    change_page = f"/admin/workshops/workshop/{workshop.pk}/change/"
    saved = browser.submit(change_page, {"title": "Renamed through server one"}, "workshop_form")
    assert saved.geturl().endswith("/admin/workshops/workshop/"), saved.read().decode()[:2000]

    reply = two.get(PAGE)
    assert reply.status == 200
    assert "Renamed through server one" in reply.body
    assert old_title not in reply.body
    assert reply.headers["ETag"] != etag
    assert "Renamed through server one" in two.get("/mlsys-2023/export/schedule.json").body
    assert "Renamed through server one" in one.get(PAGE).body


def test_static_files_are_served_hashed_and_immutable(two_servers):
    one, _ = two_servers
    page = one.get("/mlsys-2023/")
    stylesheet = html.fromstring(page.body).xpath("//link[@rel='stylesheet']/@href")[0]

    reply = one.get(stylesheet)

    assert reply.status == 200
    assert "immutable" in reply.headers["Cache-Control"]
    assert "max-age=315360000" in reply.headers["Cache-Control"]
