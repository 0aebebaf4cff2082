import datetime as dt

import pytest
import time_machine

from tests.factories import ConferenceFactory
from tests.workshops.exchange.exporters.conftest import program_of, small_program
from workshops.exchange.exporters.base import Program, hours_minutes
from workshops.models import Workshop
from workshops.program import selectors

pytestmark = pytest.mark.django_db


def test_program_holds_plenary_items_and_public_slots_in_order(demo):
    Workshop.objects.filter(slug="pacmi").update(status=Workshop.Status.CANCELLED)

    program = program_of(demo)

    labels = [program.title(slot) for slot in program.slots]
    assert "Secret draft workshop on unannounced hardware" not in labels
    assert labels[0] == "Benchmarking Machine Learning Workloads on Emerging Hardware"
    assert labels.index("Lunch") == 8  # after the eight 8:00 and 9:50 starts
    assert [s.start for s in program.slots] == sorted(s.start for s in program.slots)
    assert len(program.slots) == 10
    assert len(program.scheduled_slots) == 8  # without PACMI's two


@pytest.mark.parametrize("n", [1, 3])
def test_program_for_export_query_count(django_assert_num_queries, n):
    conference = small_program(n)

    # rooms, slots, organizers, topics, links, agenda items, their links, papers (no release)
    with django_assert_num_queries(8):
        program = selectors.program_for_export(conference, base_url="https://x.example")
        for slot in program.slots:
            program.organizers(slot), program.agenda_text(slot), program.slot_url(slot)
        program.version  # noqa: B018

    assert len(program.slots) == n + 1


def test_program_version_ignores_the_site_and_the_clock(demo):
    with time_machine.travel(dt.datetime(2023, 1, 1, tzinfo=dt.UTC)):
        first = selectors.program_for_export(demo, base_url="https://a.example").version
    with time_machine.travel(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)):
        second = selectors.program_for_export(demo, base_url="http://b.example/").version

    assert first == second


def test_program_stand_in_room_is_stable_per_conference(demo):
    first, second = program_of(demo).all_rooms, program_of(demo).all_rooms
    other = program_of(small_program(1)).all_rooms

    assert (first.name, first.slug) == ("All rooms", "all-rooms")
    assert first.guid == second.guid
    assert other.guid != first.guid


def test_program_without_roomless_items_has_no_stand_in_room(db):
    conference = ConferenceFactory()

    program = program_of(conference)

    assert program.all_rooms is None
    assert program.export_rooms == []


@pytest.mark.parametrize(
    ("slug", "acronym"),
    [("mlsys-2023", "mlsys_2023"), ("AB", "ab__"), ("icml_ws-24", "icml_ws_24")],
)
def test_program_acronym_fits_the_schedule_schemas(slug, acronym):
    program = Program(
        conference=ConferenceFactory.build(slug=slug),
        rooms=[],
        slots=[],
        base_url="",
        generated_at=dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
    )

    assert program.acronym == acronym


@pytest.mark.parametrize(
    ("minutes", "text"), [(5, "00:05"), (90, "01:30"), (520, "08:40"), (24 * 60, "24:00")]
)
def test_hours_minutes(minutes, text):
    assert hours_minutes(dt.timedelta(minutes=minutes)) == text
