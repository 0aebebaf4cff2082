"""On a phone (390x844) the program is on the first screen: the first workshop of the listing,
the first slot of the schedule and the start of a workshop's abstract, without scrolling."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("path", "first"),
    [
        ("/mlsys-2023/", ".workshop-card"),
        ("/mlsys-2023/schedule/", ".schedule-item"),
        ("/mlsys-2023/workshops/pacmi/", "#abstract + .prose"),
    ],
)
def test_the_program_starts_on_a_phones_first_screen(live_server, make_page, demo, path, first):
    page = make_page(viewport=PHONE)
    page.goto(live_server.url + path)

    box = page.locator(first).first.bounding_box()
    assert box is not None
    assert page.evaluate("scrollY") == 0
    assert box["y"] + 40 <= PHONE["height"]  # at least its first line shows
    # The header keeps to two lines: the name with the years, and the sections.
    nav = page.locator(".program-nav ul").bounding_box()
    assert nav["height"] < 50


def test_the_options_open_on_demand(live_server, make_page, demo):
    page = make_page(viewport=PHONE)
    page.goto(live_server.url + "/mlsys-2023/")
    search = page.get_by_label("Search")
    assert not search.is_visible()

    page.get_by_text("Search and filters").click()

    assert search.is_visible()
    assert page.get_by_label("My time").is_visible()
