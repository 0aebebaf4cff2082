import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASTED = "08:10-08:55 Invited talk: Wes Brewer (Oak Ridge)\n10:10-10:30 Morning break"

# The agenda inline's table and the box it sits in: sideways scrolling shows as a scroll width
# beyond the visible one.
OVERFLOW = """() => [
    document.querySelector('#agenda_items-group .wrapper'),
    document.querySelector('#agenda_items-group fieldset'),
    document.querySelector('#content-main'),
].map((box) => box.scrollWidth - box.clientWidth)"""


def test_chair_pastes_an_agenda_into_rows_that_fit_a_1366_screen(live_server, make_page, demo):
    from tests.factories import ChairFactory
    from workshops.models import Conference

    Conference.objects.get(slug="mlsys-2023").chairs.add(ChairFactory(username="chair-agenda"))
    page = make_page(viewport={"width": 1366, "height": 900})
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "chair-agenda")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.get_by_role("link", name="Workshops", exact=True).click()
    page.get_by_role("link", name="Federated Learning Systems").click()

    page.locator("#organizer_links-group .add-row a").click()
    assert page.locator('[name="organizer_links-7-position"]').input_value() == "7"

    page.get_by_text("Paste an agenda").click()
    page.fill("#agenda-paste-text", PASTED)
    page.click("#agenda-paste-fill")
    page.wait_for_selector('[name="agenda_items-1-title"]')

    rows = page.locator("#agenda_items-group tr.dynamic-agenda_items")
    assert [
        [rows.nth(n).locator(f'[name$="-{field}"]').input_value() for field in
         ("start", "end", "kind", "title", "speakers")]
        for n in range(rows.count())
    ] == [
        ["08:10", "08:55", "invited", "Invited talk", "Wes Brewer (Oak Ridge)"],
        ["10:10", "10:30", "break", "Morning break", ""],
    ]  # fmt: skip
    assert page.evaluate(OVERFLOW) == [0, 0, 0]

    page.locator("#organizer_links-group tr.dynamic-organizer_links .inline-deletelink").click()
    page.click("input[name=_continue]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert page.locator('[name="agenda_items-0-start"]').input_value() == "08:10"
