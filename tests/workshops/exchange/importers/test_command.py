from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ConferenceFactory
from tests.workshops.exchange.importers.conftest import DATA, export, wipe_program
from workshops.models import Conference, TimeSlot, Workshop

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_program", *args, stdout=out)
    return out.getvalue()


def test_import_program_creates_the_pretalx_conference_and_prints_the_report(db):
    out = run(str(DATA / "pretalx-schedule.json"))

    lines = out.splitlines()
    assert lines[:2] == [
        "Imported a c3voc schedule JSON file into EdgeML Workshop Days 2024 (edgeml24).",
        "Created 1 conference, 2 rooms, 4 organizers, 3 workshops, 4 time slots; updated "
        "nothing; unchanged: nothing.",
    ]
    assert "  + organizer “Zoë Ålander-Ngũgĩ”" in lines
    assert lines[-2:] == [
        "Note: The conference edgeml24 is new and unpublished: publish it in the admin when its "
        "program is ready.",
        "Time zone: Europe/Berlin, as the file names it.",
    ]
    assert TimeSlot.objects.filter(conference__slug="edgeml24").count() == 4


def test_import_program_dry_run_saves_nothing(db):
    out = run(str(DATA / "frab-schedule.xml"), "--dry-run")

    assert out.startswith(
        "Dry run of a frab schedule XML import into Systems for ML Camp 2024 (sysml-camp): "
        "nothing was saved.\nWould create 1 conference, 2 rooms, 4 organizers, 3 workshops, "
        "3 time slots; would update nothing; unchanged: nothing.\n"
    )
    assert not Conference.objects.exists()


def test_import_program_again_reports_no_change(db):
    run(str(DATA / "frab-schedule.xml"))

    out = run(str(DATA / "frab-schedule.xml"))

    assert out.splitlines()[1] == (
        "Created nothing; updated nothing; unchanged: 1 conference, 2 rooms, 4 organizers, "
        "3 workshops, 3 time slots."
    )


def test_import_program_into_a_chosen_conference_with_a_chosen_format(demo, tmp_path):
    target = tmp_path / "program.txt"
    target.write_bytes(export("program.csv", demo))
    wipe_program()
    ConferenceFactory(slug="mlsys-2023-again", name="Again")

    out = run(str(target), "--conference", "mlsys-2023-again", "--format", "csv")

    assert out.splitlines()[0] == "Imported a CSV file into Again (mlsys-2023-again)."
    assert TimeSlot.objects.filter(conference__slug="mlsys-2023-again").count() == 10


def test_import_program_malformed_file_is_a_command_error(db, tmp_path):
    target = tmp_path / "program.csv"
    target.write_bytes(b"Date,Start,End,Room,Workshop\r\n2023-06-08,8,9,A,B\r\n")

    with pytest.raises(CommandError) as error:
        run(str(target))

    assert str(error.value) == (
        "program.csv: line 2, column Start: the time “8” is not a time of day (HH:MM). "
        "Nothing was imported."
    )
    assert not TimeSlot.objects.exists()


def test_import_program_refused_import_is_a_command_error(db, tmp_path):
    content = (
        (DATA / "frab-schedule.xml")
        .read_bytes()
        .replace(b"<time_zone_name>Europe/Amsterdam</time_zone_name>", b"")
        .replace(b"<title>Profiling on a budget</title>", b"<title> </title>")
    )
    target = tmp_path / "schedule.xml"
    target.write_bytes(content)

    with pytest.raises(CommandError) as error:
        run(str(target))

    lines = str(error.value).splitlines()
    assert lines[0] == (
        "The frab schedule XML file cannot be imported into Systems for ML Camp 2024 "
        "(sysml-camp) as it is: 2 problems stop it. Nothing was saved."
    )
    assert lines[lines.index("What stops the import (2):") + 1 :][:2] == [
        "  - line 78, <event>: an event without a title.",
        "  - line 6, <conference>: the file names no time zone, and a new conference needs one: "
        "give it (--time-zone, such as Europe/Berlin) or import into an existing conference.",
    ]
    assert not Conference.objects.exists()


def test_import_program_takes_the_time_zone_it_is_told(db, tmp_path):
    content = (
        (DATA / "frab-schedule.xml")
        .read_bytes()
        .replace(b"<time_zone_name>Europe/Amsterdam</time_zone_name>", b"")
    )
    target = tmp_path / "schedule.xml"
    target.write_bytes(content)

    out = run(str(target), "--time-zone", "Europe/Lisbon")

    assert out.splitlines()[-1] == (
        "Time zone: Europe/Lisbon, as chosen for this import (the file names no zone)."
    )
    assert Conference.objects.get().timezone == "Europe/Lisbon"


def test_import_program_unknown_conference_or_file(db, tmp_path):
    with pytest.raises(CommandError) as error:
        run(str(DATA / "frab-schedule.xml"), "--conference", "nope")
    assert str(error.value) == "No conference 'nope'. Conferences: none yet."

    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "missing.xml"))
    assert str(error.value) == "Cannot read " + str(tmp_path / "missing.xml") + (
        ": No such file or directory."
    )


def test_import_program_keeps_status_without_apply_status(db):
    run(str(DATA / "frab-schedule.xml"))
    Workshop.objects.update(status="draft")

    out = run(str(DATA / "frab-schedule.xml"))

    assert set(Workshop.objects.values_list("status", flat=True)) == {"draft"}
    assert "The file changes the status of 3 workshops; not applied" in out
    assert out.splitlines()[-1] == "Import again with --apply-status to apply the status changes."


def test_import_program_with_apply_status_applies_them(db):
    run(str(DATA / "frab-schedule.xml"))
    Workshop.objects.update(status="draft")

    out = run(str(DATA / "frab-schedule.xml"), "--apply-status")

    assert set(Workshop.objects.values_list("status", flat=True)) == {"published"}
    assert "Changed the status of 3 workshops." in out
