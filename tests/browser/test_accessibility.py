"""An axe-core audit of every public page, light and dark, phone and desktop, with the
attendee's tools switched on (stars, My schedule): no serious or critical violation.

axe-core comes from a package registry: the dev extra installs axe-playwright-python, which
ships axe.min.js. Without it the audit is skipped with the reason, except under CI=true.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_options
from workshops.demo.loader import demo_load

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    "/mlsys-2023/",
    "/mlsys-2023/?q=federated",
    "/mlsys-2023/workshops/federated-learning-systems/",
    "/mlsys-2023/schedule/",
    "/mlsys-2023/rooms/",
    "/mlsys-2023/rooms/room-241/",
    "/mlsys-2023/rooms/room-241/?screen=1",
    "/mlsys-2023/organizers/",
    "/mlsys-2023/organizers/virginia-smith/",
    "/mlsys-2023/export/",
    "/mlsys-2023/changelog/",
    "/mlsys-2023/my/",
    "/mlsys-2023/no-such-page/",
]
LOOKS = [
    pytest.param({"color_scheme": "light", "viewport": {"width": 390, "height": 844}}, id="phone"),
    pytest.param({"color_scheme": "dark", "viewport": {"width": 1280, "height": 900}}, id="dark"),
]


def serious_violations(page, axe_path) -> list[tuple]:
    page.add_script_tag(path=str(axe_path))
    result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:4])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("look", LOOKS)
def test_public_pages_have_no_serious_accessibility_violation(
    live_server, make_page, axe_path, look
):
    demo_load()
    # The audit injects axe-core as a script of its own, which the site's CSP would refuse.
    page = make_page(bypass_csp=True, **look)
    page.goto(live_server.url + "/mlsys-2023/")
    for title in ("Federated Learning Systems", "On-Device Intelligence"):
        page.get_by_role("button", name=f"Star {title}", exact=True).click()
    expect(page.locator("button.star[aria-pressed=true]")).to_have_count(2)

    found = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        violations = serious_violations(page, axe_path)
        if violations:
            found[path] = violations

    assert found == {}


def test_audit_runs_in_my_time_zone_too(live_server, make_page, axe_path):
    demo_load()
    page = make_page(bypass_csp=True, timezone_id="Europe/Berlin")
    page.goto(live_server.url + "/mlsys-2023/schedule/")
    open_options(page)
    page.get_by_label("My time").check()

    assert serious_violations(page, axe_path) == []
