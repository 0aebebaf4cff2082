"""Sign-in throttling with django-axes: whose attempts count together (the client's address as
this server, or behind the reverse proxy the proxy, saw it) and the page of a locked sign-in."""

from __future__ import annotations

import datetime as dt
import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind our proxy, the last X-Forwarded-For hop (the one the proxy added,
    so a client can't pick an address of its own by sending the header)."""
    if getattr(settings, "SIGN_IN_BEHIND_PROXY", False):
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if hops[-1]:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The 429 page of a locked-out sign-in: what happened, and when to try again."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": max(1, math.ceil(cool_off.total_seconds() / 60)),
        "retry_at": timezone.now() + cool_off,
    }
    response = render(request, "axes/lockout.html", context, status=429)
    response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response
