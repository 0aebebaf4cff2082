"""Apply an imported program to the database: one transaction, every row through full_clean.

The steps, one module each in apply/, run in the order rows depend on each other: the
conference, its rooms, the people, the workshops, their slots, and their agendas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from workshops.exchange.importers.apply.agenda import import_agenda
from workshops.exchange.importers.apply.conference import import_conference
from workshops.exchange.importers.apply.people import import_people
from workshops.exchange.importers.apply.rooms import import_rooms
from workshops.exchange.importers.apply.session import ImportSession
from workshops.exchange.importers.apply.slots import import_slots
from workshops.exchange.importers.apply.workshops import import_workshops
from workshops.exchange.importers.plan import ProgramPlan
from workshops.exchange.importers.report import ImportReport
from workshops.exchange.importers.values import fold_names
from workshops.models import Conference
from workshops.program import services

if TYPE_CHECKING:
    from accounts.models import User


def program_import(
    *,
    plan: ProgramPlan,
    conference: Conference | None = None,
    dry_run: bool = False,
    apply_status: bool = False,
    user: User | None = None,
) -> ImportReport:
    """Bring a conference's program to what the plan says, all or nothing: rows are matched by
    GUID, then slug (or name), created when missing and updated when they differ; rows the file
    does not mention stay as they are. Existing workshops' status changes only with
    apply_status (the report lists the file's status changes either way). With a user, the
    import changes only what they may change by hand (the caller has checked that they may
    edit the conference's program); without one, it is the operator's, with every right. A dry
    run does everything, reports, and rolls back."""
    report = ImportReport(format=plan.format, dry_run=dry_run, apply_status=apply_status)
    try:
        with services.slot_race_refused(), transaction.atomic():
            _run(ImportSession(plan, report, user), conference)
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError as error:
        raise ValidationError(f"The database refused the import: {error}") from error
    return report


def _run(session: ImportSession, conference: Conference | None) -> None:
    fold_names(session.plan)
    session.conference = import_conference(session, conference)
    session.report.conference = f"{session.conference.name} ({session.conference.slug})"
    rooms = import_rooms(session)
    people = import_people(session)
    workshops = import_workshops(session, people)
    slots = import_slots(session, rooms, workshops)
    import_agenda(session, workshops, slots)
    session.report.notes += session.plan.notes
