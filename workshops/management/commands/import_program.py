from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from workshops.exchange import importers
from workshops.models import Conference
from workshops.program.validators import validate_timezone_name


class Command(BaseCommand):
    help = (
        "Import a program from a frab schedule XML, a c3voc schedule JSON (this site's or "
        "pretalx's) or this site's CSV: all or nothing; importing a file again changes nothing. "
        "The operator's command has every right: it renames people who also organize other "
        "conferences' workshops, which a chair's import in the admin only links."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import.")
        parser.add_argument(
            "--conference",
            help="The slug of the conference to import into (default: the file's conference, "
            "created if it is new; a CSV file needs this unless its URLs name one).",
        )
        parser.add_argument(
            "--format",
            choices=sorted(importers.PARSERS),
            help="The file's format (default: sniffed from its content and extension).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change, and save nothing."
        )
        parser.add_argument(
            "--time-zone",
            help="The IANA zone (such as Europe/Berlin) of a file that names none: its times "
            "are read in it, and a new conference gets it (default: the conference's zone; a "
            "new conference from such a file needs it).",
        )
        parser.add_argument(
            "--clashes",
            choices=sorted(importers.CLASH_CHOICES),
            default=importers.LEAVE_OUT,
            help="What becomes of events that overlap another in their room without lying "
            "inside it: left out (default), or their workshops brought in as drafts without "
            "a slot. The report names each.",
        )
        parser.add_argument(
            "--apply-status",
            action="store_true",
            help="Apply the file's changes to existing workshops' status (such as a draft the "
            "file lists, which it would publish); without it they are listed and left alone.",
        )

    def handle(
        self, *args, file, conference, format, dry_run, apply_status, time_zone, clashes, **options
    ):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        target = None
        if conference:
            target = Conference.objects.filter(slug=conference).first()
            if target is None:
                slugs = ", ".join(
                    Conference.objects.order_by("slug").values_list("slug", flat=True)
                )
                raise CommandError(
                    f"No conference {conference!r}. Conferences: {slugs or 'none yet'}."
                )
        if time_zone:
            try:
                validate_timezone_name(time_zone)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        try:
            plan = importers.parse_program(content, filename=path.name, format=format)
            report = importers.program_import(
                plan=plan,
                conference=target,
                dry_run=dry_run,
                apply_status=apply_status,
                time_zone=time_zone,
                clashes=clashes,
            )
        except (importers.ImportFileError, ValidationError) as error:
            raise CommandError(importers.refusal(path.name, error)) from error
        if report.refused:
            raise CommandError(report.as_text())
        self.stdout.write(report.as_text())
        if report.status_changes and not apply_status:
            self.stdout.write("Import again with --apply-status to apply the status changes.")
