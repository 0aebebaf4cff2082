from django.contrib.auth.management import create_permissions
from django.db import migrations

# Literal here, as a migration must not change meaning when the code moves on.
GROUPS = {
    "Workshop organizers": [
        "view_conference", "view_room", "view_timeslot", "view_organizer", "add_organizer",
        "view_workshop", "change_workshop",
        "view_workshoporganizer", "add_workshoporganizer", "change_workshoporganizer",
        "delete_workshoporganizer",
        "view_agendaitem", "add_agendaitem", "change_agendaitem", "delete_agendaitem",
    ],
    "Staff": [
        "view_conference", "view_room", "view_timeslot", "view_organizer", "view_workshop",
        "view_workshoporganizer", "view_agendaitem",
    ],
}  # fmt: skip


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="workshops", codename__in=codenames)
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_program_chairs_group"),
        ("workshops", "0003_roles"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
