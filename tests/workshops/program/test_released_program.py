"""The released program kept whole in its release: read back from that one row, it renders
every export byte for byte as the live program did at the release, and stays so while the
working copy moves on."""

import datetime as dt

import pytest
import time_machine

from workshops.exchange import exporters
from workshops.models import Conference, Release, TimeSlot, Workshop
from workshops.program import releases, selectors, services
from workshops.program.released import released_program

pytestmark = pytest.mark.django_db
BASE_URL = "https://program.example.org"
NOW = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
FORMATS = ["schedule.xml", "schedule.json", "program.ics", "program.csv"]


def render(identifier: str, program) -> bytes:
    return exporters.get_exporter(identifier).render_bytes(program)


def released(conference: Conference):
    release = Release.objects.get(pk=conference.current_release_id)
    return released_program(release, conference=conference, base_url=BASE_URL)


@pytest.mark.parametrize("identifier", FORMATS)
def test_the_released_program_renders_as_the_live_one_did(demo, identifier):
    demo.refresh_from_db()
    with time_machine.travel(NOW, tick=False):
        live = render(identifier, selectors.program_live(demo, base_url=BASE_URL))
        kept = render(identifier, released(demo))

    assert kept == live


@pytest.mark.parametrize("identifier", FORMATS)
def test_the_released_program_stays_as_released_while_the_working_copy_moves(demo, identifier):
    with time_machine.travel(NOW, tick=False):
        before = render(identifier, released(demo))
    slot = TimeSlot.objects.get(workshop__slug="benchmarking-ml-workloads")
    slot.start += dt.timedelta(minutes=10)
    slot.end += dt.timedelta(minutes=10)
    services.slot_save(slot=slot)
    workshop = Workshop.objects.get(slug="pacmi")
    workshop.abstract = "Rewritten."
    workshop.save()

    with time_machine.travel(NOW, tick=False):
        after = render(identifier, released(demo))
        live = render(identifier, selectors.program_live(demo, base_url=BASE_URL))

    assert after == before
    assert live != before


def test_reading_the_released_program_costs_no_query_past_its_release(
    demo, django_assert_num_queries
):
    release = Release.objects.get(pk=demo.current_release_id)
    demo = Conference.objects.select_related("current_release").get(pk=demo.pk)

    with django_assert_num_queries(0):
        program = released_program(release, conference=demo, base_url=BASE_URL)
        for identifier in FORMATS:
            render(identifier, program)

    assert len(program.slots) == 10


def test_the_released_program_keeps_no_private_address(demo):
    release = releases.release_save(release=Release(conference=demo, version="1.1"), user=None)

    assert all("email" not in row for row in release.program["organizers"])
    assert release.program["organizers"]
