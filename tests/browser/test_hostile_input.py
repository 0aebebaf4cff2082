"""The hostile corpus (tests/hostile.py) in a real browser: the pages' own scripts put titles
into the page too (stars, "My schedule", the filters), and none of it may ever run."""

import pytest
from django.conf import settings
from django.test import Client

from tests import hostile
from tests.browser.conftest import open_options
from tests.factories import ChairFactory
from workshops.pagecache import store as caching

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SLUG = hostile.CONFERENCE_SLUG


@pytest.fixture
def chair_session():
    """The hostile program, entered through the admin's forms by a chair, and the chair's
    session cookie for the browser."""
    caching.clear()  # no page cached from another test's program
    chair = ChairFactory()
    client = Client()
    client.force_login(chair)
    hostile.build_program(client)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_hostile_text_never_runs_in_the_browser(live_server, make_page, chair_session):
    page = make_page(viewport={"width": 1280, "height": 900})
    console_errors = []

    def on_console(message):
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):  # the admin has none
            console_errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": chair_session, "url": live_server.url}]
    )
    base = f"{live_server.url}/{SLUG}"

    page.goto(f"{base}/")
    stars = page.locator("button.star[data-star]:visible")
    assert stars.count() == len(hostile.ENTRIES)
    for index in range(stars.count()):
        stars.nth(index).click()
    open_options(page)
    page.locator("input[name=q]").fill(hostile.SCRIPT)  # filters as one types
    page.goto(f"{base}/my/")
    my_titles = page.locator("main").inner_text()
    for path in [
        "/workshops/workshop-script/",
        "/workshops/workshop-attribute/",
        "/schedule/?room=<script>&day=notadate",
        "/rooms/room-svg/",
        "/organizers/person-markdown/",
    ]:
        page.goto(f"{base}{path}")
    for path in ["/admin/workshops/workshop/", "/admin/workshops/conference/"]:
        page.goto(f"{live_server.url}{path}")
    page.get_by_role("link", name=hostile.typed("script", 200)).first.click()
    page.wait_for_load_state()

    assert hostile.typed("script", 300) in my_titles
    assert hostile.typed("attribute", 300) in my_titles
    assert page.locator("#content h2").first.is_visible()  # the change page, whole
    assert console_errors == []  # make_page fails the test on any dialog or page error
