"""The importers' fixtures: exports of the demo, an emptied database, documents compared."""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from tests.factories import ConferenceFactory
from workshops.exchange import exporters
from workshops.models import Conference, Organizer, TimeSlot, WorkshopSeries
from workshops.program import selectors

BASE_URL = "https://program.example.org"
DATA = Path(__file__).parent / "data"
DEMO_NAMES = ["Deniz Altınbüken", "M. Hadi Amini", "Navid NaderiAlizadeh"]


@pytest.fixture
def edge(db):
    """A conference of two days in Berlin, which the pretalx file's program fits."""
    return ConferenceFactory(
        slug="edge-2024", name="Edge 2024", timezone="Europe/Berlin",
        start_date=dt.date(2024, 5, 14), end_date=dt.date(2024, 5, 15),
    )  # fmt: skip


def export(identifier: str, conference: Conference, **options: str) -> bytes:
    program = selectors.program_for_export(conference, base_url=BASE_URL)
    return exporters.get_exporter(identifier, options).render_bytes(program)


def without_columns(text: str, *names: str) -> str:
    """The CSV without the named columns."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    keep = [index for index, name in enumerate(rows[0]) if name not in names]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([[r[i] for i in keep] for r in rows])
    return buffer.getvalue()


def wipe_program() -> None:
    """An empty database: every conference (and all that hangs on it) and every person."""
    TimeSlot.objects.all().delete()  # their rooms are protected while slots point at them
    Conference.objects.all().delete()
    Organizer.objects.all().delete()
    WorkshopSeries.objects.all().delete()


# What must differ between two exports of one program in two databases: the rows' numeric ids
# (event and person ids, the number inside an event's slug) and the version string, a hash over
# them. Everything else must be equal.
_EVENT_SLUG_ID = re.compile(r"^([a-z0-9_]+)-(a?)\d+-")  # a slot's id, or an agenda item's (a7)


def normalised_xml(content: bytes) -> bytes:
    """The XML document, canonical, without database ids and the version hash."""
    root = etree.fromstring(content)
    root.find("version").text = "*"
    for event in root.iter("event"):
        event.set("id", "*")
        slug = event.find("slug")
        slug.text = _EVENT_SLUG_ID.sub(r"\1-\2*-", slug.text)
    for person in root.iter("person"):
        person.set("id", "*")
    return etree.tostring(root, method="c14n2")


def normalised_json(content: bytes) -> dict:
    """The JSON document without database ids and the version hash."""
    document = json.loads(content)
    document["schedule"]["version"] = "*"
    for day in document["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:
                event["id"] = "*"
                event["slug"] = _EVENT_SLUG_ID.sub(r"\1-\2*-", event["slug"])
    return document
