from django.core.management.base import BaseCommand

from accounts.services import chair_ensure
from workshops.demo.loader import demo_conferences


class Command(BaseCommand):
    help = (
        "Create a program chair account with a random password, printed once; with --demo, "
        "make it (new or not) a chair of the demo program's conferences."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="chair")
        parser.add_argument(
            "--demo", action="store_true", help="Chair the demo conferences (make run does)."
        )

    def handle(self, *args, username, demo, **options):
        conferences = list(demo_conferences()) if demo else []
        user, password = chair_ensure(username=username, conferences=conferences)
        if conferences:
            names = ", ".join(conference.name for conference in conferences)
            self.stdout.write(f"“{user.username}” chairs {names}.")
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
