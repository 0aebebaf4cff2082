"""Database-side guards that only PostgreSQL can give."""

from __future__ import annotations

from django.db import IntegrityError, connection

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
