"""Lighthouse (mobile) on every public page: the four category scores and the blocking time.

    npm install --prefix bench/.lighthouse lighthouse@12      # once: Lighthouse from npm
    .venv/bin/python -m bench.lighthouse                      # demo, medium and large
    .venv/bin/python -m bench.lighthouse --sizes demo --runs 3

Each size's program is served by gunicorn from a database of its own (bench/_http.py), and
Lighthouse, run by the machine's Node.js, drives Debian's Chromium (/usr/bin/chromium) with its
default mobile emulation (a mid-range phone, slow 4G, 4x CPU slowdown). With --runs N each
page is audited N times and the median of each figure is printed. The script exits with 1 when
a page scores below the targets (TARGETS).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench._http import served_program
from bench._setup import ROOT, SIZES, print_table

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = Path(
    os.environ.get(
        "LIGHTHOUSE", ROOT / "bench" / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
    )
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# The HTML pages of bench/_pages.py (not the exports), and the pages only this script audits.
HTML_PAGES = (
    "listing",
    "schedule",
    "schedule, busiest",
    "schedule, all",
    "workshop",
    "room",
    "organizers",
    "organizer",
)
MORE_PAGES = {
    "rooms": "rooms/",
    "my schedule": "my/",
    "export page": "export/",
    "changelog": "changelog/",
    "embed, schedule": "embed/schedule/",
    "embed, listing": "embed/",
}


def audit(url: str) -> dict[str, float]:
    """One Lighthouse run: each category's score (0-100) and the total blocking time (ms)."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
    ]
    for _attempt in range(3):  # Lighthouse now and then loses a trace (NO_NAVSTART): again
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        if not done.returncode:
            break
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    figures = {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}
    figures["tbt"] = report["audits"]["total-blocking-time"]["numericValue"]
    figures["failed"] = ", ".join(
        audit_id
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"])
        and (report["audits"][audit_id].get("score") or 0) < 1
        and report["audits"][audit_id].get("scoreDisplayMode") in ("binary", "numeric")
        and name != "performance"
    )
    return figures


def median_audit(url: str, runs: int) -> dict:
    results = [audit(url) for _ in range(runs)]
    median = {key: statistics.median(r[key] for r in results) for key in (*CATEGORIES, "tbt")}
    median["failed"] = "; ".join(sorted({r["failed"] for r in results if r["failed"]}))
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(
            f"No Lighthouse at {LIGHTHOUSE}: npm install --prefix bench/.lighthouse lighthouse@12"
        )
        return 2
    below = []
    for size in args.sizes:
        with served_program(size=size) as server:
            pages = {name: server.prepared.pages[name] for name in HTML_PAGES}
            edition = f"/{server.prepared.conference}/"
            pages.update({name: edition + path for name, path in MORE_PAGES.items()})
            rows = []
            for name, path in pages.items():
                figures = median_audit(server.address + path, args.runs)
                rows.append(
                    [name, *(figures[c] for c in CATEGORIES), figures["tbt"], figures["failed"]]
                )
                if any(figures[c] < TARGETS[c] for c in CATEGORIES):
                    below.append(f"{size} {name}")
        print(f"\n{size} ({server.prepared.conference}), Lighthouse mobile, median of {args.runs}")
        print_table(
            [
                ("page", "<18"),
                ("perf", ">5.0f"),
                ("a11y", ">5.0f"),
                ("best", ">5.0f"),
                ("seo", ">5.0f"),
                ("TBT ms", ">7.0f"),
                ("audits not passed (besides performance)", "<"),
            ],
            rows,
        )
    if below:
        print(f"\nBelow {TARGETS}: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
