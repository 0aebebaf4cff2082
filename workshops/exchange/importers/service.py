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
from workshops.exchange.importers.plan import LEFT_OUT as LEFT_OUT_GROUP
from workshops.exchange.importers.plan import STOPS, ProgramPlan
from workshops.exchange.importers.report import ImportReport
from workshops.exchange.importers.values import fit_fields, fold_names, zones_fitting
from workshops.models import Conference
from workshops.program import services

if TYPE_CHECKING:
    from accounts.models import User

# What becomes of a slot that clashes with another: left out, or its workshop a draft.
LEAVE_OUT, DRAFT = "leave-out", "draft"
CLASH_CHOICES = {
    LEAVE_OUT: "Leave them out",
    DRAFT: "Bring them in as drafts without a slot",
}


def program_import(
    *,
    plan: ProgramPlan,
    conference: Conference | None = None,
    dry_run: bool = False,
    apply_status: bool = False,
    user: User | None = None,
    time_zone: str | None = None,
    clashes: str = LEAVE_OUT,
) -> ImportReport:
    """Bring a conference's program to what the plan says, all or nothing: rows are matched by
    GUID, then slug (or name), created when missing and updated when they differ; rows the file
    does not mention stay as they are. Existing workshops' status changes only with
    apply_status (the report lists the file's status changes either way). With a user, the
    import changes only what they may change by hand (the caller has checked that they may
    edit the conference's program); without one, it is the operator's, with every right. A dry
    run does everything, reports, and rolls back.

    A file that names no time zone is read in `time_zone`, else in the chosen conference's;
    a new conference from such a file needs `time_zone`. When the plan holds problems that
    stop it (report.refused), the import runs as a dry run to report all it can. Slots that
    clash with another (plan.clashes) are left out, or with `clashes` DRAFT their workshops
    come in as drafts without a slot."""
    report = ImportReport(format=plan.format, dry_run=dry_run, apply_status=apply_status)
    report.problems = plan.problems
    _choose_zone(plan, conference, time_zone, report)
    _settle_clashes(plan, clashes)
    fit_fields(plan)
    refused = report.refused
    report.dry_run = dry_run or refused
    try:
        with services.slot_race_refused(), transaction.atomic():
            _run(ImportSession(plan, report, user), conference)
            if report.dry_run:
                transaction.set_rollback(True)
    except IntegrityError as error:
        raise ValidationError(f"The database refused the import: {error}") from error
    except ValidationError as error:
        if not refused:
            raise
        # Already refused: the first row the database checks would refuse is one more problem.
        report.problem(STOPS, "", " ".join(error.messages))
    return report


def _settle_clashes(plan: ProgramPlan, choice: str) -> None:
    """Each clash listed; its workshop left out or brought in as a draft without a slot."""
    scheduled = {id(slot.workshop) for slot in plan.slots if slot.workshop}
    drafts: set[int] = set()
    for clash in plan.clashes:
        slot, other = clash.slot, clash.other
        workshop = slot.workshop
        start = f"{slot.start:%a %d %b %H:%M}–{slot.end:%H:%M}"
        what = f"“{slot.label}” ({start}) is {clash.why} “{other.label}” at {other.source}"
        if workshop is not None and id(workshop) in scheduled:
            text = f"{what} in the same room; this slot is left out (its workshop keeps the rest)."
        elif workshop is not None and choice == DRAFT:
            drafts.add(id(workshop))
            workshop.status = "draft"
            text = f"{what} in the same room; it comes in as a draft without a slot."
        else:
            text = f"{what} in the same room; it is left out."
        plan.problem(LEFT_OUT_GROUP, slot.source, text)
    plan.workshops = [w for w in plan.workshops if id(w) in scheduled or id(w) in drafts]
    used = {id(person) for workshop in plan.workshops for person in workshop.organizers or ()}
    plan.people = [person for person in plan.people if id(person) in used]


def _choose_zone(
    plan: ProgramPlan, conference: Conference | None, time_zone: str | None, report: ImportReport
) -> None:
    """Which zone the file's times are read in, said in the report; asked, never guessed."""
    named = plan.conference.timezone
    if named:
        if conference is not None and conference.timezone != named:
            report.time_zone = (
                f"the file names {named}; its times keep their offsets and {conference.name} "
                f"keeps its zone, {conference.timezone}."
            )
        else:
            report.time_zone = f"{named}, as the file names it."
        return
    if time_zone:
        plan.conference.timezone = time_zone
        report.time_zone = f"{time_zone}, as chosen for this import (the file names no zone)."
        return
        return
    conference = conference or Conference.objects.filter(slug=plan.conference.slug).first()
    if conference is not None:
        plan.conference.timezone = conference.timezone
        report.time_zone = (
            f"{conference.timezone}, {conference.name}'s zone (the file names no zone; "
            "choose another if its times are not in this one)."
        )
    else:
        fitting = zones_fitting(plan)
        hint = f" Zones that fit its times' offsets: {', '.join(fitting)}." if fitting else ""
        report.problem(
            STOPS,
            plan.conference.source,
            "the file names no time zone, and a new conference needs one: give it "
            "(--time-zone, such as Europe/Berlin) or import into an existing conference." + hint,
        )
        plan.conference.timezone = "UTC"  # only to carry on the dry run that reports the rest
        report.time_zone = "none: the file names none and none was given."


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
