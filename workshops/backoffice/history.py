"""The admin's history pages: how they word a change's values (simple-history's helper, told
plainly), and a workshop's page that also lists its slots', agenda's and organizers' changes.

simple-history shows an empty foreign key as "Deleted workshop series (pk=None)" and a row
since deleted as "Deleted room (pk=7)": here the first shows nothing and the second is named by
what it was, from its own last historical record where the model keeps a history."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from django.core.exceptions import PermissionDenied
from simple_history.models import DeletedObject, ModelChange, ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper

from workshops.models import AgendaItem, TimeSlot, WorkshopOrganizer


def deleted_label(gone: DeletedObject) -> str:
    """A row that no longer exists, named by its last version if its model keeps a history."""
    kind = gone.model._meta.verbose_name
    history, last = getattr(gone.model, "history", None), None
    if history is not None:
        versions = history.filter(**{gone.model._meta.pk.attname: gone.pk})
        last = versions.order_by("-history_date", "-history_id").first()
    return f"{kind} “{last.instance}” (deleted)" if last else f"a deleted {kind}"


def plain_value(value: Any) -> Any:
    """A change's value as a history shows it: an empty link as "", a deleted row by name."""
    if isinstance(value, DeletedObject):
        return "" if value.pk is None else deleted_label(value)
    return value


def plain_changes(delta: ModelDelta) -> list[ModelChange]:
    """A diff's changes (made with foreign_keys_are_objs=True) with their values told plainly."""
    return [
        dataclasses.replace(change, old=plain_value(change.old), new=plain_value(change.new))
        for change in delta.changes
    ]


class PlainHistoryContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        return super().prepare_delta_change_value(change, plain_value(value))


def _with_previous(records: list, *, cut: bool):
    """Each history record (newest first) with the record before it of the same row, found in
    the list itself; only a row's oldest listed record, when the list was cut short, asks the
    database for the one before (simple-history's prev_record is a query per record)."""
    previous_of, last_seen = {}, {}
    for record in reversed(records):  # oldest first
        previous_of[record.history_id] = last_seen.get(record.id)
        last_seen[record.id] = record
    for record in records:
        previous = previous_of[record.history_id]
        if previous is None and cut:
            previous = record.prev_record
        yield record, previous


class WorkshopHistoryMixin:
    """A workshop's history page also lists who changed its slots, agenda and organizers."""

    object_history_template = "admin/workshops/workshop/object_history.html"
    related_history_limit = 200

    def get_historical_record_context_helper(self, request, historical_record):
        return PlainHistoryContextHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        # Shown only if the parent view lets this user see the workshop's history at all.
        related = []
        if str(object_id).isdigit():
            for model, label, shown_with in [
                (TimeSlot, "time slot", ["conference", "room", "workshop"]),
                (AgendaItem, "agenda item", ["workshop"]),
                (WorkshopOrganizer, "organizer", ["organizer", "workshop"]),
            ]:  # shown_with: what each record's name reads (its __str__)
                records = model.history.filter(workshop_id=object_id).select_related(
                    "history_user", *shown_with
                )
                limit = self.related_history_limit
                records = list(records.order_by("-history_date", "-history_id")[: limit + 1])
                for record, previous in _with_previous(records[:limit], cut=len(records) > limit):
                    # Links as the rows they point to (read with the records), told plainly.
                    delta = previous and record.diff_against(previous, foreign_keys_are_objs=True)
                    changes = plain_changes(delta) if delta else []
                    shown = record.history_object
                    for name in shown_with:  # the rows already read with the record
                        setattr(shown, name, getattr(record, name))
                    related.append((record, label, changes, str(shown)))
        related.sort(key=lambda row: row[0].history_date, reverse=True)
        extra_context = {**(extra_context or {}), "related_history": related}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # One past version, to read. Reverting is off (SIMPLE_HISTORY_REVERT_DISABLED), yet
        # simple-history would still save a posted form, even a read-only user's: refuse it.
        if request.method == "POST":
            raise PermissionDenied
        # It lays the form out with the class's prepopulated_fields, not this user's: the slug,
        # read-only for organizers and staff, would be missing (a 500). Nothing is typed here.
        viewer = copy.copy(self)
        viewer.prepopulated_fields = {}
        return super(WorkshopHistoryMixin, viewer).history_form_view(
            request, object_id, version_id, extra_context
        )
