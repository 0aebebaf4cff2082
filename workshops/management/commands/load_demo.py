from django.core.management.base import BaseCommand

from workshops.demo.loader import demo_load
from workshops.models import Conference


class Command(BaseCommand):
    help = (
        "Load the MLSys 2023 and 2022 demo program. Safe to run again: it changes nothing "
        "then, except to restore demo rows that were edited."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database without any conference (keeps chairs' edits).",
        )

    def handle(self, *args, if_empty, **options):
        if if_empty and Conference.objects.exists():
            self.stdout.write("The database already holds a program: demo not loaded.")
            return
        counts = demo_load()
        if not counts:
            self.stdout.write("Demo program already loaded: nothing to change.")
            return
        for what, number in sorted(counts.items()):
            self.stdout.write(f"{number:4d} {what}")
        self.stdout.write(self.style.SUCCESS("Demo program loaded."))
