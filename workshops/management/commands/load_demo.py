from django.core.management.base import BaseCommand

from workshops.demo import demo_load


class Command(BaseCommand):
    help = "Load the MLSys 2023 and 2022 demo program. Safe to run again: it changes nothing then."

    def handle(self, *args, **options):
        counts = demo_load()
        if not counts:
            self.stdout.write("Demo program already loaded: nothing to change.")
            return
        for what, number in sorted(counts.items()):
            self.stdout.write(f"{number:4d} {what}")
        self.stdout.write(self.style.SUCCESS("Demo program loaded."))
