"""Time the public pages and exports, cold and from the page cache, and count their queries.

    .venv/bin/python -m bench.pages                      # demo, medium and large, in process
    .venv/bin/python -m bench.pages --sizes demo large --repeat 9 --pdf
    .venv/bin/python -m bench.pages --http               # the same pages through gunicorn
    .venv/bin/python -m bench.pages --http --size medium # one size only
    .venv/bin/python -m bench.pages --http --database-url postgres://postgres@127.0.0.1:5432/x

In process (the default), each page is requested through django.test.Client in a throwaway
test database holding three programs: the demo (workshops.demo.loader), medium (200 slots, 20 rooms,
3 days) and large (2,000 slots, 40 rooms, 5 days). "Cold" clears the cache before each request
(the page is rendered); "warm" is served by workshops.pagecache. The script exits with 1 if a
page's query count differs between sizes or a warm request runs more than one query.

With --http, gunicorn (config/gunicorn.py) serves one program from a database of its own (a
SQLite file, or the PostgreSQL database of --database-url, created and dropped here), and a
load generator in another process keeps --connections keep-alive connections busy on each
page in turn, beside WhiteNoise serving a static copy of the same page (same bytes, same
gzip) for comparison. See bench/_http.py.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench._http import pages_over_http
from bench._pages import pages_of
from bench._setup import SIZES, fill_program, print_table, setup_django, throwaway_database

# The schedule's busiest day, drawn by the templates: its cold render and its size.
COLD_SCHEDULE_DAY_TARGET_MS = 400
SCHEDULE_DAY_TARGET_BYTES = 1_000_000


@dataclass(frozen=True)
class Measured:
    cold_queries: int
    warm_queries: int
    cold_ms: float
    cold_gc_ms: float  # of which Python's cyclic garbage collector took
    warm_ms: float
    size: int
    gzip_size: int
    status: int


@contextlib.contextmanager
def collections() -> Iterator[Callable[[], float]]:
    """The seconds Python's cyclic garbage collector runs inside the block (read once it ends)."""
    spent = [0.0]
    started = [0.0]

    def timing(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - started[0]

    gc.callbacks.append(timing)
    try:
        yield lambda: spent[0]
    finally:
        gc.callbacks.remove(timing)


def measure(client, path: str, repeat: int) -> Measured:
    """Request a page cold (cache cleared each time) and warm, `repeat` times each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workshops.pagecache import store as caching

    def timed(*, cold: bool, **headers: str) -> tuple[float, int, bytes, int, float]:
        if cold:
            caching.clear()
        with CaptureQueriesContext(connection) as queries, collections() as collected:
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            elapsed = time.perf_counter() - started
        return elapsed, len(queries), response.content, response.status_code, collected()

    cold = [timed(cold=True) for _ in range(repeat)]
    warm = [timed(cold=False) for _ in range(repeat)]
    zipped = timed(cold=False, accept_encoding="gzip")[2]
    return Measured(
        cold_queries=cold[0][1],
        warm_queries=max(run[1] for run in warm),
        cold_ms=statistics.median(run[0] for run in cold) * 1000,
        cold_gc_ms=statistics.median(run[4] for run in cold) * 1000,
        warm_ms=statistics.median(run[0] for run in warm) * 1000,
        size=len(cold[0][2]),
        gzip_size=len(zipped),
        status=cold[0][3],
    )


def in_process(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the Client's host

    results: dict[tuple[str, str], Measured] = {}
    names: list[str] = []
    with throwaway_database():
        for size in args.sizes:
            started = time.perf_counter()
            slug = fill_program(size, seed=args.seed)
            print(
                f"Loaded {size} ({slug}) in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
            client = Client()
            for page in pages_of(slug, pdf=args.pdf):
                repeat = 1 if page.name.endswith(".pdf") else args.repeat
                results[page.name, size] = measure(client, page.path, repeat)
                if page.name not in names:
                    names.append(page.name)
        vendor = connection.vendor

    print(
        f"Public pages in process (django.test.Client) on {vendor}; "
        f"median of {args.repeat} requests; cold = cache cleared before each"
    )
    print_table(
        [
            ("page", "<16"),
            ("size", "<7"),
            ("queries cold", ">12"),
            ("warm", ">5"),
            ("cold ms", ">9.1f"),
            ("of it gc", ">9.1f"),
            ("warm ms", ">8.2f"),
            ("bytes", ">10,"),
            ("gzip", ">9,"),
            ("", ""),
        ],
        [
            (name, size, r.cold_queries, r.warm_queries, r.cold_ms, r.cold_gc_ms, r.warm_ms, r.size)
            + (r.gzip_size, "" if r.status == 200 else f"(HTTP {r.status})")
            for name in names
            for size in args.sizes
            for r in [results[name, size]]
        ],
    )
    failures = [
        f"{name} ({size}): HTTP {r.status}"
        for (name, size), r in results.items()
        if r.status != 200 and not name.endswith(".pdf")  # a large booklet may be "prepared"
    ]
    for name in names:
        counts = {results[name, size].cold_queries for size in args.sizes}
        if len(counts) > 1:
            failures.append(f"{name}: the query count grows with the program ({sorted(counts)})")
        warm = max(results[name, size].warm_queries for size in args.sizes)
        if warm > 1:
            failures.append(f"{name}: a warm request runs {warm} queries (more than 1)")
    if ("schedule, busiest", "large") in results:
        day = results["schedule, busiest", "large"]
        holds = (
            "holds"
            if day.cold_ms < COLD_SCHEDULE_DAY_TARGET_MS and day.size < SCHEDULE_DAY_TARGET_BYTES
            else "DOES NOT HOLD"
        )
        print(
            f"Target: the large schedule's busiest day cold in under "
            f"{COLD_SCHEDULE_DAY_TARGET_MS} ms and {SCHEDULE_DAY_TARGET_BYTES:,} bytes: "
            f"{day.cold_ms:.0f} ms, {day.size:,} bytes, {holds}"
        )
    for failure in failures:
        print(f"FAIL {failure}")
    if not failures:
        print("Query counts are the same at every size; warm requests run at most 1 query.")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=7, help="requests per page, cold and warm")
    parser.add_argument("--pdf", action="store_true", help="also the (slow) booklet.pdf")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--http", action="store_true", help="through gunicorn, under load")
    parser.add_argument(
        "--size", choices=list(SIZES), help="with --http: this size only (default: --sizes)"
    )
    parser.add_argument("--database-url", help="with --http: a PostgreSQL database to create")
    parser.add_argument("--replace", action="store_true", help="drop that database if it exists")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per page")
    parser.add_argument("--max-requests", type=int, default=50_000, help="per page")
    args = parser.parse_args(argv)
    if args.http:
        failed = 0
        for size in [args.size] if args.size else args.sizes:
            failed |= pages_over_http(argparse.Namespace(**{**vars(args), "size": size}))
            print()
        return failed
    return in_process(args)


if __name__ == "__main__":
    sys.exit(main())
