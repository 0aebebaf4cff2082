"""The site under real faults: PostgreSQL stopped under load, Redis stopped, an import killed.

The services are the throwaway ones of conftest.py; the app is a real gunicorn, read over
plain HTTP. Nothing here touches the machine's own PostgreSQL or Redis.
"""

import json
import signal
import subprocess
import sys
import time

import pytest

from config.health import RETRY_AFTER_SECONDS
from tests.faults.processes import BASE_DIR, DATABASE, table_digest, tail, wait_until
from tests.faults.web import RequestLoad

pytestmark = [pytest.mark.faults, pytest.mark.usefixtures("program_file")]

TITLE = "Practical Adoption Challenges of ML for Systems"  # a demo workshop, in all of these
PUBLIC_PAGES = [
    "/mlsys-2023/",
    "/mlsys-2023/workshops/pacmi/",
    "/mlsys-2023/schedule/",
    "/mlsys-2023/export/schedule.json",
]
SORRY = "<h1>Back in a moment</h1>"  # templates/503.html
SERVED = {path: (200, True) for path in PUBLIC_PAGES}
RECOVERY_SECONDS = 5
# A page while Redis hangs: two cache calls of at most 0.25 s each (settings.CACHES) and the
# rendering; with no socket timeout it would hang until gunicorn's own 30 s.
HUNG_CACHE_PAGE_SECONDS = 3
IMPORTER = "faults-import"  # the killed import's application_name in pg_stat_activity


def served(replies: dict) -> dict[str, tuple[int | None, bool]]:
    """Each page's status, and whether it shows the demo workshop."""
    return {path: (reply.status, TITLE in reply.body) for path, reply in replies.items()}


def unexpected(replies, statuses) -> list[str]:
    return [
        f"{timed.path}: {timed.reply.status} {timed.reply.error} {timed.reply.body[:300]!r}"
        for timed in replies
        if timed.reply.status not in statuses
    ]


def test_database_outage_answers_503_and_recovers_by_itself(app, postgres):
    workers = app.worker_pids()

    with RequestLoad(app, PUBLIC_PAGES) as load:
        load.wait_for(lambda replies: len(replies) >= 12, timeout=20, what="requests to flow")
        stopping = time.monotonic()
        postgres.stop(mode="fast")  # ends the sessions of the requests in flight
        stopped = time.monotonic()
        load.wait_for(
            lambda replies: sum(r.started > stopped for r in replies) >= 12,
            timeout=20,
            what="requests during the outage",
        )
    health_down = app.get("/healthz")
    postgres.start()
    started = time.monotonic()
    wait_until(lambda: app.get(PUBLIC_PAGES[0]).status == 200, timeout=20, what="recovery")
    recovered_in = time.monotonic() - started
    pages_after = {path: app.get(path) for path in PUBLIC_PAGES}
    health_up = app.get("/healthz")

    replies = load.replies
    in_flight = [r for r in replies if r.started < stopping < r.ended]
    during = [r for r in replies if r.started > stopped]
    sorry = [r for r in replies if r.reply.status == 503]
    assert unexpected(replies, {200, 503}) == [], tail(app.log)
    assert unexpected(during, {503}) == []
    assert in_flight, "no request was in flight when PostgreSQL stopped"
    assert all(SORRY in r.reply.body and "Traceback" not in r.reply.body for r in sorry)
    assert {r.reply.headers.get("Retry-After") for r in sorry} == {str(RETRY_AFTER_SECONDS)}
    assert (health_down.status, json.loads(health_down.body)) == (
        503,
        {"status": "unavailable", "database": "unreachable"},
    )
    assert recovered_in < RECOVERY_SECONDS
    assert served(pages_after) == SERVED
    assert (health_up.status, json.loads(health_up.body)["database"]) == (200, "ok")
    assert (app.process.poll(), app.worker_pids()) == (None, workers)  # not restarted


def test_database_restart_between_requests_costs_no_request(app, postgres):
    # Every gunicorn thread holds a persistent connection (DATABASE_CONN_MAX_AGE) that the
    # restart breaks; CONN_HEALTH_CHECKS finds it broken before a request uses it.
    with RequestLoad(app, PUBLIC_PAGES, threads=8) as load:
        load.wait_for(lambda replies: len(replies) >= 40, timeout=30, what="warm connections")
    postgres.stop(mode="fast")
    postgres.start()
    with RequestLoad(app, PUBLIC_PAGES, threads=8) as load:
        load.wait_for(lambda replies: len(replies) >= 40, timeout=30, what="requests after")

    assert unexpected(load.replies, {200}) == [], tail(app.log)


