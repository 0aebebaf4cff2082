"""Edit conflicts: a fingerprint of an object's saved state (its row, its many-to-many links and
the rows edited with it) taken when a form is opened, who changed it last, and the check that
refuses a save over someone else's change since. The row lock is the caller's
(locking.lock_for_edit)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import NamedTuple

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils import timezone


class Change(NamedTuple):
    who: str  # empty when no one is recorded (a script, an import)
    when: dt.datetime


def fingerprint(instance: Model, *, parts: Sequence[str] = ()) -> str:
    """A hash of the instance's fields as loaded, its many-to-many links and the saved rows of
    `parts` (reverse relations, such as a workshop's "slots"): equal while nothing changed."""
    opts = instance._meta
    state = {
        "fields": [(f.attname, f.value_from_object(instance)) for f in opts.concrete_fields],
        "links": {
            f.name: sorted(getattr(instance, f.name).values_list("pk", flat=True))
            for f in opts.many_to_many
        },
        "parts": {
            name: list(getattr(instance, name).order_by("pk").values_list()) for name in parts
        },
    }
    text = json.dumps(state, cls=DjangoJSONEncoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def last_change(instance: Model, *, parts: Sequence[str] = ()) -> Change | None:
    """The latest recorded change of the instance or of its parts: the admin's log and the
    history (django-simple-history) of every model that keeps one."""
    content_type = ContentType.objects.get_for_model(instance)
    entry = (
        LogEntry.objects.filter(content_type=content_type, object_id=str(instance.pk))
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    changes = [Change(_name(entry.user), entry.action_time)] if entry else []
    histories = [(type(instance), {instance._meta.pk.attname: instance.pk})] + [
        (relation.related_model, {relation.field.attname: instance.pk})
        for relation in map(instance._meta.get_field, parts)
    ]
    for model, lookup in histories:
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        history = getattr(model, model._meta.simple_history_manager_attribute)
        record = history.filter(**lookup).select_related("history_user").first()
        if record is not None:
            changes.append(Change(_name(record.history_user), record.history_date))
    return max(changes, key=lambda change: change.when, default=None)


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def check_unchanged_since(
    saved: Model | None, *, name: str, opened: str, parts: Sequence[str] = ()
) -> None:
    """Nobody changed (or deleted: `saved` is None) the object called `name` since its form was
    opened on the state whose fingerprint is `opened`."""
    if saved is None:
        raise ValidationError(
            f"This {name} was deleted by someone else since you opened it; nothing was saved.",
            code="edit_conflict",
        )
    if fingerprint(saved, parts=parts) == opened:
        return
    raise ValidationError(
        f"This {name} was changed by someone else since you opened it"
        f"{_changed_by(saved, parts)}; nothing of yours was saved. Reload the page to see "
        "their changes, then make yours again.",
        code="edit_conflict",
    )


def check_still_without(saved: Model, *, name: str, part: str) -> None:
    """Nobody gave the object called `name` a row of `part` (a workshop its first slot) since
    it was shown without any: such a list carries no fingerprint per row, only its absence."""
    if not getattr(saved, part).exists():
        return
    raise ValidationError(
        f"{name} was scheduled by someone else since you opened this page"
        f"{_changed_by(saved, (part,))}; nothing of yours was saved. Reload the page to see "
        "their changes, then make yours again.",
        code="edit_conflict",
    )


def _changed_by(saved: Model, parts: Sequence[str]) -> str:
    """ " (by ana at 10:02)": who changed the object or its parts last, if anyone is recorded."""
    change = last_change(saved, parts=parts)
    if change is None:
        return ""
    who = f"by {change.who} " if change.who else ""
    return f" ({who}at {timezone.localtime(change.when):%H:%M})"
