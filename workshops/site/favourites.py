"""Favourites without an account: the stars live in the browser; the server only signs a set of
stars into a token (for the calendar feed and the "My schedule" link that carries them to
another device) and describes the public program for the page that shows them.

A star is a workshop's slug, or a single talk's or session's key: "item:" and its agenda
item's GUID (ITEM_PREFIX). A token is the sorted list of these keys, serialized and signed
with django.core.signing under a salt that names the conference: it cannot be altered,
guessed from another set, or used on another edition. It carries no secret (the program is
public): whoever knows a set can make its token, nobody can make one that the server did
not sign.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.core import signing
from django.urls import reverse

from workshops.exchange.exporters import ical
from workshops.exchange.exporters.base import Program
from workshops.models import AgendaItem, Conference, Workshop
from workshops.site.filters import organizer_names

MAX_STARS = 200
ITEM_PREFIX = "item:"  # a starred agenda item: "item:<its GUID>"
_SLUG = re.compile(r"^(?:[-a-zA-Z0-9_]{1,100}|item:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$")


def item_key(item: AgendaItem) -> str:
    """The star of one agenda item."""
    return f"{ITEM_PREFIX}{item.guid}"


def item_guids(keys: Iterable[str]) -> list[str]:
    """The agenda items' GUIDs among a set of stars."""
    return [key.removeprefix(ITEM_PREFIX) for key in keys if key.startswith(ITEM_PREFIX)]


class BadToken(Exception):
    """The token was not signed by this site for this conference, or is malformed."""


def _signer(conference: Conference) -> signing.Signer:
    return signing.Signer(salt=f"workshops.favourites:{conference.slug}")


def clean_slugs(values: Iterable[str]) -> list[str]:
    """The well-formed slugs among `values`, once each, sorted, at most MAX_STARS."""
    return sorted({value for value in values if _SLUG.match(value)})[:MAX_STARS]


def token_for(*, conference: Conference, slugs: Iterable[str]) -> str:
    """The signed token of a set of workshop slugs: the same set always gives the same token."""
    return _signer(conference).sign_object(clean_slugs(slugs), compress=True)


def slugs_from_token(*, conference: Conference, token: str) -> list[str]:
    """The workshop slugs a token carries; BadToken if it was tampered with or is foreign."""
    try:
        slugs = _signer(conference).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        raise BadToken(str(error)) from error
    if not isinstance(slugs, list) or not all(isinstance(slug, str) for slug in slugs):
        raise BadToken("A token carries a list of slugs.")
    return clean_slugs(slugs)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def program_data(*, conference: Conference, workshops: Iterable[Workshop], version: str) -> dict:
    """What the browser needs to show starred workshops and to notice that one moved or was
    cancelled: every public workshop with its slots in UTC (as selectors.workshops_for_listing)."""
    slug = conference.slug
    return {
        "conference": slug,
        "name": conference.name,
        "timezone": conference.timezone,
        "version": version,
        "workshops": {
            workshop.slug: {
                "title": workshop.title,
                "url": workshop.get_absolute_url(),
                "calendar": reverse(
                    "workshops:workshop-calendar",
                    kwargs={"conference_slug": slug, "slug": workshop.slug},
                ),
                "cancelled": workshop.is_cancelled,
                "organizers": organizer_names(workshop),
                "slots": [
                    {
                        "start": _utc(slot.start),
                        "end": _utc(slot.end),
                        "room": slot.room.name if slot.room_id else "",
                        "roomUrl": reverse(
                            "workshops:room-detail",
                            kwargs={"conference_slug": slug, "slug": slot.room.slug},
                        )
                        if slot.room_id
                        else "",
                    }
                    for slot in workshop.slots.all()
                ],
            }
            for workshop in workshops
        },
        "items": {
            item_key(item): {
                "title": item.title,
                "kind": item.get_kind_display(),
                "workshop": workshop.slug,
                "workshopTitle": workshop.title,
                "url": f"{workshop.get_absolute_url()}#item-{item.guid}",
                "calendar": reverse(
                    "workshops:item-calendar",
                    kwargs={"conference_slug": slug, "guid": item.guid},
                ),
                "cancelled": workshop.is_cancelled,
                "speakers": [link.person.name for link in item.speaker_links.all()],
                "start": _utc(item.start),
                "end": _utc(item.end),
            }
            for workshop in workshops
            for item in getattr(workshop, "starrable_items", [])
        },
    }


def links_for(*, conference: Conference, token: str, absolute: Callable[[str], str]) -> dict:
    """The addresses made from a token: the calendar feed (https and webcal), the "My schedule"
    link that imports the stars elsewhere, and its QR code. `absolute` makes a path absolute."""
    slug = conference.slug
    feed = absolute(
        reverse("workshops:favourites-feed", kwargs={"conference_slug": slug, "token": token})
    )
    my = absolute(reverse("workshops:my-schedule", kwargs={"conference_slug": slug}))
    my_with_stars = f"{my}?s={token}"
    qr = reverse("workshops:qr-code", kwargs={"conference_slug": slug})
    return {
        "token": token,
        "feed": feed,
        "webcal": re.sub(r"^https?://", "webcal://", feed),
        "my": my_with_stars,
        "qr": f"{qr}?{urlencode({'data': my_with_stars})}",
    }


def workshops_in(workshops: Iterable[Workshop], slugs: Iterable[str] | None) -> list[Workshop]:
    """The workshops whose slug is among `slugs`, in the order given (none for None)."""
    wanted = set(slugs or ())
    return [workshop for workshop in workshops if workshop.slug in wanted]


def favourites_calendar(program: Program, slugs: Iterable[str]) -> bytes:
    """The calendar of the starred workshops as the program stands now: a moved slot moves in
    the subscriber's calendar, a cancelled one shows as cancelled, a withdrawn one goes."""
    wanted = set(slugs)
    ids = {
        slot.workshop_id
        for slot in program.slots
        if slot.workshop_id and slot.workshop.slug in wanted
    }
    return ical.render_calendar(
        program,
        ical.workshop_slots(program, ids),
        name=f"{program.conference.name}: my workshops",
        items=ical.program_items(program, item_guids(wanted)),
    )
