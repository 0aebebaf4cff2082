"""Database triggers that move the program's version on any write to a program table: see
workshops.program.revision.install_program_triggers (also run after every migrate)."""

from django.db import migrations

from workshops.program import revision


def install(apps, schema_editor):
    revision.install_program_triggers(schema_editor.connection)


def remove(apps, schema_editor):
    revision.remove_program_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0007_program_state")]

    operations = [migrations.RunPython(install, remove)]
