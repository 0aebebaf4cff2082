from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_migrate

from accounts.signout import mark_signed_out


def _sync_groups(sender, apps=None, **kwargs) -> None:
    from django.apps import apps as global_apps

    from accounts.roles import sync_role_groups

    sync_role_groups(apps or global_apps)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Also after a flush (tests, `manage.py flush`): the role groups always exist.
        post_migrate.connect(_sync_groups, sender=self, dispatch_uid="accounts-role-groups")
        user_logged_out.connect(mark_signed_out, dispatch_uid="accounts-signed-out")
