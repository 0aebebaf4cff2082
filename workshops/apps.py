from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Workshop program"

    def ready(self) -> None:
        # Both need the models loaded, so they are imported once the app registry is ready.
        from workshops import backoffice  # noqa: F401  registers the model admins
        from workshops.program import revision

        revision.connect_signals(list(self.get_models()))
        post_migrate.connect(_reinstall_triggers, sender=self, dispatch_uid="program-triggers")


def _reinstall_triggers(sender, using: str = "default", **kwargs) -> None:
    """After every migrate: a migration that rebuilt a program table (SQLite) lost its
    triggers (workshops.program.revision.install_program_triggers)."""
    from workshops.program import revision

    revision.install_program_triggers(connections[using])
