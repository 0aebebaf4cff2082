import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_options
from tests.factories import ConferenceFactory, RoomFactory, TimeSlotFactory, WorkshopFactory, local

# serialized_rollback keeps the data migrations made (the chairs group) across flushes.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOMS = [
    "Room 241",
    "Room 238",
    "Room 239",
    "Room 247",
    "Room 242",
    "Room 248",
    "Room 246",
    "Room 240",
]


def test_phone_gets_the_list_and_desktop_the_grid(live_server, page, demo):
    page.goto(live_server.url + "/mlsys-2023/schedule/")

    # 390 px wide: the list, not the grid.
    grid = page.locator(".schedule-grid table")
    items = page.locator(".schedule-list li")
    assert not grid.is_visible()
    assert items.count() == 10
    assert items.nth(0).is_visible()
    assert items.nth(8).inner_text().split("\n")[:3] == ["12:00–13:30", "Lunch", "All rooms"]

    page.set_viewport_size({"width": 1280, "height": 900})

    assert grid.is_visible()
    assert not items.nth(0).is_visible()
    headers = grid.locator("thead th[scope=col]").all_inner_texts()
    assert headers == ["Time", *ROOMS]
    lunch = grid.locator("tbody th[scope=row]", has_text="Lunch")
    assert lunch.inner_text().split("\n") == ["12:00", "Lunch (all rooms) until 13:30"]
    # Drawn to scale: 16:40-17:00 is a third as tall as the hour 8:00-9:00.
    hour = grid.locator("tbody tr").first.bounding_box()  # 8:00
    last = grid.locator("tbody tr").last.bounding_box()
    assert hour["height"] > 100
    assert abs(hour["height"] - 3 * last["height"]) <= 3

    grid.get_by_role("link", name="On-Device Intelligence").click()

    page.wait_for_url(re.compile(r"/mlsys-2023/workshops/on-device-intelligence/$"))


def test_filter_form_narrows_the_listing(live_server, make_page, demo):
    page = make_page(java_script_enabled=False)  # the form alone; filters.js has its tests
    page.goto(live_server.url + "/mlsys-2023/")
    cards = page.locator("article.workshop-card")
    assert cards.count() == 8

    open_options(page)
    page.get_by_label("Search").fill("altınbüken")
    page.get_by_role("button", name="Filter").click()

    page.wait_for_url(re.compile(r"\?q="))
    assert cards.locator("h2").all_inner_texts() == [
        "Practical Adoption Challenges of ML for Systems"
    ]
    assert page.locator("p.count").inner_text() == "1 of 8 workshops"

    page.get_by_label("Search").fill("")
    page.get_by_label("Room", exact=True).select_option(label="Room 241")
    page.get_by_role("button", name="Filter").click()

    page.wait_for_url(re.compile(r"room=room-241"))
    assert cards.locator("h2").all_inner_texts() == [
        "Benchmarking Machine Learning Workloads on Emerging Hardware"
    ]

    page.get_by_role("link", name="Clear filters").click()

    page.wait_for_url(re.compile(r"/mlsys-2023/$"))
    assert cards.count() == 8


def test_filter_form_narrows_the_schedule_grid(live_server, make_page, demo):
    page = make_page(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/mlsys-2023/schedule/")

    open_options(page)
    page.get_by_label("Room", exact=True).select_option("room-240")
    page.get_by_role("button", name="Filter").click()

    page.wait_for_url(re.compile(r"room=room-240"))
    grid = page.locator(".schedule-grid table")
    assert grid.locator("thead th").all_inner_texts() == ["Time", "Room 240"]
    # To scale: a row at each full hour from the room's first one, and at each start and end.
    assert grid.locator("tbody th").all_inner_texts() == [
        "9:00",
        "9:50",
        "10:00",
        "11:00",
        "12:00\nLunch (all rooms) until 13:30",
        "13:00",
        "13:30",
        "14:00",
        "15:00",
        "16:00",
    ]
    assert page.locator(".schedule-list li").count() == 2


@pytest.fixture
def two_days():
    """A two-day edition: one workshop each day, in one room."""
    conference = ConferenceFactory(
        slug="two-days", start_date=dt.date(2023, 6, 8), end_date=dt.date(2023, 6, 9)
    )
    room = RoomFactory(conference=conference, name="Hall", slug="hall")
    for day, title in [(8, "Thursday session"), (9, "Friday session")]:
        TimeSlotFactory(
            workshop=WorkshopFactory(conference=conference, title=title),
            room=room,
            start=local(dt.date(2023, 6, day), 9),
            end=local(dt.date(2023, 6, day), 12),
        )


def test_day_links_lead_to_each_days_page_without_javascript(live_server, make_page, two_days):
    page = make_page(java_script_enabled=False)
    page.goto(live_server.url + "/two-days/schedule/?q=session")
    assert page.locator(".schedule-day h2").all_inner_texts() == ["Thursday 8 June 2023"]

    page.get_by_role("navigation", name="Days").get_by_role("link", name="Fri 9 Jun").click()

    page.wait_for_url(re.compile(r"/two-days/schedule/2023-06-09/\?q=session$"))
    assert page.locator(".schedule-day h2").all_inner_texts() == ["Friday 9 June 2023"]
    assert page.locator(".schedule-list .schedule-item__title").all_inner_texts() == [
        "Friday session"
    ]
    current = page.locator(".day-nav a[aria-current=page]")
    assert current.all_inner_texts() == ["Fri 9 Jun"]

    page.get_by_role("link", name="All days").click()

    page.wait_for_url(re.compile(r"/two-days/schedule/all/\?q=session$"))
    assert page.locator(".schedule-day h2").all_inner_texts() == [
        "Thursday 8 June 2023",
        "Friday 9 June 2023",
    ]


def test_day_filter_on_a_days_page_opens_that_days_page(live_server, page, two_days):
    page.goto(live_server.url + "/two-days/schedule/2023-06-08/")
    open_options(page)
    page.get_by_label("Search").fill("session")
    expect(page).to_have_url(re.compile(r"/2023-06-08/\?q=session$"))

    page.get_by_label("Day", exact=True).select_option("2023-06-09")

    expect(page).to_have_url(re.compile(r"/two-days/schedule/2023-06-09/\?q=session$"))
    expect(page.locator(".schedule-day h2")).to_have_text(["Friday 9 June 2023"])
    expect(page.get_by_label("Search")).to_have_value("session")
