"""The import's conference: the one chosen, or the file's, found by slug or created."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from workshops.exchange.importers.apply.session import ImportSession
from workshops.models import Conference


def import_conference(session: ImportSession, chosen: Conference | None) -> Conference:
    """The chosen conference (its own fields untouched), else the file's, updated or created."""
    data = session.plan.conference
    if chosen is not None:
        if data.name and data.name.strip() != chosen.name:
            session.report.notes.append(
                f"The file's conference is “{data.name.strip()}”; its program went into "
                f"{chosen.name} as asked, whose name, dates and time zone stay as they are."
            )
        return chosen
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
