"""The groups behind the roles, and the model permissions each carries. Membership plus a
link to a conference or a person gives a role (see accounts.permissions)."""

from __future__ import annotations

PROGRAM_CHAIRS = "Program chairs"  # and listed among a conference's chairs
WORKSHOP_ORGANIZERS = "Workshop organizers"  # and linked to an Organizer record
STAFF = "Staff"  # reads and exports everything

_PROGRAM_MODELS = [
    "conference", "room", "organizer", "workshop", "workshoporganizer", "timeslot", "agendaitem",
    "release", "workshopseries", "topic", "paper", "paperauthor", "link", "agendaitemspeaker",
]  # fmt: skip

ROLE_PERMISSIONS: dict[str, list[str]] = {
    PROGRAM_CHAIRS: [
        f"{action}_{model}"
        for model in _PROGRAM_MODELS
        for action in ("add", "change", "delete", "view")
    ],
    WORKSHOP_ORGANIZERS: [
        "view_conference", "view_room", "view_timeslot", "view_organizer", "add_organizer",
        "view_workshop", "change_workshop",
        "view_workshoporganizer", "add_workshoporganizer", "change_workshoporganizer",
        "delete_workshoporganizer",
        "view_agendaitem", "add_agendaitem", "change_agendaitem", "delete_agendaitem",
        "view_topic", "view_agendaitemspeaker",
        *(f"{action}_{model}" for model in ("paper", "paperauthor", "link")
          for action in ("add", "change", "delete", "view")),
    ],
    STAFF: [f"view_{model}" for model in _PROGRAM_MODELS],
}  # fmt: skip


def sync_role_groups(apps) -> None:
    """Create the role groups and give each exactly its permissions (after every migrate)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; a migration that needs them makes them now.
    for app_config in apps.get_app_configs():
        if app_config.label == "workshops":
            models_module = getattr(app_config, "models_module", None)
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="workshops", codename__in=codenames)
        )
