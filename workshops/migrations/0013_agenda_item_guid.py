"""Agenda items get a stable GUID of their own, as workshops and slots have: the exports carry
each item as an event, and attendees can star a single talk. Existing rows get fresh UUIDs."""

import uuid

from django.db import migrations, models


def fill_guids(apps, schema_editor):
    AgendaItem = apps.get_model("workshops", "AgendaItem")
    items = list(AgendaItem.objects.only("pk"))
    for item in items:
        item.guid = uuid.uuid4()
    AgendaItem.objects.bulk_update(items, ["guid"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0012_one_line_names")]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="guid",
            field=models.UUIDField(null=True, editable=False, verbose_name="GUID"),
        ),
        migrations.RunPython(fill_guids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agendaitem",
            name="guid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier carried in the exports; apps key on it.",
                unique=True,
                verbose_name="GUID",
            ),
        ),
        migrations.AddField(
            model_name="historicalagendaitem",
            name="guid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                help_text="Stable identifier carried in the exports; apps key on it.",
                verbose_name="GUID",
            ),
        ),
    ]
