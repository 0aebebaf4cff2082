"""Time the program import on generated programs of two sizes, and count its SQL queries.

    .venv/bin/python -m bench.imports                  # 200 and 2,000 slots, SQLite in memory
    .venv/bin/python -m bench.imports --sizes 200 --formats schedule.json --profile reimport
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/workshops .venv/bin/python -m bench.imports

It works in a throwaway test database (bench/_setup.py), never in the configured one. Each
program is generated (bench/generate.py), exported with export_program, and the database is
emptied; then `manage.py import_program FILE` runs three times on each export, from reading
the file to the report: a --dry-run into the empty database, the import itself, and the
re-import of the same file (which changes nothing). --profile SCENARIO runs that scenario
under cProfile and prints the costliest functions and the most frequent SQL statements.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import tempfile
import time
from collections import Counter, deque
from pathlib import Path

from bench._setup import print_table, setup_django, throwaway_database

FORMATS = ["schedule.json", "schedule.xml"]
SCENARIOS = {
    "dry-run": "dry run into an empty database",
    "import": "import into an empty database",
    "reimport": "re-import of the same file",
}
# What varies between two runs of one statement: literals, parameters, savepoint names.
_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|%s|\"s\d+_x\d+\"")


def _export(slug: str, identifier: str, folder: Path) -> Path:
    from django.core.management import call_command

    path = folder / f"{slug}.{identifier}"
    call_command(
        "export_program", slug, "--format", identifier, "-o", str(path), stderr=io.StringIO()
    )
    return path


def _empty_database() -> None:
    """Every row gone (the program, its history, the version): the state of a new site."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def _run(path: Path, scenario: str, profile: cProfile.Profile | None) -> dict:
    """Import one file as `scenario` asks: its time, its queries, and the report's summary."""
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    output = io.StringIO()
    # The log keeps only the last 9,000 queries by default; an import may run more.
    connection.queries_log = deque(maxlen=None)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        if profile is not None:
            profile.enable()
        call_command("import_program", str(path), dry_run=scenario == "dry-run", stdout=output)
        if profile is not None:
            profile.disable()
        seconds = time.perf_counter() - started
    summary = next(
        (line for line in output.getvalue().splitlines() if line.startswith(("Created", "Would"))),
        "",
    )
    return {"seconds": seconds, "queries": captured.captured_queries, "summary": summary}


def _print_profile(profile: cProfile.Profile, queries: list[dict], top: int) -> None:
    print(f"\nThe {top} costliest functions (cumulative time):")
    pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(top)
    shapes = Counter(_LITERALS.sub("?", query["sql"])[:160] for query in queries)
    print(f"The {top} most frequent SQL statements of {len(queries)}:")
    for sql, count in shapes.most_common(top):
        print(f"{count:>7}  {sql}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000], help="slot counts")
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", nargs="+", default=FORMATS, choices=FORMATS)
    parser.add_argument(
        "--profile", choices=SCENARIOS, help="profile this scenario (of the first size and format)"
    )
    parser.add_argument("--top", type=int, default=25, help="lines of the profile")
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection

    from bench.generate import generate_program

    rows = []
    profiled = False
    with throwaway_database(), tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            started = time.perf_counter()
            slug = generate_program(slots=size, days=args.days, seed=args.seed).conference.slug
            files = {
                identifier: _export(slug, identifier, Path(folder)) for identifier in args.formats
            }
            print(
                f"Generated and exported {size} slots in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
            for identifier, path in files.items():
                _empty_database()
                for scenario in SCENARIOS:
                    profile = None
                    if scenario == args.profile and not profiled:
                        profile, profiled = cProfile.Profile(), True
                    result = _run(path, scenario, profile)
                    print(
                        f"{identifier} {size} {scenario}: {result['seconds']:.1f} s, "
                        f"{len(result['queries'])} queries. {result['summary']}",
                        file=sys.stderr,
                    )
                    rows.append(
                        (identifier, size, scenario, result["seconds"], len(result["queries"]))
                    )
                    if profile is not None:
                        _print_profile(profile, result["queries"], args.top)

    print(f"\nImports on {connection.vendor}, seed {args.seed}; times from file to report")
    print_table(
        [("format", "<14"), ("slots", ">6"), ("scenario", "<9"), ("s", ">7.2f"), ("queries", ">8")],
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
