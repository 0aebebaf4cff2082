"""What every format keeps: names intact, nothing private or unpublished, fixed queries."""

import pytest

from tests.workshops.exchange.exporters.conftest import (
    BASE_URL,
    DEMO_NAMES,
    DRAFT_ORGANIZER,
    DRAFT_TITLE,
    pdf_text,
    program_of,
    render,
    small_program,
)
from workshops.exchange import exporters
from workshops.exchange.exporters import EXPORTERS
from workshops.models import Organizer

pytestmark = pytest.mark.django_db
FORMATS = list(EXPORTERS)


def text_of(identifier: str, content: bytes) -> str:
    """The document as text, with iCalendar's folded lines joined again (a PDF's text read back)."""
    if identifier.endswith(".pdf"):
        return pdf_text(content)
    text = content.decode("utf-8-sig")
    return text.replace("\r\n ", "") if identifier.endswith(".ics") else text


@pytest.mark.parametrize("identifier", FORMATS)
def test_export_keeps_the_demo_names_intact(demo, identifier):
    text = text_of(identifier, render(identifier, demo))

    for name in DEMO_NAMES:
        assert name in text


@pytest.mark.parametrize("identifier", FORMATS)
def test_export_never_carries_an_email_address(demo, identifier):
    text = text_of(identifier, render(identifier, demo))

    emails = list(Organizer.objects.exclude(email="").values_list("email", flat=True))
    assert len(emails) == 45  # the demo's 44 organizers and the draft's
    assert [email for email in emails if email in text] == []
    assert "mailto:" not in text.lower()
    assert "@example.org" not in text


@pytest.mark.parametrize("identifier", FORMATS)
def test_export_leaves_out_draft_workshops_and_their_organizers(demo, identifier):
    text = text_of(identifier, render(identifier, demo))

    assert DRAFT_TITLE not in text
    assert DRAFT_ORGANIZER not in text
    assert "/workshops/secret/" not in text


@pytest.mark.parametrize("identifier", FORMATS)
def test_export_of_an_unpublished_conference_holds_no_workshop(demo, identifier):
    demo.published = False
    demo.save()

    text = text_of(identifier, render(identifier, demo))

    assert "Benchmarking Machine Learning Workloads" not in text
    assert "Deniz Altınbüken" not in text


@pytest.mark.parametrize("identifier", FORMATS)
def test_export_links_point_at_the_given_site(demo, identifier):
    text = text_of(identifier, render(identifier, demo))

    assert f"{BASE_URL}/mlsys-2023/workshops/benchmarking-ml-workloads/" in text
    assert "testserver" not in text and "localhost" not in text


@pytest.mark.parametrize("identifier", FORMATS)
@pytest.mark.parametrize("n", [1, 3])
def test_export_query_count_is_fixed(django_assert_num_queries, identifier, n):
    conference = small_program(n)
    exporter = exporters.get_exporter(identifier)

    # rooms, slots, organizers, topics, links, agenda items, their links, papers (no release)
    with django_assert_num_queries(8):
        content = exporter.render_bytes(program_of(conference))

    text = text_of(identifier, content)
    titles = [workshop.title for workshop in conference.workshops.all()]
    assert len(titles) == n
    assert [title for title in titles if title not in text] == []
