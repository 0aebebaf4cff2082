"""What a cached page is keyed by: the program's revision, read on every public request, and the
address."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest
from django.utils import timezone

from workshops.models import ProgramState

# A page that also depends on the day (the schedule's default day) is stored per quarter of an
# hour, UTC: every time zone's midnight falls on one, so a new day is never served stale.
CLOCK_STEP_SECONDS = 15 * 60


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
    with the same moment), and the address (scheme and host too: exports hold full URLs);
    `by_clock`, the quarter of an hour too."""
    address = request.build_absolute_uri()
    if by_clock:
        address += f" {quarter()}"
    digest = hashlib.sha256(f"{changed.isoformat()} {address}".encode()).hexdigest()[:32]
    return f"program:{revision}:{digest}"


def quarter() -> int:
    """The number of the current quarter of an hour since 1970 (UTC)."""
    return int(timezone.now().timestamp()) // CLOCK_STEP_SECONDS
