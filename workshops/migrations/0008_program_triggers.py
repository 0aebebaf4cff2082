"""Database triggers that move the program's version on any write to a program table: see
workshops.db.install_program_triggers (also run after every migrate)."""

from django.db import migrations

from workshops import db


def install(apps, schema_editor):
    db.install_program_triggers(schema_editor.connection)


def remove(apps, schema_editor):
    db.remove_program_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0007_program_state")]

    operations = [migrations.RunPython(install, remove)]
