"""Schedules as other systems publish them: each quirk of real frab, pretalx and c3voc files in
a small file of its own, imported through the one import service."""

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

import pytest

from workshops.exchange.importers import parse_program, program_import
from workshops.exchange.importers.plan import CHANGED, LEFT_OUT, STOPS
from workshops.models import AgendaItem, Conference, Room, TimeSlot, Workshop

pytestmark = pytest.mark.django_db

HAMBURG = ZoneInfo("Europe/Berlin")


def event(
    title: str,
    start: str,
    duration: str = "00:30",
    *,
    guid: str | None = None,
    ident: str = "",
    persons: tuple[str, ...] = ("Ada Example",),
    url: str = "",
) -> str:
    """One frab <event>; start is the local time of 2025-03-10 (+01:00)."""
    guid_attribute = f' guid="{guid}"' if guid else ""
    people = "".join(f"<person>{name}</person>" for name in persons)
    return (
        f'<event id="{ident or abs(hash(title)) % 10000}"{guid_attribute}>'
        f"<date>2025-03-10T{start}:00+01:00</date><start>{start}</start>"
        f"<duration>{duration}</duration><title>{title}</title><type>lecture</type>"
        f"<persons>{people}</persons><url>{url}</url></event>"
    )


def frab(
    rooms: dict[str, list[str]],
    *,
    acronym: str = "<acronym>hh25</acronym>",
    zone: str = "",
    end: str = "2025-03-10",
) -> bytes:
    """A frab schedule of one day, 2025-03-10, with these events by room name."""
    zone_element = f"<time_zone_name>{zone}</time_zone_name>" if zone else ""
    body = "".join(
        f'<room name="{name}">{"".join(events)}</room>' for name, events in rooms.items()
    )
    return (
        "<schedule><conference>"
        f"{acronym}<title>Hamburg Hack Days 2025</title>"
        f"<start>2025-03-10</start><end>{end}</end>{zone_element}"
        f'</conference><day date="2025-03-10">{body}</day></schedule>'
    ).encode()


def run(content: bytes, **kwargs):
    kwargs.setdefault("time_zone", "Europe/Berlin")
    return program_import(plan=parse_program(content), **kwargs)


def texts(report, group: str) -> list[str]:
    return [problem.message for problem in report.problems if problem.group == group]


def test_guids_that_are_not_uuids_give_stable_uuids():
    content = frab({"Saal 1": [event("Opening", "11:00", guid="HOqeNIb6G7M4hYFKFRkCmQ")]})

    first = run(content)
    again = run(content)

    slot = TimeSlot.objects.get()
    assert slot.guid == uuid.uuid5(
        uuid.UUID("6b1f9f53-3c0e-4d4e-9b8e-2f4b8c1d7a65"), "HOqeNIb6G7M4hYFKFRkCmQ"
    )
    assert "the GUID “HOqeNIb6G7M4hYFKFRkCmQ” is not a UUID" in texts(first, CHANGED)[0]
    assert again.change_count == 0


def test_one_guid_shared_by_the_slots_of_one_talk_gives_each_slot_its_own():
    shared = "8c4e647f-813e-41ef-b05b-65469dd841c3"
    content = frab(
        {
            "Saal 1": [event("Workshop part", "10:00", guid=shared, ident="7")],
            "Saal 2": [event("Workshop part", "14:00", guid=shared, ident="7")],
        }
    )

    report = run(content)

    workshop = Workshop.objects.get()
    assert workshop.slots.count() == 2
    assert {str(slot.guid) == shared for slot in workshop.slots.all()} == {True, False}
    assert "shares its GUID with the event at" in texts(report, CHANGED)[0]


def test_one_id_used_by_unrelated_talks_of_merged_instances_keeps_them_apart():
    content = frab(
        {
            "Stage A": [event("Rust for embedded", "10:00", ident="101", persons=("Kim",))],
            "Stage B": [event("Knitting with code", "10:00", ident="101", persons=("Lu",))],
        }
    )

    report = run(content)

    assert sorted(Workshop.objects.values_list("title", flat=True)) == [
        "Knitting with code",
        "Rust for embedded",
    ]
    assert "they were kept apart as two workshops" in texts(report, CHANGED)[0]


