"""The attendee's journeys in a real browser: time zones across a DST boundary, now / next,
instant filters, stars that survive a reload, "My schedule" with its overlap warning, calendar
feed and QR code, the change banner, and the offline copy."""

import datetime as dt
import re
import time
from urllib.parse import unquote

import icalendar
import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.browser.conftest import open_options
from tests.factories import (
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    local,
    organizer_of,
)
from workshops.models import TimeSlot, Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MONDAY_BEFORE = dt.date(2023, 3, 20)  # New York is on summer time (EDT), Berlin not yet (CET)
MONDAY_AFTER = dt.date(2023, 3, 27)  # both on summer time: EDT and CEST
JUNE_8 = dt.date(2023, 6, 8)


@pytest.fixture
def spring(db):
    """An edition across the weeks when Europe is an hour closer to New York than usual."""
    conference = ConferenceFactory(
        name="Spring 2023",
        slug="spring-2023",
        start_date=MONDAY_BEFORE,
        end_date=MONDAY_AFTER,
    )
    room = RoomFactory(conference=conference, name="Room A", slug="room-a")
    for slug, day in [("before", MONDAY_BEFORE), ("after", MONDAY_AFTER)]:
        workshop = WorkshopFactory(conference=conference, slug=slug, title=f"Workshop {slug}")
        TimeSlotFactory(workshop=workshop, room=room, start=local(day, 9), end=local(day, 12))
    return conference


@pytest.fixture
def one_day(db):
    """Three workshops on 8 June 2023: A 8-12 and B 10-14 overlap, C 15-16 does not."""
    conference = ConferenceFactory(
        name="One Day", slug="one-day", start_date=JUNE_8, end_date=JUNE_8
    )
    rooms = [RoomFactory(conference=conference, name=f"Room {n}", slug=f"room-{n}") for n in (1, 2)]
    for slug, room, start, end in [
        ("alpha", rooms[0], 8, 12),
        ("beta", rooms[1], 10, 14),
        ("gamma", rooms[0], 15, 16),
    ]:
        workshop = WorkshopFactory(conference=conference, slug=slug, title=slug.capitalize())
        TimeSlotFactory(
            workshop=workshop, room=room, start=local(JUNE_8, start), end=local(JUNE_8, end)
        )
    return conference


