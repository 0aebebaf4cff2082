import pytest

from workshops.exchange import exporters
from workshops.exchange.exporters import EXPORTERS, UnknownFormat, get_exporter, register
from workshops.exchange.exporters.csv import CsvExporter

FORMATS = [
    "schedule.xml",
    "schedule.json",
    "program.ics",
    "program.csv",
    "booklet.pdf",
    "booklet-letter.pdf",
]


def test_registry_lists_every_format_in_page_order():
    assert list(EXPORTERS) == FORMATS


@pytest.mark.parametrize("identifier", list(EXPORTERS))
def test_registry_exporter_describes_itself(identifier):
    exporter = EXPORTERS[identifier]

    assert exporter.identifier == identifier
    assert identifier.endswith(f".{exporter.extension}")
    assert exporter.label
    assert exporter.description.endswith(".")
    assert exporter.description.count(". ") == 0  # one sentence
    assert exporter.content_type.split(";")[0] in {
        "application/xml",
        "application/json",
        "text/calendar",
        "text/csv",
        "application/pdf",
    }
    assert exporter.public is True


def test_get_exporter_sets_switches_from_a_query():
    assert get_exporter("program.csv", {"bom": "1"}).settings == {"bom": True}
    assert get_exporter("program.csv", {"bom": "0"}).settings == {"bom": False}
    assert get_exporter("program.csv").settings == {"bom": False}
    assert get_exporter("schedule.xml", {"bom": "1"}).settings == {}


def test_get_exporter_refuses_an_unknown_format_naming_the_valid_ones():
    with pytest.raises(UnknownFormat) as error:
        get_exporter("schedule.pdf")

    assert str(error.value) == (
        "Unknown format 'schedule.pdf'; choose one of: "
        "schedule.xml, schedule.json, program.ics, program.csv, booklet.pdf, booklet-letter.pdf."
    )


def test_get_exporter_public_only_hides_internal_formats(internal_exporter):
    assert isinstance(get_exporter("internal.txt"), internal_exporter)
    with pytest.raises(UnknownFormat):
        get_exporter("internal.txt", public_only=True)
    assert internal_exporter not in exporters.public_exporters()
    assert exporters.format_names(public_only=True) == FORMATS


def test_register_refuses_a_second_exporter_with_the_same_identifier():
    class Impostor(CsvExporter):
        pass

    with pytest.raises(ValueError, match="program.csv"):
        register(Impostor)
    assert EXPORTERS["program.csv"] is CsvExporter


def test_exporter_refuses_an_option_it_does_not_have():
    with pytest.raises(TypeError, match="bom"):
        EXPORTERS["schedule.xml"](bom=True)