def test_short_events_inside_a_longer_one_become_its_agenda_items_with_speakers():
    guid = "5d3b1c2a-0000-4000-8000-000000000001"
    content = frab(
        {
            "Saal 1": [
                event("Lightning talks", "18:00", "01:00", persons=("Host",)),
                event("Five minutes of Forth", "18:05", "00:05", guid=guid, persons=("Bo", "Cy")),
                event("Tiny parsers", "18:10", "00:05", persons=("Di",)),
            ]
        }
    )

    report = run(content)

    block = Workshop.objects.get()
    assert block.title == "Lightning talks"
    items = list(AgendaItem.objects.order_by("start"))
    assert [(item.title, item.speakers) for item in items] == [
        ("Five minutes of Forth", "Bo\nCy"),
        ("Tiny parsers", "Di"),
    ]
    assert str(items[0].guid) == guid
    assert items[0].start == dt.datetime(2025, 3, 10, 18, 5, tzinfo=HAMBURG)
    assert len(texts(report, CHANGED)) == 2
    assert TimeSlot.objects.count() == 1


def test_exact_duplicate_slots_of_one_talk_are_imported_once():
    twice = event("Keynote", "09:00", ident="1")
    content = frab({"Saal 1": [twice, twice]})

    report = run(content)

    assert TimeSlot.objects.count() == 1
    assert texts(report, LEFT_OUT) == [
        "line 1, <event>: “Keynote” repeats the slot at line 1, <event> exactly; left out."
    ]


@pytest.mark.parametrize(("choice", "drafts"), [("leave-out", 0), ("draft", 1)])
def test_a_placeholder_on_a_real_talk_is_left_out_or_a_draft(choice, drafts):
    content = frab(
        {
            "Saal 1": [
                event("TBA", "10:00", "01:00", persons=()),
                event("Real talk", "10:30", "01:00", persons=("Speaker",)),
            ]
        }
    )

    report = run(content, clashes=choice)

    slot = TimeSlot.objects.get()
    assert slot.workshop.title == "Real talk"
    assert Workshop.objects.filter(status="draft").count() == drafts
    (left_out,) = texts(report, LEFT_OUT)
    assert "“TBA” (Mon 10 Mar 10:00–11:00) is a placeholder on “Real talk”" in left_out


def test_a_partial_overlap_never_sinks_the_import():
    content = frab(
        {"Saal 1": [event("First", "10:00", "01:00"), event("Second", "10:30", "01:00")]}
    )

    report = run(content)

    assert not report.refused
    assert [slot.workshop.title for slot in TimeSlot.objects.all()] == ["First"]
    assert "“Second” (Mon 10 Mar 10:30–11:30) is overlapping “First”" in texts(report, LEFT_OUT)[0]


def test_an_event_of_no_length_is_imported_as_one_minute():
    content = frab({"Saal 1": [event("Doors open", "08:00", "00:00")]})

    report = run(content)

    slot = TimeSlot.objects.get()
    assert slot.end - slot.start == dt.timedelta(minutes=1)
    assert texts(report, CHANGED) == [
        "line 1, <event>: “Doors open” lasts no time (00:00); it was given one minute."
    ]


def test_a_long_web_address_is_kept_and_one_past_any_sane_length_dropped():
    long = "https://example.org/" + "a" * 182  # 202 characters, as a real pretalx file had
    absurd = "https://example.org/" + "b" * 2000
    content = frab(
        {"Saal 1": [event("Long", "09:00", url=long), event("Absurd", "11:00", url=absurd)]}
    )

    report = run(content)

    assert Workshop.objects.get(title="Long").website == long
    assert Workshop.objects.get(title="Absurd").website == ""
    assert "has 2020 characters, more than 2000; it was left out." in texts(report, CHANGED)[0]


def test_rooms_whose_names_differ_only_in_case_are_one_room():
    content = frab({"Saal 1": [event("A", "09:00")], "SAAL 1": [event("B", "11:00")]})

    report = run(content)

    assert list(Room.objects.values_list("name", flat=True)) == ["Saal 1"]
    assert "was taken as the room “Saal 1”" in texts(report, CHANGED)[0]


def test_events_after_the_stated_end_widen_the_conference():
    content = frab({"Saal 1": [event("Late night", "23:30", "01:00")]})

    report = run(content)

    conference = Conference.objects.get()
    assert (conference.start_date, conference.end_date) == (
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 11),
    )
    assert "its dates were widened to 2025-03-10 to 2025-03-11" in texts(report, CHANGED)[0]


