"""The demo's benchmarking workshop as an attendee reads it: papers by session with their
links, posters with boards, invited speakers as links to their pages, topics, and a stream
that says "Watch live" only while the workshop runs (a frozen clock)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.factories import OrganizerFactory, TimeSlotFactory, WorkshopFactory, local
from workshops.models import AgendaItem, AgendaItemSpeaker, Link, Organizer, Paper
from workshops.program import services
from workshops.site import workshop_page

MIAMI = ZoneInfo("America/New_York")
PAGE = "/mlsys-2023/workshops/benchmarking-ml-workloads/"


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2023, 6, 8, hour, minute, tzinfo=MIAMI)


def test_demo_papers_grouped_by_session_with_links_and_boards(client, demo):
    html = html_of(client.get(PAGE))
    papers = html.split('<h2 id="papers">Accepted papers</h2>')[1].split(
        "</section>\n  </section>"
    )[0]
    headings = re.findall(r'<h3 id="papers-\d+">([^<]*)<', papers)
    assert [h.strip() for h in headings] == ["Paper talks (three papers)", "Afternoon break"]
    talks, posters = papers.split('<h3 id="papers-2">')
    assert "Roofline Drift: How Compiler Updates Move Training Throughput" in talks
    assert (
        '<a href="https://example.org/demo/papers/roofline-drift.pdf" rel="noopener">PDF</a>'
        in talks
    )
    assert '<span class="paper__mark paper__mark--oral">Oral</span>' in talks
    assert '<span class="paper__board">Board P3</span>' in posters
    assert "Energy per Token on Shared Clusters" in posters
    # An author of two papers: one person record, linked to their page from both.
    assert '<a href="/mlsys-2023/organizers/priya-raman/">Priya Raman</a>' in talks
    assert '<a href="/mlsys-2023/organizers/priya-raman/">Priya Raman</a>' in posters
    assert Organizer.objects.filter(name="Priya Raman").count() == 1
    assert "@example.org" not in html


def test_demo_invited_speakers_are_people_with_pages(client, demo):
    html = html_of(client.get(PAGE))
    # Vijay Janapa Reddi speaks here and organizes another workshop: one record, one page.
    assert (
        '<a href="/mlsys-2023/organizers/vijay-janapa-reddi/">Vijay Janapa Reddi</a> '
        '<span class="affiliation">(Harvard)</span>'
    ) in html
    person = html_of(client.get("/mlsys-2023/organizers/vijay-janapa-reddi/"))
    assert "Invited talks</a> (Benchmarking Machine Learning Workloads on Emerging Hardware)" in (
        person
    )
    assert '<a href="/mlsys-2023/workshops/on-device-intelligence/">On-Device Intelligence</a>' in (
        person
    )  # and organizes another
    # A speaker who organizes nothing has a page of their own talks.
    speaker = html_of(client.get("/mlsys-2023/organizers/wes-brewer/"))
    assert '<h2 id="talks">Talks</h2>' in speaker
    assert 'id="workshops"' not in speaker


def test_demo_topics_show_with_their_names(client, demo):
    html = html_of(client.get(PAGE))
    assert (
        '<li class="topic" style="--topic: #1f6f8b">'
        '<span class="topic__swatch" aria-hidden="true"></span>Benchmarks and measurement</li>'
    ) in html
    listing = html_of(client.get("/mlsys-2023/?topic=edge"))
    assert 'data-key="on-device-intelligence"' in listing
    assert (
        "benchmarking-ml-workloads/"
        not in listing.split("data-results")[1].split("filter-index")[0]
    )


@pytest.mark.parametrize(
    ("moment", "live"),
    [(at(7, 30), False), (at(9), True), (at(16, 39), True), (at(16, 45), False)],
)
def test_demo_watch_live_only_while_the_workshop_runs(client, demo, moment, live):
    with time_machine.travel(moment, tick=False):
        html = html_of(client.get(PAGE))
    assert (
        (
            '<li class="watch-link watch-link--live"><a href="https://example.org/demo/live/'
            'room-241" rel="noopener">Watch live</a></li>'
        )
        in html
    ) is live
    # The keynote has its recording (and slides) whatever the time; the chat is always there.
    assert (
        '<a href="https://example.org/demo/recordings/benchmarking-keynote" rel="noopener">'
        "Recording</a>"
    ) in html
    assert (
        '<a href="https://example.org/demo/chat/benchmarking" rel="noopener">Chat room</a>' in html
    )


def test_demo_paper_page(client, demo):
    paper = Paper.objects.get(title__startswith="A Small Harness")
    html = html_of(client.get(paper.get_absolute_url()))
    assert "<h1>A Small Harness for Repeatable Microbenchmarks of Attention Kernels</h1>" in html
    assert "board P7" in html
    assert '<a href="/mlsys-2023/organizers/daniel-osei/">Daniel Osei</a>' in html


def test_a_recording_replaces_the_stream(db):
    item = AgendaItem(start=at(9), end=at(10))
    stream = Link(kind=Link.Kind.STREAM, url="https://example.org/live")
    recording = Link(kind=Link.Kind.RECORDING, url="https://example.org/rec")
    window = [(item.start, item.end)]
    assert [s.kind for s in workshop_page.shown_links([stream], window, at(9, 30))] == ["live"]
    assert workshop_page.shown_links([stream], window, at(10)) == []
    shown = workshop_page.shown_links([stream, recording], window, at(9, 30))
    assert [(s.kind, s.text) for s in shown] == [("recording", "Recording")]


def test_saving_an_item_makes_its_speakers_people_once(db):
    organizer = OrganizerFactory(name="Ana Lima", affiliation="")
    workshop = WorkshopFactory()
    day = workshop.conference.start_date
    TimeSlotFactory(workshop=workshop, start=local(day, 8), end=local(day, 12))
    item = AgendaItem(
        workshop=workshop,
        title="Talks",
        start=local(day, 9),
        end=local(day, 10),
        speakers="Ana Lima (Somewhere)\nBo Chen",
    )
    services.agenda_item_save(item=item)
    services.agenda_item_save(item=item)  # again: nothing doubles
    links = list(AgendaItemSpeaker.objects.filter(agenda_item=item).select_related("person"))
    assert [(link.person, link.affiliation) for link in links] == [
        (organizer, "Somewhere"),
        (Organizer.objects.get(name="Bo Chen"), ""),
    ]
    assert Organizer.objects.filter(name="Bo Chen").count() == 1


def test_a_speaker_line_too_long_for_a_person_is_refused_with_a_clear_error(db):
    workshop = WorkshopFactory()
    day = workshop.conference.start_date
    TimeSlotFactory(workshop=workshop, start=local(day, 8), end=local(day, 12))
    item = AgendaItem(
        workshop=workshop,
        title="Talks",
        start=local(day, 9),
        end=local(day, 10),
        speakers="Ana Lima (Somewhere)\n" + "A (very (nested) name) " * 12,
    )

    with pytest.raises(ValidationError) as refused:
        services.agenda_item_save(item=item)

    assert "a name takes at most 200" in " ".join(refused.value.message_dict["speakers"])
    assert not AgendaItem.objects.filter(workshop=workshop).exists()
    assert not Organizer.objects.filter(name="Ana Lima").exists()


def test_the_schedule_filters_by_topic_without_javascript(client, demo):
    everything = html_of(client.get("/mlsys-2023/schedule/2023-06-08/"))
    edge = html_of(client.get("/mlsys-2023/schedule/2023-06-08/?topic=edge"))

    assert "Benchmarking Machine Learning Workloads" in everything
    assert '<option value="edge" selected>Edge and wireless</option>' in edge
    results = edge.split("data-results")[1].split('id="filter-index"')[0]
    assert "Benchmarking Machine Learning Workloads" not in results
    assert "On-Device Intelligence" in results
    assert "Lunch" in results  # a plenary item stays, as with the room filter


def test_an_unknown_topic_is_reported_and_filters_nothing(client, demo):
    html = html_of(client.get("/mlsys-2023/?topic=knitting"))
    assert "There is no topic “knitting”; showing all topics." in html
    assert "Benchmarking Machine Learning Workloads" in html


@pytest.mark.django_db
def test_a_drafts_paper_page_is_not_found_by_the_public(client):
    draft = WorkshopFactory(status="draft")
    paper = Paper.objects.create(workshop=draft, title="Unannounced results")
    url = f"/{draft.conference.slug}/workshops/{draft.slug}/papers/{paper.pk}/"

    published = WorkshopFactory(conference=draft.conference)
    shown = Paper.objects.create(workshop=published, title="Announced results")

    assert client.get(url).status_code == 404
    assert b"Unannounced" not in client.get(url).content
    page = client.get(f"/{published.conference.slug}/workshops/{published.slug}/papers/{shown.pk}/")
    assert page.status_code == 200 and b"Announced results" in page.content
    # a paper of another workshop is not found under this one
    assert (
        client.get(
            f"/{draft.conference.slug}/workshops/{published.slug}/papers/{paper.pk}/"
        ).status_code
        == 404
    )
