import http.server
import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from bench import load
from bench._http import Request, generate_load, in_child


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn

    def do_GET(self):
        status = int(self.path.strip("/") or 200)
        etag = '"v1"'
        if self.headers.get("If-None-Match") == etag:
            status = 304
        body = b"" if status == 304 else b"x" * 1000
        self.send_response(status)
        self.send_header("ETag", etag)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_generate_load_counts_statuses_revalidations_and_bytes(http_server):
    plan = [Request("page", "/200"), Request("again", "/200", revalidate=True)]
    plan += [Request("broken", "/500"), Request("missing", "/404")]

    # In a process of its own, as the benchmarks run it (and away from any running event loop).
    summaries = in_child(
        generate_load, http_server, plan, connections=2, duration=10, max_requests=40
    )

    by_label = {summary.label: summary for summary in summaries}
    assert by_label["all"].requests == 40
    assert by_label["page"].statuses == {200: 10}
    assert by_label["page"].mean_body == 1000
    assert set(by_label["again"].statuses) <= {200, 304}
    assert by_label["again"].statuses.get(304, 0) >= 8  # all but each connection's first
    assert by_label["broken"].server_errors == 10
    assert by_label["missing"].client_errors == 10
    assert by_label["all"].errors == 10  # the 5xx; 4xx are counted apart
    assert by_label["all"].failures == {}


def test_lost_edits_compares_the_last_edit_of_each_row():
    edits = [
        load.Edit(0, "workshop", 1, "/c/workshops/a/", "A [e00000]", "[e00000]"),
        load.Edit(1, "agenda", 7, "/c/workshops/a/", "Talk [e00001]", "[e00001]"),
        load.Edit(2, "workshop", 1, "/c/workshops/a/", "A [e00002]", "[e00002]"),
    ]
    saved = {("workshop", 1): "A [e00002]", ("agenda", 7): "Talk"}

    assert load.lost_edits(edits, saved) == [
        "edit 1 (agenda 7): 'Talk [e00001]' saved, 'Talk' in the database"
    ]


@pytest.mark.load
@pytest.mark.postgres
def test_load_keeps_every_edit_and_answers_without_errors(capsys):
    database = settings.DATABASES["default"]
    name = database["NAME"].removeprefix("test_")
    url = urlsplit(
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{name}_load"
    )

    status = load.main(
        [
            *("--database-url", url.geturl()),
            "--replace",
            *("--size", "demo"),
            *("--duration", "10"),
            *("--max-requests", "5000"),
            *("--connections", "8"),
            *("--edit-interval", "0.2"),
        ]
    )

    output = capsys.readouterr().out
    assert "Errors: 0 5xx, 0 failed requests" in output
    assert "not shown by the next public request: 0; lost: 0" in output
    assert "OK: no errors and no lost edits" in output
    assert status == 0