def test_no_acronym_gives_a_slug_made_from_the_title():
    report = run(frab({"Saal 1": [event("A", "09:00")]}, acronym=""))

    assert Conference.objects.get().slug == "hamburg-hack-days-2025"
    assert "was made from its title" in texts(report, CHANGED)[0]


def test_no_zone_name_stops_a_new_conference_until_one_is_given():
    content = frab({"Saal 1": [event("Hamburg talk", "11:00")]})

    refused = program_import(plan=parse_program(content))
    report = run(content, time_zone="Europe/Berlin")

    assert refused.refused and "--time-zone" in texts(refused, STOPS)[0]
    assert texts(refused, STOPS)[0].endswith(
        "Zones that fit its times' offsets: Europe/Amsterdam, Europe/Andorra, Europe/Belgrade, "
        "Europe/Berlin, Europe/Bratislava."
    )
    conference = Conference.objects.get()
    assert conference.timezone == "Europe/Berlin"
    assert TimeSlot.objects.get().start == dt.datetime(2025, 3, 10, 10, tzinfo=dt.UTC)
    assert report.time_zone == (
        "Europe/Berlin, as chosen for this import (the file names no zone)."
    )


def test_every_unreadable_event_is_listed_and_the_rest_read_on():
    broken = event("Broken date", "09:00").replace("2025-03-10T09:00", "someday")
    no_title = event("", "10:00")
    content = frab({"Saal 1": [broken, no_title, event("Fine", "11:00")]}, zone="Europe/Berlin")

    report = program_import(plan=parse_program(content), dry_run=True)

    assert report.refused
    stoppers = texts(report, STOPS)
    assert len(stoppers) == 2
    assert "“someday:00+01:00” is not a date and time" in stoppers[0]
    assert "an event without a title" in stoppers[1]
    assert "1 workshop" in report.summary
    assert not Conference.objects.exists()


def test_a_c3voc_merge_with_reused_ids_and_cased_rooms():
    def c3voc_event(title, start, guid, ident, person):
        return {
            "id": ident,
            "guid": guid,
            "date": f"2025-03-10T{start}:00+01:00",
            "start": start,
            "duration": "00:30",
            "room": "Hall",
            "title": title,
            "type": "Talk",
            "persons": [{"name": person}],
        }

    document = {
        "schedule": {
            "version": "merge",
            "conference": {
                "acronym": "merged25",
                "title": "A merge of two instances",
                "start": "2025-03-10",
                "end": "2025-03-10",
                "time_zone_name": "Europe/Berlin",
                "days": [
                    {
                        "index": 1,
                        "date": "2025-03-10",
                        "rooms": {
                            "Hall": [
                                c3voc_event("One", "10:00", "HOqeNIb6G7M4hYFKFRkCmQ", 5, "Ann")
                            ],
                            "hall": [
                                c3voc_event(
                                    "Two", "11:00", "c86c1302-1805-464f-8278-b2e64391efa9", 5, "Bob"
                                )
                            ],
                        },
                    }
                ],
            },
        }
    }

    report = run(json.dumps(document).encode())

    assert not report.refused
    assert Room.objects.count() == 1 and Workshop.objects.count() == 2
    assert len(texts(report, CHANGED)) == 3  # the GUID, the cased room, the reused id


def test_a_generated_congress_of_1351_events_previews_in_one_pass():
    # 44 rooms, each: a 60-minute block holding two five-minute talks, then half-hour talks.
    rooms: dict[str, list[str]] = {}
    count = 0
    for room in range(44):
        events = [event(f"Block {room}", "08:00", "01:00", ident=f"b{room}")]
        events += [
            event(f"Flash {room}-{n}", f"08:{10 * n:02d}", "00:05", ident=f"f{room}-{n}")
            for n in (1, 2)
        ]
        for half_hour in range(28):
            start = f"{9 + half_hour // 2:02d}:{30 * (half_hour % 2):02d}"
            events.append(event(f"Talk {room} {start}", start, "00:25", ident=f"t{room}{start}"))
        rooms[f"Room {room}"] = events[: 1351 - count]
        count += len(rooms[f"Room {room}"])
    content = frab(rooms, zone="Europe/Berlin")
    assert content.count(b"<event") == 1351

    report = program_import(plan=parse_program(content), dry_run=True)

    assert not report.refused
    assert report.counts("created").startswith("1 conference, 44 rooms")
    assert len(texts(report, CHANGED)) == 88  # the flash talks, each an agenda item
    assert not Conference.objects.exists()
