"""The PDF booklet of a big program: rendered once, in the background, served from the database."""

import datetime as dt
import threading
import time

import pytest
from django.test import Client
from django.utils import timezone

from workshops.exchange import exporters, prepared
from workshops.models import Conference, PreparedExport, Workshop
from workshops.pagecache import middleware as caching
from workshops.program import selectors

URL = "/mlsys-2023/export/booklet.pdf"
pytestmark = pytest.mark.django_db(transaction=True)  # the rendering thread reads what we write


@pytest.fixture
def big(settings, demo) -> Conference:
    """The demo, treated as a big program: every booklet renders in the background."""
    settings.PREPARED_EXPORT_INLINE_SLOTS = 0
    settings.PREPARED_EXPORT_WAIT_SECONDS = 0
    return demo


def wait_for_pdf(client: Client, url: str = URL, seconds: float = 90) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(url)
        if response.status_code == 200:
            return response.content
        assert response.status_code == 503, response.status_code
        time.sleep(0.25)
    pytest.fail(f"{url} was not ready within {seconds} s")


def test_a_small_program_renders_within_the_request(client, settings, demo):
    settings.PREPARED_EXPORT_WAIT_SECONDS = 0
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not PreparedExport.objects.exists()


def test_a_big_program_answers_being_prepared_then_serves_the_file(client, big):
    first = client.get(URL)

    assert first.status_code == 503
    assert first["Retry-After"] == "15"
    assert "being prepared" in first.text
    assert '<meta http-equiv="refresh" content="15">' in first.text
    content = wait_for_pdf(client)
    assert content.startswith(b"%PDF")
    row = PreparedExport.objects.get()
    assert bytes(row.content) == content
    assert row.identifier == "booklet.pdf"


def test_many_requests_at_once_start_one_rendering(big):
    barrier = threading.Barrier(6)
    statuses = []

    def ask():
        barrier.wait()
        statuses.append(Client().get(URL).status_code)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [503] * 6
    assert PreparedExport.objects.count() == 1
    wait_for_pdf(Client())
    finished = PreparedExport.objects.get().finished
    wait_for_pdf(Client(HTTP_ACCEPT_ENCODING="identity"))
    assert PreparedExport.objects.get().finished == finished  # served, not rendered again


def test_a_waiting_request_gets_the_file_when_it_is_quick_enough(client, big, settings):
    settings.PREPARED_EXPORT_WAIT_SECONDS = 60
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_change_renders_a_new_booklet_and_drops_the_old(client, big):
    old = wait_for_pdf(client)
    workshop = Workshop.objects.get(slug="pacmi")
    workshop.title = "A renamed workshop for the booklet"
    workshop.save()

    assert client.get(URL).status_code == 503
    new = wait_for_pdf(client)

    assert new != old
    assert PreparedExport.objects.count() == 1


def test_a_stale_claim_is_taken_over(client, big):
    wait_for_pdf(client)
    # As a worker killed mid-way leaves it: the booklet's row claimed long ago, never filled.
    PreparedExport.objects.update(
        content=None,
        finished=None,
        started=timezone.now() - prepared.STALE_AFTER - dt.timedelta(minutes=1),
    )
    caching.clear()  # and no page cached yet, as on a worker that has not served the booklet

    assert client.get(URL).status_code == 503
    assert PreparedExport.objects.get().started > timezone.now() - dt.timedelta(minutes=1)
    assert wait_for_pdf(client).startswith(b"%PDF")


def test_the_admin_and_command_line_render_directly(big):
    program = selectors.program_for_export(big, base_url="http://testserver/")
    content = exporters.get_exporter("booklet.pdf").render_bytes(program)
    assert content.startswith(b"%PDF")
    assert not PreparedExport.objects.exists()
