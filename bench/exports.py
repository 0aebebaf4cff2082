"""Time every export format on generated programs of two sizes, and count its SQL queries.

    .venv/bin/python -m bench.exports                 # 200 and 2,000 slots, SQLite in memory
    .venv/bin/python -m bench.exports --sizes 200 2000 --repeat 5 --seed 1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/workshops .venv/bin/python -m bench.exports

It works in a throwaway test database (as the test suite does), never in the configured one.
Each export is timed from the query (selectors.program_for_export) to the finished file: the
median and the fastest of --repeat runs (--pdf-repeat for the slow PDF booklets). The query
count of an export must not depend on the program's size; the script exits with 1 if it does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from bench._setup import print_table, setup_django, throwaway_database


def _measure(identifier: str, conference, repeat: int) -> dict:
    """Run one export `repeat` times: its timings, its queries (first run) and its size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workshops.exchange import exporters
    from workshops.program import selectors

    exporter = exporters.get_exporter(identifier)
    base_url = "https://program.example.org"
    timings = []
    for run in range(max(repeat, 1)):
        # The first run counts the queries too (recording them costs next to nothing).
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            content = exporter.render_bytes(
                selectors.program_for_export(conference, base_url=base_url)
            )
            timings.append(time.perf_counter() - started)
        if run == 0:
            queries = captured
    return {
        "median": statistics.median(timings),
        "fastest": min(timings),
        "queries": len(queries),
        "bytes": len(content),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000], help="slot counts")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per export")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="timed runs of the PDFs")
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", nargs="+", help="only these identifiers")
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection

    from bench.generate import generate_program
    from workshops.exchange import exporters

    identifiers = args.formats or list(exporters.EXPORTERS)
    results: dict[tuple[str, int], dict] = {}
    with throwaway_database():
        for size in args.sizes:
            started = time.perf_counter()
            generated = generate_program(slots=size, days=args.days, seed=args.seed)
            print(
                f"Generated {generated.workshop_slots} workshop slots and "
                f"{generated.plenary_slots} plenary ones: {generated.workshops} workshops, "
                f"{len(generated.conference.rooms.all())} rooms, {generated.organizers} "
                f"organizers, {generated.agenda_items} agenda items "
                f"in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
            for identifier in identifiers:
                repeat = args.pdf_repeat if identifier.endswith(".pdf") else args.repeat
                results[identifier, size] = _measure(identifier, generated.conference, repeat)

    print(f"Exports on {connection.vendor}, seed {args.seed}; times from query to file")
    print_table(
        [
            ("format", "<20"),
            ("slots", ">6"),
            ("median ms", ">10.0f"),
            ("fastest ms", ">10.0f"),
            ("queries", ">8"),
            ("KiB", ">8.0f"),
        ],
        [
            (
                identifier,
                size,
                r["median"] * 1000,
                r["fastest"] * 1000,
                r["queries"],
                r["bytes"] / 1024,
            )
            for identifier in identifiers
            for size in args.sizes
            for r in [results[identifier, size]]
        ],
    )
    growing = [
        identifier
        for identifier in identifiers
        if len({results[identifier, size]["queries"] for size in args.sizes}) > 1
    ]
    if growing:
        print(f"Query counts grow with the program: {', '.join(growing)}")
        return 1
    print("Query counts are the same at every size.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
