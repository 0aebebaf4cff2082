"""A chair releases a moved workshop in the admin and sees, on the release's page, which
organizers were told (through a real SMTP server) and who could not be."""

import datetime as dt

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_chair_releases_a_move_and_sees_who_was_told(live_server, make_page, demo, smtp):
    from tests.factories import ChairFactory
    from workshops.models import TimeSlot, Workshop
    from workshops.program import services

    demo.chairs.add(ChairFactory(username="chair-release"))
    links = Workshop.objects.get(slug="benchmarking-ml-workloads").organizer_links.order_by(
        "position"
    )
    people = [link.organizer for link in links]
    for index, person in enumerate(people):
        person.email = f"{person.slug}@example.org" if index else ""  # the first has none
        person.save()
    slot = TimeSlot.objects.get(workshop__slug="benchmarking-ml-workloads")
    slot.start += dt.timedelta(minutes=30)
    slot.end += dt.timedelta(minutes=30)
    services.slot_save(slot=slot)

    page = make_page(viewport={"width": 1366, "height": 900})
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "chair-release")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/workshops/release/add/?conference={demo.pk}")
    preview = page.locator(".release-preview").inner_text()
    assert "Benchmarking Machine Learning Workloads on Emerging Hardware: Moved" in preview
    page.fill("#id_version", "1.1")
    page.fill("#id_comment", "Benchmarking starts half an hour later.")
    page.click("input[name=_save]")
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.get_by_role("link", name="1.1", exact=True).click()

    told = page.locator(".release-notices").inner_text()
    assert told.count("\tsent ") == len(people) - 1
    assert f"{people[0].name}\t—\tfailed: No e-mail address." in told
    assert sorted(m["To"] for m in smtp.messages) == sorted(p.email for p in people[1:])
