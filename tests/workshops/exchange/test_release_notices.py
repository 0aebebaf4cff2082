"""The people told: a release e-mails each organizer of a workshop it moved, cancelled or
reinstated, once, through a real SMTP server (aiosmtpd) that the test starts; the worker
tries a failed sending again, and the release page says who was told and what failed."""

import datetime as dt

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse

from workshops.exchange import notices
from workshops.models import Organizer, Release, ReleaseNotice, TimeSlot, Workshop
from workshops.program import services

pytestmark = pytest.mark.django_db(transaction=True)  # notices are enqueued on commit
MOVED = "benchmarking-ml-workloads"


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def organizers_of(slug: str) -> list[Organizer]:
    workshop = Workshop.objects.get(slug=slug)
    return [link.organizer for link in workshop.organizer_links.order_by("position")]


@pytest.fixture
def addressed(demo):
    """The moved workshop's organizers, each with an address."""
    people = organizers_of(MOVED)
    for person in people:
        person.email = f"{person.slug}@example.org"
        person.save()
    return people


def move_and_release(conference, *, minutes: int = 30, version: str = "1.1") -> Release:
    slot = TimeSlot.objects.get(workshop__slug=MOVED)
    slot.start += dt.timedelta(minutes=minutes)
    slot.end += dt.timedelta(minutes=minutes)
    services.slot_save(slot=slot)
    return notices.release_publish(
        release=Release(conference=conference, version=version), user=None
    )


def test_each_organizer_of_a_moved_workshop_gets_one_email_with_its_calendar(demo, addressed, smtp):
    release = move_and_release(demo)
    run_worker()
    run_worker()  # nothing left: nobody is told twice

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in addressed)
    message = smtp.messages[0]
    assert message["Subject"] == (
        "MLSys 2023: “Benchmarking Machine Learning Workloads on Emerging Hardware” changed "
        "in version 1.1"
    )
    body = message.get_body(("plain",)).get_content()
    slot = TimeSlot.objects.get(workshop__slug=MOVED)
    start = slot.start.astimezone(demo.tz)
    assert f"now {start:%a} {start.hour}:{start:%M}" in body  # in the venue's time
    assert "Times are the venue's (America/New_York)." in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{MOVED}.ics"
    (event,) = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(event["UID"]) == str(slot.guid)
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == start
    told = ReleaseNotice.objects.filter(release=release)
    assert {n.status for n in told} == {ReleaseNotice.Status.SENT}
    assert told.count() == len(addressed)


def test_organizers_of_unchanged_workshops_and_of_the_first_release_hear_nothing(demo, smtp):
    for person in Organizer.objects.all():
        person.email = f"{person.slug}@example.org"
        person.save()
    first = Release.objects.get(conference=demo)
    assert notices.release_notify(release=first) == []

    release = move_and_release(demo)
    run_worker()

    moved = {p.email for p in organizers_of(MOVED)}
    assert {m["To"] for m in smtp.messages} == moved
    assert len(smtp.messages) == len(moved)
    assert ReleaseNotice.objects.filter(release=release).count() == len(moved)


def test_a_refusing_mail_server_is_tried_again_and_each_is_sent_once(demo, addressed, smtp):
    smtp.refuse = 2
    release = move_and_release(demo)

    run_worker()

    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in addressed)
    told = list(ReleaseNotice.objects.filter(release=release).order_by("pk"))
    assert [n.status for n in told] == [ReleaseNotice.Status.SENT] * len(addressed)
    assert sum(n.attempts for n in told) == len(addressed) + 2


def test_a_mail_server_that_keeps_refusing_leaves_the_notices_failed(
    demo, addressed, smtp, settings
):
    settings.RELEASE_NOTICE_ATTEMPTS = 2
    smtp.refuse = 1000
    release = move_and_release(demo)

    run_worker()

    told = list(ReleaseNotice.objects.filter(release=release))
    assert smtp.messages == []
    assert {n.status for n in told} == {ReleaseNotice.Status.FAILED}
    assert {n.attempts for n in told} == {2}
    assert all("Try again later" in n.error for n in told)


def test_the_release_page_shows_who_was_told_and_what_failed(admin_client, demo, addressed, smtp):
    nobody = addressed[0]
    nobody.email = ""
    nobody.save()
    slot = TimeSlot.objects.get(workshop__slug=MOVED)
    slot.start += dt.timedelta(minutes=30)
    slot.end += dt.timedelta(minutes=30)
    services.slot_save(slot=slot)

    response = admin_client.post(
        reverse("admin:workshops_release_add") + f"?conference={demo.pk}",
        {"conference": demo.pk, "version": "1.1", "comment": "A later start."},
    )
    assert response.status_code == 302, response.content.decode()
    run_worker()

    release = Release.objects.get(conference=demo, version="1.1")
    page = admin_client.get(reverse("admin:workshops_release_change", args=[release.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="release-notice--sent"') == len(addressed) - 1
    assert html.count('class="release-notice--failed"') == 1
    assert "failed: No e-mail address." in html
    assert nobody.name in html
    assert len(smtp.messages) == len(addressed) - 1
    assert (
        "From the program chairs: A later start."
        in smtp.messages[0].get_body(("plain",)).get_content()
    )
