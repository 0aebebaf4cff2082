"""Slow exports (the PDF booklets) rendered once per program by the task worker, never in a web
worker's thread.

A booklet of a small program renders within the request. A big one takes minutes (WeasyPrint's
time grows with the pages; bench/README.md), far beyond a web request's time limit, so the
first request for a new program claims a rendering and enqueues the `prepare_export` task
(django.tasks; `manage.py db_worker` runs it), then answers "being prepared" (503 with
Retry-After, the page reloads itself); every later request, from any worker or server, serves
the finished file from the database. Its links start with settings.SITE_URL, whatever Host
asked, so one rendering serves every host name. The database allows one pending rendering per
conference and format (a partial unique constraint on PreparedExport: of concurrent claims one
insert wins, the others fail), so two workers never render the same booklet; a claim older than
`STALE_AFTER` (a worker killed mid-way) is taken over by a conditional update. A finished
rendering replaces only the files of older revisions of its conference and format, and only
while the program is still at the revision it rendered; a file of the same content already
there is kept. `manage.py export_site` calls `prepare_now`, the same rendering, in its own
process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from workshops.exchange import exporters
from workshops.exchange.exporters import Exporter, Program
from workshops.models import Conference, PreparedExport, ProgramState
from workshops.program import selectors

logger = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)
POLL_SECONDS = 0.25


class NotReady(Exception):
    """The export is being rendered; ask again in `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Being prepared; ask again in {retry_after} s.")
        self.retry_after = retry_after


def is_slow(exporter: Exporter, program: Program) -> bool:
    """Whether this export of this program is rendered by the task worker."""
    return exporter.slow and len(program.slots) > settings.PREPARED_EXPORT_INLINE_SLOTS


def render(exporter: Exporter, program: Program, *, wait: float | None = None) -> bytes:
    """The export's bytes: rendered at once when quick, else from (or enqueued into)
    PreparedExport. Raises NotReady while the rendering has not finished within `wait` s."""
    if not is_slow(exporter, program):
        return exporter.render_bytes(program)
    wait = settings.PREPARED_EXPORT_WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + wait
    while True:
        content, claim = _look_up_or_claim(exporter, program)
        if content is not None:
            return content
        if claim is not None:
            enqueue = partial(
                prepare_export.enqueue,
                prepared_id=claim.pk,
                claimed=claim.started.isoformat(),
                options=_options(exporter),
            )
            transaction.on_commit(enqueue)
        if time.monotonic() >= deadline:
            raise NotReady(retry_after=settings.PREPARED_EXPORT_RETRY_SECONDS)
        time.sleep(POLL_SECONDS)


def prepare_now(exporter: Exporter, conference: Conference) -> bytes:
    """The export of the current program rendered in this process (as the task would) unless
    it is ready; waits for a rendering already under way, up to `STALE_AFTER`."""
    while True:
        program = selectors.program_for_export(conference)
        content, claim = _look_up_or_claim(exporter, program)
        if content is not None:
            return content
        if claim is not None:
            content = _render_into(claim, exporter)
            if content is not None:
                return content
        time.sleep(1)  # another process renders it (or took it over): its file is ready soon


@task()
def prepare_export(*, prepared_id: int, claimed: str, options: dict[str, str]) -> bool:
    """Render the claimed PreparedExport row; False when the claim was taken over meanwhile."""
    claim = (
        PreparedExport.objects.filter(
            pk=prepared_id, started=dt.datetime.fromisoformat(claimed), finished__isnull=True
        )
        .select_related("conference")
        .first()
    )
    if claim is None:
        return False
    exporter = exporters.get_exporter(claim.identifier, options)
    return _render_into(claim, exporter) is not None


def _key(exporter: Exporter, program: Program) -> str:
    """What the file depends on: the content, the version it prints, links' base, options."""
    parts = [program.content_hash, program.version, program.base_url, repr(exporter.settings)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _options(exporter: Exporter) -> dict[str, str]:
    """The exporter's switches as a query string gives them ({"bom": "1"})."""
    return {name: "1" for name, on in exporter.settings.items() if on}


def _look_up_or_claim(
    exporter: Exporter, program: Program
) -> tuple[bytes | None, PreparedExport | None]:
    """(the finished file, None), or (None, the row this caller claimed), or (None, None)
    while another rendering of this conference and format is pending."""
    key = _key(exporter, program)
    rows = PreparedExport.objects.filter(
        Q(key=key, finished__isnull=False) | Q(finished__isnull=True),
        conference=program.conference,
        identifier=exporter.identifier,
    ).values("pk", "key", "content", "started", "finished")
    pending = None
    for row in rows:
        if row["finished"] is not None:
            return bytes(row["content"]), None
        pending = row
    if pending is not None and pending["started"] >= timezone.now() - STALE_AFTER:
        return None, None
    lookup = {"conference": program.conference, "identifier": exporter.identifier}
    return None, _claim(lookup, key, stale=pending)


def _claim(lookup: dict, key: str, *, stale: dict | None) -> PreparedExport | None:
    """Insert the pending row (or take over a stale one); None when another process won."""
    now = timezone.now()
    try:
        with transaction.atomic():
            if stale is None:
                return PreparedExport.objects.create(**lookup, key=key, started=now)
            taken = PreparedExport.objects.filter(
                pk=stale["pk"], started=stale["started"], finished__isnull=True
            ).update(started=now, key=key)
    except IntegrityError:
        return None  # another process claimed it first
    return PreparedExport.objects.filter(pk=stale["pk"]).first() if taken else None


def _render_into(claim: PreparedExport, exporter: Exporter) -> bytes | None:
    """Render the current program into the claimed row; None when the claim was taken over.
    A finished file of the same content is kept (readers may be fetching it) and the claim
    dropped; the files of older revisions of this conference and format go only while the
    program is still at the rendered revision: once it moved, one of them may be what readers
    get now (a change undone), and the next rendering clears them."""
    revision, _changed = ProgramState.current()  # read first: the file is at least this new
    program = selectors.program_for_export(claim.conference)
    mine = PreparedExport.objects.filter(pk=claim.pk, started=claim.started, finished__isnull=True)
    try:
        content = exporter.render_bytes(program)
    except Exception:
        logger.exception("Rendering %s of %s failed", exporter.identifier, claim.conference)
        mine.delete()
        raise
    key = _key(exporter, program)
    same_format = PreparedExport.objects.filter(
        conference=claim.conference, identifier=exporter.identifier
    ).exclude(pk=claim.pk)
    with transaction.atomic():
        if not mine.select_for_update().exists():
            return None  # taken over while it rendered: the other claim stores its own file
        rendered_meanwhile = same_format.filter(key=key, finished__isnull=False).first()
        if rendered_meanwhile is not None:
            mine.delete()
            return bytes(rendered_meanwhile.content)
        mine.update(key=key, content=content, finished=timezone.now(), program_revision=revision)
        if ProgramState.current()[0] == revision:
            older = Q(program_revision__lt=revision) | Q(program_revision__isnull=True)
            same_format.filter(older, finished__isnull=False).delete()
    return content
