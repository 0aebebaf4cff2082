"""How the admin's history pages word a change's values (simple-history's helper, told plainly).

simple-history shows an empty foreign key as "Deleted workshop series (pk=None)" and a row
since deleted as "Deleted room (pk=7)": here the first shows nothing and the second is named by
what it was, from its own last historical record where the model keeps a history."""

from __future__ import annotations

from typing import Any

from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper


def deleted_label(gone: DeletedObject) -> str:
    """A row that no longer exists, named by its last version if its model keeps a history."""
    kind = gone.model._meta.verbose_name
    history, last = getattr(gone.model, "history", None), None
    if history is not None:
        versions = history.filter(**{gone.model._meta.pk.attname: gone.pk})
        last = versions.order_by("-history_date", "-history_id").first()
    return f"{kind} “{last.instance}” (deleted)" if last else f"a deleted {kind}"


class PlainHistoryContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        if isinstance(value, DeletedObject):
            return "" if value.pk is None else deleted_label(value)
        return super().prepare_delta_change_value(change, value)
