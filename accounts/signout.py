"""Signing out leaves no signed-in page behind on the device: the response to a sign-out asks
the browser to clear this site's HTTP cache (`Clear-Site-Data: "cache"`), where the private
pages seen while signed in (a draft's preview) may still be stored.

The offline worker (static/js/sw.js) never keeps a private page in the first place; "cache"
alone leaves the attendee's stars (local storage) and the offline copies of public pages
alone, which "storage" would wipe.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CLEAR_SITE_DATA = '"cache"'
_SIGNED_OUT = "signed_out"  # the request attribute that mark_signed_out sets


def mark_signed_out(sender, request: HttpRequest | None = None, user=None, **kwargs) -> None:
    """The user_logged_out receiver: remember on the request that it signed someone out (it
    is sent with no user when nobody was signed in)."""
    if request is not None and user is not None:
        setattr(request, _SIGNED_OUT, True)


class ClearSiteDataOnSignOutMiddleware:
    """Adds Clear-Site-Data to the response of a request that signed someone out, whichever
    view did it (the admin's sign-out, /accounts/logout/)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _SIGNED_OUT, False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
