"""One version users see: a conference points at its current release, whose name is the program's
version; a release keeps the schedule's hash to tell when the program changed since. The
program's revision (the page cache's counter) is named for what it is; its column stays."""

import django.db.models.deletion
import workshops.models.state
from django.db import migrations, models


def point_at_latest_release(apps, schema_editor):
    Conference = apps.get_model("workshops", "Conference")
    Release = apps.get_model("workshops", "Release")
    for conference in Conference.objects.all():
        latest = Release.objects.filter(conference=conference).order_by("-created", "-id").first()
        if latest is not None:
            Conference.objects.filter(pk=conference.pk).update(current_release=latest)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0009_prepared_export_one_pending")]

    operations = [
        # Only the name in Python: the column (and the triggers that move it) stay as they are.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("programstate", "version", "revision"),
                migrations.AlterField(
                    model_name="programstate",
                    name="revision",
                    field=models.PositiveBigIntegerField(
                        db_column="version", default=workshops.models.state._fresh_revision
                    ),
                ),
            ],
        ),
        # The old value was the exports' content hash, not the schedule's: a release made before
        # this shows as changed until the next one.
        migrations.RemoveField("release", "export_version"),
        migrations.AddField(
            model_name="release",
            name="schedule_hash",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The schedule's hash when released.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="conference",
            name="current_release",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The latest release: its name is the program's version.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="workshops.release",
            ),
        ),
        migrations.RunPython(point_at_latest_release, migrations.RunPython.noop),
    ]
