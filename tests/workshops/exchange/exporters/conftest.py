"""The exporters' fixtures: the demo program, a draft that must never leak, the schemas."""

import datetime as dt
import io
import re

import pypdf
import pytest

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.exchange import exporters
from workshops.models import Conference, Workshop
from workshops.program import selectors

BASE_URL = "https://program.example.org"
DEMO_NAMES = ["Deniz Altınbüken", "M. Hadi Amini", "Navid NaderiAlizadeh"]
DRAFT_TITLE = "Secret draft workshop on unannounced hardware"
DRAFT_ORGANIZER = "Hidden Draftperson"
THURSDAY = dt.date(2023, 6, 8)


@pytest.fixture
def demo(demo) -> Conference:
    """The shared demo's MLSys 2023, with a draft workshop (and its organizer) that no export
    may show."""
    conference = demo
    room = RoomFactory(conference=conference, name="Room 999", slug="room-999")
    draft = WorkshopFactory(
        conference=conference, title=DRAFT_TITLE, slug="secret", status=Workshop.Status.DRAFT
    )
    WorkshopOrganizerFactory(
        workshop=draft,
        organizer=OrganizerFactory(name=DRAFT_ORGANIZER, email="hidden@draft.example"),
    )
    TimeSlotFactory(workshop=draft, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 9))
    return conference


def program_of(conference: Conference) -> exporters.Program:
    return selectors.program_for_export(conference, base_url=BASE_URL)


def render(identifier: str, conference: Conference, **options: str) -> bytes:
    return exporters.get_exporter(identifier, options).render_bytes(program_of(conference))


def pdf_text(content: bytes) -> str:
    """A PDF's text as pypdf reads it back, with the lines of wrapped titles joined again."""
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    text = "\n".join(page.extract_text() for page in pages)
    text = re.sub(r"-[ \t]*\n\s*", "-", text)  # "Resource-" / "Constrained"
    return " ".join(text.split())


def small_program(n: int) -> Conference:
    """A published conference with n workshops, each with two organizers, a slot and an agenda
    item, plus one plenary item: the shape whose query count must not grow with n."""
    from tests.factories import AgendaItemFactory

    conference = ConferenceFactory()
    for index in range(n):
        workshop = WorkshopFactory(conference=conference)
        WorkshopOrganizerFactory.create_batch(2, workshop=workshop)
        start = local(conference.end_date, 8 + index)
        TimeSlotFactory(workshop=workshop, start=start, end=start + dt.timedelta(minutes=50))
        AgendaItemFactory(workshop=workshop, start=start, end=start + dt.timedelta(minutes=20))
    TimeSlotFactory(
        workshop=None,
        conference=conference,
        room=None,
        title="Lunch",
        start=local(conference.end_date, 12),
        end=local(conference.end_date, 13),
    )
    return conference


@pytest.fixture
def internal_exporter():
    """A format only chairs may use, registered as a plugin registers one, for one test."""

    class InternalExporter(exporters.Exporter):
        identifier = "internal.txt"
        label = "Internal"
        description = "Only chairs use it."
        extension = "txt"
        content_type = "text/plain"
        public = False

        def render(self, program):
            return "internal"

    exporters.register(InternalExporter)
    yield InternalExporter
    del exporters.EXPORTERS[InternalExporter.identifier]
