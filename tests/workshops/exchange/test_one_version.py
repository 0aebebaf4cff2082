"""One version string wherever a user sees one: the pages (which the change banner compares),
the door sign, the frab XML and c3voc JSON exports, the calendar's name and the booklet's
cover, as released and once the working copy has moved on."""

import datetime as dt
import json
import re

import pytest

from tests.workshops.exchange.exporters.conftest import pdf_text
from workshops.exchange import exporters
from workshops.models import Release, TimeSlot
from workshops.program import releases, selectors, services

pytestmark = pytest.mark.django_db


def shown_versions(client, conference) -> set[str]:
    program = selectors.program_for_export(conference)
    page = client.get("/mlsys-2023/").content.decode()
    sign = client.get("/mlsys-2023/rooms/room-241/").content.decode()
    xml = exporters.get_exporter("schedule.xml").render_bytes(program).decode()
    voc = json.loads(exporters.get_exporter("schedule.json").render_bytes(program))
    booklet = pdf_text(exporters.get_exporter("booklet.pdf").render_bytes(program))
    return {
        re.search(r'data-version="([^"]*)"', page).group(1),
        re.search(r'room-sign__stamp">([^<]*)<', sign).group(1),
        re.search(r"<version>([^<]*)</version>", xml).group(1),
        voc["schedule"]["version"],
        re.search(r"Program version (\S+)", booklet).group(1),
    }


def test_every_place_shows_the_release_name_and_then_one_marked_version(client, demo):
    assert shown_versions(client, demo) == {"1.0"}

    slot = TimeSlot.objects.get(workshop__slug="benchmarking-ml-workloads")
    slot.start += dt.timedelta(minutes=10)
    slot.end += dt.timedelta(minutes=10)
    services.slot_save(slot=slot)
    (moved,) = shown_versions(client, demo)
    assert moved.startswith("1.0+")

    releases.release_save(release=Release(conference=demo, version="1.1"), user=None)
    assert shown_versions(client, demo) == {"1.1"}
