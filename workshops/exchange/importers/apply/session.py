"""What every step of an import shares: the plan, the report, the conference, and the saving
of rows with the item named in any refusal."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.utils import bulk_create_with_history

from workshops.exchange.importers.plan import ProgramPlan
from workshops.exchange.importers.report import CREATED, UNCHANGED, UPDATED, ImportReport
from workshops.models import Conference
from workshops.program.revision import program_changed

if TYPE_CHECKING:
    from accounts.models import User

_BATCH = 500  # rows per INSERT of a bulk create


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            message if name == "__all__" else f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        )
    return " ".join(error.messages)


def bulk_create(model: type[models.Model], rows: list[models.Model]) -> None:
    """Insert new rows a batch at a time, with their history records where the model keeps
    them; bulk_create sends no signals, so the program's version moves here."""
    if not rows:
        return
    program_changed()
    if getattr(model._meta, "simple_history_manager_attribute", None):
        bulk_create_with_history(rows, model, batch_size=_BATCH)
    else:
        model.objects.bulk_create(rows, batch_size=_BATCH)


def taken_guids(model: type[models.Model], guids: set[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these GUIDs rows of the model have already: one query, none for no GUIDs."""
    if not guids:
        return set()
    return set(model.objects.filter(guid__in=guids).order_by().values_list("guid", flat=True))


def _full_save(obj: models.Model, fields: list[str] | None = None) -> None:
    obj.full_clean()
    obj.save(update_fields=fields)


class ImportSession:
    """One import's plan, report and user, and, once the first step has found it, its
    conference."""

    def __init__(self, plan: ProgramPlan, report: ImportReport, user: User | None) -> None:
        self.plan = plan
        self.report = report
        self.user = user  # None: the operator's command, with every right
        self.conference: Conference
        self.agenda_guids_taken: set[uuid.UUID] = set()  # GUIDs the database has already

    def checked(self, save: Callable[[], object], what: str, source: str) -> None:
        try:
            save()
        except ValidationError as error:
            where = f" ({source})" if source else ""
            raise ValidationError(
                f"{what}{where}: {_messages(error)}",
                code="import_refused",
            ) from error

    def clean(
        self,
        obj: models.Model,
        what: str,
        source: str,
        *,
        relations: list[str],
        rules: list[Callable[[], None]] | None = None,
    ) -> None:
        """full_clean() without its queries, for a new row saved in bulk later: `relations` are
        rows this import holds (no need to look them up), uniqueness follows from its matching
        (the database still enforces both), and `rules` (the model's clean() unless told) check
        what spans rows against what the import holds."""

        def clean() -> None:
            errors: dict = {}
            for step in [lambda: obj.clean_fields(exclude=relations), *(rules or [obj.clean])]:
                try:
                    step()
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
            if errors:
                raise ValidationError(errors)

        self.checked(clean, what, source)

    def sync(
        self, obj: models.Model, values: dict, kind: str, label: str, source: str
    ) -> list[str]:
        """Create the row, or bring it to `values`; report what changed."""
        if obj.pk is None:
            for name, value in values.items():
                setattr(obj, name, value)
            self.checked(lambda: _full_save(obj), f"{kind} {label}", source)
            self.report.add(CREATED, kind, label)
            return list(values)
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            self.checked(lambda: _full_save(obj, changed), f"{kind} {label}", source)
        return changed

    def record(self, kind: str, label: str, changed: list[str]) -> None:
        self.report.add(UPDATED if changed else UNCHANGED, kind, label, changed)

    def aware(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:  # venue time: the zone the import was given, or the venue's
            zone = self.plan.conference.timezone
            return moment.replace(tzinfo=ZoneInfo(zone) if zone else self.conference.tz)
        return moment

    def free_guid(self, guid: uuid.UUID | None, what: str, taken: set[uuid.UUID]) -> uuid.UUID:
        """The file's GUID, unless another conference's row has it already (a copied program);
        `taken` holds the GUIDs in use and gets the one given out."""
        if guid is None:
            return uuid.uuid4()
        if guid in taken:
            self.report.notes.append(
                f"The GUID {guid} of {what} belongs to another conference's row; "
                "this one got a new GUID."
            )
            return uuid.uuid4()
        taken.add(guid)
        return guid
