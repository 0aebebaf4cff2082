"""How the admin's history pages word a change's values (simple-history's helper, told plainly).

simple-history shows an empty foreign key as "Deleted workshop series (pk=None)" and a row
since deleted as "Deleted room (pk=7)": here the first shows nothing and the second is named by
what it was, from its own last historical record where the model keeps a history."""

from __future__ import annotations

import dataclasses
from typing import Any

from simple_history.models import DeletedObject, ModelChange, ModelDelta
from simple_history.template_utils import HistoricalRecordContextHelper


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
