import io
import re
import socket

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.workshops.exchange.exporters.conftest import (
    BASE_URL,
    DEMO_NAMES,
    DRAFT_ORGANIZER,
    DRAFT_TITLE,
    pdf_text,
    render,
)
from workshops.exchange.exporters import EXPORTERS
from workshops.exchange.exporters.pdf import local_only_fetcher, render_pdf
from workshops.models import Organizer, Workshop, WorkshopOrganizer

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)  # points: 210 × 297 mm
LETTER = (612.0, 792.0)  # points: 8.5 × 11 in


def page_sizes(content: bytes) -> set[tuple[float, float]]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return {
        (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
        for p in reader.pages
    }


def page_texts(content: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(content)).pages]


def test_booklet_formats_are_registered_for_both_papers():
    assert EXPORTERS["booklet.pdf"].paper == "A4"
    assert EXPORTERS["booklet-letter.pdf"].paper == "letter"
    assert EXPORTERS["booklet.pdf"].content_type == "application/pdf"


def test_booklet_shows_every_workshop_and_every_organizer_of_the_demo(demo):
    text = pdf_text(render("booklet.pdf", demo))

    public = Workshop.objects.public().filter(conference=demo)
    titles = sorted(public.values_list("title", flat=True))
    names = sorted(
        set(
            WorkshopOrganizer.objects.filter(workshop__in=public).values_list(
                "organizer__name", flat=True
            )
        )
    )
    assert len(titles) == 8
    assert len(names) == 40  # 42 places, Virginia Smith and Vijay Janapa Reddi twice each
    assert [title for title in titles if title not in text] == []
    assert [name for name in names if name not in text] == []
    for name in DEMO_NAMES:
        assert name in text


def test_booklet_shows_organizers_with_their_affiliations(demo):
    text = pdf_text(render("booklet.pdf", demo))

    assert "Deniz Altınbüken, Google" in text
    assert "Murali Emani, Argonne National Laboratory" in text
    assert "Jakob Hoydis, NVIDIA" in text


def test_booklet_never_shows_drafts_or_email_addresses(demo):
    text = pdf_text(render("booklet.pdf", demo))

    assert DRAFT_TITLE not in text
    assert DRAFT_ORGANIZER not in text
    emails = list(Organizer.objects.exclude(email="").values_list("email", flat=True))
    assert emails and [email for email in emails if email in text] == []
    assert "@" not in text


def test_booklet_cover_names_the_conference_dates_and_city(demo):
    cover = page_texts(render("booklet.pdf", demo))[0]

    assert cover == (
        "WORKSHOP PROGRAM MLSys 2023 4–8 June 2023 Miami, Florida "
        "8 workshops on Thursday 8 June Times in America/New_York (EDT) "
        f"Online: {BASE_URL}/mlsys-2023/ "
        f"Program version {cover.split('Program version ')[1]}"
    )


def test_booklet_schedule_lists_each_slot_in_venue_time(demo):
    text = pdf_text(render("booklet.pdf", demo))

    schedule = text.split("Schedule Thursday 8 June 2023 Times in EDT (America/New_York)")[1]
    schedule = schedule.split("Workshops")[0]
    assert schedule.startswith(
        " Time Room Workshop"
        " 8:00–16:40 Room 241 Benchmarking Machine Learning Workloads on Emerging Hardware"
        " 8:00–12:00 Room 238 Practical Adoption Challenges of ML for Systems"
    )
    assert " 9:50–17:00 Room 240 Next-Generation AI Methods and Systems" in schedule
    assert " 12:00–13:30 All rooms Lunch 13:30–17:00 Room 238 Practical Adoption" in schedule


def test_booklet_workshop_section_has_times_room_agenda_and_abstract(demo):
    text = pdf_text(render("booklet.pdf", demo))

    section = text.split("Benchmarking Machine Learning Workloads on Emerging Hardware Thu 8 Jun")[
        1
    ]
    assert section.startswith(" · 8:00–16:40 EDT · Room 241 ORGANIZERS Tom St John Murali Emani")
    assert "8:10–8:55 Invited talk Yingyan (Celine) Lin (Georgia Tech)" in section
    assert "15:30–16:30 Panel discussion Panel" in section
    assert "This workshop asks which benchmarks stand for the work done in industry" in section
    assert f"{BASE_URL}/mlsys-2023/workshops/benchmarking-ml-workloads/" in section


def test_booklet_numbers_every_page_after_the_cover(demo):
    pages = page_texts(render("booklet.pdf", demo))

    total = len(pages)
    assert total >= 5
    assert f"1 / {total}" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert page.endswith(f"{number} / {total}")


