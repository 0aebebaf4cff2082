from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.workshops.exchange.exporters.conftest import BASE_URL, render

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("identifier", ["schedule.xml", "schedule.json", "program.csv"])
def test_export_program_writes_the_file(demo, tmp_path, identifier):
    target = tmp_path / identifier

    call_command(
        "export_program", "mlsys-2023", "--format", identifier, "-o", str(target),
        "--base-url", BASE_URL, stderr=StringIO(),
    )  # fmt: skip

    assert target.read_bytes() == render(identifier, demo)


def test_export_program_writes_a_calendar(demo, tmp_path):
    target = tmp_path / "program.ics"

    call_command("export_program", "mlsys-2023", "--format", "program.ics", "-o", str(target))

    content = target.read_bytes()
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"UID:" in content


def test_export_program_writes_to_standard_output(demo):
    out = StringIO()

    call_command(
        "export_program", "mlsys-2023", "--format", "schedule.json", "--base-url", BASE_URL,
        stdout=out,
    )  # fmt: skip

    assert out.getvalue().encode() == render("schedule.json", demo)


def test_export_program_bom_switch(demo, tmp_path):
    target = tmp_path / "program.csv"

    call_command(
        "export_program", "mlsys-2023", "--format", "program.csv", "--bom", "-o", str(target),
    )  # fmt: skip

    assert target.read_bytes().startswith(b"\xef\xbb\xbfDate,")


def test_export_program_refuses_an_unknown_format_listing_the_valid_ones(demo):
    with pytest.raises(CommandError) as error:
        call_command("export_program", "mlsys-2023", "--format", "schedule.pdf")

    assert str(error.value) == (
        "Unknown format 'schedule.pdf'; choose one of: "
        "schedule.xml, schedule.json, program.ics, program.csv, booklet.pdf, booklet-letter.pdf."
    )


def test_export_program_refuses_an_unknown_conference_listing_the_known_ones(demo):
    with pytest.raises(CommandError) as error:
        call_command("export_program", "mlsys-2099", "--format", "schedule.xml")

    assert str(error.value) == "No conference 'mlsys-2099'. Conferences: mlsys-2022, mlsys-2023."


def test_export_program_warns_about_an_unpublished_conference(demo, tmp_path):
    demo.published = False
    demo.save()
    err = StringIO()

    call_command(
        "export_program", "mlsys-2023", "--format", "program.csv",
        "-o", str(tmp_path / "p.csv"), stderr=err,
    )  # fmt: skip

    assert "MLSys 2023 is not published" in err.getvalue()
    assert (tmp_path / "p.csv").read_text().count("\n") == 2  # header and lunch
