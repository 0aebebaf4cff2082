"""The HTTP benchmarks' parts: a program served by gunicorn, and a load generator.

`served_program()` prepares a database of its own (in a child process: created, migrated,
filled), collects the static files into a throwaway STATIC_ROOT (with static copies of pages,
for comparison), starts gunicorn with config/gunicorn.py on a free loopback port, and stops
and drops everything afterwards. `generate_load()` runs in another process: an asyncio
HTTP/1.1 client that keeps `connections` keep-alive connections busy for a fixed time or a
fixed number of requests, whichever comes first, and reports latencies and statuses.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench._pages import pages_of
from bench._setup import ROOT, SIZES, print_table

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 30.0  # gunicorn replaces a worker after its own timeout (30 s)
WARMUP_REQUESTS = 3  # per connection, before the measured run
WARMUP_LIMIT = 120.0  # seconds


# Child processes -------------------------------------------------------------------------------


@contextlib.contextmanager
def child_process() -> Iterator[ProcessPoolExecutor]:
    """A fresh interpreter (spawned, not forked): Django is set up there on its own database."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        yield executor


def in_child(function: Callable, *args, **kwargs):
    """Run a function in a child process and return its result."""
    with child_process() as executor:
        return executor.submit(function, *args, **kwargs).result()


# The served program -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    conference: str
    pages: dict[str, str]  # name: path
    workshops: list[str]  # paths of published workshops' pages
    static: dict[str, tuple[str, int]]  # page name: (path of its static copy, gzip bytes)


def _prepare(
    database_url: str,
    size: str,
    seed: int,
    static_root: str,
    host: str,
    static_copies: list[str],
    replace: bool,
    compress_static: bool,
) -> Prepared:
    """(Child process.) Create and fill the database, collect the static files, and write
    static copies of some pages (their bytes as served, and gzipped as the cache does)."""
    os.environ["DJANGO_STATIC_ROOT"] = static_root
    from bench._setup import fill_program, server_database_create, setup_django

    setup_django(database_url)
    from django.conf import settings
    from django.core.management import call_command

    if not compress_static:  # the same manifest, without WhiteNoise's slow compression
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            },
        }
    from django.test import Client

    from workshops.models import Workshop
    from workshops.pagecache import store as caching

    server_database_create(database_url, replace=replace)
    conference = fill_program(size, seed=seed)
    from django.db import connection

    if connection.vendor == "postgresql":
        # As a database in service would be: analyzed, and no autovacuum of the fresh rows
        # competing with the server for the cores in the middle of a measurement.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    call_command("collectstatic", interactive=False, verbosity=0)
    pages = {page.name: page.path for page in pages_of(conference)}
    workshops = [
        workshop.get_absolute_url()
        for workshop in Workshop.objects.public()
        .filter(conference__slug=conference, slots__isnull=False)
        .distinct()
        .select_related("conference")
        .order_by("slug")
    ]
    client = Client(headers={"host": host})
    static = {}
    for name in static_copies:
        response = client.get(pages[name])
        extension = ".json" if name.endswith(".json") else ".html"
        copy = Path(static_root, "bench", f"{name.replace('.', '-')}{extension}")
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(response.content)
        zipped = caching.compress(response.content)
        Path(f"{copy}.gz").write_bytes(zipped)
        static[name] = (f"/static/bench/{copy.name}", len(zipped))
    return Prepared(conference=conference, pages=pages, workshops=workshops, static=static)


