"""What the benchmarks share: Django set up, and a database of their own that they throw away.

`throwaway_database()` makes a test database for an in-process benchmark (as the test suite
does): SQLite in memory, or bench_<name> on PostgreSQL. `server_database_create()` and
`server_database_drop()` make and remove one that a server in another process can use: a
SQLite file, or the PostgreSQL database named in the URL, never one that was there before.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The program sizes the benchmarks know, as generate_program's arguments (demo: the demo data).
# 40 rooms cannot hold 2,000 slots in 5 days of 8:00-20:00 (about 7 slots a room a day fit):
# large has the rooms that generate_program gives 2,000 slots over 5 days (80).
SIZES: dict[str, dict[str, int] | None] = {
    "demo": None,
    "medium": {"slots": 200, "rooms": 20, "days": 3},
    "large": {"slots": 2000, "days": 5},
}


def setup_django(database_url: str | None = None) -> None:
    """Set Django up, on `database_url` when given (before the settings are read)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database() -> Iterator[None]:
    """A migrated test database for this process, destroyed afterwards. Not the test
    environment: its instrumented template rendering would weigh on the pages' timings."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    # A database of its own, never the test suite's (which may be running at the same time).
    test = connection.settings_dict.setdefault("TEST", {})
    test["NAME"] = None if connection.vendor == "sqlite" else f"bench_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def fill_program(size: str, *, seed: int = 1) -> str:
    """Put a program of one of SIZES in the database; the slug of its conference."""
    if SIZES[size] is None:
        from workshops.demo.loader import demo_load

        demo_load()
        return "mlsys-2023"
    from bench.generate import generate_program

    return generate_program(**SIZES[size], seed=seed, slug=f"bench-{size}").conference.slug


def server_database_create(database_url: str, *, replace: bool = False) -> None:
    """Create and migrate the database of `database_url` (in a process set up on that URL);
    refused if it exists already, unless `replace`."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        exists = Path(name).exists()
    else:
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
    if exists and not replace:
        raise SystemExit(f"The database {name} exists already: drop it, or pass --replace.")
    connection.settings_dict.setdefault("TEST", {})["NAME"] = str(name)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)


def server_database_drop() -> None:
    """Drop the database this process is set up on (no server may be connected to it)."""
    from django.db import connection

    connection.creation.destroy_test_db(verbosity=0)


def print_table(columns: list[tuple[str, str]], rows: Iterable[Sequence]) -> None:
    """Print rows under their header and a rule; a column is (title, format spec: ">8.1f")."""
    widths = [re.match(r"[<>^]?\d*", spec).group() for _, spec in columns]
    titles = zip(columns, widths, strict=True)
    header = " ".join(f"{title:{width}}" for (title, _), width in titles).rstrip()
    print(header)
    print("-" * len(header))
    for row in rows:
        values = zip(row, columns, strict=True)
        print(" ".join(f"{value:{spec}}" for value, (_, spec) in values).rstrip())
