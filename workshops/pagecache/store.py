"""The page cache's store: entries kept under keys that hold the program's revision, in the
shared cache (local memory per process, or Redis shared by all) and, for the entries a process
served lately, in its own memory (`RecentEntries`, bounded in bytes), which cannot go stale since
their keys hold the revision. A cache outage never costs a page: reads miss, writes are dropped.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from zlib_ng import gzip_ng

logger = logging.getLogger(__name__)

COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript)|image/svg)")
MIN_COMPRESS_BYTES = 200
# Response headers that the cache stores and replays; the rest are per response.
NOT_STORED = {"content-length", "content-encoding", "date", "set-cookie", "etag", "last-modified"}


POLL_SECONDS = 0.02


def _shared():
    return caches[settings.PROGRAM_CACHE_ALIAS]


def get(key: str) -> dict[str, Any] | None:
    """The stored entry; None on a miss, and also when the cache server is down."""
    entry = recent.get(key)
    if entry is not None:
        return entry
    try:
        entry = _shared().get(key)
    except Exception as error:  # a cache outage must never cost the page
        logger.warning("Page cache unavailable (read): %s", error)
        return None
    if isinstance(entry, dict):
        recent.put(key, entry)
    return entry


def set_many(key: str, entries: dict[str, dict[str, Any]]) -> None:
    """Store a page's entries, one per encoding, under `key`."""
    try:
        _shared().set_many(
            {f"{key}:{encoding}": entry for encoding, entry in entries.items()},
            timeout=settings.PROGRAM_CACHE_SECONDS,
        )
    except Exception as error:
        logger.warning("Page cache unavailable (write): %s", error)


class RecentEntries:
    """The entries this process served lately, in its own memory, up to a number of bytes.

    An entry's key holds the revision, so an entry never goes stale: a hit here skips the
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


recent = RecentEntries()


def clear() -> None:
    """Forget every cached page: the shared cache and this process's recent entries (tests
    and benchmarks, whose databases can give a revision number twice)."""
    _shared().clear()
    recent.clear()


def wait_for(key: str, marker: str, *, seconds: float) -> dict[str, Any] | None:
    """The entry under `key` once another process has stored it, polling while its `marker`
    stays; None after `seconds`, or once the marker is gone without an entry."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        entry = get(key)
        if entry is not None or not has(marker):
            return entry
        time.sleep(POLL_SECONDS)
    return None


def add(key: str, *, seconds: float) -> bool:
    """Store a marker under `key` for `seconds`, unless one is there: whether this call did."""
    try:
        return _shared().add(key, 1, timeout=int(seconds))
    except Exception:
        return False


def has(key: str) -> bool:
    try:
        return _shared().has_key(key)
    except Exception:
        return False


def delete(key: str) -> None:
    with contextlib.suppress(Exception):
        _shared().delete(key)


def entries_for(response: HttpResponse) -> dict[str, dict[str, Any]] | None:
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
    as zlib at the same level, slightly smaller and faster, which counts on a large page
    (bench/README.md has the figures)."""
    return gzip_ng.compress(body, compresslevel=6, mtime=0)


def response_from(entry: dict[str, Any]) -> HttpResponse:
    """The response a stored entry replays."""
    response = HttpResponse(entry.get("body", b""))
    for name, value in entry.get("headers", ()):
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    return response