def _drop(database_url: str) -> None:
    """(Child process.) Drop the database that _prepare made."""
    from bench._setup import server_database_drop, setup_django

    setup_django(database_url)
    server_database_drop()


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    database_url: str
    prepared: Prepared
    log: Path

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.port}"

    def workers_rss(self) -> list[int]:
        """The resident memory (KiB) of each gunicorn worker: the master's children."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        sizes = []
        for child in children:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{child}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]))
        return sizes


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_serving(port: int, path: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            status, _, _ = fetch(port, path)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {path} in time:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def served_program(
    *,
    size: str,
    database_url: str | None = None,
    seed: int = 1,
    static_copies: tuple[str, ...] = (),
    replace: bool = False,
    compress_static: bool = True,
) -> Iterator[Server]:
    """gunicorn serving a program of one of SIZES from a database made (and dropped) here;
    without `compress_static`, the static files are collected without their .gz and .br."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    database_url = database_url or f"sqlite:///{workdir / 'program.sqlite3'}"
    static_root = workdir / "static"
    port = _free_port()
    log = workdir / "gunicorn.log"
    created = False
    try:
        started = time.perf_counter()
        prepared = in_child(
            _prepare,
            database_url,
            size,
            seed,
            str(static_root),
            f"{HOST}:{port}",
            list(static_copies),
            replace,
            compress_static,
        )
        created = True
        print(
            f"Prepared the {size} program ({prepared.conference}) and the static files "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_STATIC_ROOT": str(static_root),
            "GUNICORN_BIND": f"{HOST}:{port}",
            "GUNICORN_ACCESS_LOG": os.devnull,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.py"]
                + ["config.wsgi:application"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_serving(port, prepared.pages["listing"], process, log)
            yield Server(port, process, database_url, prepared, log)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        if created and not database_url.startswith("sqlite"):
            in_child(_drop, database_url)
        shutil.rmtree(workdir, ignore_errors=True)


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    """One plain request (its own connection): status, headers (lower case) and body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


# The load generator -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    label: str  # what the report groups by
    path: str
    revalidate: bool = False  # send If-None-Match with the last ETag seen for the path


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)  # exceptions: resets, timeouts
    body_bytes: int = 0


@dataclass(frozen=True)
class Summary:
    label: str
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]
    failures: dict[str, int]
    mean_body: float

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def client_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if 400 <= status < 500)

    @property
    def errors(self) -> int:
        return self.server_errors + sum(self.failures.values())


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    if status in (204, 304) or 100 <= status < 200:
        return status, headers, 0
    if "content-length" in headers:
        return status, headers, len(await reader.readexactly(int(headers["content-length"])))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        size = 0
        while True:
            chunk = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(chunk + 2)
            size += chunk
            if chunk == 0:
                return status, headers, size
    headers["connection"] = "close"
    return status, headers, len(await reader.read())


def _warmed(state: dict, done: int) -> None:
    """A connection has made its warm-up requests: when all have, the measured run starts."""
    if done != WARMUP_REQUESTS:
        return
    state["warming"] -= 1
    if state["warming"] == 0:
        state["started"] = time.monotonic()
        state["deadline"] = state["started"] + state["duration"]


async def _connection(
    number: int, port: int, plan: list[Request], state: dict, tallies: dict[str, Tally]
) -> None:
    reader = writer = None
    step = number  # each connection starts at another place in the plan
    done = 0
    while time.monotonic() < state["deadline"] and state["issued"] < state["budget"]:
        request = plan[step % len(plan)]
        step += 1
        measured = state["started"] is not None
        if measured:
            state["issued"] += 1
        tally = tallies.setdefault(request.label, Tally()) if measured else Tally()
        lines = [f"GET {request.path} HTTP/1.1", f"Host: {HOST}:{port}", "Accept-Encoding: gzip"]
        etag = state["etags"].get(request.path)
        if request.revalidate and etag:
            lines.append(f"If-None-Match: {etag}")
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            status, headers, size = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            tally.failures[type(error).__name__] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        tally.latencies.append(time.monotonic() - started)
        tally.statuses[status] += 1
        tally.body_bytes += size
        done += 1
        if not measured:
            _warmed(state, done)
        if "etag" in headers:
            state["etags"][request.path] = headers["etag"]
        if headers.get("connection", "").lower() == "close":
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _run(
    port: int, plan: list[Request], connections: int, duration: float, budget: int, warm_up: bool
) -> tuple[dict[str, Tally], float]:
    now = time.monotonic()
    state = {
        "issued": 0,
        "budget": budget,
        "etags": {},
        "duration": duration,
        "warming": connections,
        # Without a warm-up, the measured run starts at once; with one, when every connection
        # has made its warm-up requests (or after WARMUP_LIMIT seconds, whatever they cost).
        "started": None if warm_up else now,
        "deadline": now + (WARMUP_LIMIT + duration if warm_up else duration),
    }
    tallies: dict[str, Tally] = {}
    await asyncio.gather(*(_connection(n, port, plan, state, tallies) for n in range(connections)))
    return tallies, time.monotonic() - (state["started"] or now)


def generate_load(
    port: int,
    plan: list[Request],
    *,
    connections: int = 32,
    duration: float = 5.0,
    max_requests: int = 50_000,
    warm_up: bool = False,
) -> list[Summary]:
    """(Run it in a child process.) Keep `connections` connections busy with the plan's
    requests for `duration` seconds or `max_requests` requests; with `warm_up`, only once each
    connection has made WARMUP_REQUESTS unrecorded ones (so that every gunicorn worker that
    serves a connection has the pages in its cache). A summary per label, then of all."""
    tallies, elapsed = asyncio.run(_run(port, plan, connections, duration, max_requests, warm_up))
    everything = Tally()
    for tally in tallies.values():
        everything.latencies += tally.latencies
        everything.statuses.update(tally.statuses)
        everything.failures.update(tally.failures)
        everything.body_bytes += tally.body_bytes
    return [
        Summary(
            label=label,
            requests=len(tally.latencies),
            per_second=len(tally.latencies) / elapsed,
            p50_ms=statistics.median(tally.latencies) * 1000 if tally.latencies else float("nan"),
            p99_ms=_percentile(tally.latencies, 0.99) * 1000,
            statuses=dict(tally.statuses),
            failures=dict(tally.failures),
            mean_body=tally.body_bytes / max(1, len(tally.latencies)),
        )
        for label, tally in [*sorted(tallies.items()), ("all", everything)]
    ]


def load_in_child(
    executor: ProcessPoolExecutor, port: int, plan: list[Request], **kwargs
) -> Future:
    """Start the load generator in a process of its own (not the server's, not ours)."""
    return executor.submit(generate_load, port, plan, **kwargs)


def mixed(plan: list[Request], seed: int = 1) -> list[Request]:
    """The plan in a fixed shuffled order, so that neighbours differ."""
    shuffled = list(plan)
    random.Random(seed).shuffle(shuffled)
    return shuffled


# bench.pages --http ------------------------------------------------------------------------------

HTTP_PAGES = ("listing", "schedule", "workshop", "schedule.json")
THROUGHPUT_RATIO_TARGET = 2.0
P99_TARGET_MS = 50.0


def pages_over_http(args) -> int:
    """Each page, then WhiteNoise serving its static copy, under the same load."""
    if args.size not in SIZES:
        raise SystemExit(f"Unknown size {args.size}")
    with served_program(
        size=args.size,
        database_url=args.database_url,
        seed=args.seed,
        static_copies=HTTP_PAGES,
        replace=args.replace,
    ) as server:
        prepared = server.prepared
        rows: list[tuple[str, Summary, Summary]] = []
        with child_process() as executor:
            for name in HTTP_PAGES:
                measured = []
                for path in (prepared.pages[name], prepared.static[name][0]):
                    summaries = load_in_child(
                        executor,
                        server.port,
                        [Request(name, path)],
                        connections=args.connections,
                        duration=args.duration,
                        max_requests=args.max_requests,
                        warm_up=True,
                    ).result()
                    measured.append(summaries[-1])
                rows.append((name, *measured))
        rss = server.workers_rss()
        database = "PostgreSQL" if server.database_url.startswith("postgres") else "SQLite"

    print(
        f"HTTP through gunicorn (config/gunicorn.py: {len(rss)} workers x "
        f"{os.environ.get('GUNICORN_THREADS', '4')} threads), {database}, "
        f"{args.size} program, warm cache; {args.connections} keep-alive connections, "
        f"{args.duration:g} s per row, Accept-Encoding: gzip; {os.cpu_count()} cores, "
        f"load generator in another process on the same machine"
    )
    verdicts = []
    lines = []
    for name, page, static in rows:
        ratio = static.per_second / page.per_second if page.per_second else float("inf")
        for served_by, s, shown in (("django", page, f"{ratio:.2f}x"), ("whitenoise", static, "")):
            lines.append(
                (name, served_by, s.mean_body, s.per_second, s.p50_ms, s.p99_ms)
                + (s.errors + s.client_errors, shown)
            )
        verdicts.append(
            (
                f"{name}: throughput within {THROUGHPUT_RATIO_TARGET:g}x of the static file",
                ratio <= THROUGHPUT_RATIO_TARGET,
                f"{ratio:.2f}x",
            )
        )
        verdicts.append(
            (
                f"{name}: p99 under {P99_TARGET_MS:g} ms",
                page.p99_ms < P99_TARGET_MS,
                f"{page.p99_ms:.1f} ms",
            )
        )
    print_table(
        [
            ("page", "<15"),
            ("served by", "<10"),
            ("gzip bytes", ">10,.0f"),
            ("req/s", ">8.0f"),
            ("p50 ms", ">8.1f"),
            ("p99 ms", ">8.1f"),
            ("errors", ">7"),
            ("static/page", ">11"),
        ],
        lines,
    )
    print(
        f"gunicorn workers' RSS: {', '.join(f'{kib / 1024:.0f} MiB' for kib in rss)} "
        f"(total {sum(rss) / 1024:.0f} MiB)"
    )
    errors = sum(page.errors + page.client_errors + static.errors for _, page, static in rows)
    for text, holds, figure in verdicts:
        print(f"Target {text}: {figure}, {'holds' if holds else 'DOES NOT HOLD'}")
    return 1 if errors else 0
