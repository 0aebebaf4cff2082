from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workshops.exchange import exporters
from workshops.models import Conference
from workshops.program import selectors


class Command(BaseCommand):
    help = (
        "Write a conference's public program in one of the export formats, to a file or to "
        "standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("conference", help="The conference's slug, such as mlsys-2023.")
        parser.add_argument(
            "--format",
            required=True,
            dest="identifier",
            help=f"One of: {', '.join(exporters.format_names())}.",
        )
        parser.add_argument("-o", "--output", help="The file to write (default: standard output).")
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="The site's address, for the links inside the export (default: %(default)s).",
        )
        parser.add_argument(
            "--bom", action="store_true", help="Start a CSV file with a UTF-8 byte order mark."
        )

    def handle(self, *args, conference, identifier, output, base_url, bom, **options):
        found = Conference.objects.filter(slug=conference).first()
        if found is None:
            slugs = ", ".join(Conference.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No conference {conference!r}. Conferences: {slugs or 'none yet'}.")
        try:
            exporter = exporters.get_exporter(identifier, {"bom": "1" if bom else ""})
        except exporters.UnknownFormat as error:
            raise CommandError(str(error)) from error
        if not found.published:
            self.stderr.write(f"{found} is not published: the export holds only its plenary items.")
        program = selectors.program_for_export(found, base_url=base_url)
        content = exporter.render_bytes(program)
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {exporter.label} of {found} to {output}.")
        elif exporter.content_type.startswith("application/pdf"):
            # Binary: straight to the byte stream (export_program ... > booklet.pdf).
            buffer = getattr(self.stdout, "buffer", None)
            if buffer is None:
                raise CommandError(f"{identifier} is binary: write it to a file with -o FILE.")
            buffer.write(content)
            buffer.flush()
        else:
            self.stdout.write(content.decode(), ending="")
