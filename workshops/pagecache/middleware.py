"""Public pages and exports served from the cache, keyed by the program's revision.

Every saved or deleted row of the program moves `ProgramState.revision` in the database, in the
same transaction as the change (workshops.program.revision). A public request reads that
revision (one small query: `key.current_revision`, which doubles as Django's health check of a
reused connection), answers 304 when the browser already holds it, else serves the response
stored under it (`store`), and renders only on a miss. A change is therefore visible on the
very next request through every server, whatever the cache backend, and entries of older
revisions are simply never asked for again.

Only anonymous requests use the cache: a request with a session cookie (a chair, an organizer)
is rendered afresh and marked private, so draft previews and signed-in pages are never stored
or shared.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from workshops.pagecache import store
from workshops.pagecache.key import CLOCK_STEP_SECONDS, cache_key, current_revision, quarter

logger = logging.getLogger(__name__)

CACHED = "program_cache"  # the attribute that marks a view as cacheable
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def cached_page(view: Callable | None = None, *, by_clock: bool = False):
    """Mark a public view whose output depends only on the program and the URL (and, with
    `by_clock`, on the day: its entries last a quarter of an hour at most)."""

    def mark(view: Callable) -> Callable:
        setattr(view, CACHED, "clock" if by_clock else True)
        return view

    return mark if view is None else mark(view)


# One rendering per page at a time: after a change, the crowd's requests for a page wait for
# the first one's result instead of all rendering it at once. Threads of a process wait on an
# event; other processes and servers see a short-lived marker in the cache and poll for the
# entry. Both waits are bounded: after RENDER_WAIT_SECONDS a request renders the page itself.
RENDER_WAIT_SECONDS = 10.0
_claims: dict[str, threading.Event] = {}
_claims_guard = threading.Lock()


class ProgramCacheMiddleware:
    """Conditional GET and the revision-keyed cache for views marked with @cached_page.

    It sits after WhiteNoise and before the session: a hit costs the revision query and one
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
            revision, changed = current_revision()
        except DatabaseError:
            return self.get_response(request)  # the view meets the same error and answers 503
        by_clock = kind == "clock"
        key = cache_key(request, revision, changed, by_clock=by_clock)
        etag = f'W/"{revision:x}-{key[-12:]}"'
        last_modified = int(changed.timestamp())
        if by_clock:  # modified, too, when a quarter of an hour begins
            last_modified = max(last_modified, quarter() * CLOCK_STEP_SECONDS)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._finish(not_modified, etag, last_modified)
        encoding = "gzip" if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) else ""
        entry = store.get(f"{key}:{encoding}") or self._render_once(request, key, encoding)
        if isinstance(entry, HttpResponse):
            return entry  # not for storing (an error page, a cookie)
        return self._finish(store.response_from(entry), etag, last_modified)

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
            return store.get(f"{key}:{encoding}") or self._render(request, key, encoding)
        marker = f"{key}:rendering"
        marked = False
        try:
            stored = store.get(f"{key}:{encoding}")  # rendered since this request looked
            if stored is not None:
                return stored
            marked = store.add(marker, seconds=RENDER_WAIT_SECONDS * 3)
            if not marked:  # another process or server renders it
                entry = store.wait_for(f"{key}:{encoding}", marker, seconds=RENDER_WAIT_SECONDS)
                if entry is not None:
                    return entry
            return self._render(request, key, encoding)
        finally:
            if marked:
                store.delete(marker)
            with _claims_guard:
                _claims.pop(key, None)
            mine.set()

    def _render(self, request: HttpRequest, key: str, encoding: str):
        response = self.get_response(request)
        entries = store.entries_for(response)
        if entries is None:
            return response
        store.set_many(key, entries)
        store.recent.put(f"{key}:{encoding}", entries[encoding])  # this process keeps what it sends
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
