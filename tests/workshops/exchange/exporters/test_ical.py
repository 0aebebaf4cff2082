import datetime as dt
import re

import icalendar
import pytest
import time_machine
import vobject
import vobject.icalendar

from tests.factories import ConferenceFactory, RoomFactory, TimeSlotFactory, WorkshopFactory, local
from tests.workshops.exchange.exporters.conftest import BASE_URL, DEMO_NAMES, program_of, render
from workshops.exchange.exporters import ical
from workshops.models import TimeSlot, Workshop

pytestmark = pytest.mark.django_db
UTC = dt.UTC
NOW = dt.datetime(2023, 5, 1, 9, 30, tzinfo=UTC)
BENCHMARKING = "Benchmarking Machine Learning Workloads on Emerging Hardware"


@pytest.fixture(autouse=True)
def fresh_vobject_zones(monkeypatch):
    # vobject keeps the first VTIMEZONE it reads for a TZID for the rest of the process;
    # each test reads its own file's.
    monkeypatch.setattr(vobject.icalendar, "__tzidMap", {"UTC": vobject.icalendar.utc})


def events_of(content: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def event_of(content: bytes, summary: str) -> icalendar.Event:
    return next(e for e in events_of(content) if str(e["SUMMARY"]) == summary)


def strictly_valid(content: bytes):
    calendar = vobject.readOne(content.decode())
    assert calendar.validate(raiseException=True, complainUnrecognized=True)
    return calendar


def test_ical_parses_and_validates_strictly(demo):
    content = render("program.ics", demo)

    calendar = strictly_valid(content)

    assert len(calendar.vevent_list) == 10
    assert len(events_of(content)) == 10


def test_ical_strict_validation_rejects_an_event_without_dtstamp(demo):
    # vobject's check is real: drop a required property and it fails.
    content = re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", render("program.ics", demo))

    with pytest.raises(vobject.base.ValidateError):
        vobject.readOne(content.decode()).validate(raiseException=True)


def test_ical_lines_end_in_crlf_and_fold_at_75_octets(demo):
    Workshop.objects.filter(slug="pacmi").update(
        title="Practical Adoption — "
        + "Deniz Altınbüken, M. Hadi Amini, Navid NaderiAlizadeh; " * 4
    )

    content = render("program.ics", demo)

    assert content.endswith(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    lines = content.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    for line in lines:
        line.decode()  # a fold never cuts a character in two
    unfolded = content.decode().replace("\r\n ", "")
    for name in DEMO_NAMES:
        assert name in unfolded


def test_ical_every_tzid_has_its_vtimezone(demo):
    content = render("program.ics", demo)

    used = set(re.findall(r";TZID=([^:;]+)[:;]", content.decode()))
    calendar = icalendar.Calendar.from_ical(content)
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert used == {"America/New_York"}
    assert used <= defined


def test_ical_times_are_correct_in_every_parser(demo):
    content = render("program.ics", demo)

    event = event_of(content, BENCHMARKING)
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(2023, 6, 8, 12, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == dt.datetime(2023, 6, 8, 20, 40, tzinfo=UTC)
    assert "DTSTART;TZID=America/New_York:20230608T080000" in content.decode()
    [parsed] = [e for e in strictly_valid(content).vevent_list if e.summary.value == BENCHMARKING]
    assert parsed.dtstart.value.astimezone(UTC) == dt.datetime(2023, 6, 8, 12, tzinfo=UTC)
    assert parsed.dtend.value.astimezone(UTC) == dt.datetime(2023, 6, 8, 20, 40, tzinfo=UTC)


def test_ical_times_stay_right_when_the_clocks_change_during_the_conference(db):
    conference = ConferenceFactory(
        start_date=dt.date(2023, 11, 3), end_date=dt.date(2023, 11, 7), year=2023
    )
    before = TimeSlotFactory(workshop__conference=conference, start=local(dt.date(2023, 11, 4), 8))
    after = TimeSlotFactory(workshop__conference=conference, start=local(dt.date(2023, 11, 6), 8))

    content = ical.ICalExporter().render(program_of(conference))

    parsed = {e.uid.value: e for e in strictly_valid(content).vevent_list}
    assert parsed[str(before.guid)].dtstart.value.astimezone(UTC) == dt.datetime(
        2023, 11, 4, 12, tzinfo=UTC
    )
    assert parsed[str(after.guid)].dtstart.value.astimezone(UTC) == dt.datetime(
        2023, 11, 6, 13, tzinfo=UTC
    )


def test_ical_uids_are_the_slot_guids_and_stay(demo):
    first = {str(e["UID"]) for e in events_of(render("program.ics", demo))}
    slot = TimeSlot.objects.get(workshop__slug="algorithmic-efficiency")
    slot.start += dt.timedelta(minutes=30)
    slot.save()

    second = {str(e["UID"]) for e in events_of(render("program.ics", demo))}

    public = TimeSlot.objects.filter(conference=demo).exclude(workshop__status="draft")
    assert first == second == {str(slot.guid) for slot in public}


def test_ical_events_of_the_first_release_carry_its_time_and_sequence_0(demo):
    released = demo.current_release.created.replace(microsecond=0)

    with time_machine.travel(NOW + dt.timedelta(days=30), tick=False):
        events = events_of(render("program.ics", demo))

    for event in events:
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTAMP") == released
        assert event.decoded("LAST-MODIFIED") == released


def test_ical_event_describes_the_workshop(demo):
    event = event_of(render("program.ics", demo), "Practical Adoption Challenges of ML for Systems")

    assert str(event["LOCATION"]) == "Room 238, Miami, Florida"
    assert str(event["URL"]) == f"{BASE_URL}/mlsys-2023/workshops/pacmi/"
    assert str(event["STATUS"]) == "CONFIRMED"
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Organizers: Deniz Altınbüken (Google); Lyric Doshi; Milad Hashemi (Google); "
        "Martin Maas (Google)\n\nLearned components"
    )
    assert description.endswith(f"\n\n{BASE_URL}/mlsys-2023/workshops/pacmi/")


def test_ical_calendar_is_named_and_published(demo):
    calendar = icalendar.Calendar.from_ical(render("program.ics", demo))

    assert str(calendar["X-WR-CALNAME"]) == "MLSys 2023 workshops"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//workshop-program//")


def test_ical_marks_a_cancelled_workshop_cancelled(demo):
    Workshop.objects.filter(slug="pacmi").update(status=Workshop.Status.CANCELLED)

    events = [
        e for e in events_of(render("program.ics", demo)) if "Practical Adoption" in e["SUMMARY"]
    ]

    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in events] == [
        ("Cancelled: Practical Adoption Challenges of ML for Systems", "CANCELLED")
    ] * 2


def test_ical_workshop_calendar_holds_its_slots_only(demo):
    content = ical.workshop_calendar(program_of(demo), "pacmi")

    strictly_valid(content)
    slots = TimeSlot.objects.filter(workshop__slug="pacmi")
    assert {str(e["UID"]) for e in events_of(content)} == {str(s.guid) for s in slots}
    assert len(slots) == 2


def test_ical_workshop_calendar_refuses_drafts_and_unknown_slugs(demo):
    program = program_of(demo)

    for slug in ["secret", "no-such-workshop"]:
        with pytest.raises(LookupError):
            ical.workshop_calendar(program, slug)


def test_ical_room_calendar_holds_the_room_and_plenary_items(demo):
    content = ical.room_calendar(program_of(demo), "room-238")

    strictly_valid(content)
    assert sorted(str(e["SUMMARY"]) for e in events_of(content)) == [
        "Lunch",
        "Practical Adoption Challenges of ML for Systems",
        "Practical Adoption Challenges of ML for Systems",
    ]
    with pytest.raises(LookupError):
        ical.room_calendar(program_of(demo), "no-such-room")


def test_ical_calendar_of_chosen_workshops(demo):
    chosen = Workshop.objects.filter(slug__in=["pacmi", "algorithmic-efficiency", "secret"])

    content = ical.workshops_calendar(program_of(demo), chosen.values_list("pk", flat=True))

    strictly_valid(content)
    assert sorted(str(e["SUMMARY"]) for e in events_of(content)) == [
        "Algorithmic Efficiency and Scalability of Machine Learning",
        "Practical Adoption Challenges of ML for Systems",
        "Practical Adoption Challenges of ML for Systems",
    ]


def test_ical_utc_conference_writes_utc_times(db):
    conference = ConferenceFactory(timezone="UTC")
    room = RoomFactory(conference=conference)
    TimeSlotFactory(
        workshop=WorkshopFactory(conference=conference),
        room=room,
        start=dt.datetime(2023, 6, 8, 8, tzinfo=UTC),
        end=dt.datetime(2023, 6, 8, 9, tzinfo=UTC),
    )

    content = ical.ICalExporter().render(program_of(conference))

    strictly_valid(content)
    assert "DTSTART:20230608T080000Z" in content.decode()
