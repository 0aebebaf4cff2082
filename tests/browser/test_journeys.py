import re

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_attendee_browses_program_and_opens_workshop(live_server, page, demo):
    page.goto(live_server.url + "/")

    assert page.url == live_server.url + "/mlsys-2023/"
    cards = page.locator("article.workshop-card")
    assert cards.count() == 8
    first = cards.nth(0)
    assert first.locator("h2").inner_text() == (
        "Benchmarking Machine Learning Workloads on Emerging Hardware"
    )
    assert first.locator(".organizers").inner_text() == "Tom St John · Murali Emani · Wenqian Dong"
    assert first.locator(".room").inner_text() == "Room 241"
    assert cards.nth(1).locator(".organizers").inner_text().startswith("Deniz Altınbüken · ")

    first.locator("h2 a").click()

    page.wait_for_url(re.compile(r"/mlsys-2023/workshops/benchmarking-ml-workloads/$"))
    assert page.locator("h1").inner_text() == (
        "Benchmarking Machine Learning Workloads on Emerging Hardware"
    )
    rows = page.locator("table.agenda tbody tr")
    assert rows.count() == 10
    assert rows.nth(1).locator(".agenda__time").inner_text() == "8:10–8:55"
    assert "Yingyan (Celine) Lin" in rows.nth(1).inner_text()


def test_attendee_switches_edition(live_server, page, demo):
    page.goto(live_server.url + "/mlsys-2023/")

    page.get_by_role("navigation", name="Editions").get_by_role("link", name="2022").click()

    page.wait_for_url(re.compile(r"/mlsys-2022/$"))
    assert page.locator("article.workshop-card .room").all_inner_texts() == ["Mission Ballroom MR2"]
    current = page.locator(".year-switcher a[aria-current=page]")
    assert current.inner_text() == "2022"


def test_keyboard_user_skips_to_content(live_server, page, demo):
    page.goto(live_server.url + "/mlsys-2023/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_chair_signs_in_and_edits_workshop(live_server, page, demo, django_user_model):
    from tests.factories import ChairFactory
    from workshops.models import Conference

    Conference.objects.get(slug="mlsys-2023").chairs.add(ChairFactory(username="chair-browser"))
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "chair-browser")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.get_by_role("link", name="Workshops", exact=True).click()
    page.get_by_role("link", name="Federated Learning Systems").click()

    page.fill("#id_acronym", "FLSys")
    page.click("input[name=_save]")

    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    page.goto(live_server.url + "/mlsys-2023/workshops/federated-learning-systems/")
    assert page.locator("h1").inner_text() == "Federated Learning Systems (FLSys)"
