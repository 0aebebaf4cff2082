"""Schedule releases: a snapshot of the public program, and what changed between two of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q

from workshops.models import Conference, Release, TimeSlot, Workshop
from workshops.program import selectors
from workshops.program.bundle import EVENTS_KEY, event_versions
from workshops.program.released import program_bundle

SNAPSHOT_FORMAT = 1


def program_snapshot(conference: Conference) -> dict:
    """What attendees see of each workshop (title, status, slots): two queries."""
    slots = Prefetch("slots", queryset=TimeSlot.objects.select_related("room").order_by("start"))
    workshops = (
        Workshop.objects.filter(conference=conference)
        .exclude(status=Workshop.Status.DRAFT)
        .prefetch_related(slots)
        .order_by("slug")
    )
    return {
        "format": SNAPSHOT_FORMAT,
        "workshops": {
            workshop.slug: {
                "title": workshop.title,
                "status": workshop.status,
                "slots": {
                    str(slot.guid): {
                        "room": slot.room.name if slot.room else "",
                        "start": slot.start.isoformat(),
                        "end": slot.end.isoformat(),
                    }
                    for slot in workshop.slots.all()
                },
            }
            for workshop in workshops
        },
    }


@dataclass(frozen=True)
class Change:
    """One line of a changelog: what happened to which workshop."""

    kind: str  # added, cancelled, reinstated, withdrawn, renamed, moved, rescheduled
    slug: str
    title: str
    text: str


def _clock(value: str, tz: ZoneInfo) -> str:
    moment = dt.datetime.fromisoformat(value).astimezone(tz)
    return f"{moment:%a} {moment.hour}:{moment:%M}"


def _span(slot: dict, tz: ZoneInfo) -> str:
    end = dt.datetime.fromisoformat(slot["end"]).astimezone(tz)
    where = f" in {slot['room']}" if slot["room"] else ""
    return f"{_clock(slot['start'], tz)}–{end.hour}:{end:%M}{where}"


def changes_between(old: dict, new: dict, tz: ZoneInfo) -> list[Change]:
    """The changes from one snapshot to the next, in workshop order, as sentences."""
    before, after = old.get("workshops", {}), new.get("workshops", {})
    changes: list[Change] = []
    for slug in sorted(before.keys() | after.keys()):
        was, now = before.get(slug), after.get(slug)
        title = (now or was)["title"]
        if was is None:
            if now["status"] == Workshop.Status.PUBLISHED:
                changes.append(Change("added", slug, title, "Added to the program."))
            continue
        if now is None:
            changes.append(Change("withdrawn", slug, title, "Withdrawn from the program."))
            continue
        if was["title"] != now["title"]:
            changes.append(Change("renamed", slug, title, f"Renamed from “{was['title']}”."))
        if was["status"] != now["status"]:
            if now["status"] == Workshop.Status.CANCELLED:
                changes.append(Change("cancelled", slug, title, "Cancelled."))
            else:
                changes.append(Change("reinstated", slug, title, "No longer cancelled."))
        changes.extend(_slot_changes(slug, title, was["slots"], now["slots"], tz))
    return changes


def _slot_changes(slug: str, title: str, was: dict, now: dict, tz: ZoneInfo) -> list[Change]:
    changes = []
    for guid in sorted(was.keys() | now.keys(), key=lambda g: (now.get(g) or was[g])["start"]):
        old, new = was.get(guid), now.get(guid)
        if old is None:
            changes.append(Change("rescheduled", slug, title, f"New slot {_span(new, tz)}."))
        elif new is None:
            changes.append(Change("rescheduled", slug, title, f"Slot {_span(old, tz)} dropped."))
        elif old != new:
            moved_room = old["room"] != new["room"]
            moved_time = (old["start"], old["end"]) != (new["start"], new["end"])
            source = " ".join(
                part
                for part in [
                    f"from {old['room']}" if moved_room and old["room"] else "",
                    f"at {_clock(old['start'], tz)}" if moved_time else "",
                ]
                if part
            )
            changes.append(
                Change(
                    "moved" if moved_room else "rescheduled",
                    slug,
                    title,
                    f"Moved {source}; now {_span(new, tz)}.",
                )
            )
    return changes


@dataclass(frozen=True)
class ReleaseEntry:
    """A release on the public changelog, with what changed since the one before it."""

    release: Release
    changes: list[Change]


def changelog(conference: Conference) -> list[ReleaseEntry]:
    """Every release of the conference, newest first, each with its changes: one query."""
    releases = list(conference.releases.defer("program").order_by("created", "id"))
    entries, previous = [], {}
    for release in releases:
        # The first release is the program itself, not a list of additions.
        changes = changes_between(previous, release.snapshot, conference.tz) if entries else []
        entries.append(ReleaseEntry(release, changes))
        previous = release.snapshot
    return entries[::-1]


def changes_for(release: Release) -> list[Change]:
    """What one release changed since the release before it (a query, and one for the
    conference unless loaded); the first release is the program itself, not a list of
    changes."""
    earlier = release.conference.releases.defer("program").filter(
        Q(created__lt=release.created) | Q(created=release.created, id__lt=release.id)
    )
    previous = earlier.order_by("-created", "-id").first()
    if previous is None:
        return []
    return changes_between(previous.snapshot, release.snapshot, release.conference.tz)


def latest_changes_for(conference: Conference, slug: str) -> list[Change]:
    """What the latest release changed about one workshop (for the notes on its page)."""
    last_two = list(conference.releases.defer("program").order_by("-created", "-id")[:2])
    if not last_two:
        return []
    previous = last_two[1].snapshot if len(last_two) > 1 else {}
    if slug not in previous.get("workshops", {}):
        return []  # new in this release: nothing moved
    return [
        change
        for change in changes_between(previous, last_two[0].snapshot, conference.tz)
        if change.slug == slug
    ]


def unreleased_changes(conference: Conference) -> list[Change]:
    """What the program's current state changes compared with the latest release."""
    latest = conference.releases.defer("program").order_by("-created", "-id").first()
    return changes_between(
        latest.snapshot if latest else {}, program_snapshot(conference), conference.tz
    )


