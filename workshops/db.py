"""Database-side guards: the slot overlap rule (PostgreSQL) and the program triggers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, connection
from django.db.backends.base.base import BaseDatabaseWrapper

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
    takes it anyway (the version moves with each change, workshops/caching.py); taking it
    first, before row locks such as lock_rooms or an edit check's, keeps one order for all
    writers, so two of them never wait on each other in a circle."""
    if connection.in_atomic_block:
        from workshops.caching import program_changed

        program_changed()


def lock_rooms(room_ids: Iterable[int | None]) -> None:
    """Hold these rooms until the transaction ends, so bookings of a room pass one at a time
    and each one's clash check sees the booking before it (rather than both passing and the
    constraint refusing one, or the two waiting on each other). In pk order: two writers never
    wait on each other in a circle. Outside a transaction, and on SQLite, nothing to do."""
    from workshops.models import Room

    lock_program()
    ids = sorted({pk for pk in room_ids if pk is not None})
    if ids and connection.vendor == "postgresql" and connection.in_atomic_block:
        rooms = Room.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
        list(rooms.values_list("pk", flat=True))


# The program's version (workshops/caching.py) moves with every saved or deleted model through
# signals. These triggers move it on every other write as well: a bulk QuerySet.update() or
# delete(), raw SQL, another program, a fix made in psql. PostgreSQL: one trigger a table,
# once per statement, *before* it touches a row, so the version row is still the first lock
# a writer takes (see lock_program). SQLite (one writer at a time): row triggers.
PROGRAM_TABLES = [
    "workshops_conference",
    "workshops_conference_chairs",
    "workshops_room",
    "workshops_organizer",
    "workshops_release",
    "workshops_timeslot",
    "workshops_workshop",
    "workshops_workshoporganizer",
    "workshops_workshopseries",
    "workshops_agendaitem",
]
PROGRAM_TRIGGER = "workshops_program_changed"
_SQLITE_EVENTS = ["insert", "update", "delete"]
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PROGRAM_TRIGGER}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE workshops_programstate
    SET version = version + 1, changed = GREATEST(changed, clock_timestamp()) WHERE id = 1;
    RETURN NULL;
END $$
"""


def _sqlite_trigger(table: str, event: str) -> tuple[str, str]:
    name = f'"{PROGRAM_TRIGGER}_{table}_{event}"'
    return (
        f"DROP TRIGGER IF EXISTS {name}",
        f'CREATE TRIGGER {name} AFTER {event.upper()} ON "{table}" BEGIN '
        "UPDATE workshops_programstate SET version = version + 1, "
        "changed = max(changed, strftime('%Y-%m-%d %H:%M:%f', 'now')) WHERE id = 1; END",
    )


def install_program_triggers(connection: BaseDatabaseWrapper) -> None:
    """(Re)create the triggers on every program table there is: after the migration that
    adds them and after every `migrate` (post_migrate), since SQLite's schema editor drops a
    table's triggers when it rebuilds the table. On SQLite, a migration that rebuilds
    workshops_programstate must call remove_program_triggers first."""
    existing = set(connection.introspection.table_names())
    if "workshops_programstate" not in existing:
        return
    tables = _program_tables_in(existing)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in tables:
                cursor.execute(f'DROP TRIGGER IF EXISTS {PROGRAM_TRIGGER} ON "{table}"')
                cursor.execute(
                    f"CREATE TRIGGER {PROGRAM_TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR "
                    f'TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION '
                    f"{PROGRAM_TRIGGER}()"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                for event in _SQLITE_EVENTS:
                    for statement in _sqlite_trigger(table, event):
                        cursor.execute(statement)


def remove_program_triggers(connection: BaseDatabaseWrapper) -> None:
    tables = _program_tables_in(set(connection.introspection.table_names()))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f'DROP TRIGGER IF EXISTS {PROGRAM_TRIGGER} ON "{table}"')
            cursor.execute(f"DROP FUNCTION IF EXISTS {PROGRAM_TRIGGER}()")
        elif connection.vendor == "sqlite":
            for table in tables:
                for event in _SQLITE_EVENTS:
                    cursor.execute(_sqlite_trigger(table, event)[0])


def _program_tables_in(existing: set[str]) -> list[str]:
    """The program tables the database has (an early migration state lacks some)."""
    return [table for table in PROGRAM_TABLES if table in existing]
