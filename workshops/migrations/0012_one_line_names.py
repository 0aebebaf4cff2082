"""Names and titles hold one line (NFCCharField's validator): fold the line breaks that rows
written before the rule, or around it, still hold."""

import operator
from functools import reduce

from django.db import IntegrityError, migrations, models, transaction

from workshops.models.fields import LINE_BREAKS, NFCCharField, one_line


def _unique_variant(folded: str, attempt: int, max_length: int) -> str:
    # A folded room name may now equal another room's: "Room\n1" next to "Room 1".
    suffix = f" ({attempt})"
    return folded[: max_length - len(suffix)] + suffix


def fold_line_breaks(apps, schema_editor):
    for model in apps.get_app_config("workshops").get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, NFCCharField):
                continue
            holds_a_break = reduce(
                operator.or_,
                (models.Q(**{f"{field.attname}__contains": char}) for char in LINE_BREAKS),
            )
            rows = model._base_manager.filter(holds_a_break).values_list("pk", field.attname)
            for pk, value in list(rows):
                folded = one_line(value)
                for attempt in range(1, 100):
                    try:
                        with transaction.atomic():
                            model._base_manager.filter(pk=pk).update(**{field.attname: folded})
                        break
                    except IntegrityError:
                        folded = _unique_variant(one_line(value), attempt + 1, field.max_length)


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0011_markdown_stored"),
    ]

    operations = [
        migrations.RunPython(fold_line_breaks, migrations.RunPython.noop),
    ]
