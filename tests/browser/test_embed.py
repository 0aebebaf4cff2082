"""The embed view in another site's iframe: shown on an allowed site, refused on any other."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import ConferenceFactory, RoomFactory, TimeSlotFactory, WorkshopFactory, local

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class HostSite(ThreadingHTTPServer):
    """Another site: another port of this machine, so another origin (the browser lets only a
    local site frame a local page without asking); every path is a page with the iframe of
    `frame_src`."""

    frame_src = ""

    @property
    def origin(self) -> str:
        return f"http://localhost:{self.server_port}"


class HostPage(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        body = (
            f'<!doctype html><title>Host</title><iframe src="{self.server.frame_src}" '
            'title="Program"></iframe>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def sites():
    """Two other sites: the first is allowed to frame the embed views, the second not."""
    servers = [HostSite(("127.0.0.1", 0), HostPage) for _ in range(2)]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def program(db):
    conference = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")
    room = RoomFactory(conference=conference, name="Room 241", slug="room-241")
    workshop = WorkshopFactory(conference=conference, slug="bmlw", title="Benchmarking ML")
    start = local(conference.start_date, 9)
    TimeSlotFactory(workshop=workshop, room=room, start=start, end=local(conference.start_date, 12))
    return conference


def host_page(page, site: HostSite, frame_src: str) -> None:
    site.frame_src = frame_src
    page.goto(f"{site.origin}/program.html")


@pytest.mark.parametrize("path", ["/mlsys-2023/embed/schedule/", "/mlsys-2023/embed/"])
def test_embed_renders_in_an_allowed_sites_iframe_and_is_refused_elsewhere(
    page, live_server, settings, program, sites, path
):
    allowed, other = sites
    settings.EMBED_ALLOWED_ORIGINS = [allowed.origin]
    src = f"{live_server.url}{path}"

    host_page(page, allowed, src)
    frame = page.frame_locator("iframe")
    link = frame.get_by_role("link", name="Benchmarking ML")
    link.wait_for()
    assert link.get_attribute("target") == "_top"

    refused = page.context.new_page()
    blocked = []
    refused.on("console", lambda message: blocked.append(message.text))
    host_page(refused, other, src)
    refused.wait_for_timeout(1000)
    [child] = refused.main_frame.child_frames
    assert "Benchmarking ML" not in child.content()
    assert any("frame-ancestors" in text for text in blocked)


def test_a_full_page_is_refused_even_on_an_allowed_site(
    page, live_server, settings, program, sites
):
    allowed, _ = sites
    settings.EMBED_ALLOWED_ORIGINS = [allowed.origin]

    host_page(page, allowed, f"{live_server.url}/mlsys-2023/")
    page.wait_for_timeout(1000)

    [child] = page.main_frame.child_frames
    assert "Benchmarking ML" not in child.content()
