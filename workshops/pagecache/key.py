"""What a cached page is keyed by: the program's revision, read on every public request, and the
address."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest

from workshops.models import ProgramState


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


def cache_key(request: HttpRequest, revision: int, changed: dt.datetime) -> str:
    """The entry's key: the revision, and the moment it moved (a database restored from a
    backup, or flushed and filled again, can give a revision number a second time, never
    with the same moment), and the address (scheme and host too: exports hold full URLs)."""
    address = request.build_absolute_uri()
    digest = hashlib.sha256(f"{changed.isoformat()} {address}".encode()).hexdigest()[:32]
    return f"program:{revision}:{digest}"
