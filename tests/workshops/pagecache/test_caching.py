"""The version-keyed page cache: fresh after every change, 304s, gzip, never per user."""

import datetime as dt
import gzip
import threading
from collections import Counter

import psycopg
import pytest
import time_machine
from django.core.cache import caches
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    WorkshopSeriesFactory,
    chair_of,
)
from workshops.demo.loader import demo_load
from workshops.models import ProgramState, Release, Workshop
from workshops.pagecache import store as caching
from workshops.program import revision, services

CACHED_PAGES = [
    "/mlsys-2023/",
    "/mlsys-2023/?q=benchmark&day=2023-06-08",
    "/mlsys-2023/workshops/benchmarking-ml-workloads/",
    "/mlsys-2023/schedule/",
    "/mlsys-2023/schedule/2023-06-08/",
    "/mlsys-2023/schedule/all/",
    "/mlsys-2023/rooms/",
    "/mlsys-2023/rooms/room-241/",
    "/mlsys-2023/organizers/",
    "/mlsys-2023/organizers/tom-st-john/",
    "/mlsys-2023/changelog/",
    "/mlsys-2023/changelog/feed.xml",
    "/mlsys-2023/export/",
    "/mlsys-2023/export/schedule.xml",
    "/mlsys-2023/export/schedule.json",
    "/mlsys-2023/export/program.ics",
    "/mlsys-2023/export/program.csv",
    "/mlsys-2023/workshops/benchmarking-ml-workloads/calendar.ics",
    "/mlsys-2023/rooms/room-241/calendar.ics",
    "/mlsys-2023/my/",
    "/mlsys-2023/my/program.json",
]


def version() -> int:
    return ProgramState.current()[0]


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_a_repeat_request_costs_one_query_and_gives_the_same_bytes(
    client, demo, django_assert_num_queries, url
):
    first = client.get(url)
    assert first.status_code == 200, url

    with django_assert_num_queries(1):  # the program's version, nothing else
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_a_browser_holding_the_version_gets_304_without_the_cache(
    client, demo, django_assert_num_queries, url
):
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(1):
        response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_the_default_schedule_day_follows_the_clock_through_the_cache(client, db):
    """Ahead of the program's last change, as the clock always is."""
    conference = ConferenceFactory(
        slug="two-days", start_date=dt.date(2040, 6, 8), end_date=dt.date(2040, 6, 9)
    )
    room = RoomFactory(conference=conference)
    for day in (8, 9):
        TimeSlotFactory(
            workshop=WorkshopFactory(conference=conference, title=f"On the {day}th"),
            room=room,
            start=dt.datetime(2040, 6, day, 14, tzinfo=dt.UTC),
        )

    with time_machine.travel(dt.datetime(2040, 6, 9, 3, 50, tzinfo=dt.UTC), tick=False):
        thursday = client.get("/two-days/schedule/")  # 23:50 on the 8th in New York
        again = client.get("/two-days/schedule/", headers={"if-none-match": thursday["ETag"]})
    with time_machine.travel(dt.datetime(2040, 6, 9, 4, 5, tzinfo=dt.UTC), tick=False):
        with_etag = client.get("/two-days/schedule/", headers={"if-none-match": thursday["ETag"]})
        since = thursday["Last-Modified"]
        with_date = client.get("/two-days/schedule/", headers={"if-modified-since": since})

    assert "On the 8th" in thursday.content.decode()
    assert (again.status_code, with_etag.status_code, with_date.status_code) == (304, 200, 200)
    assert "On the 9th" in with_etag.content.decode()
    assert "On the 8th" not in with_etag.content.decode()
    assert with_etag["ETag"] != thursday["ETag"]


