import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def make_page(browser):
    """Pages in browser contexts of their own, for what a context fixes: the time zone
    (timezone_id), the colour scheme, being offline. Closed after the test; a script error on
    any of them fails it, as with `page`."""
    contexts, errors = [], []

    def make(**options):
        options.setdefault("viewport", {"width": 390, "height": 844})
        context = browser.new_context(**options)
        contexts.append(context)
        new_page = context.new_page()
        new_page.on("pageerror", lambda error: errors.append(str(error)))
        new_page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
        return new_page

    yield make
    for context in contexts:
        context.close()
    assert errors == []


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time():
    """On SQLite the live server's request threads share the test database's one in-memory
    connection, and the attendee's pages fetch in parallel (the program's data, the service
    worker's saves): concurrent queries on that connection can hang a test. There, a server
    that answers one request at a time (and so closes each connection, as Django's does when
    it is not threaded) is used instead."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

    if connection.vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer
    yield
    LiveServerThread.server_class = threaded


def axe_script() -> Path | None:
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "axe.min.js"
    return path if path.exists() else None


@pytest.fixture(scope="session")
def axe_path():
    path = axe_script()
    if path is None:
        message = (
            "axe-core is not installed: `pip install -e '.[dev]'` brings axe-playwright-python, "
            "which ships axe.min.js"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def open_options(page) -> None:
    """Open the page's options bar (search, filters, time zone) as a reader does: a click on
    its summary, when it is closed."""
    more = page.locator("[data-tools-more]")
    if not more.evaluate("details => details.open"):
        more.locator("summary").click()
