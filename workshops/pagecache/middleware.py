"""Public pages and exports served from the cache, keyed by the program's revision.

Every saved or deleted row of the program moves `ProgramState.revision` in the database, in the
same transaction as the change (workshops.program.revision). A public request reads that
revision (one small query: `key.current_revision`, which doubles as Django's health check of a
reused connection), answers 304 when the browser already holds it, else serves the response
stored under it (`store`), and renders only on a miss. A change is therefore visible on the
very next request through every server, whatever the cache backend, and entries of older
revisions are simply never asked for again.

The key is canonical (`key.cache_key`): the configured site, the path and only the query
parameters the view declares, normalised; the view is handed that same canonical query. So
what an address adds that the view does not read (other parameters, another port of an
allowed host, their order) is the same entry, and costs no rendering.

Only requests of a signed-in user skip the cache: their session cookie is looked up in the
session store (one query with database sessions) and must hold a user. Those requests are
rendered afresh and marked private, so draft previews and signed-in pages are never stored or
shared; a made-up or anonymous session cookie gets the public page.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from workshops.pagecache import store
from workshops.pagecache.key import (
    CLOCK_STEP_SECONDS,
    Declared,
    cache_key,
    canonical_query,
    current_revision,
    quarter,
)

logger = logging.getLogger(__name__)

CACHED = "program_cache"  # the attribute that marks a view as cacheable
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class CachedPage:
    """What @cached_page declared of a view: whether its page follows the clock, and the query
    parameters it reads (a mapping of names to normalisers, or a function of the URL's
    arguments that gives one: an export reads its own format's options)."""

    by_clock: bool
    query: Declared | Callable[[dict], Declared]

    def declared(self, kwargs: dict) -> Declared:
        return self.query(kwargs) if callable(self.query) else self.query


def cached_page(
    view: Callable | None = None,
    *,
    by_clock: bool = False,
    query: Declared | Callable[[dict], Declared] | None = None,
):
    """Mark a public view whose output depends only on the program, the path and the query
    parameters `query` declares (and, with `by_clock`, on the day: its entries last a quarter
    of an hour at most). The view sees only those parameters, normalised, in request.GET."""
    page = CachedPage(by_clock=by_clock, query=query or {})

    def mark(view: Callable) -> Callable:
        @functools.wraps(view)
        def canonical_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            use_canonical_query(request, page.declared(kwargs))
            return view(request, *args, **kwargs)

        setattr(canonical_view, CACHED, page)
        return canonical_view

    return mark if view is None else mark(view)


def use_canonical_query(request: HttpRequest, declared: Declared) -> None:
    """Give the request only the declared parameters, normalised, as the key holds them (the
    cached and the fresh rendering then read the same query; doing it twice changes nothing)."""
    request.GET = canonical_query(request.GET, declared)
    request.META["QUERY_STRING"] = request.GET.urlencode()


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
        self.session_store = import_module(settings.SESSION_ENGINE).SessionStore

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cached = self._cached_view(request)
        if cached is None:
            return self.get_response(request)
        page, declared = cached
        request.get_host()  # a Host that ALLOWED_HOSTS refuses is refused here too (400)
        try:
            revision, changed = current_revision()  # first: it checks a reused connection
            signed_in = self._signed_in(request)
        except DatabaseError:
            return self.get_response(request)  # the view meets the same error and answers 503
        if signed_in:
            response = self.get_response(request)
            response.headers.setdefault("Cache-Control", "private, no-cache")
            return response
        by_clock = page.by_clock
        use_canonical_query(request, declared)
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
    def _cached_view(request: HttpRequest) -> tuple[CachedPage, Declared] | None:
        if request.method not in ("GET", "HEAD") or not settings.PROGRAM_CACHE_ENABLED:
            return None
        return _cached_path(request.path_info)

    def _signed_in(self, request: HttpRequest) -> bool:
        """Whether the session cookie names a session that holds a user. A cookie alone
        proves nothing (anyone can make one up): a key too short to be one costs nothing,
        any other one look-up in the session store (with database sessions, a query)."""
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        return bool(session_key) and SESSION_KEY in self.session_store(session_key)

    @staticmethod
    def _finish(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = (
            f"public, max-age=0, must-revalidate, s-maxage={settings.PROGRAM_CACHE_SHARED_MAX_AGE}"
        )
        patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
        return response


def _cached_path(path: str) -> tuple[CachedPage, Declared] | None:
    """The @cached_page declaration of the view `path` leads to, and the query parameters it
    reads there; None for another view."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    page = getattr(match.func, CACHED, None)
    return None if page is None else (page, page.declared(match.kwargs))
