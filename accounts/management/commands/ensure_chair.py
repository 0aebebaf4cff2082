from django.core.management.base import BaseCommand

from accounts.services import chair_ensure


class Command(BaseCommand):
    help = "Create a program chair account with a random password, printed once; else do nothing."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="chair")

    def handle(self, *args, username, **options):
        user, password = chair_ensure(username=username)
        if password is None:
            self.stdout.write(
                f"Chair account “{user.username}” exists. Forgot its password? "
                f"Run: manage.py changepassword {user.username}"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the chair account. Sign in at /admin/ as “{user.username}” "
                f"with the password: {password}"
            )
        )
        self.stdout.write("This password is shown only once.")
