"""Public pages and exports served from the cache, keyed by the program's version.

Every saved or deleted row of the program moves `ProgramState.version` in the database, in the
same transaction as the change (see `connect_signals`). A public request reads that version
(one small query), answers 304 when the browser already holds it, else serves the response
stored under it, and renders only on a miss. A change is therefore visible on the very next
request through every server, whatever the cache backend (local memory per process, or Redis
shared by all), and entries of older versions are simply never asked for again.

Only anonymous requests use the cache: a request with a session cookie (a chair, an organizer)
is rendered afresh and marked private, so draft previews and signed-in pages are never stored
or shared.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

logger = logging.getLogger(__name__)

CACHED = "program_cache"  # the attribute that marks a view as cacheable
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|javascript)|image/svg)")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MIN_COMPRESS_BYTES = 200
# Response headers that the cache stores and replays; the rest are per response.
NOT_STORED = {"content-length", "content-encoding", "date", "set-cookie", "etag", "last-modified"}


def cached_page(view: Callable) -> Callable:
    """Mark a public view whose output depends only on the program and the URL."""
    setattr(view, CACHED, True)
    return view


# The version ---------------------------------------------------------------------------------


def program_changed(*, using: str | None = None) -> None:
    """Move the program's version on (from a signal, or from code that writes in bulk)."""
    from workshops.models import ProgramState

    ProgramState.bump(using=using)


def _is_program_model(model: type) -> bool:
    meta = model._meta
    # django-simple-history's records live in this app too; they follow a change, never lead it.
    # The version itself and prepared renderings say `changes_program = False`.
    return (
        meta.app_label == "workshops"
        and getattr(model, "changes_program", True)
        and not meta.auto_created
        and not hasattr(model, "instance_type")
    )


def _before(sender, using=None, action=None, **kwargs) -> None:
    """Inside a transaction, move the version before the first write: every writer then
    takes the one version row first, so writers queue in one order and cannot deadlock."""
    if action is not None and not action.startswith("pre_"):
        return
    if transaction.get_connection(using).in_atomic_block:
        program_changed(using=using)


def _after(sender, using=None, action=None, **kwargs) -> None:
    """Outside a transaction (autocommit), move the version only after the row is written:
    a reader in between then stores new content under the old version, never the reverse."""
    if action is not None and not action.startswith("post_"):
        return
    if not transaction.get_connection(using).in_atomic_block:
        program_changed(using=using)


def connect_signals(models: list[type]) -> None:
    for model in models:
        if not _is_program_model(model):
            continue
        uid = f"program-version-{model._meta.label_lower}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-save")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}-post-save")
        post_delete.connect(_after, sender=model, dispatch_uid=f"{uid}-post-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_before, sender=through, dispatch_uid=f"{uid}-{field.name}-pre")
            m2m_changed.connect(_after, sender=through, dispatch_uid=f"{uid}-{field.name}-post")


# The middleware -------------------------------------------------------------------------------


class ProgramCacheMiddleware:
    """Conditional GET and the version-keyed cache for views marked with @cached_page.

    It sits after WhiteNoise and before the session: a hit costs the version query and one
    cache read; a 304 only the query. Responses keep the headers of the first rendering
    (Content-Security-Policy and the like), and SecurityMiddleware still adds its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._cacheable_view(request):
            return self.get_response(request)
        if not self._anonymous(request):
            response = self.get_response(request)
            response.headers.setdefault("Cache-Control", "private, no-cache")
            return response
        try:
            version, changed = _current_version()
        except DatabaseError:
            return self.get_response(request)  # the view meets the same error and answers 503
        key = _cache_key(request, version)
        etag = f'W/"{version:x}-{key[-12:]}"'
        last_modified = int(changed.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._finish(not_modified, etag, last_modified)
        entry = _cache_get(key)
        if entry is None:
            response = self.get_response(request)
            entry = _entry_for(response)
            if entry is None:
                return response
            _cache_set(key, entry)
        return self._finish(_response_from(entry, request), etag, last_modified)

    @staticmethod
    def _cacheable_view(request: HttpRequest) -> bool:
        if request.method not in ("GET", "HEAD") or not settings.PROGRAM_CACHE_ENABLED:
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return getattr(match.func, CACHED, False)

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


def _current_version():
    from workshops.models import ProgramState

    return ProgramState.current()


def _cache_key(request: HttpRequest, version: int) -> str:
    address = request.build_absolute_uri()  # scheme and host too: exports hold full URLs
    return f"program:{version}:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def _cache():
    return caches[settings.PROGRAM_CACHE_ALIAS]


def _cache_get(key: str) -> dict[str, Any] | None:
    """The stored entry; None on a miss, and also when the cache server is down."""
    try:
        return _cache().get(key)
    except Exception as error:  # a cache outage must never cost the page
        logger.warning("Page cache unavailable (read): %s", error)
        return None


def _cache_set(key: str, entry: dict[str, Any]) -> None:
    try:
        _cache().set(key, entry, timeout=settings.PROGRAM_CACHE_SECONDS)
    except Exception as error:
        logger.warning("Page cache unavailable (write): %s", error)


def _entry_for(response: HttpResponse) -> dict[str, Any] | None:
    """What to store of a fresh response: complete 200s without cookies or private marks."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return None
    body = response.content
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED]
    compressed = None
    if len(body) >= MIN_COMPRESS_BYTES and COMPRESSIBLE.match(response.get("Content-Type", "")):
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(compressed) >= len(body):
            compressed = None
    return {"headers": headers, "body": body, "gzip": compressed}


def _response_from(entry: dict[str, Any], request: HttpRequest) -> HttpResponse:
    """A response from a stored entry, gzip-compressed when the client accepts it."""
    body = entry["body"]
    compressed = entry["gzip"] is not None and ACCEPTS_GZIP.search(
        request.headers.get("Accept-Encoding", "")
    )
    response = HttpResponse(entry["gzip"] if compressed else body)
    for name, value in entry["headers"]:
        response[name] = value
    if compressed:
        response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    return response
