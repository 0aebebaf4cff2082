import re

import pytest

from workshops.demo.loader import demo_load
from workshops.exchange.static_site import site_export
from workshops.models import Conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def static_site(tmp_path):
    demo_load()
    return site_export(conference=Conference.objects.get(slug="mlsys-2023"), out=tmp_path / "site")


def test_attendee_opens_the_static_site_from_disk_and_a_workshop(page, static_site):
    listing = static_site.folder / "mlsys-2023" / "index.html"

    page.goto(listing.as_uri())

    cards = page.locator("article.workshop-card")
    assert cards.count() == 8
    assert cards.nth(1).locator(".organizers").inner_text().startswith("Deniz Altınbüken · ")
    # The stylesheet came from the folder: the cards have the site's rounded corners.
    radius = cards.nth(0).evaluate("card => getComputedStyle(card).borderTopLeftRadius")
    assert radius == "10px"

    cards.nth(0).locator("h2 a").click()

    page.wait_for_url(re.compile(r"/mlsys-2023/workshops/benchmarking-ml-workloads/index\.html$"))
    assert page.url.startswith("file://")
    assert page.locator("h1").inner_text() == (
        "Benchmarking Machine Learning Workloads on Emerging Hardware"
    )
    assert page.locator("table.agenda tbody tr").count() == 10

    page.get_by_role("navigation", name="Program").get_by_role("link", name="Schedule").click()

    page.wait_for_url(re.compile(r"/mlsys-2023/schedule/index\.html$"))
    assert page.locator("h1").inner_text() == "Schedule"
