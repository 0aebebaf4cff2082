"""Locks and the database-side slot overlap rule (PostgreSQL): what writers take, in one order."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, connection
from django.db.models import Model

from workshops.models import Room
from workshops.program.revision import program_changed

# Two slots of one room may not overlap: enforced by PostgreSQL itself, so two chairs
# saving at the same moment cannot both win (model validation alone has a race).
# Deferred, so that a bulk move may pass through intermediate states; services check it
# at once with enforce_slot_overlap_now() to report a clash as a clear error.
SLOT_OVERLAP_CONSTRAINT = "timeslot_room_no_overlap"

_CREATE = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE workshops_timeslot ADD CONSTRAINT {SLOT_OVERLAP_CONSTRAINT}
    EXCLUDE USING gist (room_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (room_id IS NOT NULL)
    DEFERRABLE INITIALLY DEFERRED;
"""
_DROP = f"ALTER TABLE workshops_timeslot DROP CONSTRAINT IF EXISTS {SLOT_OVERLAP_CONSTRAINT};"


def add_slot_overlap_constraint(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_CREATE)


def remove_slot_overlap_constraint(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_DROP)


def is_slot_overlap_violation(error: IntegrityError) -> bool:
    """Whether PostgreSQL refused a write because two slots of a room would overlap."""
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == SLOT_OVERLAP_CONSTRAINT


def enforce_slot_overlap_now() -> None:
    """Check the deferred overlap rule now (PostgreSQL): raises IntegrityError on a clash."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {SLOT_OVERLAP_CONSTRAINT} IMMEDIATE")


def lock_program() -> None:
    """In a transaction, take the program's version row before any other lock. Every write
    takes it anyway (the version moves with each change, program/version.py); taking it
    first, before row locks such as lock_rooms or an edit check's, keeps one order for all
    writers, so two of them never wait on each other in a circle."""
    if connection.in_atomic_block:
        program_changed()


def lock_rooms(room_ids: Iterable[int | None]) -> None:
    """Hold these rooms until the transaction ends, so bookings of a room pass one at a time
    and each one's clash check sees the booking before it (rather than both passing and the
    constraint refusing one, or the two waiting on each other). In pk order: two writers never
    wait on each other in a circle. Outside a transaction, and on SQLite, nothing to do."""
    lock_program()
    ids = sorted({pk for pk in room_ids if pk is not None})
    if ids and connection.vendor == "postgresql" and connection.in_atomic_block:
        rooms = Room.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
        list(rooms.values_list("pk", flat=True))


def lock_for_edit(instance: Model) -> Model | None:
    """The saved row of `instance` as it is now (None once deleted), read without joins. In a
    transaction it stays locked, after the version row, until the commit: a save racing this
    one waits, then sees this one's change."""
    rows = type(instance)._base_manager.filter(pk=instance.pk).order_by("pk")
    if connection.in_atomic_block:
        lock_program()
        rows = rows.select_for_update(no_key=True, of=("self",))
    return rows.first()
