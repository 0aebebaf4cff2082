"""What a cached page is keyed by: the program's revision, read on every public request, and the
canonical address: the site's configured URL (settings.SITE_URL, never the request's Host), the
path, and only the query parameters the view reads, each normalised, in a fixed order.

A view declares those parameters (`@cached_page(query=...)`) as a mapping from each name to
its normaliser, a function from the value given to the value the view should read ("" drops
it). The view then reads the same canonical query the key was made of (`canonical_query`), so
the key and the rendering never disagree, and an address that differs only by what the view
ignores (another parameter, their order, a repeat, spaces) is the same entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.http import urlencode

from workshops.models import ProgramState

# A page that also depends on the day (the schedule's default day) is stored per quarter of an
# hour, UTC: every time zone's midnight falls on one, so a new day is never served stale.
CLOCK_STEP_SECONDS = 15 * 60

Normalise = Callable[[str], str]
Declared = Mapping[str, Normalise]


def text(value: str) -> str:
    """A text parameter on one line: its spaces trimmed and runs of spaces made one."""
    return " ".join(value.split())


def flag(value: str) -> str:
    """A switch that is on only as "1" (`?screen=1`): "1", or "" (off)."""
    return "1" if value.strip() == "1" else ""


def canonical_query(query: QueryDict, declared: Declared) -> QueryDict:
    """The declared parameters of `query`, by name, each its last value (as QueryDict.get
    reads it) normalised; empty values and undeclared names are left out."""
    normalised = ((name, declared[name](query.get(name) or "")) for name in sorted(declared))
    return QueryDict(urlencode([(name, value) for name, value in normalised if value]))


def current_revision() -> tuple[int, dt.datetime]:
    """The program's revision, and when it moved. With CONN_HEALTH_CHECKS on, Django would
    first check a reused connection with a query of its own (`SELECT 1`), a second round trip
    on every cached request; the revision query serves as that check instead: on a connection that
    broke since its last use (a database restart), it is closed and the query asked once
    more on a new one."""
    checking = (
        connection.health_check_enabled
        and not connection.health_check_done
        and connection.connection is not None
        and not connection.in_atomic_block
    )
    if checking:
        connection.health_check_done = True
    try:
        return ProgramState.current()
    except (OperationalError, InterfaceError):
        if not checking or connection.is_usable():
            raise  # not a broken connection: a lock, a timeout, the server refusing
        connection.close()
        return ProgramState.current()


def cache_key(
    request: HttpRequest, revision: int, changed: dt.datetime, *, by_clock: bool = False
) -> str:
    """The entry's key: the revision, and the moment it moved (a database restored from a
    backup, or flushed and filled again, can give a revision number a second time, never
    with the same moment), and the canonical address: SITE_URL (exports hold full URLs, made
    from it), the path and the request's query, which must already be canonical; `by_clock`,
    the quarter of an hour too."""
    address = f"{settings.SITE_URL}{request.path}?{request.GET.urlencode()}"
    if by_clock:
        address += f" {quarter()}"
    digest = hashlib.sha256(f"{changed.isoformat()} {address}".encode()).hexdigest()[:32]
    return f"program:{revision}:{digest}"


def quarter() -> int:
    """The number of the current quarter of an hour since 1970 (UTC)."""
    return int(timezone.now().timestamp()) // CLOCK_STEP_SECONDS
