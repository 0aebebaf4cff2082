"""The demo's benchmarking workshop in Chromium: its papers by session, topics, the talk
stars, and a starred talk in My schedule (with its overlap against a starred workshop)."""

import pytest

from tests.browser.conftest import open_options

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/mlsys-2023/workshops/benchmarking-ml-workloads/"


def test_a_starred_talk_shows_in_my_schedule(live_server, demo, make_page, tmp_path):
    page = make_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + PAGE)
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    assert page.locator("#papers").is_visible()
    assert page.locator(".paper__board", has_text="Board P3").is_visible()
    keynote = page.locator(".agenda__item", has_text="Yingyan").locator("button.star")
    keynote.click()
    assert keynote.get_attribute("aria-pressed") == "true"
    # A workshop at the same time elsewhere, starred from its own page.
    page.goto(live_server.url + "/mlsys-2023/workshops/pacmi/")
    page.locator("button.star--text").first.click()

    page.goto(live_server.url + "/mlsys-2023/my/")
    page.screenshot(path=str(tmp_path / "my.png"), full_page=True)
    items = page.locator(".my-item")
    titles = items.locator(".my-item__title").all_inner_texts()
    assert any(t.startswith("Invited talk (Benchmarking") for t in titles), titles
    talk = items.filter(has=page.locator(".my-item__title", has_text="Invited talk (Benchmarking"))
    assert "Yingyan (Celine) Lin" in talk.inner_text()
    assert "Overlaps with" in talk.inner_text()
    assert page.locator("p.count").inner_text() == (
        "1 starred workshop and 1 starred talk in 3 slots, 1 overlapping pair"
    )
    assert page.locator(".notice--clash").is_visible()


def test_the_topic_filter_narrows_the_listing_as_one_chooses(live_server, demo, make_page):
    page = make_page(viewport={"width": 1366, "height": 900})
    page.goto(live_server.url + "/mlsys-2023/")
    benchmarking = page.locator("article[data-key='benchmarking-ml-workloads']")
    assert benchmarking.is_visible()
    assert benchmarking.locator(".topic", has_text="Benchmarks and measurement").is_visible()

    open_options(page)
    page.select_option("select[name=topic]", "edge")

    page.wait_for_function("window.location.search === '?topic=edge'")
    assert benchmarking.is_hidden()
    assert page.locator("article[data-key='on-device-intelligence']").is_visible()
    assert page.locator("p.count").inner_text().startswith("2 of ")
