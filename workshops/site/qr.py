"""QR codes of this site's own addresses, drawn on the server as SVG (no script in the page)."""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import quote, unquote, urlsplit

import qrcode
import qrcode.image.svg
from django.utils.http import url_has_allowed_host_and_scheme

from workshops.models import Conference

MAX_LENGTH = 1000  # the whole address: a "My schedule" link carries its stars in the query
MAX_PATH_LENGTH = 300  # far above any page's path; drawing costs grow with the length
# What a path keeps unescaped when it is written again (RFC 3986's pchar and "/").
PATH_SAFE = "/:@!$&'()*+,;=-._~"
# The same address always gives the same drawing: browsers, proxies and CDNs may keep it long.
CACHE_SECONDS = 30 * 24 * 3600


class NotDrawn(ValueError):
    """The address is not one this endpoint draws; the message says why."""


def qr_target(*, data: str, conference: Conference, host: str, secure: bool) -> str:
    """The address to encode if `data` is a page of this conference on this site (a path, or
    an absolute http(s) URL of this host), with its path decoded, normalised and checked
    again; NotDrawn for anything else, so the endpoint never draws a code that sends people
    elsewhere, nor one that a browser resolves to another part of the site."""
    if not data:
        raise NotDrawn("Give the address to draw as ?data=.")
    if len(data) > MAX_LENGTH:
        raise NotDrawn(f"The address is longer than {MAX_LENGTH} characters.")
    if not url_has_allowed_host_and_scheme(data, allowed_hosts={host}, require_https=secure):
        raise NotDrawn("A QR code is drawn only for a page of this program.")
    parts = urlsplit(data)
    if len(parts.path) > MAX_PATH_LENGTH:
        raise NotDrawn(f"The address's path is longer than {MAX_PATH_LENGTH} characters.")
    path = unquote(parts.path)
    # Browsers read "\" as "/" and resolve "..", escaped or not, before they ask for a page.
    if "\\" in path or ".." in path.split("/"):
        raise NotDrawn("The address's path may not go up a folder ('..').")
    normal = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    if not normal.startswith(f"/{conference.slug}/"):
        raise NotDrawn("A QR code is drawn only for a page of this program.")
    scheme = "https" if secure else "http"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{host}{quote(normal, safe=PATH_SAFE)}{query}"


def qr_etag(target: str) -> str:
    """The entity tag of the code of `target`: the drawing depends on nothing else."""
    return f'"qr-{hashlib.sha256(target.encode()).hexdigest()[:24]}"'


def qr_svg(text: str) -> bytes:
    """A QR code of `text` as a standalone SVG: black modules on a white square with the quiet
    zone, readable on dark pages too, scaled by the page's CSS."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathFillImage,
    )
    code.add_data(text)
    code.make(fit=True)
    return code.make_image().to_string(encoding="utf-8")
