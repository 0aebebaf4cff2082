"""QR codes of this site's own addresses, drawn on the server as SVG (no script in the page)."""

from __future__ import annotations

from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from django.utils.http import url_has_allowed_host_and_scheme

from workshops.models import Conference

MAX_LENGTH = 1000


def qr_target(*, data: str, conference: Conference, host: str, secure: bool) -> str | None:
    """The address to encode if `data` is a page of this conference on this site (a path, or
    an absolute http(s) URL of this host); None for anything else, so the endpoint never
    draws a code that sends people elsewhere."""
    if not data or len(data) > MAX_LENGTH:
        return None
    if not url_has_allowed_host_and_scheme(data, allowed_hosts={host}, require_https=secure):
        return None
    parts = urlsplit(data)
    if not parts.path.startswith(f"/{conference.slug}/"):
        return None
    scheme = "https" if secure else "http"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{host}{parts.path}{query}"


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
