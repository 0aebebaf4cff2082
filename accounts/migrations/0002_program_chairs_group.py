from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import PROGRAM_CHAIR_MODELS, PROGRAM_CHAIRS


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the group gets them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=PROGRAM_CHAIRS)
    codenames = [
        f"{action}_{model}"
        for _, model in PROGRAM_CHAIR_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    apps_labels = {label for label, _ in PROGRAM_CHAIR_MODELS}
    permissions = Permission.objects.filter(
        content_type__app_label__in=apps_labels, codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PROGRAM_CHAIRS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workshops", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
