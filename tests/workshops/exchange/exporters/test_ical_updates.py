"""Calendars that update: an event keeps its UID, and each released change of its time, room or
status raises its SEQUENCE and moves its LAST-MODIFIED and DTSTAMP to the release's time, while
an unchanged event reads the same in every download. Read back with icalendar and vobject, as
calendar programs read a subscription they fetch again."""

import datetime as dt

import icalendar
import pytest
import time_machine
import vobject
import vobject.icalendar

from tests.factories import RoomFactory
from tests.workshops.exchange.exporters.conftest import render
from workshops.models import Release, TimeSlot, Workshop
from workshops.program import releases, services

pytestmark = pytest.mark.django_db
LATER = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)
MOVED = "benchmarking-ml-workloads"


@pytest.fixture(autouse=True)
def fresh_vobject_zones(monkeypatch):
    monkeypatch.setattr(vobject.icalendar, "__tzidMap", {"UTC": vobject.icalendar.utc})


def events(content: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}


def vobject_events(content: bytes) -> dict[str, object]:
    calendar = vobject.readOne(content.decode())
    assert calendar.validate(raiseException=True, complainUnrecognized=True)
    return {event.uid.value: event for event in calendar.vevent_list}


def release(conference, version: str) -> Release:
    return releases.release_save(release=Release(conference=conference, version=version), user=None)


def slot_of(slug: str) -> TimeSlot:
    return TimeSlot.objects.get(workshop__slug=slug)


def is_update(old: icalendar.Event, new: icalendar.Event) -> bool:
    """How a calendar decides (RFC 5545 3.8.7.4, RFC 5546 2.1.5): the same event, and newer by
    SEQUENCE, or by DTSTAMP at the same SEQUENCE."""
    return str(old["UID"]) == str(new["UID"]) and (
        (new["SEQUENCE"], new.decoded("DTSTAMP")) > (old["SEQUENCE"], old.decoded("DTSTAMP"))
    )


def test_an_unchanged_program_downloads_the_same_calendar_later(demo):
    first = render("program.ics", demo)
    with time_machine.travel(LATER, tick=False):
        later = render("program.ics", demo)

    assert later == first


def test_a_released_move_raises_the_sequence_of_that_event_alone(demo):
    before = events(render("program.ics", demo))
    slot = slot_of(MOVED)
    slot.start += dt.timedelta(minutes=10)
    slot.end += dt.timedelta(minutes=10)
    services.slot_save(slot=slot)
    second = release(demo, "1.1")

    after = events(render("program.ics", demo))

    assert after.keys() == before.keys()
    moved = str(slot.guid)
    assert after[moved]["SEQUENCE"] == before[moved]["SEQUENCE"] + 1 == 1
    assert after[moved].decoded("LAST-MODIFIED") == second.created.replace(microsecond=0)
    assert after[moved].decoded("DTSTAMP") == second.created.replace(microsecond=0)
    assert is_update(before[moved], after[moved])
    for uid, event in after.items():
        if uid != moved:
            assert event.to_ical() == before[uid].to_ical()


def test_vobject_reads_the_moved_event_as_a_newer_revision_of_the_same_one(demo):
    before = vobject_events(render("program.ics", demo))
    slot = slot_of(MOVED)
    slot.room = RoomFactory(conference=demo, name="Room 100", slug="room-100")
    services.slot_save(slot=slot)
    with time_machine.travel(LATER):
        release(demo, "1.1")

    after = vobject_events(render("program.ics", demo))

    moved = str(slot.guid)
    assert int(after[moved].sequence.value) == int(before[moved].sequence.value) + 1
    assert after[moved].dtstamp.value > before[moved].dtstamp.value
    assert after[moved].last_modified.value == after[moved].dtstamp.value
    assert after[moved].location.value.startswith(slot.room.name)


def test_each_released_change_counts_and_an_unreleased_one_counts_once_more(demo):
    slot = slot_of(MOVED)
    for version in ["1.1", "1.2"]:
        slot.start += dt.timedelta(minutes=5)
        slot.end += dt.timedelta(minutes=5)
        services.slot_save(slot=slot)
        release(demo, version)
    assert events(render("program.ics", demo))[str(slot.guid)]["SEQUENCE"] == 2

    release(demo, "1.3")  # nothing changed for it
    assert events(render("program.ics", demo))[str(slot.guid)]["SEQUENCE"] == 2

    slot.start += dt.timedelta(minutes=5)
    slot.end += dt.timedelta(minutes=5)
    services.slot_save(slot=slot)  # not released: public at once, as the conference says
    with time_machine.travel(LATER, tick=False):
        event = events(render("program.ics", demo))[str(slot.guid)]
    assert event["SEQUENCE"] == 3
    assert event.decoded("DTSTAMP") == LATER


def test_a_cancelled_workshop_stays_in_the_calendar_as_cancelled(demo):
    before = events(render("program.ics", demo))
    workshop = Workshop.objects.get(slug=MOVED)
    services.workshops_set_status(workshops=[workshop], status=Workshop.Status.CANCELLED)
    release(demo, "1.1")

    after = events(render("program.ics", demo))

    uid = str(slot_of(MOVED).guid)
    assert after.keys() == before.keys()
    assert str(after[uid]["STATUS"]) == "CANCELLED"
    assert after[uid]["SEQUENCE"] == 1
    assert is_update(before[uid], after[uid])


def test_a_slot_withdrawn_and_back_continues_its_count(demo):
    workshop = Workshop.objects.get(slug=MOVED)
    uid = str(slot_of(MOVED).guid)
    services.workshops_set_status(workshops=[workshop], status=Workshop.Status.DRAFT)
    release(demo, "1.1")
    assert uid not in events(render("program.ics", demo))

    services.workshops_set_status(workshops=[workshop], status=Workshop.Status.PUBLISHED)
    release(demo, "1.2")

    assert events(render("program.ics", demo))[uid]["SEQUENCE"] == 1


def test_the_description_is_plain_text_from_the_markdown(demo):
    workshop = Workshop.objects.get(slug=MOVED)
    workshop.abstract = "Measure **cheaply** & _often_.\n\n- one\n- [two](https://example.org)"
    workshop.save()

    description = str(events(render("program.ics", demo))[str(slot_of(MOVED).guid)]["DESCRIPTION"])

    assert "Measure cheaply & often.\n\n- one\n- two\n\n" in description
    assert "**" not in description and "<" not in description
