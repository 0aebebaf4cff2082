"""The program's revision: one number that moves with every change to what the public sees.

Every saved or deleted row of the program moves `ProgramState.revision` in the same transaction
as the change (signals, `connect_signals`), and database triggers move it on every other write
(a bulk `QuerySet.update()`, raw SQL, another program, a fix made in psql). The page cache
(`workshops.pagecache`) keys what it stores by this revision. Users never see it: the version
they see is a release's name (Conference.version_label).
"""

from __future__ import annotations

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from workshops.models import ProgramState


def program_changed(*, using: str | None = None) -> None:
    """Move the program's revision on (from a signal, or from code that wants the version row
    taken before it writes in bulk, as the importer does)."""
    ProgramState.bump(using=using)


def _is_program_model(model: type) -> bool:
    meta = model._meta
    # django-simple-history's records live in this app too; they follow a change, never lead it.
    # The version itself and prepared renderings say `changes_program = False`.
    return (
        meta.app_label == "workshops"
        and getattr(model, "changes_program", True)
        and not meta.auto_created
        and not hasattr(model, "instance_type")
    )


def _before(sender, using=None, action=None, **kwargs) -> None:
    """Inside a transaction, move the version before the first write: every writer then
    takes the one version row first, so writers queue in one order and cannot deadlock."""
    if action is not None and not action.startswith("pre_"):
        return
    if transaction.get_connection(using).in_atomic_block:
        program_changed(using=using)


def _after(sender, using=None, action=None, **kwargs) -> None:
    """Outside a transaction (autocommit), move the version only after the row is written:
    a reader in between then stores new content under the old version, never the reverse."""
    if action is not None and not action.startswith("post_"):
        return
    if not transaction.get_connection(using).in_atomic_block:
        program_changed(using=using)


def connect_signals(models: list[type]) -> None:
    for model in models:
        if not _is_program_model(model):
            continue
        uid = f"program-version-{model._meta.label_lower}"
        pre_save.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-save")
        pre_delete.connect(_before, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_save.connect(_after, sender=model, dispatch_uid=f"{uid}-post-save")
        post_delete.connect(_after, sender=model, dispatch_uid=f"{uid}-post-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_before, sender=through, dispatch_uid=f"{uid}-{field.name}-pre")
            m2m_changed.connect(_after, sender=through, dispatch_uid=f"{uid}-{field.name}-post")


# The program's version  moves with every saved or deleted model through
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
    "workshops_agendaitemspeaker",
    "workshops_topic",
    "workshops_workshop_topics",
    "workshops_paper",
    "workshops_paperauthor",
    "workshops_link",
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
