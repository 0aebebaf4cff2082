"""Throttling of the sign-in (django-axes) and of password-reset requests: whose attempts count
together (the client's address as this server, or behind the reverse proxy the proxy, saw it),
how many a window allows, and the 429 page that says when to try again."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import ipaddress
import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind our proxy, the right-most X-Forwarded-For address that is not one of
    TRUSTED_PROXIES. The header is read only while the address it came from is a trusted proxy,
    so a client reaching the server directly, or putting addresses of its own in front of the
    ones its proxies add, cannot choose the address its attempts count under."""
    address = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "SIGN_IN_BEHIND_PROXY", False):
        return address
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while address and _is_trusted_proxy(address) and hops:
        hop = hops.pop().strip()
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            break  # a malformed hop: the proxy that forwarded it is the client we can name
    return address


def count_attempt(*, scope: str, key: str, limit: int, window: dt.timedelta) -> dt.timedelta | None:
    """Count one attempt of `key` in `scope`: None while at most `limit` came in this `window`
    (fixed windows, counted in the cache all servers share), else how long until it ends."""
    seconds = int(window.total_seconds())
    now = timezone.now().timestamp()
    started = int(now // seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    name = f"throttle:{scope}:{digest}:{started}"
    cache.add(name, 0, timeout=seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between the two calls
        cache.set(name, count := 1, timeout=seconds)
    if count <= limit:
        return None
    return dt.timedelta(seconds=(started + 1) * seconds - now)


def password_reset_wait(request: HttpRequest, email: str) -> dt.timedelta | None:
    """Count a password-reset request against both limits, per client address and per e-mail
    address (whether or not an account has it, so the answer tells nothing about accounts):
    None while within them, else how long until another is taken."""
    window = settings.PASSWORD_RESET_LIMIT_WINDOW
    return count_attempt(
        scope="password-reset:address",
        key=client_ip(request) or "",
        limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        window=window,
    ) or count_attempt(
        scope="password-reset:email",
        key=email.strip().casefold(),
        limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        window=window,
    )


def too_many_response(
    request: HttpRequest, template: str, context: dict, wait: dt.timedelta
) -> HttpResponse:
    """A 429 page that says how long the wait is and when it ends (`wait_minutes`, `retry_at`),
    with the same in Retry-After."""
    seconds = math.ceil(wait.total_seconds())
    context = {
        **context,
        "wait_minutes": max(1, math.ceil(seconds / 60)),
        "retry_at": timezone.now() + dt.timedelta(seconds=seconds),
    }
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The 429 page of a locked-out sign-in: what happened, and when to try again."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    context = {"failure_limit": get_failure_limit(request, credentials)}
    return too_many_response(request, "axes/lockout.html", context, cool_off)
