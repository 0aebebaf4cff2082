"""Database triggers that move the program's version on any write to a program table.

The model signals (workshops/caching.py) move the version for everything written through the
ORM's save() and delete(). These triggers also catch what never sends a signal: a bulk
QuerySet.update() or delete(), raw SQL, another program writing to the database, a fix made in
psql. On PostgreSQL one trigger per table fires once per statement (TRUNCATE included); SQLite
has only row triggers, one per table and kind of write.
"""

from django.db import migrations

# The tables of the models for which workshops.caching.connect_signals moves the version, and
# their many-to-many tables. tests/workshops/test_caching.py checks that none is missing.
TABLES = [
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
NAME = "workshops_program_changed"
SQLITE_EVENTS = ["INSERT", "UPDATE", "DELETE"]


def _sqlite_trigger(table: str, event: str) -> str:
    return (
        f'CREATE TRIGGER "{NAME}_{table}_{event.lower()}" AFTER {event} ON "{table}" '
        "BEGIN UPDATE workshops_programstate SET version = version + 1, "
        "changed = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = 1; END"
    )


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN UPDATE workshops_programstate SET version = version + 1, "
            "changed = clock_timestamp() WHERE id = 1; RETURN NULL; END $$"
        )
        for table in TABLES:
            schema_editor.execute(
                f'CREATE TRIGGER {NAME} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {NAME}()"
            )
    elif connection.vendor == "sqlite":
        for table in TABLES:
            for event in SQLITE_EVENTS:
                schema_editor.execute(_sqlite_trigger(table, event))


def drop(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {NAME} ON "{table}"')
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {NAME}()")
    elif connection.vendor == "sqlite":
        for table in TABLES:
            for event in SQLITE_EVENTS:
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{NAME}_{table}_{event.lower()}"')


class Migration(migrations.Migration):
    dependencies = [("workshops", "0007_program_state")]

    operations = [migrations.RunPython(create, drop)]
