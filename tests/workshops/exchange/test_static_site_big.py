"""export_site of a program too big for the booklet to render within a request."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from bench.generate import generate_program
from workshops.exchange import exporters, prepared
from workshops.exchange.static_site import DEFAULT_BASE_URL
from workshops.models import PreparedExport
from workshops.program import selectors

SLUG = "big-61"


@pytest.mark.django_db
def test_export_site_of_over_60_slots_writes_its_booklets(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker
    generated = generate_program(slots=61, days=2, slug=SLUG)
    program = selectors.program_for_export(generated.conference, base_url=DEFAULT_BASE_URL)
    assert len(program.slots) > settings.PREPARED_EXPORT_INLINE_SLOTS

    call_command("export_site", SLUG, str(tmp_path / "out"), verbosity=0)

    booklets = {}
    for identifier in ("booklet.pdf", "booklet-letter.pdf"):
        written = (tmp_path / "out" / SLUG / "export" / identifier).read_bytes()
        stored = PreparedExport.objects.get(identifier=identifier)
        assert bytes(stored.content) == written
        assert stored.key == prepared._key(exporters.get_exporter(identifier), program)
        booklets[identifier] = PdfReader(io.BytesIO(written))
    for reader in booklets.values():
        cover = reader.pages[0].extract_text().splitlines()
        assert cover[:4] == [
            "WORKSHOP PROGRAM",
            "Generated Conference",
            "61 (seed 1)",
            "2–3 June 2031",
        ]
        assert f"{generated.workshops} workshops on 2 days" in cover
        assert f"Online: {DEFAULT_BASE_URL}/{SLUG}/" in cover  # the command's base, not a Host's
    assert not DBTaskResult.objects.exists()  # rendered by the command, not left to a worker
