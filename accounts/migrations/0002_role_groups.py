from django.db import migrations

from accounts.roles import ROLE_PERMISSIONS, sync_role_groups


def create_groups(apps, schema_editor):
    sync_role_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    """The role groups: program chairs, workshop organizers, staff."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workshops", "0003_roles"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
