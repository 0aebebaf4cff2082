"""A bounded load test: public requests through gunicorn while a chair keeps saving edits.

    .venv/bin/python -m bench.load                       # PostgreSQL workshops_load, 20 s
    .venv/bin/python -m bench.load --database-url postgres://postgres@127.0.0.1:5432/x \\
        --size medium --duration 20 --max-requests 50000 --connections 32

gunicorn (config/gunicorn.py) serves a generated program from a PostgreSQL database that the
script creates and drops (refused if it exists, unless --replace), on a loopback port. The
load generator of bench/_http.py, in a process of its own, sends a fixed mix of public
requests (listing, schedule, workshop pages, exports, and revalidations with If-None-Match)
for --duration seconds or --max-requests requests. Meanwhile, in another process, a chair
saves an edit every --edit-interval seconds through the services (a workshop's title, then an
agenda item's title), and after each one asks for the workshop's page (revalidating the ETag
it saw before the edit), which must show the edit at once.

Afterwards the script checks that no response was a 5xx and no request failed (4xx are counted
apart), that every edit is in the database, and that the public page shows the last one. It
exits with 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from bench._http import (
    Request,
    Summary,
    child_process,
    fetch,
    load_in_child,
    mixed,
    served_program,
)
from bench._setup import SIZES, print_table

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/workshops_load"
EXPORTS = ("schedule.json", "schedule.xml", "program.ics", "program.csv")


@dataclass(frozen=True)
class Edit:
    number: int
    kind: str  # "workshop" (its title) or "agenda" (an item's title)
    pk: int
    page: str  # the workshop's public page
    value: str  # the title saved
    token: str  # what the page must show from then on


@dataclass(frozen=True)
class ChairReport:
    edits: list[Edit]
    stale: list[str]  # edits the next public request did not show
    refused: list[str]  # edits that raised


def chair_edits(
    database_url: str,
    port: int,
    conference: str,
    *,
    duration: float,
    interval: float,
    max_edits: int,
    workshops: int = 8,
) -> ChairReport:
    """(Child process.) Save edits in a loop; after each one, the workshop's public page,
    revalidated with the ETag from before the edit, must show it."""
    from bench._setup import setup_django

    setup_django(database_url)
    from django.db import transaction

    from workshops.models import AgendaItem, Workshop
    from workshops.program import services

    chosen = list(
        Workshop.objects.public()
        .filter(conference__slug=conference, agenda_items__isnull=False)
        .distinct()
        .select_related("conference")
        .order_by("slug")[:workshops]
    )
    titles = {workshop.pk: workshop.title for workshop in chosen}
    items = {
        workshop.pk: AgendaItem.objects.filter(workshop=workshop).order_by("start").first().pk
        for workshop in chosen
    }
    etags = {}
    for workshop in chosen:
        etags[workshop.pk] = fetch(port, workshop.get_absolute_url())[1].get("etag")
    edits: list[Edit] = []
    stale: list[str] = []
    refused: list[str] = []
    deadline = time.monotonic() + duration
    number = 0
    while time.monotonic() < deadline and number < max_edits:
        workshop = chosen[number % len(chosen)]
        token = f"[e{number:05d}]"
        try:
            if number % 2 == 0:
                kind, pk, value = "workshop", workshop.pk, f"{titles[workshop.pk]} {token}"
                with transaction.atomic():  # as the admin saves a workshop's own fields
                    row = Workshop.objects.get(pk=pk)
                    row.title = value
                    row.full_clean()
                    row.save()
            else:
                kind, pk, value = "agenda", items[workshop.pk], f"Talk {token}"
                item = AgendaItem.objects.select_related("workshop").get(pk=pk)
                item.title = value
                services.agenda_item_save(item=item)
        except Exception as error:  # a refused edit is reported, never hidden
            refused.append(f"edit {number}: {type(error).__name__}: {error}")
            number += 1
            continue
        page = workshop.get_absolute_url()
        edits.append(Edit(number, kind, pk, page, value, token))
        headers = {"If-None-Match": etags[workshop.pk]} if etags[workshop.pk] else {}
        status, response_headers, body = fetch(port, page, headers)
        if status != 200 or token.encode() not in body:
            stale.append(f"edit {number} ({kind} {pk}): {page} answered {status} without it")
        etags[workshop.pk] = response_headers.get("etag")
        number += 1
        time.sleep(interval)
    return ChairReport(edits=edits, stale=stale, refused=refused)


def saved_values(database_url: str, edits: list[Edit]) -> dict[tuple[str, int], str]:
    """(Child process.) The titles in the database now, of everything the chair edited."""
    from bench._setup import setup_django

    setup_django(database_url)
    from workshops.models import AgendaItem, Workshop

    models = {"workshop": Workshop, "agenda": AgendaItem}
    return {
        (edit.kind, edit.pk): models[edit.kind]
        .objects.values_list("title", flat=True)
        .get(pk=edit.pk)
        for edit in edits
    }


def lost_edits(edits: list[Edit], saved: dict[tuple[str, int], str]) -> list[str]:
    """Edits whose value is not what the database holds: only the last edit of each row
    counts, since a later edit of the same row replaces an earlier one."""
    last: dict[tuple[str, int], Edit] = {}
    for edit in edits:
        last[edit.kind, edit.pk] = edit
    return [
        f"edit {edit.number} ({edit.kind} {edit.pk}): {edit.value!r} saved, "
        f"{saved[key]!r} in the database"
        for key, edit in last.items()
        if saved[key] != edit.value
    ]


def plan_for(pages: dict[str, str], workshops: list[str]) -> list[Request]:
    """The mix: every page and export, several workshop pages, and revalidations."""
    plan = [Request("listing", pages["listing"]), Request("schedule", pages["schedule"])]
    plan += [Request("workshop", path) for path in workshops[:12]]
    plan += [Request("export", pages[name]) for name in EXPORTS]
    plan += [Request("304 revalidate", pages["listing"], revalidate=True)]
    plan += [Request("304 revalidate", path, revalidate=True) for path in workshops[:4]]
    return mixed(plan)


def run(args: argparse.Namespace) -> int:
    with served_program(
        size=args.size,
        database_url=args.database_url,
        seed=args.seed,
        replace=args.replace,
        compress_static=False,  # the load test asks for no static file
    ) as server:
        prepared = server.prepared
        plan = plan_for(prepared.pages, prepared.workshops)
        with child_process() as load_process, child_process() as chair_process:
            load = load_in_child(
                load_process,
                server.port,
                plan,
                connections=args.connections,
                duration=args.duration,
                max_requests=args.max_requests,
            )
            chair = chair_process.submit(
                chair_edits,
                server.database_url,
                server.port,
                prepared.conference,
                duration=args.duration,
                interval=args.edit_interval,
                max_edits=args.max_edits,
            )
            summaries: list[Summary] = load.result()
            report: ChairReport = chair.result()
        saved = saved_values_in_child(server.database_url, report.edits)
        lost = lost_edits(report.edits, saved)
        # The next public request after the last edit shows it.
        final = []
        if report.edits:
            last = report.edits[-1]
            status, _, body = fetch(server.port, last.page)
            if status != 200 or last.token.encode() not in body:
                final.append(f"after the last edit, {last.page} answered {status} without it")
        rss = server.workers_rss()
    return report_of(args, summaries, report, lost + final, rss)


def saved_values_in_child(database_url: str, edits: list[Edit]) -> dict[tuple[str, int], str]:
    from bench._http import in_child

    return in_child(saved_values, database_url, edits)


def report_of(args, summaries: list[Summary], chair: ChairReport, lost: list[str], rss) -> int:
    print(
        f"Load test: {args.size} program on PostgreSQL, {args.connections} connections, "
        f"{args.duration:g} s or {args.max_requests} requests; a chair edit every "
        f"{args.edit_interval:g} s"
    )
    print_table(
        [
            ("requests", "<16"),
            ("count", ">7"),
            ("req/s", ">7.0f"),
            ("p50 ms", ">8.1f"),
            ("p99 ms", ">8.1f"),
            ("2xx", ">6"),
            ("304", ">6"),
            ("4xx", ">5"),
            ("5xx", ">5"),
            ("failed", ">6"),
        ],
        [
            (s.label, s.requests, s.per_second, s.p50_ms, s.p99_ms)
            + (sum(n for status, n in s.statuses.items() if 200 <= status < 300),)
            + (s.statuses.get(304, 0), s.client_errors, s.server_errors, sum(s.failures.values()))
            for s in summaries
        ],
    )
    total = summaries[-1]
    print(f"gunicorn workers' RSS: {', '.join(f'{kib / 1024:.0f} MiB' for kib in rss)}")
    print(
        f"Chair edits saved: {len(chair.edits)}; refused: {len(chair.refused)}; "
        f"not shown by the next public request: {len(chair.stale)}; lost: {len(lost)}"
    )
    print(
        f"Errors: {total.server_errors} 5xx, {sum(total.failures.values())} failed requests "
        f"({total.client_errors} 4xx counted apart)"
    )
    for line in chair.refused + chair.stale + lost:
        print(f"  {line}")
    failed = total.errors or chair.refused or chair.stale or lost or not chair.edits
    print("FAIL" if failed else "OK: no errors and no lost edits")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--replace", action="store_true", help="drop the database if it exists")
    parser.add_argument("--size", choices=list(SIZES), default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds")
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--edit-interval", type=float, default=0.25, help="seconds")
    parser.add_argument("--max-edits", type=int, default=1000)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
