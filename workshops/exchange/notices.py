"""The people told: at a release, each organizer of a workshop whose time, room or status the
release changed gets one e-mail with what changed (in the venue's time) and the workshop's
calendar file. `release_notify` writes one ReleaseNotice per workshop and organizer in the
release's transaction and hands them to the background worker (`send_release_notices`, a
django.tasks task), which sends them through Django's e-mail and tries a failed one again
later. A notice is sent under its row's lock and marked sent in the same transaction, so no
organizer is told twice of one release, however many workers run."""

from __future__ import annotations

import datetime as dt
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from workshops.exchange.exporters import ical
from workshops.models import Release, ReleaseNotice, Workshop, WorkshopOrganizer
from workshops.program import releases, selectors
from workshops.program.bundle import Program

# What an organizer is told of: a change of the workshop's time, room or status.
NOTIFIED_KINDS = {"moved", "rescheduled", "cancelled", "reinstated", "withdrawn"}


@transaction.atomic
def release_publish(*, release: Release, user) -> Release:
    """Release the program (releases.release_save) and tell the organizers of what it
    changed, in one transaction: what the admin's release form calls."""
    releases.release_save(release=release, user=user)
    release_notify(release=release)
    return release


@transaction.atomic
def release_notify(*, release: Release) -> list[ReleaseNotice]:
    """The notices of a release just saved (none for the first one: it changes nothing), sent
    once the release's transaction commits. An organizer without an address is listed as
    failed, so the release page says who was not told."""
    changed: dict[str, list[str]] = {}
    for change in releases.changes_for(release):
        if change.kind in NOTIFIED_KINDS:
            changed.setdefault(change.slug, []).append(change.text)
    links = Prefetch(
        "organizer_links",
        queryset=WorkshopOrganizer.objects.select_related("organizer").order_by("position", "id"),
    )
    workshops = Workshop.objects.filter(
        conference=release.conference, slug__in=changed
    ).prefetch_related(links)
    notices = [
        ReleaseNotice(
            release=release,
            workshop=workshop,
            organizer=link.organizer,
            email=link.organizer.email,
            changes=changed[workshop.slug],
            status=ReleaseNotice.Status.PENDING
            if link.organizer.email
            else ReleaseNotice.Status.FAILED,
            error="" if link.organizer.email else "No e-mail address.",
        )
        for workshop in workshops
        for link in workshop.organizer_links.all()
    ]
    ReleaseNotice.objects.bulk_create(notices)
    if any(notice.status == ReleaseNotice.Status.PENDING for notice in notices):
        transaction.on_commit(partial(send_release_notices.enqueue, release_id=release.pk))
    return notices


@task()
def send_release_notices(*, release_id: int) -> int:
    """Send the release's pending notices; a failed one waits for another attempt (enqueued
    here, later each time) until RELEASE_NOTICE_ATTEMPTS. Returns how many were sent."""
    release = Release.objects.select_related("conference").filter(pk=release_id).first()
    if release is None:
        return 0
    program = selectors.program_for_export(release.conference)
    pending = ReleaseNotice.objects.filter(release=release, status=ReleaseNotice.Status.PENDING)
    sent, attempts = 0, 0
    for notice_id in list(pending.values_list("pk", flat=True)):
        with transaction.atomic():
            notice = (
                ReleaseNotice.objects.select_for_update()
                .select_related("workshop", "organizer")
                .filter(pk=notice_id, status=ReleaseNotice.Status.PENDING)
                .first()
            )
            if notice is None:
                continue  # another worker sent it meanwhile
            notice.attempts += 1
            try:
                _message(release, program, notice).send()
            except (smtplib.SMTPException, OSError) as error:
                notice.error = str(error) or error.__class__.__name__
                if notice.attempts >= settings.RELEASE_NOTICE_ATTEMPTS:
                    notice.status = ReleaseNotice.Status.FAILED
                attempts = max(attempts, notice.attempts)
            else:
                notice.status, notice.sent, notice.error = (
                    ReleaseNotice.Status.SENT,
                    timezone.now(),
                    "",
                )
                sent += 1
            notice.save()
    if pending.exists():
        delay = settings.RELEASE_NOTICE_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
        send_release_notices.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
            release_id=release_id
        )
    return sent


def _message(release: Release, program: Program, notice: ReleaseNotice) -> EmailMessage:
    conference, workshop = release.conference, notice.workshop
    try:
        calendar = ical.workshop_calendar(program, workshop.slug)
    except LookupError:  # withdrawn, or no longer scheduled: no event to send
        calendar = None
    changelog = reverse("workshops:changelog", kwargs={"conference_slug": conference.slug})
    context = {
        "conference": conference,
        "release": release,
        "workshop": workshop,
        "organizer": notice.organizer,
        "changes": notice.changes,
        "has_calendar": calendar is not None,
        "workshop_url": program.workshop_url(workshop),
        "changelog_url": program.absolute(changelog),
    }
    subject = render_to_string("workshops/mail/release_notice_subject.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("workshops/mail/release_notice.txt", context),
        to=[notice.email],
    )
    if calendar is not None:
        message.attach(f"{workshop.slug}.ics", calendar, "text/calendar")
    return message
