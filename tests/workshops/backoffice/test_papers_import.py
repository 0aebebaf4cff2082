"""Accepted papers from an OpenReview or CMT CSV, through the workshop's import page: a
preview first (nothing saved), then the import, all or nothing; authors are linked to the
people already here (by e-mail address, then exact name) and never duplicated; addresses
never show."""

import io

import pytest
from django.urls import reverse

from tests.factories import OrganizerFactory, WorkshopFactory, chair_of, organizer_of
from workshops.exchange.importers.papers_csv import papers_import, parse_papers_csv
from workshops.exchange.importers.plan import ImportFileError
from workshops.models import Organizer, Paper

OPENREVIEW = (
    "Title,Authors,authorids,Abstract,Decision,Link\n"
    '"Sparse Kernels at Scale","Ana Lima|Bo Chen","ana@uni.example|~Bo_Chen1",'
    '"We make sparse kernels fast.","Accept (Oral)","https://openreview.example.org/forum?id=x1"\n'
    '"Rejected Idea","Cy Dee","cy@uni.example","No.","Reject",""\n'
    '"Quantized Serving","Bo Chen; Dana Eve","|dana@lab.example","Smaller, faster.",'
    '"Accept (Poster)","https://example.org/quantized.pdf"\n'
)
CMT = (
    "Paper ID,Paper Title,Abstract,Author Names,Author Emails,Track Name\n"
    '1,"Sparse Kernels at Scale","New abstract.","Ana Lima (Uni A)*; Bo Chen (Lab B)",'
    '"ana@uni.example; bo@lab.example","Spotlight"\n'
)


def upload(client, workshop, content: str, confirm_token: str | None = None):
    url = reverse("admin:workshops_workshop_import_papers", args=[workshop.pk])
    if confirm_token is not None:
        return client.post(url, {"confirm": "1", "token": confirm_token})
    file = io.BytesIO(content.encode())
    file.name = "accepted.csv"
    return client.post(url, {"file": file})


@pytest.fixture
def workshop(db):
    return WorkshopFactory()


def test_organizer_previews_then_imports_papers_linking_existing_people(client, workshop):
    user = organizer_of(workshop, name="Ana Lima", slug="ana-lima", email="ana@uni.example")
    bo = OrganizerFactory(name="Bo Chen", slug="bo-chen")
    client.force_login(user)

    preview = upload(client, workshop, OPENREVIEW)

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Would create" in html and "paper Sparse Kernels at Scale" in html
    assert "person Dana Eve" in html and "person Ana Lima" not in html
    assert "Left out, not accepted: line 3: Rejected Idea (Reject)" in html
    assert "uni.example" not in html and "lab.example" not in html
    assert not Paper.objects.exists()  # the preview saved nothing
    token = html.split('name="token" value="')[1].split('"')[0]

    response = upload(client, workshop, "", confirm_token=token)

    assert response.status_code == 302
    sparse = Paper.objects.get(title="Sparse Kernels at Scale")
    assert sparse.mark == Paper.Mark.ORAL
    assert sparse.page_url == "https://openreview.example.org/forum?id=x1"
    assert [a.person for a in sparse.author_links.order_by("position")] == [user.organizer, bo]
    quantized = Paper.objects.get(title="Quantized Serving")
    assert quantized.pdf_url == "https://example.org/quantized.pdf"
    dana = Organizer.objects.get(name="Dana Eve")
    assert dana.email == "dana@lab.example"  # kept, privately, to match her next time
    assert Organizer.objects.filter(name="Bo Chen").count() == 1
    assert not Paper.objects.filter(title="Rejected Idea").exists()


def test_importing_again_changes_nothing_and_a_cmt_file_updates(workshop):
    papers_import(plan=parse_papers_csv(OPENREVIEW.encode()), workshop=workshop)
    people = Organizer.objects.count()

    again = papers_import(plan=parse_papers_csv(OPENREVIEW.encode()), workshop=workshop)
    assert again.change_count == 0

    report = papers_import(plan=parse_papers_csv(CMT.encode()), workshop=workshop)
    paper = Paper.objects.get(title="Sparse Kernels at Scale")
    assert paper.mark == Paper.Mark.SPOTLIGHT and paper.abstract == "New abstract."
    assert [(a.person.name, a.affiliation) for a in paper.author_links.order_by("position")] == [
        ("Ana Lima", "Uni A"),
        ("Bo Chen", "Lab B"),
    ]
    assert Organizer.objects.count() == people  # matched by address and name: nobody new
    assert [e.label for e in report.updated] == ["Sparse Kernels at Scale"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Name,Abstract\nx,y\n", "no “Title” column"),
        ("Title,Authors,Link\nA paper,Ana,not a link\n", "line 2, column Link"),
        ("Title,Authors,Decision\nA paper,Ana,Reject\n", "no accepted paper"),
        ("Title,Authors,Author Emails\nA paper,Ana,not-an-address\n", "e-mail address"),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_nothing_saved(workshop, content, message):
    with pytest.raises(ImportFileError, match=message):
        parse_papers_csv(content.encode())
    assert not Paper.objects.exists()


def test_the_page_refuses_other_workshops_organizers_and_shows_the_error(client, workshop):
    other = organizer_of(WorkshopFactory(), name="Other", slug="other")
    client.force_login(other)
    assert upload(client, workshop, OPENREVIEW).status_code == 403

    client.force_login(chair_of(workshop.conference))
    response = upload(client, workshop, "Title,Authors\n,Ana\n")
    assert "accepted.csv: line 2, column Title: the title is empty. Nothing was imported." in (
        response.content.decode()
    )
