"""A conference whose changes go public when released: its exports, feeds and version show the
last release until the next one, and it is public only once released."""

import datetime as dt

import pytest
import time_machine

from workshops.models import Conference, Release, TimeSlot
from workshops.program import releases, services

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
PUBLIC = ["/mlsys-2023/export/schedule.xml", "/mlsys-2023/export/schedule.json",
          "/mlsys-2023/export/program.ics"]  # fmt: skip


@pytest.fixture
def released(demo):
    Conference.objects.filter(pk=demo.pk).update(
        changes_public=Conference.ChangesPublic.WHEN_RELEASED
    )
    demo.refresh_from_db()
    return demo


def responses(client) -> list[bytes]:
    with time_machine.travel(NOW, tick=False):
        return [client.get(path).content for path in PUBLIC]


def move(slug: str) -> None:
    slot = TimeSlot.objects.get(workshop__slug=slug)
    slot.start += dt.timedelta(minutes=10)
    slot.end += dt.timedelta(minutes=10)
    services.slot_save(slot=slot)


def test_an_edit_changes_no_export_until_the_release(client, released):
    before = responses(client)
    move("benchmarking-ml-workloads")

    assert responses(client) == before
    releases.release_save(release=Release(conference=released, version="1.1"), user=None)
    after = responses(client)
    assert all(new != old for new, old in zip(after, before, strict=True))


def test_an_edit_changes_every_export_at_once_by_default(client, demo):
    before = responses(client)
    move("benchmarking-ml-workloads")

    after = responses(client)
    assert all(new != old for new, old in zip(after, before, strict=True))


def test_a_conference_released_but_never_released_is_not_public(client, conference):
    Conference.objects.filter(pk=conference.pk).update(
        changes_public=Conference.ChangesPublic.WHEN_RELEASED
    )

    assert client.get("/mlsys-2023/export/schedule.xml").status_code == 404
    conference.refresh_from_db()
    release = releases.conference_publish_released(conference=conference, user=None)
    assert release.version == "1"
    assert client.get("/mlsys-2023/export/schedule.xml").status_code == 200
