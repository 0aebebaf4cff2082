"""Slow exports (the PDF booklets) rendered once per program, in the background when big.

A booklet of a small program renders within the request. A big one takes minutes (WeasyPrint's
time grows with the pages; bench/README.md), far beyond a web request's time limit, so the
first request for a new program starts one rendering in a background thread and answers
"being prepared" (503 with Retry-After, the page reloads itself); every later request, from
any worker or server, serves the finished file from the database. A rendering is claimed by
inserting its row (unique per conference, format and program), so two workers never render
the same booklet; a claim older than `STALE_AFTER` (a worker killed mid-way) is taken over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from workshops.exchange.exporters import Exporter, Program
from workshops.models import PreparedExport

logger = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)
POLL_SECONDS = 0.25


class NotReady(Exception):
    """The export is being rendered; ask again in `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Being prepared; ask again in {retry_after} s.")
        self.retry_after = retry_after


def is_slow(exporter: Exporter, program: Program) -> bool:
    """Whether this export of this program is rendered in the background."""
    return exporter.slow and len(program.slots) > settings.PREPARED_EXPORT_INLINE_SLOTS


def render(exporter: Exporter, program: Program, *, wait: float | None = None) -> bytes:
    """The export's bytes: rendered at once when quick, else from (or into) PreparedExport.
    Raises NotReady while a background rendering has not finished within `wait` seconds."""
    if not is_slow(exporter, program):
        return exporter.render_bytes(program)
    wait = settings.PREPARED_EXPORT_WAIT_SECONDS if wait is None else wait
    lookup = {
        "conference": program.conference,
        "identifier": exporter.identifier,
        "key": _key(exporter, program),
    }
    deadline = time.monotonic() + wait
    while True:
        row = PreparedExport.objects.filter(**lookup).values("pk", "content", "started").first()
        if row is not None and row["content"] is not None:
            return bytes(row["content"])
        if row is None or row["started"] < timezone.now() - STALE_AFTER:
            _claim_and_start(exporter, program, lookup, stale=row)
        if time.monotonic() >= deadline:
            raise NotReady(retry_after=settings.PREPARED_EXPORT_RETRY_SECONDS)
        time.sleep(POLL_SECONDS)


def _key(exporter: Exporter, program: Program) -> str:
    """What the file depends on: the content, the version it prints, links' base, options."""
    parts = [program.content_hash, program.version, program.base_url, repr(exporter.settings)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _claim_and_start(exporter, program, lookup: dict, *, stale: dict | None) -> None:
    """Insert (or take over a stale) row; the worker that wins starts the rendering."""
    try:
        with transaction.atomic():
            if stale is None:
                pk = PreparedExport.objects.create(**lookup).pk
            else:
                taken = PreparedExport.objects.filter(
                    pk=stale["pk"], started=stale["started"], content__isnull=True
                ).update(started=timezone.now())
                if not taken:
                    return  # another worker took it over first
                pk = stale["pk"]
    except IntegrityError:
        return  # another worker claimed it first
    thread = threading.Thread(
        target=_render_in_background,
        args=(pk, exporter, program),
        name=f"prepare-{exporter.identifier}",
        daemon=True,
    )
    thread.start()


def _render_in_background(pk: int, exporter: Exporter, program: Program) -> None:
    try:
        content = exporter.render_bytes(program)
        PreparedExport.objects.filter(pk=pk).update(content=content, finished=timezone.now())
        # Finished renderings of the same format started earlier are of an older program.
        started = PreparedExport.objects.filter(pk=pk).values_list("started", flat=True).first()
        if started is not None:
            PreparedExport.objects.filter(
                conference=program.conference,
                identifier=exporter.identifier,
                finished__isnull=False,
                started__lt=started,
            ).delete()
    except Exception:
        logger.exception("Rendering %s of %s failed", exporter.identifier, program.conference)
        PreparedExport.objects.filter(pk=pk, content__isnull=True).delete()
    finally:
        connections.close_all()  # this thread's own connections
