"""The conference's workshops for the plan's, by slug, with their organizers in the file's
order; new ones checked one by one and inserted in bulk. A workshop's status changes only when
the import is told to apply the file's status changes; the report lists them either way."""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import ValidationError

from workshops.exchange.importers.apply.session import ImportSession, bulk_create
from workshops.exchange.importers.plan import WorkshopPlan
from workshops.exchange.importers.report import CREATED
from workshops.models import Organizer, Workshop, WorkshopOrganizer
from workshops.program import services

_WORKSHOP_SLUG_CONSTRAINT = "workshop_slug_unique_per_conference"


class _NewWorkshop(NamedTuple):
    workshop: Workshop
    organizers: list[Organizer] | None


def import_workshops(session: ImportSession, people: dict[int, Organizer]) -> dict[int, Workshop]:
    """The conference's workshops by the plan's (by id()), updated or created."""
    conference = session.conference
    existing = {
        workshop.slug: workshop for workshop in Workshop.objects.filter(conference=conference)
    }
    links: dict[int, list[int]] = {}
    for link in WorkshopOrganizer.objects.filter(workshop__conference=conference).order_by(
        "position", "id"
    ):
        links.setdefault(link.workshop_id, []).append(link.organizer_id)
    result: dict[int, Workshop] = {}
    new: dict[str, _NewWorkshop] = {}  # by slug
    for data in session.plan.workshops:
        organizers = None
        if data.organizers is not None:  # None: the file does not say; they stay as they are
            organizers = list(dict.fromkeys(people[id(person)] for person in data.organizers))
        workshop = existing.get(data.slug)
        if workshop is None:
            workshop = _new_workshop(session, data, new)
            new[data.slug] = _NewWorkshop(workshop, organizers)
        else:
            _update_workshop(session, data, workshop, organizers, links.get(workshop.pk, []))
        result[id(data)] = workshop
    bulk_create(Workshop, [entry.workshop for entry in new.values()])
    bulk_create(
        WorkshopOrganizer,
        [
            WorkshopOrganizer(workshop=entry.workshop, organizer=organizer, position=position)
            for entry in new.values()
            for position, organizer in enumerate(entry.organizers or [])
        ],
    )
    return result


def _values(data: WorkshopPlan) -> dict:
    values: dict = {"title": data.title}
    for name in ("status", "acronym", "abstract", "website"):
        if getattr(data, name) is not None:
            values[name] = getattr(data, name)
    return values


def _label(data: WorkshopPlan) -> str:
    return f"“{data.title}” ({data.slug})"


def _new_workshop(
    session: ImportSession, data: WorkshopPlan, new: dict[str, _NewWorkshop]
) -> Workshop:
    workshop = Workshop(conference=session.conference, slug=data.slug, **_values(data))
    rules = [workshop.clean, lambda slug=data.slug: _new_slug(slug, new)]
    label = _label(data)
    session.clean(
        workshop,
        f"workshop {label}",
        data.source,
        relations=["conference"],
        rules=rules,
    )
    session.report.add(CREATED, "workshop", label)
    return workshop


def _update_workshop(
    session: ImportSession,
    data: WorkshopPlan,
    workshop: Workshop,
    organizers: list[Organizer] | None,
    linked: list[int],
) -> None:
    label = _label(data)
    values = _values(data)
    status = values.pop("status", workshop.status)
    if status != workshop.status:
        session.report.add_status_change(label, workshop.status, status)
        if session.report.apply_status:
            values["status"] = status
    changed = session.sync(workshop, values, "workshop", label, data.source)
    if organizers is not None and linked != [o.pk for o in organizers]:
        session.checked(
            lambda w=workshop, o=organizers: services.workshop_set_organizers(
                workshop=w, organizers=o
            ),
            f"workshop {label}",
            data.source,
        )
        changed.append("organizers")
    session.record("workshop", label, changed)


def _new_slug(slug: str, new: dict[str, _NewWorkshop]) -> None:
    if slug in new:  # the database's unique constraint, checked before the bulk insert
        unique = next(c for c in Workshop._meta.constraints if c.name == _WORKSHOP_SLUG_CONSTRAINT)
        raise ValidationError(unique.violation_error_message, code="unique")
