from django.db import migrations

from workshops.program.locking import add_slot_overlap_constraint, remove_slot_overlap_constraint


class Migration(migrations.Migration):
    """On PostgreSQL, the database itself refuses two overlapping slots in one room."""

    dependencies = [("workshops", "0001_initial")]

    operations = [
        migrations.RunPython(add_slot_overlap_constraint, remove_slot_overlap_constraint),
    ]
