"""The PDF booklet of a big program: rendered once by a task, served from the database."""

import datetime as dt
import threading
import time

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.tasks import TaskResultStatus
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from workshops.exchange import exporters, prepared
from workshops.models import Conference, PreparedExport, Workshop
from workshops.program import selectors

URL = "/mlsys-2023/export/booklet.pdf"
pytestmark = pytest.mark.django_db(transaction=True)  # tasks are enqueued on commit
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def big(settings, demo) -> Conference:
    """The demo, treated as a big program: every booklet is a task, run where it is enqueued."""
    settings.TASKS = IMMEDIATE
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


def test_many_requests_at_once_start_one_rendering(big, settings):
    settings.TASKS = DATABASE
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
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
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
    program = selectors.program_for_export(big, base_url="http://localhost:8000")
    exporter = exporters.get_exporter("booklet.pdf")
    PreparedExport.objects.create(
        conference=big,
        identifier="booklet.pdf",
        key=prepared._key(exporter, program),
        started=timezone.now() - prepared.STALE_AFTER - dt.timedelta(minutes=1),
    )

    assert client.get(URL).status_code == 503
    assert PreparedExport.objects.get().started > timezone.now() - dt.timedelta(minutes=1)
    assert wait_for_pdf(client).startswith(b"%PDF")


def test_the_admin_and_command_line_render_directly(big):
    program = selectors.program_for_export(big, base_url="http://testserver/")
    content = exporters.get_exporter("booklet.pdf").render_bytes(program)
    assert content.startswith(b"%PDF")
    assert not PreparedExport.objects.exists()


def test_the_database_worker_renders_the_enqueued_booklet(client, big, settings):
    settings.TASKS = DATABASE
    first = client.get(URL)
    task_row = DBTaskResult.objects.get()
    assert first.status_code == 503
    assert task_row.task_path == "workshops.exchange.prepared.prepare_export"
    assert task_row.status == TaskResultStatus.READY
    assert client.get(URL).status_code == 503  # queued: nobody renders it yet
    assert DBTaskResult.objects.count() == 1  # and nobody enqueued it twice

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    task_row.refresh_from_db()
    assert task_row.status == TaskResultStatus.SUCCESSFUL
    assert task_row.return_value is True
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content == bytes(PreparedExport.objects.get().content)


def test_the_database_allows_one_pending_rendering_per_conference_and_format(big):
    PreparedExport.objects.create(conference=big, identifier="booklet.pdf", key="a")
    PreparedExport.objects.create(conference=big, identifier="booklet-letter.pdf", key="a")
    with pytest.raises(IntegrityError):
        PreparedExport.objects.create(conference=big, identifier="booklet.pdf", key="b")


def test_a_task_whose_claim_was_taken_over_renders_nothing(big):
    claim = PreparedExport.objects.create(conference=big, identifier="booklet.pdf", key="a")
    older_claim = (claim.started - dt.timedelta(minutes=11)).isoformat()

    done = prepared.prepare_export.call(prepared_id=claim.pk, claimed=older_claim, options={})

    assert done is False
    assert PreparedExport.objects.get().content is None


def finished_booklet(conference: Conference, *, content: bytes, version: int) -> PreparedExport:
    return PreparedExport.objects.create(
        conference=conference,
        identifier="booklet.pdf",
        key=content.decode(),
        content=content,
        finished=timezone.now(),
        program_revision=version,
    )


def test_a_finished_rendering_keeps_a_newer_programs_file(big):
    exporter = exporters.get_exporter("booklet.pdf")
    newer = finished_booklet(big, content=b"%PDF newer", version=2**62)
    older = finished_booklet(big, content=b"%PDF older", version=1)

    content = prepared.prepare_now(exporter, big)

    rendered = PreparedExport.objects.exclude(pk__in=[newer.pk, older.pk]).get()
    assert bytes(rendered.content) == content
    assert content.startswith(b"%PDF-")
    assert set(PreparedExport.objects.values_list("pk", flat=True)) == {newer.pk, rendered.pk}
    assert bytes(PreparedExport.objects.get(pk=newer.pk).content) == b"%PDF newer"


def test_the_booklet_links_to_the_configured_site_not_the_request_host(big, settings):
    settings.SITE_URL = "https://program.example.org"
    settings.ALLOWED_HOSTS = ["other.example"]

    content = wait_for_pdf(Client(HTTP_HOST="other.example"))

    exporter = exporters.get_exporter("booklet.pdf")
    configured = selectors.program_for_export(big, base_url="https://program.example.org")
    row = PreparedExport.objects.get()
    assert row.key == prepared._key(exporter, configured)
    assert bytes(row.content) == content


def test_twenty_requests_with_twenty_host_ports_start_one_rendering(big, settings):
    settings.TASKS = DATABASE
    barrier = threading.Barrier(20)
    statuses = []

    def ask(port):
        barrier.wait()
        statuses.append(Client(HTTP_HOST=f"localhost:{8000 + port}").get(URL).status_code)

    threads = [threading.Thread(target=ask, args=(port,)) for port in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [503] * 20
    assert PreparedExport.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_a_rendering_of_a_program_that_moved_meanwhile_keeps_the_file_readers_get(client, big):
    """The booklet of title A is ready; the title becomes B, B's booklet renders, and while it
    renders the title goes back to A: readers get A's booklet again, which B's must not drop."""
    exporter = exporters.get_exporter("booklet.pdf")
    served = wait_for_pdf(client)
    first = PreparedExport.objects.get()
    workshop = Workshop.objects.get(slug="pacmi")
    title = workshop.title
    workshop.title = "A title for a moment"
    workshop.save()

    def change_back(sender, template, **kwargs):
        if template.name == "workshops/booklet.html":
            template_rendered.disconnect(change_back)
            workshop.title = title
            workshop.save()

    template_rendered.connect(change_back)
    try:
        prepared.prepare_now(exporter, big)
    finally:
        template_rendered.disconnect(change_back)

    assert PreparedExport.objects.filter(pk=first.pk).exists()
    assert PreparedExport.objects.count() == 2
    assert client.get(URL).content == served


def test_a_rendering_that_meets_the_same_file_keeps_the_one_readers_get(client, big):
    served = wait_for_pdf(client)
    first = PreparedExport.objects.get()
    claim = PreparedExport.objects.create(conference=big, identifier="booklet.pdf", key="old")

    content = prepared.prepare_export.call(
        prepared_id=claim.pk, claimed=claim.started.isoformat(), options={}
    )

    assert content is True
    assert list(PreparedExport.objects.values_list("pk", flat=True)) == [first.pk]
    assert client.get(URL).content == served
