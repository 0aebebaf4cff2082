"""What a shared link and a search engine read of a page: a workshop as a schema.org Event, and
the sitemap of every published edition's public pages. Addresses start with settings.SITE_URL
(never the request's Host), so the output is the same for every request."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from workshops.models import Conference, Workshop
from workshops.models.markdown import plain_text
from workshops.program import selectors

SCHEMA = "https://schema.org"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def workshop_event(workshop: Workshop, conference: Conference) -> dict | None:
    """The workshop as a schema.org Event (name, start, end, location, organizers), its times
    in the venue's zone with their offset; None while it has no slot (an Event needs a start).
    Reads only what workshop_for_detail prefetched."""
    slots = sorted(workshop.slots.all(), key=lambda slot: slot.start)
    if not slots:
        return None
    tz = conference.tz
    rooms = list(dict.fromkeys(slot.room.name for slot in slots if slot.room_id))
    address = ", ".join(part for part in (conference.venue, conference.city) if part)
    location = [
        {"@type": "Place", "name": room, **({"address": address} if address else {})}
        for room in rooms or [conference.venue or conference.name]
    ]
    status = "EventCancelled" if workshop.is_cancelled else "EventScheduled"
    event = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": workshop.title,
        "url": absolute(
            reverse(
                "workshops:workshop-detail",
                kwargs={"conference_slug": conference.slug, "slug": workshop.slug},
            )
        ),
        "startDate": slots[0].start.astimezone(tz).isoformat(),
        "endDate": max(slot.end for slot in slots).astimezone(tz).isoformat(),
        "eventStatus": f"{SCHEMA}/{status}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": location[0] if len(location) == 1 else location,
        "organizer": [
            {
                "@type": "Person",
                "name": link.organizer.name,
                "url": absolute(
                    reverse(
                        "workshops:organizer-detail",
                        kwargs={"conference_slug": conference.slug, "slug": link.organizer.slug},
                    )
                ),
            }
            for link in workshop.organizer_links.all()
        ],
        "superEvent": {
            "@type": "Event",
            "name": conference.name,
            "url": absolute(conference.get_absolute_url()),
        },
    }
    description = plain_text(workshop.abstract_html)
    if description:
        event["description"] = description
    return event


# The sitemap: every edition's sections, then each workshop, room and organizer page.
SECTIONS = ("workshop-list", "schedule", "room-list", "organizer-list", "export-list", "changelog")


class ProgramSitemap(Sitemap):
    """Paths of the published program on the configured site (not the Host asked for)."""

    def items(self) -> list[str]:
        paths = []
        for edition in selectors.program_for_sitemap():
            slug = edition.conference.slug
            paths += [reverse(f"workshops:{name}", args=[slug]) for name in SECTIONS]
            paths += [workshop.get_absolute_url() for workshop in edition.workshops]
            paths += [
                reverse("workshops:room-detail", args=[slug, room_slug])
                for room_slug in edition.room_slugs
            ]
            paths += [
                reverse("workshops:organizer-detail", args=[slug, organizer_slug])
                for organizer_slug in edition.organizer_slugs
            ]
        return paths

    def location(self, item: str) -> str:
        return item

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme
