"""The issue's acceptance journey, on a phone and on a desktop: a new user opens the demo,
finds every workshop by room, day, time and name, switches time zones, stars two workshops,
sees them in "My schedule", adds them to a calendar and reopens the schedule offline.

What the pages must show is read from the database, never written out here."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_options
from workshops.models import Conference, Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BERLIN = ZoneInfo("Europe/Berlin")
DEVICES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}


def clock(moment: dt.datetime) -> str:
    return f"{moment.hour}:{moment:%M}"


def span(start: dt.datetime, end: dt.datetime, tz: ZoneInfo) -> str:
    """A slot's hours in `tz`: "8:00–16:40" (the demo's slots end on the day they start)."""
    start, end = start.astimezone(tz), end.astimezone(tz)
    assert start.date() == end.date()
    return f"{clock(start)}–{clock(end)}"


def when(start: dt.datetime, end: dt.datetime, tz: ZoneInfo) -> str:
    """ "Thu 8 Jun · 8:00–16:40 EDT" """
    local = start.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b} · {span(start, end, tz)} {local:%Z}"


def program():
    """The public workshops of MLSys 2023, each with its slots: (room, start, end)."""
    conference = Conference.objects.get(slug="mlsys-2023")
    workshops = (
        Workshop.objects.public()
        .filter(conference=conference)
        .prefetch_related("slots__room")
        .order_by("title")
    )
    found = {
        workshop.title: [(slot.room, slot.start, slot.end) for slot in workshop.slots.all()]
        for workshop in workshops
    }
    assert len(found) >= 2 and all(found.values())
    return conference, found


def texts(locator) -> list[str]:
    return [" ".join(text.split()) for text in locator.all_inner_texts()]


def grid_entries(page) -> set[tuple[str, str, str, str]]:
    """(day heading, room heading above the cell, hours, title) of each workshop in the grid."""
    found = set()
    for section in page.locator("section.schedule-day").all():
        day = section.locator("h2").inner_text()
        headers = {
            header.inner_text(): header.bounding_box()
            for header in section.locator("thead th[data-room]").all()
        }
        for cell in section.locator("td.grid__slot:has(.grid__title a)").all():
            box = cell.bounding_box()
            middle = box["x"] + box["width"] / 2
            room = [
                name
                for name, head in headers.items()
                if head["x"] <= middle <= head["x"] + head["width"]
            ]
            title = cell.locator(".grid__title a").inner_text()
            found.add((day, *room, cell.locator(".grid__span").inner_text(), title))
    return found


def list_entries(page) -> set[tuple[str, str, str, str]]:
    """The same, from the list that phones get."""
    found = set()
    for section in page.locator("section.schedule-day").all():
        day = section.locator("h2").inner_text()
        for item in section.locator(".schedule-list li:has(.schedule-item__title a)").all():
            found.add(
                (
                    day,
                    item.locator(".schedule-item__room").inner_text(),
                    item.locator(".schedule-item__span").inner_text(),
                    item.locator(".schedule-item__title a").inner_text(),
                )
            )
    return found


def shifted(hours: str, offset: dt.timedelta) -> str:
    """ "8:00–16:40" moved by `offset`, within the same day."""
    minutes = [
        int(hour) * 60 + int(minute) + offset // dt.timedelta(minutes=1)
        for hour, minute in (part.split(":") for part in hours.split("–"))
    ]
    assert all(0 <= value < 24 * 60 for value in minutes)
    return "–".join(f"{value // 60}:{value % 60:02}" for value in minutes)


def expected_entries(found, venue, tz) -> set[tuple[str, str, str, str]]:
    """The schedule's entries: under the venue's day, with the hours in `tz`."""
    return {
        (day_heading(start.astimezone(venue)), room.name, span(start, end, tz), title)
        for title, slots in found.items()
        for room, start, end in slots
    }


def day_heading(moment: dt.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def calendar_events(download) -> list[tuple[str, dt.datetime, dt.datetime]]:
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    return sorted(
        (str(event["summary"]), event.decoded("dtstart"), event.decoded("dtend"))
        for event in calendar.walk("VEVENT")
    )


@pytest.mark.parametrize("device", DEVICES)
def test_new_user_finds_stars_exports_and_reads_the_schedule_offline(
    live_server, make_page, demo, device
):
    conference, found = program()
    venue = conference.tz
    page = make_page(timezone_id="Europe/Berlin", **DEVICES[device])
    page.set_default_timeout(5000)
    desktop = device == "desktop"

    # The demo's front page is the MLSys 2023 listing: each card names its room and hours.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/mlsys-2023/")
    cards = page.locator("article.workshop-card:visible")
    expect(cards).to_have_count(len(found))
    for title, slots in found.items():
        card = cards.filter(has=page.get_by_role("heading", name=title, exact=True))
        assert texts(card.locator(".slot-list li")) == [
            f"{room.name} {when(start, end, venue)}" for room, start, end in slots
        ]

    # By room, day and name in the filters, as one selects and types.
    open_options(page)
    rooms = {room for slots in found.values() for room, _, _ in slots}
    for room in sorted(rooms, key=lambda room: room.name):
        page.get_by_label("Room", exact=True).select_option(label=room.name)
        expect(page).to_have_url(re.compile(rf"\?room={room.slug}$"))
        in_room = sorted(t for t, slots in found.items() if room in (s[0] for s in slots))
        expect(cards).to_have_count(len(in_room))
        assert sorted(cards.locator("h2 a").all_inner_texts()) == in_room
    page.get_by_label("Room", exact=True).select_option(label="All rooms")

    def local_day(moment: dt.datetime) -> dt.date:
        return moment.astimezone(venue).date()

    days = sorted({local_day(start) for slots in found.values() for _, start, _ in slots})
    for day in days:
        page.get_by_label("Day", exact=True).select_option(label=f"{day:%a} {day.day} {day:%b}")
        expect(page).to_have_url(re.compile(rf"\?day={day.isoformat()}$"))
        on_day = [t for t, slots in found.items() if day in (local_day(s[1]) for s in slots)]
        expect(cards).to_have_count(len(on_day))
        assert sorted(cards.locator("h2 a").all_inner_texts()) == sorted(on_day)
    for title in found:
        page.get_by_label("Search").fill(title)
        expect(cards.locator("h2 a")).to_have_text([title])
    page.get_by_role("link", name="Clear filters").first.click()
    expect(page).to_have_url(live_server.url + "/mlsys-2023/")
    expect(cards).to_have_count(len(found))

    # On the schedule: the grid on a desktop, the list on a phone, each slot under its room.
    page.get_by_role("navigation", name="Program").get_by_role("link", name="Schedule").click()
    expect(page).to_have_url(live_server.url + "/mlsys-2023/schedule/")
    entries = grid_entries if desktop else list_entries
    expect(
        page.locator(".schedule-grid table" if desktop else ".schedule-list").first
    ).to_be_visible()
    at_venue = entries(page)
    assert at_venue == expected_entries(found, venue, venue)

    # And on each room's page, found through the Rooms section.
    for room in sorted(rooms, key=lambda room: room.name):
        page.get_by_role("navigation", name="Program").get_by_role("link", name="Rooms").click()
        page.get_by_role("main").get_by_role("link", name=room.name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(room.name)
        shown = {
            (
                item.locator(".room-sign__title a").inner_text(),
                item.locator(".room-sign__time").inner_text(),
            )
            for item in page.locator(".room-sign__item:has(.room-sign__title a)").all()
        }
        assert shown == {
            (title, span(start, end, venue))
            for title, slots in found.items()
            for slot_room, start, end in slots
            if slot_room == room
        }

    # The device is in Berlin: "My time" moves every time by the zones' offset (6 h in June).
    page.goto(live_server.url + "/mlsys-2023/schedule/")
    open_options(page)
    page.get_by_label("My time").check()
    assert page.locator("[data-local-zone]").inner_text() == "Europe/Berlin"
    sample = next(iter(found.values()))[0][1]
    offset = sample.astimezone(BERLIN).utcoffset() - sample.astimezone(venue).utcoffset()
    in_berlin = entries(page)
    assert in_berlin == {(d, r, shifted(hours, offset), t) for d, r, hours, t in at_venue}
    assert in_berlin == expected_entries(found, venue, BERLIN)
    page.get_by_role("navigation", name="Program").get_by_role("link", name="Workshops").click()
    for title, slots in found.items():
        card = cards.filter(has=page.get_by_role("heading", name=title, exact=True))
        assert texts(card.locator(".when")) == [when(s, e, BERLIN) for _, s, e in slots]

    # Two stars, then My schedule: both, in Berlin time, each with its calendar file.
    starred = sorted(found, key=lambda title: len(found[title]), reverse=True)[:2]
    for title in starred:
        card = cards.filter(has=page.get_by_role("heading", name=title, exact=True))
        card.get_by_role("button", name=f"Star {title}", exact=True).click()
        expect(card.get_by_role("button", name=f"Star {title}")).to_have_attribute(
            "aria-pressed", "true"
        )
    page.get_by_role("link", name="My schedule (2)").click()
    expect(page).to_have_url(live_server.url + "/mlsys-2023/my/")
    items = page.locator(".my-list > li")
    mine = sorted(
        ((start, title, room, end) for title in starred for room, start, end in found[title]),
        key=lambda entry: (entry[0], entry[1]),
    )
    expect(items.locator(".my-item__title")).to_have_text([title for _, title, _, _ in mine])
    expect(items.locator(".my-item__when")).to_have_text(
        [f"{when(start, end, BERLIN)} · {room.name}" for start, _, room, end in mine]
    )
    expect(page.locator("p.count")).to_have_text(
        "2 starred workshops in 3 slots, 1 overlapping pair"
    )
    clashes = [
        sorted({other for s, other, _, e in mine if other != title and s < end and start < e})
        for start, title, _, end in mine
    ]
    expect(items.locator(".my-item__clash")).to_have_text(
        ["Overlaps with " + " and ".join(f"“{o}”" for o in others) for others in clashes if others]
    )

    def download(link) -> list[tuple[str, dt.datetime, dt.datetime]]:
        with page.expect_download() as info:
            link.click()
        return calendar_events(info.value)

    for title in starred:
        link = items.filter(has=page.get_by_role("link", name=title, exact=True)).first.get_by_role(
            "link", name="Add to calendar (.ics)"
        )
        assert download(link) == sorted((title, s, e) for _, s, e in found[title])
    expect(page.locator("[data-feed-url]")).not_to_have_value("")
    feed = page.get_by_role("link", name="Download all as a calendar file (.ics)")
    assert download(feed) == sorted((title, start, end) for start, title, _, end in mine)

    # Offline: the schedule, seen online once, opens from this device with a note.
    page.get_by_role("navigation", name="Program").get_by_role("link", name="Schedule").click()
    expect(page.locator("html[data-offline-ready]")).to_have_count(1)
    page.context.set_offline(True)
    page.reload()

    note = page.locator("[data-offline-note]")
    expect(note).to_have_text(
        re.compile(
            r"^Offline copy from \d{1,2}:\d\d\. You are offline: rooms and times may have changed"
            r" since\.$"
        )
    )
    assert entries(page) == expected_entries(found, venue, BERLIN)
    pressed = page.locator("section.schedule-day button.star[aria-pressed=true]:visible")
    assert sorted(set(pressed.evaluate_all("bs => bs.map(b => b.dataset.title)"))) == sorted(
        starred
    )