def test_last_modified_gives_304_and_a_change_gives_200(client, demo):
    first = client.get("/mlsys-2023/schedule/")
    since = first["Last-Modified"]
    assert (
        client.get("/mlsys-2023/schedule/", headers={"if-modified-since": since}).status_code == 304
    )

    workshop = Workshop.objects.get(slug="benchmarking-ml-workloads")
    workshop.title = "Benchmarking, renamed"
    workshop.save()

    response = client.get("/mlsys-2023/schedule/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert "Benchmarking, renamed" in response.text


def test_a_change_shows_on_the_very_next_request(client, demo):
    before = client.get("/mlsys-2023/workshops/benchmarking-ml-workloads/").text
    workshop = Workshop.objects.get(slug="benchmarking-ml-workloads")
    assert workshop.title in before

    workshop.title = "A title nobody had before"
    workshop.save()

    assert (
        "A title nobody had before"
        in client.get("/mlsys-2023/workshops/benchmarking-ml-workloads/").text
    )
    assert "A title nobody had before" in client.get("/mlsys-2023/").text
    assert "A title nobody had before" in client.get("/mlsys-2023/export/schedule.json").text


def test_headers_let_browsers_revalidate_and_proxies_hold_briefly(client, demo, settings):
    settings.PROGRAM_CACHE_SHARED_MAX_AGE = 45
    response = client.get("/mlsys-2023/")

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=0", "must-revalidate", "s-maxage=45"}
    assert response["ETag"].startswith('W/"')
    assert "Accept-Encoding" in response["Vary"]
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("url", ["/mlsys-2023/schedule/", "/mlsys-2023/export/schedule.xml"])
def test_gzip_when_the_client_accepts_it(client, demo, url):
    plain = client.get(url)
    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    again = client.get(url, headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert int(packed["Content-Length"]) == len(packed.content)
    assert again.content == packed.content


def test_the_pdf_is_stored_but_not_compressed(client, demo):
    response = client.get("/mlsys-2023/export/booklet.pdf", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"%PDF")


def test_signed_in_users_are_never_served_from_or_stored_in_the_cache(client, demo):
    conference = ConferenceFactory(slug="mlsys-2023")
    draft = WorkshopFactory(conference=conference, slug="secret", status=Workshop.Status.DRAFT)
    TimeSlotFactory(workshop=draft)
    chair = Client()
    chair.force_login(chair_of(conference))

    preview = chair.get("/mlsys-2023/workshops/secret/")
    anonymous = client.get("/mlsys-2023/workshops/secret/")
    listing_as_chair = chair.get("/mlsys-2023/")

    assert preview.status_code == 200
    assert "Draft" in preview.text
    assert preview["Cache-Control"] == "private, no-cache"
    assert "ETag" not in preview
    assert anonymous.status_code == 404
    assert listing_as_chair["Cache-Control"] == "private, no-cache"


def test_errors_are_not_cached(client, demo, django_assert_num_queries):
    assert client.get("/mlsys-2023/workshops/nothing-here/").status_code == 404
    with django_assert_num_queries(3):  # the version, then the view looks again
        response = client.get("/mlsys-2023/workshops/nothing-here/")
    assert response.status_code == 404


def test_pages_are_served_while_the_cache_server_is_down(client, demo, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    for _ in range(2):
        response = client.get("/mlsys-2023/schedule/")
        assert response.status_code == 200
        assert "Benchmarking Machine Learning Workloads" in response.text


@pytest.mark.django_db(transaction=True)
def test_a_crowd_after_a_change_renders_the_page_once():
    demo_load()
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    barrier = threading.Barrier(8)
    bodies = []

    def visit():
        barrier.wait()
        bodies.append(Client().get("/mlsys-2023/schedule/").content)

    try:
        threads = [threading.Thread(target=visit) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        template_rendered.disconnect(record)

    assert rendered.count("workshops/schedule.html") == 1
    assert len(bodies) == 8
    assert len(set(bodies)) == 1


def test_the_cache_can_be_switched_off(client, demo, settings, django_assert_num_queries):
    settings.PROGRAM_CACHE_ENABLED = False
    client.get("/mlsys-2023/rooms/")
    with django_assert_num_queries(4):  # the rooms and what runs in them now and next
        response = client.get("/mlsys-2023/rooms/")
    assert "ETag" not in response


# Every change to the program moves the version, whatever writes it.


def _changes(conference):
    workshop = WorkshopFactory(conference=conference)
    slot = TimeSlotFactory(workshop=workshop)
    organizer = OrganizerFactory()
    item = AgendaItemFactory(workshop=workshop)
    return {
        "conference renamed": lambda: setattr(conference, "name", "Renamed") or conference.save(),
        "room added": lambda: RoomFactory(conference=conference),
        "organizer renamed": lambda: setattr(organizer, "name", "Someone") or organizer.save(),
        "organizer linked": lambda: WorkshopOrganizerFactory(
            workshop=workshop, organizer=organizer
        ),
        "workshop saved": lambda: workshop.save(),
        "series added": lambda: WorkshopSeriesFactory(),
        "slot moved": lambda: services.slot_save(slot=_moved(slot)),
        "agenda item deleted": lambda: item.delete(),
        "workshop published (bulk)": lambda: services.workshops_set_status(
            workshops=Workshop.objects.filter(pk=workshop.pk),
            status=Workshop.Status.CANCELLED,
        ),
        "release made": lambda: Release.objects.create(conference=conference, version="9.9"),
        "chair added": lambda: conference.chairs.add(chair_of(ConferenceFactory())),
        "workshop deleted": lambda: workshop.delete(),
    }


def _moved(slot):
    slot.start = slot.start.replace(hour=slot.start.hour - 1)
    return slot


@pytest.mark.parametrize(
    "change",
    [
        "conference renamed",
        "room added",
        "organizer renamed",
        "organizer linked",
        "workshop saved",
        "series added",
        "slot moved",
        "agenda item deleted",
        "workshop published (bulk)",
        "release made",
        "chair added",
        "workshop deleted",
    ],
)
def test_every_kind_of_change_moves_the_version(db, change):
    conference = ConferenceFactory()
    changes = _changes(conference)
    before = version()

    changes[change]()

    assert version() > before


def test_a_change_rolled_back_leaves_the_version(db):
    from django.db import transaction

    conference = ConferenceFactory()
    before = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        conference.name = "Never saved"
        conference.save()
        raise RuntimeError
    assert version() == before


def test_the_version_row_comes_back_above_any_earlier_version(db):
    before = version()
    ProgramState.objects.all().delete()
    assert version() > before


def test_a_process_serves_the_entries_it_served_lately_from_its_own_memory(client, demo):
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    first = client.get("/mlsys-2023/schedule/")
    caches["default"].clear()  # the shared cache forgets; this process still holds the entry
    template_rendered.connect(record)
    try:
        second = client.get("/mlsys-2023/schedule/")
    finally:
        template_rendered.disconnect(record)

    assert rendered == []
    assert second.content == first.content


def test_the_memory_of_recent_entries_is_bounded(client, demo, settings):
    settings.PROGRAM_CACHE_LOCAL_BYTES = 0
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    client.get("/mlsys-2023/schedule/")
    caches["default"].clear()
    template_rendered.connect(record)
    try:
        again = client.get("/mlsys-2023/schedule/")
    finally:
        template_rendered.disconnect(record)

    assert again.status_code == 200
    assert "workshops/schedule.html" in rendered


def test_recent_entries_make_room_by_dropping_the_least_recently_used(settings):
    settings.PROGRAM_CACHE_LOCAL_BYTES = 3 * (1000 + 512)
    recent = caching.RecentEntries()
    for key in "abc":
        recent.put(key, {"body": b"x" * 1000})
    recent.get("a")  # now the most recently used
    recent.put("d", {"body": b"y" * 1000})

    assert [key for key in "abcd" if recent.get(key) is not None] == ["a", "c", "d"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_version_query_checks_a_reused_connection_and_replaces_a_broken_one(monkeypatch):
    demo_load()
    client = Client()
    first = client.get("/mlsys-2023/schedule/")
    checks = []
    real_is_usable = connection.is_usable
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or real_is_usable())
    # The server ends this connection (as a database restart does) between two requests.
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    connection.close_if_unusable_or_obsolete()  # what Django does as a request starts

    again = client.get("/mlsys-2023/schedule/")
    checks_after_the_break = len(checks)  # one: asked once the version query had failed
    connection.close_if_unusable_or_obsolete()
    checks.clear()
    with CaptureQueriesContext(connection) as queries:
        third = client.get("/mlsys-2023/schedule/")

    assert (again.status_code, again.content) == (200, first.content)
    assert checks_after_the_break == 1
    assert (third.status_code, len(queries)) == (200, 1)
    assert checks == []  # no separate `SELECT 1` before the version query


def test_a_version_number_given_twice_is_told_apart_by_when_it_moved(client, demo):
    # As after restoring a backup: the same number, moved at another moment, another program.
    first = client.get("/mlsys-2023/schedule/")
    number, moved = ProgramState.current()
    Workshop.objects.filter(slug="benchmarking-ml-workloads").update(title="Restored title")
    ProgramState.objects.update(revision=number, changed=moved - dt.timedelta(days=1))

    again = client.get("/mlsys-2023/schedule/")

    assert again["ETag"] != first["ETag"]
    assert "Restored title" in again.text


def _triggers() -> Counter:
    """How many program triggers each table has."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE t.tgname = %s",
                [revision.PROGRAM_TRIGGER],
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{revision.PROGRAM_TRIGGER}_%"],
            )
        return Counter(table for (table,) in cursor.fetchall())


# Every table a chair's edit can change what a page shows: the program's models and their
# many-to-many tables. Not the history records, the version row or the prepared renderings.
PROGRAM_TABLES = [
    "workshops_agendaitem",
    "workshops_agendaitemspeaker",
    "workshops_conference",
    "workshops_conference_chairs",
    "workshops_link",
    "workshops_organizer",
    "workshops_paper",
    "workshops_paperauthor",
    "workshops_release",
    "workshops_room",
    "workshops_timeslot",
    "workshops_topic",
    "workshops_workshop",
    "workshops_workshop_topics",
    "workshops_workshoporganizer",
    "workshops_workshopseries",
]


def test_every_program_table_has_the_triggers_that_move_the_version(db):
    per_table = 1 if connection.vendor == "postgresql" else 3  # a statement / each kind of row
    expected = dict.fromkeys(PROGRAM_TABLES, per_table)

    assert dict(sorted(_triggers().items())) == expected


def test_every_migrate_puts_lost_triggers_back(db):
    # SQLite's schema editor drops a table's triggers when a migration rebuilds the table.
    revision.remove_program_triggers(connection)
    assert _triggers() == Counter()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert sorted(_triggers()) == PROGRAM_TABLES


@pytest.mark.parametrize(
    "write",
    [
        "UPDATE workshops_workshop SET title = title || '!'",
        "DELETE FROM workshops_agendaitem WHERE title = 'Lunch'",  # nothing refers to it
        "UPDATE workshops_room SET name = name || ' (east wing)'",
    ],
)
def test_writes_without_signals_move_the_version_too(demo, write):
    before = version()
    with connection.cursor() as cursor:
        cursor.execute(write)

    assert version() > before


def test_a_bulk_update_shows_on_the_next_request(client, demo):
    client.get("/mlsys-2023/schedule/")
    Workshop.objects.filter(slug="benchmarking-ml-workloads").update(title="Renamed in bulk")

    assert "Renamed in bulk" in client.get("/mlsys-2023/schedule/").text
