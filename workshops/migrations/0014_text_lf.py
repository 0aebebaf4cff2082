"""Multi-line texts end each line with LF alone (NFCTextField): turn the CRLF and lone CR that
rows saved from a browser's textarea still hold into LF. The stored HTML of a Markdown source
needs no new rendering: Markdown reads CRLF and LF alike."""

from django.db import migrations, models

import workshops.models.fields
from workshops.models.fields import NFCTextField, lf_lines


def lf_line_ends(apps, schema_editor):
    for model in apps.get_app_config("workshops").get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, NFCTextField):
                continue
            holds_cr = models.Q(**{f"{field.attname}__contains": "\r"})
            rows = model._base_manager.filter(holds_cr).values_list("pk", field.attname)
            for pk, value in list(rows):
                model._base_manager.filter(pk=pk).update(**{field.attname: lf_lines(value)})


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0013_agenda_item_guid"),
    ]

    operations = [
        migrations.AlterField(
            model_name="release",
            name="comment",
            field=workshops.models.fields.NFCTextField(
                blank=True, help_text="Shown on the public changelog."
            ),
        ),
        migrations.RunPython(lf_line_ends, migrations.RunPython.noop),
    ]
