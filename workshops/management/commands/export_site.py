from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workshops.exchange.static_site import DEFAULT_BASE_URL, SiteExportError, site_export
from workshops.models import Conference


class Command(BaseCommand):
    """manage.py export_site: one edition's public pages as a static site."""

    help = (
        "Write a conference's public pages, assets and exports as a static site with relative "
        "links into the folder OUT, and OUT.zip beside it: it works from any static host and "
        "straight from disk."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("conference", help="The conference's slug, such as mlsys-2023.")
        parser.add_argument("out", help="The folder to write (it must be empty or missing).")
        parser.add_argument(
            "--base-url",
            help=(
                "The live site, such as https://program.example.org: links to other editions "
                "and the admin point there, and so do the exports' own links. Without it, "
                f"such links are dropped and the exports link to {DEFAULT_BASE_URL}."
            ),
        )
        parser.add_argument(
            "--replace", action="store_true", help="Empty OUT first if it holds files."
        )

    def handle(
        self, *args, conference: str, out: str, base_url: str | None, replace: bool, **options
    ) -> None:
        """Export one published edition; a thin shell over site_export.site_export."""
        found = Conference.objects.filter(slug=conference).first()
        if found is None:
            slugs = ", ".join(Conference.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"No conference {conference!r}. Conferences: {slugs or 'none yet'}.")
        try:
            site = site_export(conference=found, out=Path(out), base_url=base_url, replace=replace)
        except SiteExportError as error:
            raise CommandError(str(error)) from error
        if not base_url:
            self.stderr.write(
                f"No --base-url: links to other editions are dropped; exports link to "
                f"{DEFAULT_BASE_URL}."
            )
        for address in site.skipped:
            self.stderr.write(f"Left out {address}: it did not answer 200.")
        self.stderr.write(
            f"Wrote {len(site.files)} files of {found} to {site.folder} and {site.zip_path}."
        )