@transaction.atomic
def release_save(*, release: Release, user) -> Release:
    """Release the current program under the given version name: the snapshot keeps the
    program as it is now, for the changelog; the release's name becomes the program's version."""
    release.version = release.version.strip()
    release.comment = release.comment.strip()
    if not release.version:
        raise ValidationError({"version": "Give the release a version name."})
    release.created_by = user if getattr(user, "is_authenticated", False) else None
    previous = release.conference.current_release
    release.snapshot = program_snapshot(release.conference)
    release.schedule_hash = selectors.working_schedule_hash_for(conference=release.conference)
    release.full_clean()
    release.save()
    # Each event's revision for calendars, counted on from the release before (one made
    # before releases counted them starts the count).
    program = selectors.program_live(release.conference)
    release.snapshot[EVENTS_KEY] = event_versions(
        previous.snapshot.get(EVENTS_KEY, {}) if previous else {}, program.slots, at=release.created
    )
    # The program as released, whole: what the released program's readers get (released.py).
    release.program = program_bundle(program)
    release.save(update_fields=["snapshot", "program"])
    release.conference.current_release = release
    release.conference.save(update_fields=["current_release"])
    return release


FIRST_RELEASE = "1"


@transaction.atomic
def conference_publish_released(*, conference: Conference, user) -> Release | None:
    """A published conference whose changes go public when released and which has no release
    yet is published by its first release ("1", release_save); None when it needs none."""
    if not (conference.published and conference.shows_release):
        return None
    if conference.current_release_id is not None:
        return None
    release = Release(conference=conference, version=FIRST_RELEASE, comment="First publication.")
    return release_save(release=release, user=user)


@transaction.atomic
def release_delete(*, release: Release) -> None:
    """Delete a release; the conference's version is then the name of the release before it."""
    conference = release.conference
    release.delete()
    conference.current_release = conference.releases.order_by("-created", "-id").first()
    conference.save(update_fields=["current_release"])
