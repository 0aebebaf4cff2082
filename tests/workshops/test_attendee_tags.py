"""The attendee tags: machine-readable times, the instant filters' data, QR addresses."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
)
from workshops.models import TimeSlot, Topic
from workshops.program import selectors
from workshops.program.times import slot_time
from workshops.site.filters import ProgramFilters
from workshops.site.schedule import schedule_page
from workshops.templatetags.attendee_tags import (
    conference_bounds,
    listing_filter_index,
    qr_src,
    schedule_filter_index,
    slot_when,
    utc_iso,
)

NEW_YORK = ZoneInfo("America/New_York")


def conference(timezone="America/New_York"):
    """An unsaved MLSys 2023 (4 to 8 June) in `timezone`: the tags only format what they get."""
    return ConferenceFactory.build(name="MLSys 2023", slug="mlsys-2023", timezone=timezone)


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_utc_iso_writes_any_aware_moment_in_utc():
    assert utc_iso(dt.datetime(2023, 6, 8, 8, 0, tzinfo=NEW_YORK)) == "2023-06-08T12:00:00Z"
    assert utc_iso(None) == ""


@pytest.mark.parametrize(
    ("start", "end", "with_day"),
    [
        ((2023, 6, 8, 8, 0), (2023, 6, 8, 16, 40), True),
        ((2023, 6, 8, 9, 50), (2023, 6, 8, 17, 0), False),
        ((2023, 6, 8, 22, 0), (2023, 6, 9, 1, 30), True),
        ((2023, 12, 7, 9, 0), (2023, 12, 7, 12, 0), True),
        ((2023, 11, 5, 0, 0), (2023, 11, 5, 3, 0), True),  # New York falls back at 2:00
    ],
)
def test_slot_when_reads_as_slot_time(start, end, with_day):
    slot = TimeSlot(
        start=dt.datetime(*start, tzinfo=NEW_YORK), end=dt.datetime(*end, tzinfo=NEW_YORK)
    )

    html = slot_when(slot, conference(), with_day)

    assert text(html) == slot_time(slot, conference(), with_day)


def test_slot_when_marks_both_moments_in_utc():
    slot = TimeSlot(
        start=dt.datetime(2023, 6, 8, 8, 0, tzinfo=NEW_YORK),
        end=dt.datetime(2023, 6, 8, 16, 40, tzinfo=NEW_YORK),
    )

    assert slot_when(slot, conference()) == (
        '<time datetime="2023-06-08T12:00:00Z" data-span="2023-06-08T20:40:00Z" '
        'data-with-day="1">Thu 8 Jun · 8:00</time>–'
        '<time datetime="2023-06-08T20:40:00Z">16:40</time> EDT'
    )


def test_conference_bounds_are_midnight_to_midnight_at_the_venue():
    assert conference_bounds(conference()) == ("2023-06-04T04:00:00Z", "2023-06-09T04:00:00Z")


def test_qr_src_points_at_the_qr_endpoint():
    assert qr_src(conference(), "/mlsys-2023/rooms/a/") == (
        "/mlsys-2023/qr.svg?data=%2Fmlsys-2023%2Frooms%2Fa%2F"
    )


def test_filter_indexes_hold_what_the_server_matches(db):
    edition = ConferenceFactory(slug="mlsys-2023")
    room = RoomFactory(conference=edition, slug="room-241")
    workshop = WorkshopFactory(conference=edition, slug="ws", title="Édge AI", abstract="Tiny")
    WorkshopOrganizerFactory(workshop=workshop, organizer=OrganizerFactory(name="Deniz Altınbüken"))
    workshop.topics.add(Topic.objects.create(conference=edition, name="Edge", slug="edge"))
    late = TimeSlotFactory(
        workshop=workshop,
        room=room,
        start=dt.datetime(2023, 6, 7, 22, 0, tzinfo=NEW_YORK),
        end=dt.datetime(2023, 6, 8, 1, 0, tzinfo=NEW_YORK),
    )
    lunch = TimeSlot.objects.create(
        conference=edition,
        title="Lunch",
        start=dt.datetime(2023, 6, 8, 12, 0, tzinfo=NEW_YORK),
        end=dt.datetime(2023, 6, 8, 13, 0, tzinfo=NEW_YORK),
    )
    until_midnight = TimeSlot.objects.create(
        conference=edition,
        title="Reception",
        start=dt.datetime(2023, 6, 8, 22, 0, tzinfo=NEW_YORK),
        end=dt.datetime(2023, 6, 9, 0, 0, tzinfo=NEW_YORK),
    )
    [listed] = selectors.workshops_for_listing(conference=edition)
    schedule = selectors.schedule_for_program(conference=edition)
    days = schedule_page(schedule, ProgramFilters(), day=None, query=QueryDict()).days

    assert listing_filter_index([listed], edition) == {
        "ws": {
            "t": "edge ai  deniz altinbuken tiny",
            "w": [["room-241", "2023-06-07"], ["room-241", "2023-06-08"]],
            "p": ["edge"],  # its topics, for the topic filter
        }
    }
    assert schedule_filter_index(days, edition) == {
        "texts": {"ws": "edge ai  deniz altinbuken tiny"},
        "items": {
            str(late.guid): {
                "x": "ws",
                "w": [["room-241", "2023-06-07"], ["room-241", "2023-06-08"]],
                "p": ["edge"],
            },
            str(lunch.guid): {"t": "lunch", "w": [["", "2023-06-08"]]},
            # Ends at midnight: the next day is not one of its days.
            str(until_midnight.guid): {"t": "reception", "w": [["", "2023-06-08"]]},
        },
    }
