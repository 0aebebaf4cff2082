"""The schedule board in a real browser: a chair's whole job of adding a workshop and putting it
on the program, counted in actions; the board on a tablet, under axe, and read-only."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_accessibility import serious_violations
from tests.workshops.demo.test_demo import _make_run_commands

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The same job through the forms alone (the workshop's add form with its organizer, slot and
# agenda rows typed in, then the Move action) took about 60 field entries and clicks.
ACTIONS_BEFORE = 60

AGENDA = (
    "17:00-17:10 Introduction\n"
    "17:10-17:55 Invited talk: Ada Quill (Lakeside University)\n"
    "18:00-18:45 Panel\n"
    "18:45-19:00 Closing"
)


class Actions:
    """The user's actions on a page, each counted: a click, a field filled, a key pressed, a
    drag (press, move, release: one gesture)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, locator, text):
        self.count += 1
        locator.fill(text)

    def press(self, key):
        self.count += 1
        self.page.keyboard.press(key)

    def drag(self, locator, x, y):
        """Press on the card's middle, move to (x, y) of the page, release: with the mouse."""
        self.count += 1
        box = locator.bounding_box()
        mouse = self.page.mouse
        mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 12))
        mouse.down()
        mouse.move(x, y, steps=8)
        mouse.up()


def make_run_chair() -> tuple[str, str]:
    """The account `make run` creates (its recipe's commands, run here): name and password."""
    out = StringIO()
    for name, *arguments in _make_run_commands():
        call_command(name, *arguments, stdout=out, no_color=True, verbosity=0)
    return "chair", re.search(r"with the password: (\S+)", out.getvalue())[1]


def sign_in(act: Actions, url: str, username: str, password: str) -> None:
    act.page.goto(url + "/admin/")
    act.fill(act.page.locator("#id_username"), username)
    act.fill(act.page.locator("#id_password"), password)
    act.click(act.page.locator("input[type=submit]"))


def open_board(live_server, make_page, **options) -> Actions:
    """Signed in as the account `make run` creates, on MLSys 2023's board (its actions counted
    from the sign-in on)."""
    username, password = make_run_chair()
    act = Actions(make_page(**options))
    sign_in(act, live_server.url, username, password)
    act.click(act.page.get_by_role("link", name="Schedule board: MLSys 2023"))
    return act


def spot(page, room: str, clock: str) -> tuple[float, float]:
    """The page position of a room's column at a venue clock time on the board (the middle of
    that 5-minute row)."""
    return page.evaluate(
        """([room, clock]) => {
            const board = document.getElementById('board');
            const header = Array.from(board.querySelectorAll('.board-room'))
                .find((cell) => cell.firstChild.textContent.trim() === room);
            const corner = board.querySelector('.board-corner');
            const box = board.getBoundingClientRect();
            const step = (box.height - corner.offsetHeight) / Number(board.dataset.steps);
            const [h, m] = clock.split(':').map(Number);
            const [oh, om] = board.dataset.opens.split(':').map(Number);
            const row = ((h * 60 + m) - (oh * 60 + om)) / 5;
            const column = header.getBoundingClientRect();
            return [column.left + column.width / 2,
                    box.top + corner.offsetHeight + (row + 0.5) * step];
        }""",
        [room, clock],
    )


def scroll_board_to(page, clock: str) -> None:
    page.evaluate(
        """(clock) => {
            const hour = Array.from(document.querySelectorAll('.board-hour'))
                .find((cell) => cell.textContent.trim() === clock);
            hour.scrollIntoView({ block: 'center' });
        }""",
        clock,
    )


def saved(page, what: str) -> None:
    """Wait for the board, reloaded after a drop, to say it saved `what`."""
    expect(page.locator("#board-status")).to_have_text(f"Saved: {what}.")


def choose_organizer(act: Actions, row: int, typed: str) -> None:
    page = act.page
    act.click(page.locator("#organizer_links-group .add-row a"))
    act.click(page.locator(f"#organizer_links-{row} .select2-selection"))
    act.fill(page.locator(".select2-container--open .select2-search__field"), typed)
    page.locator(".select2-results__option--highlighted", has_text=typed).wait_for()
    act.press("Enter")


