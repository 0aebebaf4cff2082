import csv
import io

import pytest

from tests.factories import OrganizerFactory, WorkshopOrganizerFactory
from tests.workshops.exchange.exporters.conftest import BASE_URL, DEMO_NAMES, render
from workshops.exchange.exporters.csv import COLUMNS, neutralise
from workshops.models import TimeSlot, Workshop

pytestmark = pytest.mark.django_db


def rows_of(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_slot_with_the_columns_staff_need(demo):
    content = render("program.csv", demo)

    reader = csv.reader(io.StringIO(content.decode(), newline=""))
    assert next(reader) == [
        "Date", "Start", "End", "Room", "Workshop", "Organizers", "Affiliations", "URL",
        "Status", "GUID",
    ]  # fmt: skip
    rows = rows_of(content)
    public = TimeSlot.objects.filter(conference=demo).exclude(workshop__status="draft")
    assert sorted(row["GUID"] for row in rows) == sorted(str(slot.guid) for slot in public)
    assert len(rows) == 10


def test_csv_row_is_in_venue_time(demo):
    rows = rows_of(render("program.csv", demo))

    benchmarking = next(row for row in rows if row["Room"] == "Room 241")
    assert benchmarking == {
        "Date": "2023-06-08",
        "Start": "08:00",
        "End": "16:40",
        "Room": "Room 241",
        "Workshop": "Benchmarking Machine Learning Workloads on Emerging Hardware",
        "Organizers": "Tom St John; Murali Emani; Wenqian Dong",
        "Affiliations": "Argonne National Laboratory",
        "URL": f"{BASE_URL}/mlsys-2023/workshops/benchmarking-ml-workloads/",
        "Status": "scheduled",
        "GUID": benchmarking["GUID"],
    }


def test_csv_lists_plenary_items_and_cancelled_workshops(demo):
    Workshop.objects.filter(slug="pacmi").update(status=Workshop.Status.CANCELLED)

    rows = rows_of(render("program.csv", demo))

    lunch = next(row for row in rows if row["Workshop"] == "Lunch")
    assert (lunch["Room"], lunch["Start"], lunch["End"], lunch["Organizers"]) == (
        "All rooms",
        "12:00",
        "13:30",
        "",
    )
    pacmi = [row for row in rows if row["Room"] == "Room 238"]
    assert [(row["Start"], row["Status"]) for row in pacmi] == [
        ("08:00", "cancelled"),
        ("13:30", "cancelled"),
    ]


def test_csv_keeps_the_demo_names(demo):
    organizers = " ; ".join(row["Organizers"] for row in rows_of(render("program.csv", demo)))

    for name in DEMO_NAMES:
        assert name in organizers


def test_csv_rows_end_in_crlf_without_bom_by_default(demo):
    content = render("program.csv", demo)

    assert not content.startswith(b"\xef\xbb\xbf")
    assert content.startswith(b"Date,Start,End,")
    assert content.endswith(b"\r\n")
    assert content.count(b"\r\n") == 11


def test_csv_bom_option_starts_with_the_utf8_byte_order_mark(demo):
    content = render("program.csv", demo, bom="1")

    assert content.startswith(b"\xef\xbb\xbfDate,Start,End,")
    assert content[3:] == render("program.csv", demo)


def test_csv_neutralises_formulas(demo):
    workshop = Workshop.objects.get(slug="pacmi")
    workshop.title = '=HYPERLINK("https://evil.example","click")'
    workshop.save()
    for name in ["+1 Evil", "-2 Evil", "@SUM(A1)"]:
        WorkshopOrganizerFactory(
            workshop=workshop,
            organizer=OrganizerFactory(name=name, affiliation="=cmd|' /C calc'!A0"),
        )

    rows = rows_of(render("program.csv", demo))

    row = next(row for row in rows if row["Room"] == "Room 238")
    assert row["Workshop"] == '\'=HYPERLINK("https://evil.example","click")'
    assert row["Affiliations"] == "Google; =cmd|' /C calc'!A0"  # not at the cell's start
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Room 241", "Room 241"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_columns_match_the_rows(demo):
    for row in rows_of(render("program.csv", demo)):
        assert list(row) == COLUMNS
        assert None not in row