def eventually(page, expression: str, timeout: float = 10.0) -> None:
    """Wait until a JavaScript expression is true (wait_for_function evaluates strings, which
    the site's Content-Security-Policy forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(50)


def whens(page, selector=".workshop-card .when"):
    return [" ".join(text.split()) for text in page.locator(selector).all_inner_texts()]


# Time zones


def test_time_zone_switch_is_right_on_both_sides_of_a_dst_change(live_server, make_page, spring):
    page = make_page(timezone_id="Europe/Berlin")
    page.goto(live_server.url + "/spring-2023/")

    assert whens(page) == [
        "Mon 20 Mar · 9:00–12:00 EDT",
        "Mon 27 Mar · 9:00–12:00 EDT",
    ]
    open_options(page)
    page.get_by_label("My time").check()

    # 20 March: New York on EDT (UTC-4), Berlin still on CET (UTC+1): 5 hours apart, not 6.
    assert whens(page) == [
        "Mon 20 Mar · 14:00–17:00 CET",
        "Mon 27 Mar · 15:00–18:00 CEST",
    ]
    assert page.get_by_label("My time").is_checked()
    assert page.locator("[data-local-zone]").inner_text() == "Europe/Berlin"
    assert (
        "Times are in your time zone (Europe/Berlin)." in page.locator(".page-intro").inner_text()
    )

    page.reload()  # remembered

    assert whens(page) == ["Mon 20 Mar · 14:00–17:00 CET", "Mon 27 Mar · 15:00–18:00 CEST"]
    page.goto(live_server.url + "/spring-2023/schedule/all/")  # both days, on either side
    assert whens(page, ".schedule-item__span") == ["14:00–17:00", "15:00–18:00"]
    captions = page.locator("table.grid caption").all_text_contents()
    assert captions == [
        "Monday 20 March: rooms across, times down, in CET (Europe/Berlin)",
        "Monday 27 March: rooms across, times down, in CEST (Europe/Berlin)",
    ]
    page.goto(live_server.url + "/spring-2023/rooms/room-a/")
    assert whens(page, ".room-sign__time") == ["14:00–17:00", "15:00–18:00"]
    page.goto(live_server.url + "/spring-2023/workshops/before/")
    assert whens(page, ".slot-list .when") == ["Mon 20 Mar · 14:00–17:00 CET"]

    open_options(page)
    page.get_by_label("Venue time").check()

    assert whens(page, ".slot-list .when") == ["Mon 20 Mar · 9:00–12:00 EDT"]
    page.goto(live_server.url + "/spring-2023/rooms/room-a/")
    assert whens(page, ".room-sign__time") == ["9:00–12:00", "9:00–12:00"]


def test_times_in_a_zone_a_day_ahead_name_the_day(live_server, make_page, spring):
    page = make_page(timezone_id="Asia/Tokyo")
    page.goto(live_server.url + "/spring-2023/schedule/all/")
    open_options(page)
    page.get_by_label("My time").check()

    # 9:00-12:00 EDT is 22:00-1:00 in Tokyo: the end falls on the next day.
    assert whens(page, ".schedule-item__span") == ["22:00–Tue 1:00", "22:00–Tue 1:00"]
    page.goto(live_server.url + "/spring-2023/")
    # Python says JST; Intl has no short English name for Tokyo's zone and says GMT+9.
    assert whens(page)[0] == "Mon 20 Mar · 22:00 – Tue 21 Mar 1:00 GMT+9"


# Now and next


def test_now_and_next_are_marked_while_the_conference_runs(live_server, make_page, one_day):
    page = make_page(viewport={"width": 1280, "height": 900})
    page.clock.set_fixed_time(local(JUNE_8, 11, 30))
    page.goto(live_server.url + "/one-day/schedule/")

    grid = page.locator("table.grid")
    assert grid.locator(".is-now .grid__title a").all_inner_texts() == ["Alpha", "Beta"]
    assert grid.locator(".is-next .grid__title a").all_inner_texts() == ["Gamma"]
    assert grid.locator(".now-badge").all_inner_texts() == ["NOW", "NOW", "NEXT"]

    page.clock.set_fixed_time(local(JUNE_8, 12, 30))
    page.evaluate("window.WP.markNow()")

    assert grid.locator(".is-now .grid__title a").all_inner_texts() == ["Beta"]
    page.goto(live_server.url + "/one-day/rooms/room-1/")
    assert page.locator(".room-sign__item.is-next .room-sign__title a").inner_text() == "Gamma"


def test_no_marker_outside_the_conference(live_server, make_page, one_day):
    page = make_page()
    page.clock.set_fixed_time(local(JUNE_8 + dt.timedelta(days=1), 9))
    page.goto(live_server.url + "/one-day/schedule/")

    assert page.locator(".now-badge").count() == 0


def test_room_screen_mode_refreshes_and_highlights_what_runs_now(live_server, make_page, one_day):
    page = make_page(viewport={"width": 1280, "height": 800})
    page.clock.install(time=local(JUNE_8, 9))
    page.goto(live_server.url + "/one-day/rooms/room-1/?screen=1")

    assert not page.locator(".site-header").is_visible()
    assert page.locator(".room-sign__item.is-now .room-sign__title a").inner_text() == "Alpha"
    assert page.locator("[data-clock]").inner_text() == "9:00"
    assert page.locator(".room-sign__qr img").evaluate("img => img.naturalWidth") > 0
    page.evaluate("window.__same_document = true")

    with page.expect_navigation():
        page.clock.run_for(301_000)

    assert page.evaluate("window.__same_document") is None  # reloaded
    assert page.url.endswith("/one-day/rooms/room-1/?screen=1")


# Instant filters


def test_listing_filters_as_one_types_without_a_reload(live_server, page, demo):
    page.goto(live_server.url + "/mlsys-2023/")
    page.evaluate("window.__same_document = true")
    cards = page.locator("article.workshop-card:visible")
    assert cards.count() == 8

    open_options(page)
    page.get_by_label("Search").fill("altınbüken")

    expect(page).to_have_url(re.compile(r"/mlsys-2023/\?q="))
    assert cards.locator("h2").all_inner_texts() == [
        "Practical Adoption Challenges of ML for Systems"
    ]
    assert page.locator("p.count").inner_text() == "1 of 8 workshops"
    assert unquote(page.evaluate("location.search")) == "?q=altınbüken"

    page.get_by_label("Search").fill("")
    page.get_by_label("Room", exact=True).select_option(label="Room 241")

    expect(page).to_have_url(re.compile(r"/mlsys-2023/\?room=room-241$"))
    assert cards.locator("h2").all_inner_texts() == [
        "Benchmarking Machine Learning Workloads on Emerging Hardware"
    ]
    page.get_by_role("link", name="Clear filters").first.click()

    expect(page).to_have_url(re.compile(r"/mlsys-2023/$"))
    assert cards.count() == 8
    assert page.evaluate("window.__same_document") is True


def test_listing_opened_filtered_widens_without_a_reload(live_server, page, demo):
    page.goto(live_server.url + "/mlsys-2023/?q=altinbuken")
    page.evaluate("window.__same_document = true")
    cards = page.locator("article.workshop-card:visible")
    assert cards.count() == 1

    page.get_by_label("Search").fill("")

    expect(page).to_have_url(re.compile(r"/mlsys-2023/$"))
    assert cards.count() == 8
    assert page.locator("p.count").inner_text() == "8 workshops"
    assert page.evaluate("window.__same_document") is True


def test_schedule_filters_instantly_by_room_and_text(live_server, page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/mlsys-2023/schedule/")
    page.evaluate("window.__same_document = true")

    open_options(page)
    page.get_by_label("Room", exact=True).select_option("room-240")

    expect(page).to_have_url(re.compile(r"/schedule/\?room=room-240$"))
    grid = page.locator(".schedule-grid table").first
    assert [t.strip() for t in grid.locator("thead th:visible").all_inner_texts()] == [
        "Time",
        "Room 240",
    ]
    assert grid.locator("td.grid__slot:visible:not(.is-filtered-out) .grid__title").count() == 1
    page.set_viewport_size({"width": 390, "height": 844})
    items = page.locator(".schedule-list li:visible")
    assert [text.split("\n")[1] for text in items.all_inner_texts()] == [
        "Next-Generation AI Methods and Systems: Analog, Neuromorphic, Photonic and Quantum",
        "Lunch",
    ]

    page.get_by_label("Room", exact=True).select_option("")
    page.get_by_label("Search").fill("federated")

    expect(page).to_have_url(re.compile(r"/schedule/\?q=federated$"))
    assert [text.split("\n")[1] for text in items.all_inner_texts()] == [
        "Federated Learning Systems"
    ]
    assert page.evaluate("window.__same_document") is True


# Favourites


def star(page, title):
    page.get_by_role("button", name=f"Star {title}", exact=True).first.click()


def test_stars_survive_a_reload_and_show_everywhere(live_server, page, one_day):
    page.goto(live_server.url + "/one-day/")
    star(page, "Alpha")
    star(page, "Gamma")

    page.reload()

    pressed = page.locator("button.star[aria-pressed=true]")
    assert pressed.evaluate_all("buttons => buttons.map(b => b.dataset.star)") == ["alpha", "gamma"]
    assert page.locator(".program-tools__my a").inner_text() == "★ My schedule (2)"
    page.goto(live_server.url + "/one-day/schedule/")
    schedule_pressed = page.locator(".schedule-list button.star[aria-pressed=true]")
    assert schedule_pressed.evaluate_all("bs => bs.map(b => b.dataset.star)") == ["alpha", "gamma"]
    page.goto(live_server.url + "/one-day/workshops/beta/")
    page.get_by_role("button", name="Star Beta").click()
    page.goto(live_server.url + "/one-day/")
    assert pressed.count() == 3


def test_my_schedule_lists_the_stars_warns_of_overlaps_and_gives_a_feed(
    live_server, make_page, one_day
):
    page = make_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/one-day/")
    for title in ("Gamma", "Alpha", "Beta"):
        star(page, title)

    page.get_by_role("link", name="My schedule").click()

    items = page.locator(".my-list > li")
    expect(items.locator(".my-item__title")).to_have_text(["Alpha", "Beta", "Gamma"])
    warning = page.locator(".notice--clash")
    assert warning.locator("li").all_inner_texts() == [
        "“Alpha” and “Beta”, Thu 8 Jun · 10:00–12:00 EDT"
    ]
    assert items.nth(0).locator(".my-item__clash").inner_text() == "Overlaps with “Beta”"
    assert items.nth(2).locator(".my-item__clash").count() == 0
    assert (
        items.nth(0).get_by_role("link", name="Add to calendar (.ics)").get_attribute("href")
        == "/one-day/workshops/alpha/calendar.ics"
    )

    feed = page.locator("[data-feed-url]")
    expect(feed).not_to_have_value("")
    url = feed.input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/one-day/feed/[^/]+\.ics", url)
    response = page.request.get(url)
    calendar = icalendar.Calendar.from_ical(response.body())
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == ["Alpha", "Beta", "Gamma"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    tampered = url.replace(token, token[:-2] + ("xy" if not token.endswith("xy") else "zz"))
    assert page.request.get(tampered).status == 404
    assert page.locator("[data-feed-subscribe]").get_attribute("href").startswith("webcal://")
    qr = page.locator("[data-my-qr]")
    qr.scroll_into_view_if_needed()
    eventually(page, "document.querySelector('[data-my-qr]').naturalWidth > 0")

    # The link carries the stars to another device, which has none.
    link = page.locator("[data-my-link]").get_attribute("href")
    phone = make_page()
    phone.goto(link)
    expect(phone.locator("[data-my-imported]")).to_have_text(
        "Added 3 workshops from the link to your stars."
    )
    expect(phone.locator(".my-list .my-item__title")).to_have_text(["Alpha", "Beta", "Gamma"])
    assert phone.evaluate("location.search") == ""
    phone.goto(live_server.url + "/one-day/")
    assert phone.locator("button.star[aria-pressed=true]").count() == 3

    # Unstarring in My schedule takes the workshop out, and the overlap with it.
    items.nth(1).get_by_role("button", name="Star Beta").click()
    expect(items.locator(".my-item__title")).to_have_text(["Alpha", "Gamma"])
    expect(warning).to_have_count(0)


def test_banner_names_starred_workshops_that_moved_or_were_cancelled(live_server, page, one_day):
    page.goto(live_server.url + "/one-day/")
    star(page, "Alpha")
    star(page, "Beta")
    eventually(
        page,
        "Object.keys((JSON.parse(localStorage.getItem('wp:one-day:seen')) || {}).workshops || {})"
        ".length === 2",
    )
    assert page.locator("[data-changes-banner]").is_hidden()

    # A chair's edits (saved rows move the program's version, so the cached pages renew).
    moved = TimeSlot.objects.get(workshop__slug="alpha")
    moved.start, moved.end = local(JUNE_8, 12), local(JUNE_8, 14)
    moved.save()
    for slug, field, value in [
        ("beta", "status", Workshop.Status.CANCELLED),
        ("gamma", "title", "Gamma, renamed"),  # not starred
    ]:
        workshop = Workshop.objects.get(slug=slug)
        setattr(workshop, field, value)
        workshop.save()
    page.goto(live_server.url + "/one-day/schedule/")

    banner = page.locator("[data-changes-banner]")
    expect(banner.locator("li")).to_have_text(
        [
            "Alpha has moved; now Thu 8 Jun · 12:00–14:00 EDT, Room 1.",
            "Beta has been cancelled.",
        ]
    )
    page.reload()
    expect(banner.locator("li")).to_have_count(2)  # until dismissed

    banner.get_by_role("button", name="Got it").click()

    expect(banner).to_be_hidden()
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(banner).to_be_hidden()


# Offline


def test_pages_seen_once_open_offline_with_a_note(live_server, make_page, demo):
    page = make_page()
    page.goto(live_server.url + "/mlsys-2023/workshops/federated-learning-systems/")
    page.wait_for_selector("html[data-offline-ready]")
    page.goto(live_server.url + "/mlsys-2023/schedule/")
    page.wait_for_selector("html[data-offline-ready]")

    page.context.set_offline(True)
    page.reload()

    note = page.locator("[data-offline-note]")
    assert re.fullmatch(
        r"Offline copy from \d{1,2}:\d\d\. "
        r"You are offline: rooms and times may have changed since\.",
        note.inner_text(),
    )
    assert page.locator(".schedule-list li").count() == 10
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    page.goto(live_server.url + "/mlsys-2023/workshops/federated-learning-systems/")
    assert page.locator("h1").inner_text() == "Federated Learning Systems"
    assert note.is_visible()
    page.goto(live_server.url + "/mlsys-2023/rooms/room-241/")
    assert page.locator("h1").inner_text() == "You are offline"

    page.context.set_offline(False)
    page.goto(live_server.url + "/mlsys-2023/schedule/")
    assert note.is_hidden()


def test_pages_seen_signed_in_are_not_served_offline_after_sign_out(
    live_server, make_page, one_day
):
    draft = WorkshopFactory(
        conference=one_day, slug="secret", title="Secret hardware", status=Workshop.Status.DRAFT
    )
    client = Client()
    client.force_login(organizer_of(draft))
    page = make_page()
    base = f"{live_server.url}/one-day"
    page.goto(f"{base}/workshops/alpha/")  # signed out: a public page, kept for offline
    page.wait_for_selector("html[data-offline-ready]")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{base}/workshops/secret/")  # the draft's preview
    expect(page.locator("h1")).to_have_text("Secret hardware")

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#content h1")).to_have_text("Logged out")
    page.context.set_offline(True)
    page.goto(f"{base}/workshops/secret/")

    assert page.locator("h1").inner_text() == "You are offline"
    assert "Secret hardware" not in page.content()
    page.goto(f"{base}/workshops/alpha/")
    assert page.locator("h1").inner_text() == "Alpha"
    assert page.locator("[data-offline-note]").is_visible()