def move_program_version(postgres) -> None:
    """A change to the program, as far as the page cache can tell: the workers then render
    and store the new version's pages instead of serving those they hold in memory."""
    with postgres.connect(DATABASE) as db:
        db.execute("UPDATE workshops_programstate SET version = version + 1, changed = now()")


def test_redis_outage_serves_pages_from_the_database(app, redis_server, postgres):
    cache = redis_server.client()
    cache.flushdb()
    move_program_version(postgres)
    for path in PUBLIC_PAGES:
        app.get(path)
    stored_before = len(cache.keys("*program:*"))

    redis_server.stop()
    during = {path: app.get(path) for path in PUBLIC_PAGES}
    health = app.get("/healthz")
    redis_server.start()  # empty: no persistence
    # The workers still hold the pages they served; after a change they store pages again.
    move_program_version(postgres)
    wait_until(
        lambda: app.get(PUBLIC_PAGES[0]).status == 200 and cache.keys("*program:*"),
        timeout=RECOVERY_SECONDS,
        what="the page cache to store pages again",
    )
    for path in PUBLIC_PAGES:
        app.get(path)  # a miss that stores the page
    after = {path: app.get(path) for path in PUBLIC_PAGES}  # a hit
    stored_after = len(cache.keys("*program:*"))

    stored_per_page = 2  # the plain and the gzip body (workshops/caching.py)
    assert stored_before == stored_per_page * len(PUBLIC_PAGES)
    assert served(during) == SERVED, tail(app.log)
    assert "Traceback" not in "".join(r.body for r in during.values())
    assert (health.status, json.loads(health.body)["database"]) == (200, "ok")
    assert served(after) == SERVED
    assert stored_after == stored_per_page * len(PUBLIC_PAGES)


def test_hung_redis_delays_pages_only_briefly(app, redis_server, postgres):
    cache = redis_server.client()
    cache.flushdb()
    move_program_version(postgres)  # so the pages are asked of Redis, not held in memory

    redis_server.pause()
    try:
        timings, during = {}, {}
        for path in PUBLIC_PAGES:
            started = time.monotonic()
            during[path] = app.get(path)
            timings[path] = time.monotonic() - started
    finally:
        redis_server.resume()

    assert served(during) == SERVED, tail(app.log)
    assert max(timings.values()) < HUNG_CACHE_PAGE_SECONDS, timings


def import_is_writing(connection, table: str) -> bool:
    """The import's open transaction has written rows of `table` (it holds their lock)."""
    return connection.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks JOIN pg_stat_activity USING (pid)"
        " WHERE application_name = %s AND relation = %s::regclass"
        " AND mode = 'RowExclusiveLock' AND backend_xid IS NOT NULL)",
        (IMPORTER, table),
    ).fetchone()[0]


def import_session_open(connection) -> bool:
    return connection.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = %s)",
        (IMPORTER,),
    ).fetchone()[0]


def test_killed_import_leaves_the_database_as_it_was(
    app_env, demo_database, postgres, program_file
):
    big_file = program_file.wait(timeout=90)
    log = big_file.with_suffix(".import.log")
    with postgres.connect(DATABASE) as connection:
        before = table_digest(connection)
        with log.open("wb") as output:
            importer = subprocess.Popen(
                [sys.executable, "manage.py", "import_program", str(big_file)],
                cwd=BASE_DIR,
                env={**app_env, "PGAPPNAME": IMPORTER},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            # Half-way: the conference, rooms and organizers are written, workshops are being
            # written, slots and agenda items are still to come (about a third of the way).
            wait_until(
                lambda: (
                    importer.poll() is not None
                    or import_is_writing(connection, "workshops_workshop")
                ),
                timeout=60,
                what="the import to write workshops",
            )
            running_when_killed = importer.poll() is None
            importer.send_signal(signal.SIGKILL)
            importer.wait(timeout=10)
        finally:
            if importer.poll() is None:
                importer.kill()
                importer.wait(timeout=10)
        wait_until(
            lambda: not import_session_open(connection),
            timeout=10,
            what="PostgreSQL to end the killed import's session",
        )
        after = table_digest(connection)

    assert running_when_killed, tail(log)
    assert importer.returncode == -signal.SIGKILL
    assert before["workshops_workshop"][0] > 0  # the demo program
    assert after == before