def test_chair_adds_a_workshop_and_schedules_it_on_the_board(live_server, make_page):
    from workshops.models import AgendaItem, TimeSlot, Workshop

    act = open_board(live_server, make_page, viewport={"width": 1366, "height": 900})
    page = act.page
    assert page.locator(".board-days a[aria-current=page]").inner_text() == "Thu 8 Jun"

    # The workshop, with three organizers (the third one new).
    act.click(page.get_by_role("link", name="Add a workshop"))
    act.fill(page.locator("#id_title"), "Compilers for Machine Learning")
    choose_organizer(act, 0, "Tom St John")
    choose_organizer(act, 1, "Virginia Smith")
    act.click(page.locator("#organizer_links-group .add-row a"))
    with page.expect_popup() as popup_info:
        act.click(page.locator("#add_id_organizer_links-2-organizer"))
    popup = popup_info.value
    popup.wait_for_load_state()
    act.fill(popup.locator("#id_name"), "Ada Quill")
    with popup.expect_event("close"):
        act.click(popup.locator("input[name=_save]"))
    act.click(page.locator("input[name=_save]"))

    # Back on the board, where it waits in the side list: placed with the mouse.
    page.wait_for_url(re.compile(r"/board/\?day=2023-06-08$"))
    card = page.locator(".board-side .board-card", has_text="Compilers for Machine Learning")
    scroll_board_to(page, "17:00")
    act.drag(card, *spot(page, "Room 241", "17:00"))
    saved(page, "Compilers for Machine Learning: Room 241, 17:00–18:00")
    workshop = Workshop.objects.get(title="Compilers for Machine Learning")
    first = TimeSlot.objects.get(workshop=workshop)
    assert (first.room.name, first.start.astimezone(workshop.conference.tz).hour) == (
        "Room 241",
        17,
    )

    # Its second slot, right after the first, moved to the next room with the keyboard.
    act.click(page.locator(f"#slot-{first.pk} .board-card__another"))
    saved(page, "Compilers for Machine Learning: Room 241, 18:00–19:00")
    second = TimeSlot.objects.filter(workshop=workshop).exclude(pk=first.pk).get()
    assert page.evaluate("document.activeElement.id") == f"slot-{second.pk}"
    act.press("ArrowRight")
    assert "Room 238, 18:00–19:00, not saved yet" in page.locator("#board-status").inner_text()
    act.press("Enter")
    saved(page, "Compilers for Machine Learning: Room 238, 18:00–19:00")
    second.refresh_from_db()
    assert second.room.name == "Room 238"

    # A clash: onto the benchmarking workshop's afternoon in Room 241. Refused, the card returns.
    scroll_board_to(page, "17:00")
    mine = page.locator(f"#slot-{first.pk}")
    where = "card => [card.style.gridColumn, card.style.gridRow, card.offsetTop, card.offsetLeft]"
    before = mine.evaluate(where)
    act.drag(mine, *spot(page, "Room 241", "16:00"))
    status = page.locator("#board-status.board-status--error")
    status.wait_for()
    assert status.inner_text() == (
        "Not saved: Room 241 is already booked at that time: “Benchmarking Machine Learning "
        "Workloads on Emerging Hardware”, Thu 08 Jun 08:00–16:40."
    )
    assert mine.evaluate(where) == before  # back in its room and rows
    first.refresh_from_db()
    assert first.start.astimezone(workshop.conference.tz).hour == 17

    # Its agenda, pasted into the workshop the card opens.
    act.click(mine.locator(".board-card__time"))
    page.wait_for_url(re.compile(rf"/admin/workshops/workshop/{workshop.pk}/change/$"))
    act.click(page.get_by_text("Paste an agenda"))
    act.fill(page.locator("#agenda-paste-text"), AGENDA)
    act.click(page.locator("#agenda-paste-fill"))
    page.wait_for_selector('[name="agenda_items-3-title"]')
    act.click(page.locator("input[name=_save]"))
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert AgendaItem.objects.filter(workshop=workshop).count() == 4

    # Every change on the public pages (a draft: its chairs preview it).
    page.goto(f"{live_server.url}/mlsys-2023/workshops/{workshop.slug}/")
    assert page.locator("h1").inner_text() == "Compilers for Machine Learning"
    text = page.locator("main").inner_text()
    for shown in ["Tom St John", "Virginia Smith", "Ada Quill", "Room 241", "Room 238"]:
        assert shown in text
    rows = page.locator("table.agenda tbody tr")
    assert rows.count() == 4
    assert rows.nth(1).locator(".agenda__time").inner_text() == "17:10–17:55"
    assert "Ada Quill (Lakeside University)" in rows.nth(1).inner_text()

    print(f"Actions on the board: {act.count} (through the forms alone: about {ACTIONS_BEFORE})")
    assert act.count <= ACTIONS_BEFORE // 2