def test_booklet_contents_and_index_point_at_pages(demo):
    pages = page_texts(render("booklet.pdf", demo))

    contents = pages[1]
    assert contents.startswith("Contents Schedule")
    benchmarking = next(n for n, p in enumerate(pages, 1) if "ORGANIZERS Tom St John" in p)
    assert f"Emerging Hardware {'.' * 3}" in contents
    index = pages[-1]
    assert "Organizers" in index
    assert re.search(rf"Tom St John[ .]+{benchmarking} ", index)
    assert re.search(r"Virginia Smith, Carnegie Mellon University[ .]+\d, \d ", index)


@pytest.mark.parametrize(
    ("identifier", "size"), [("booklet.pdf", A4), ("booklet-letter.pdf", LETTER)]
)
def test_booklet_paper_size(demo, identifier, size):
    assert page_sizes(render(identifier, demo)) == {size}


def test_booklet_embeds_every_font(demo):
    reader = pypdf.PdfReader(io.BytesIO(render("booklet.pdf", demo)))

    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).split("+")[-1]] = embedded
    assert fonts and all(fonts.values())
    assert {name.split("-")[0] for name in fonts} == {"DejaVu"}


def test_booklet_renders_markdown_and_drops_scripts(demo):
    workshop = Workshop.objects.get(slug="pacmi")
    workshop.abstract = "We **welcome** papers.<script>alert('x')</script>\n\n- first point"
    workshop.save()

    text = pdf_text(render("booklet.pdf", demo))

    assert "We welcome papers." in text
    assert "first point" in text
    assert "alert" not in text and "<script>" not in text and "**" not in text


def test_booklet_marks_cancelled_workshops(demo):
    Workshop.objects.filter(slug="pacmi").update(status=Workshop.Status.CANCELLED)

    text = pdf_text(render("booklet.pdf", demo))

    assert "Practical Adoption Challenges of ML for Systems CANCELLED" in text
    assert "This workshop has been cancelled." in text


def test_booklet_of_a_conference_without_workshops_is_a_cover(demo):
    Workshop.objects.filter(conference=demo).update(status=Workshop.Status.DRAFT)

    text = pdf_text(render("booklet.pdf", demo))

    assert text.startswith("WORKSHOP PROGRAM MLSys 2023 4–8 June 2023 Miami, Florida 0 workshops")
    assert "Deniz" not in text


def test_fetcher_refuses_everything_but_local_files_and_data():
    fetcher = local_only_fetcher()

    for url in ["https://example.org/a.css", "http://127.0.0.1/x.png", "file:///etc/passwd"]:
        with pytest.raises(ValueError, match="refused"):
            fetcher(url)
    assert fetcher("data:text/plain,ok").read() == b"ok"


def test_booklet_rendering_opens_no_connection(monkeypatch):
    attempts = []

    def connect(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    html = (
        '<link rel="stylesheet" href="https://example.org/a.css">'
        '<img src="http://example.org/logo.png" alt="logo"><p>Deniz Altınbüken</p>'
    )

    content = render_pdf(html, paper="A4")

    assert attempts == []
    assert sorted(pdf_text(content).split(" ", 2)) == ["Altınbüken", "Deniz", "logo"]  # alt text


def test_booklet_downloads_from_the_export_page(client, demo):
    response = client.get(reverse("workshops:export", args=["mlsys-2023", "booklet-letter.pdf"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mlsys-2023-booklet-letter.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert "Navid NaderiAlizadeh" in pdf_text(response.content)


def test_export_program_writes_the_booklet_to_a_file(demo, tmp_path):
    out = tmp_path / "booklet.pdf"

    call_command("export_program", "mlsys-2023", "--format", "booklet.pdf", "-o", str(out))

    assert page_sizes(out.read_bytes()) == {A4}
    assert "M. Hadi Amini" in pdf_text(out.read_bytes())


def test_export_program_refuses_a_booklet_on_a_text_stream(demo):
    with pytest.raises(CommandError, match="binary: write it to a file with -o FILE"):
        call_command(
            "export_program", "mlsys-2023", "--format", "booklet.pdf", stdout=io.StringIO()
        )


def test_booklet_lists_each_workshops_papers_with_authors_and_boards(demo):
    text = pdf_text(render("booklet.pdf", demo))

    section = text.split("Benchmarking Machine Learning Workloads on Emerging Hardware Thu 8 Jun")[
        1
    ].split("Website:")[0]
    assert "ACCEPTED PAPERS" in section.upper()
    assert "Energy per Token on Shared Clusters · board P3" in section
    assert "Mei Okafor (Harbour Systems Lab), Rafael Quint (Harbour Systems Lab)" in section
