"""The import's conference: the one chosen, or the file's, found by slug or created."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from workshops.exchange.importers.apply.session import ImportSession
from workshops.exchange.importers.plan import CHANGED
from workshops.models import Conference


def import_conference(session: ImportSession, chosen: Conference | None) -> Conference:
    """The chosen conference (its own fields untouched), else the file's, updated or created."""
    data = session.plan.conference
    if chosen is not None:
        if data.name and data.name.strip() != chosen.name:
            session.report.notes.append(
                f"The file's conference is “{data.name.strip()}”; its program went into "
                f"{chosen.name} as asked, whose name and time zone stay as they are."
            )
        start, end = _widened(session, chosen.start_date, chosen.end_date, chosen.tz)
        if (start, end) != (chosen.start_date, chosen.end_date):
            values = {"start_date": start, "end_date": end}
            label = f"“{chosen.name}” ({chosen.slug})"
            changed = session.sync(chosen, values, "conference", label, "")
            session.record("conference", label, changed)
        return chosen
    if not data.slug and data.name:
        data.slug = slugify(data.name)[:60].strip("-")
        session.plan.problem(
            CHANGED,
            data.source,
            f"the file gives no acronym; the conference's slug “{data.slug}” was made from its "
            "title.",
        )
    if data.timezone and data.start_date and data.end_date:
        data.start_date, data.end_date = _widened(
            session, data.start_date, data.end_date, ZoneInfo(data.timezone)
        )
    if not data.slug:
        raise ValidationError(
            "The file does not say which conference it belongs to: choose one "
            "(--conference SLUG, or import from the conference's page in the admin)."
        )
    values = {
        name: getattr(data, name)
        for name in ("name", "start_date", "end_date", "timezone", "website")
        if getattr(data, name) is not None
    }
    label = f"“{data.name or data.slug}” ({data.slug})"
    conference = Conference.objects.filter(slug=data.slug).first()
    if conference is not None:
        session.record(
            "conference",
            label,
            session.sync(conference, values, "conference", label, data.source),
        )
        return conference
    return _new_conference(session, values, label)


def _new_conference(session: ImportSession, values: dict, label: str) -> Conference:
    data = session.plan.conference
    missing = [n for n in ("name", "start_date", "end_date") if values.get(n) is None]
    if missing:
        raise ValidationError(
            f"There is no conference “{data.slug}”, and the file lacks its "
            f"{', '.join(m.replace('_', ' ') for m in missing)} to create it: create the "
            "conference first, or choose one (--conference SLUG)."
        )
    values.setdefault("timezone", "UTC")
    values.setdefault("website", "")
    conference = Conference(slug=data.slug, year=values["start_date"].year, published=False)
    session.sync(conference, values, "conference", label, data.source)
    session.report.notes.append(
        f"The conference {data.slug} is new and unpublished: publish it in the admin when "
        "its program is ready."
    )
    return conference


_LONGEST_DAYS = 60  # past this, widening a conference's dates would hide a wrong date


def _widened(
    session: ImportSession, start: dt.date, end: dt.date, tz: ZoneInfo
) -> tuple[dt.date, dt.date]:
    """The conference's dates, widened to hold every slot of the plan (said in its problems)."""
    slots = session.plan.slots
    if not slots:
        return start, end
    first = min(_local(slot.start, tz) for slot in slots).date()
    last = max(_local(slot.end - dt.timedelta(microseconds=1), tz) for slot in slots).date()
    if first >= start and last <= end:
        return start, end
    wider = min(start, first), max(end, last)
    if (wider[1] - wider[0]).days >= _LONGEST_DAYS:
        raise ValidationError(
            f"Events lie outside the conference's dates ({start} to {end}); holding them would "
            f"make it run from {wider[0]} to {wider[1]}, more than {_LONGEST_DAYS} days: check "
            "the file's dates and durations."
        )
    session.plan.problem(
        CHANGED,
        session.plan.conference.source,
        f"events lie outside the conference's dates ({start} to {end}); its dates were "
        f"widened to {wider[0]} to {wider[1]} to hold them.",
    )
    return wider


def _local(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
