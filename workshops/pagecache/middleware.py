"""Public pages and exports served from the cache, keyed by the program's version.

Every saved or deleted row of the program moves `ProgramState.version` in the database, in the
same transaction as the change (see `connect_signals`). A public request reads that version
(one small query), answers 304 when the browser already holds it, else serves the response
stored under it, and renders only on a miss. A change is therefore visible on the very next
request through every server, whatever the cache backend (local memory per process, or Redis
shared by all), and entries of older versions are simply never asked for again.

A hit costs that one query and nothing more: the query also serves as Django's health check
of a reused connection (`_current_version`), and each process keeps the entries it served
lately in its own memory (`_RecentEntries`, bounded in bytes), which cannot go stale since their
keys hold the version.

Signals fire on `save()`, `delete()` and many-to-many changes, and take the version row
before the first write of a transaction (so writers queue in one order). Database triggers
(migration 0008) move the version on every other write too: a bulk `QuerySet.update()`, raw
SQL, another program or a fix made in psql.

Only anonymous requests use the cache: a request with a session cookie (a chair, an organizer)
is rendered afresh and marked private, so draft previews and signed-in pages are never stored
or shared.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from zlib_ng import gzip_ng

from workshops.models import ProgramState

logger = logging.getLogger(__name__)

CACHED = "program_cache"  # the attribute that marks a view as cacheable
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript)|image/svg)")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MIN_COMPRESS_BYTES = 200
# Response headers that the cache stores and replays; the rest are per response.
NOT_STORED = {"content-length", "content-encoding", "date", "set-cookie", "etag", "last-modified"}


# A page that also depends on the day (the schedule's default day) is stored per quarter of an
# hour, UTC: every time zone's midnight falls on one, so a new day is never served stale.
CLOCK_STEP_SECONDS = 15 * 60


def cached_page(view: Callable | None = None, *, by_clock: bool = False):
    """Mark a public view whose output depends only on the program and the URL (and, with
    `by_clock`, on the day: its entries last a quarter of an hour at most)."""

    def mark(view: Callable) -> Callable:
        setattr(view, CACHED, "clock" if by_clock else True)
        return view

    return mark if view is None else mark(view)


# The middleware -------------------------------------------------------------------------------


class ProgramCacheMiddleware:
    """Conditional GET and the version-keyed cache for views marked with @cached_page.

    It sits after WhiteNoise and before the session: a hit costs the version query and one
    cache read; a 304 only the query. Responses keep the headers of the first rendering
    (Content-Security-Policy and the like), and SecurityMiddleware still adds its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kind = self._cacheable_view(request)
        if not kind:
            return self.get_response(request)
        if not self._anonymous(request):
            response = self.get_response(request)
            response.headers.setdefault("Cache-Control", "private, no-cache")
            return response
        try:
            version, changed = _current_version()
        except DatabaseError:
            return self.get_response(request)  # the view meets the same error and answers 503
        by_clock = kind == "clock"
        key = _cache_key(request, version, changed, by_clock=by_clock)
        etag = f'W/"{version:x}-{key[-12:]}"'
        last_modified = int(changed.timestamp())
        if by_clock:  # modified, too, when a quarter of an hour begins
            last_modified = max(last_modified, _quarter() * CLOCK_STEP_SECONDS)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._finish(not_modified, etag, last_modified)
        encoding = "gzip" if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else ""
        entry = _cache_get(f"{key}:{encoding}") or self._render_once(request, key, encoding)
        if isinstance(entry, HttpResponse):
            return entry  # not for storing (an error page, a cookie)
        return self._finish(_response_from(entry), etag, last_modified)

    def _render_once(self, request: HttpRequest, key: str, encoding: str):
        """The entry for `encoding`, rendered by this request or (waiting a bounded time) by
        the one already rendering it, in this process or another; or the response itself
        when it is not for storing."""
        with _claims_guard:
            other = _claims.get(key)
            if other is None:
                mine = _claims[key] = threading.Event()
        if other is not None:
            other.wait(RENDER_WAIT_SECONDS)
            return _cache_get(f"{key}:{encoding}") or self._render(request, key, encoding)
        marker = f"{key}:rendering"
        marked = False
        try:
            stored = _cache_get(f"{key}:{encoding}")  # rendered since this request looked
            if stored is not None:
                return stored
            marked = _cache_add(marker)
            if not marked:  # another process or server renders it
                entry = _wait_for(f"{key}:{encoding}", marker)
                if entry is not None:
                    return entry
            return self._render(request, key, encoding)
        finally:
            if marked:
                _cache_delete(marker)
            with _claims_guard:
                _claims.pop(key, None)
            mine.set()

    def _render(self, request: HttpRequest, key: str, encoding: str):
        response = self.get_response(request)
        entries = _entries_for(response)
        if entries is None:
            return response
        _cache_set_many(key, entries)
        _recent.put(f"{key}:{encoding}", entries[encoding])  # this process keeps what it sends
        return entries[encoding]

    @staticmethod
    def _cacheable_view(request: HttpRequest) -> bool | str:
        if request.method not in ("GET", "HEAD") or not settings.PROGRAM_CACHE_ENABLED:
            return False
        return _is_cached_path(request.path_info)

    @staticmethod
    def _anonymous(request: HttpRequest) -> bool:
        return settings.SESSION_COOKIE_NAME not in request.COOKIES

    @staticmethod
    def _finish(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = (
            f"public, max-age=0, must-revalidate, s-maxage={settings.PROGRAM_CACHE_SHARED_MAX_AGE}"
        )
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
        return response


@functools.lru_cache(maxsize=4096)
def _is_cached_path(path: str) -> bool | str:
    """Whether `path` leads to a @cached_page view: resolved once per path and process (Django
    resolves it again for the view; this saves a second resolution on every cached request)."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return getattr(match.func, CACHED, False)


@receiver(setting_changed)
def _urls_changed(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _is_cached_path.cache_clear()


def _current_version():
    """The version, and when it moved. With CONN_HEALTH_CHECKS on, Django would first check a
    reused connection with a query of its own (`SELECT 1`), a second round trip on every
    cached request; the version query serves as that check instead: on a connection that
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


def _cache_key(request: HttpRequest, version: int, changed, *, by_clock: bool = False) -> str:
    """The entry's key: the version, and the moment it moved (a database restored from a
    backup, or flushed and filled again, can give a version number a second time, never
    with the same moment), and the address (scheme and host too: exports hold full URLs);
    `by_clock`, the quarter of an hour too."""
    address = request.build_absolute_uri()
    if by_clock:
        address += f" {_quarter()}"
    digest = hashlib.sha256(f"{changed.isoformat()} {address}".encode()).hexdigest()[:32]
    return f"program:{version}:{digest}"


def _quarter() -> int:
    """The number of the current quarter of an hour since 1970 (UTC)."""
    return int(timezone.now().timestamp()) // CLOCK_STEP_SECONDS


def _cache():
    return caches[settings.PROGRAM_CACHE_ALIAS]


def _cache_get(key: str) -> dict[str, Any] | None:
    """The stored entry; None on a miss, and also when the cache server is down."""
    entry = _recent.get(key)
    if entry is not None:
        return entry
    try:
        entry = _cache().get(key)
    except Exception as error:  # a cache outage must never cost the page
        logger.warning("Page cache unavailable (read): %s", error)
        return None
    if isinstance(entry, dict):
        _recent.put(key, entry)
    return entry


def _cache_set_many(key: str, entries: dict[str, dict[str, Any]]) -> None:
    try:
        _cache().set_many(
            {f"{key}:{encoding}": entry for encoding, entry in entries.items()},
            timeout=settings.PROGRAM_CACHE_SECONDS,
        )
    except Exception as error:
        logger.warning("Page cache unavailable (write): %s", error)


class _RecentEntries:
    """The entries this process served lately, in its own memory, up to a number of bytes.

    An entry's key holds the version, so an entry never goes stale: a hit here skips the
    shared cache (a Redis round trip, or unpickling from local memory) without ever serving
    an older program. The least recently used entries make room for new ones."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[dict[str, Any], int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: str, entry: dict[str, Any]) -> None:
        size = len(entry.get("body", b"")) + 512
        limit = settings.PROGRAM_CACHE_LOCAL_BYTES
        with self._lock:
            if key in self._entries:
                return
            if size > limit:
                return
            self._entries[key] = (entry, size)
            self._bytes += size
            while self._bytes > limit:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


_recent = _RecentEntries()


def clear() -> None:
    """Forget every cached page: the shared cache and this process's recent entries (tests
    and benchmarks, whose databases can give a version number twice)."""
    _cache().clear()
    _recent.clear()


# One rendering per page at a time: after a change, the crowd's requests for a page wait for
# the first one's result instead of all rendering it at once. Threads of a process wait on an
# event; other processes and servers see a short-lived marker in the cache and poll for the
# entry. Both waits are bounded: after RENDER_WAIT_SECONDS a request renders the page itself.
RENDER_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.02
_claims: dict[str, threading.Event] = {}
_claims_guard = threading.Lock()


def _wait_for(key: str, marker: str) -> dict[str, Any] | None:
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        entry = _cache_get(key)
        if entry is not None or not _cache_has(marker):
            return entry
        time.sleep(_POLL_SECONDS)
    return None


def _cache_add(key: str) -> bool:
    try:
        return _cache().add(key, 1, timeout=int(RENDER_WAIT_SECONDS) * 3)
    except Exception:
        return False


def _cache_has(key: str) -> bool:
    try:
        return _cache().has_key(key)
    except Exception:
        return False


def _cache_delete(key: str) -> None:
    with contextlib.suppress(Exception):
        _cache().delete(key)


def _entries_for(response: HttpResponse) -> dict[str, dict[str, Any]] | None:
    """What to store of a fresh response, one entry per encoding ("" and "gzip"): complete
    200s without cookies or private marks. A hit then reads only the body it sends."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return None
    body = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED]
    compressed = None
    if len(body) >= MIN_COMPRESS_BYTES and COMPRESSIBLE.match(response.get("Content-Type", "")):
        compressed = compress(body)
    plain = {"headers": headers, "body": body}
    if compressed is None or len(compressed) >= len(body):
        return {"": plain, "gzip": plain}
    gzipped = {"headers": [*headers, ("Content-Encoding", "gzip")], "body": compressed}
    return {"": plain, "gzip": gzipped}


def compress(body: bytes) -> bytes:
    """`body` in gzip, as stored for clients that accept it. zlib-ng makes the same format
    as zlib at the same level, slightly smaller and about 1.7 times as fast (the large
    schedule's 3.7 MB in 17 ms instead of 29)."""
    return gzip_ng.compress(body, compresslevel=6, mtime=0)


def _response_from(entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(entry.get("body", b""))
    for name, value in entry.get("headers", ()):
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    return response