def test_the_board_on_a_tablet_is_axe_clean_and_fits(live_server, make_page, axe_path):
    # The audit injects axe-core as a script of its own, which the site's CSP would refuse.
    act = open_board(
        live_server,
        make_page,
        viewport={"width": 1024, "height": 768},
        has_touch=True,
        bypass_csp=True,
    )
    page = act.page
    page.locator("#board").wait_for()

    assert serious_violations(page, axe_path) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # the board scrolls inside its box, the page does not
    assert page.locator(".board-side").is_visible()


def test_a_touch_drag_moves_a_card(live_server, make_page):
    """A finger's drag (pointer events of type touch) moves the afternoon of Room 238 by half
    an hour."""
    from workshops.models import TimeSlot

    act = open_board(
        live_server, make_page, viewport={"width": 1024, "height": 768}, has_touch=True
    )
    page = act.page
    card = page.locator(".board-card[aria-label^='Practical Adoption'][aria-label*='13:30 to']")
    slot = TimeSlot.objects.get(pk=card.get_attribute("data-slot"))
    scroll_board_to(page, "14:00")
    box = card.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + 12
    half_hour = spot(page, "Room 238", "14:00")[1] - spot(page, "Room 238", "13:30")[1]
    page.evaluate(
        """([id, x, y, dy]) => {
            const card = document.getElementById(id);
            const fire = (type, py) => card.dispatchEvent(new PointerEvent(type, {
                bubbles: true, pointerId: 7, pointerType: 'touch', isPrimary: true,
                clientX: x, clientY: py, button: type === 'pointermove' ? -1 : 0 }));
            fire('pointerdown', y);
            for (let n = 1; n <= 6; n++) fire('pointermove', y + dy * n / 6);
            fire('pointerup', y + dy);
        }""",
        [card.get_attribute("id"), x, y, half_hour],
    )
    saved(page, "Practical Adoption Challenges of ML for Systems: Room 238, 14:00–17:30")
    moved = TimeSlot.objects.get(pk=slot.pk)
    assert moved.start - slot.start == dt.timedelta(minutes=30)
    assert moved.room == slot.room


def test_a_card_is_resized_by_its_edge_and_a_keyboard_move_is_cancelled(live_server, make_page):
    from workshops.models import TimeSlot

    act = open_board(live_server, make_page, viewport={"width": 1366, "height": 900})
    page = act.page
    card = page.locator(".board-card[aria-label^='Practical Adoption'][aria-label*='8:00 to']")
    slot = TimeSlot.objects.get(pk=card.get_attribute("data-slot"))

    drawn = card.evaluate("card => card.style.gridRow")
    card.focus()
    act.press("ArrowDown")
    expect(page.locator("#board-status")).to_contain_text("8:05–12:05, not saved yet")
    act.press("Escape")
    expect(page.locator("#board-status")).to_have_text("Cancelled: the card is back where it was.")
    assert card.evaluate("card => card.style.gridRow") == drawn  # as the server drew it

    edge = card.locator(".board-card__resize")
    box = edge.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    half_hour = spot(page, "Room 238", "11:30")[1] - spot(page, "Room 238", "11:00")[1]
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - half_hour, steps=6)
    page.mouse.up()
    saved(page, "Practical Adoption Challenges of ML for Systems: Room 238, 8:00–11:30")
    resized = TimeSlot.objects.get(pk=slot.pk)
    assert (resized.start, resized.end - slot.end) == (slot.start, -dt.timedelta(minutes=30))


def test_a_workshop_scheduled_with_the_keyboard_onto_a_clash_stays_in_the_side_list(
    live_server, make_page
):
    from tests.factories import WorkshopFactory
    from workshops.models import Conference, TimeSlot

    act = open_board(live_server, make_page, viewport={"width": 1366, "height": 900})
    page = act.page
    waiting = WorkshopFactory(conference=Conference.objects.get(slug="mlsys-2023"), title="Waiting")
    page.reload()
    card = page.locator(f"#workshop-{waiting.pk}")

    card.focus()
    act.press("ArrowDown")  # it stands in the first room at the board's first row
    expect(page.locator("#board-status")).to_have_text(
        "Waiting: Room 241, 8:00–9:00, not saved yet: Enter to save, Escape to cancel."
    )
    assert page.locator("#board .board-card--pending").count() == 1
    act.press("Enter")

    expect(page.locator("#board-status")).to_contain_text(
        "Not saved: Room 241 is already booked at that time"
    )
    assert page.locator("#board .board-card--pending").count() == 0
    assert card.is_visible()
    assert not TimeSlot.objects.filter(workshop=waiting).exists()
