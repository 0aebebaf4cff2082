"""A draft workshop's public page: its organizers, its conference's chairs and staff preview it
with a banner; nobody else finds it. And the same workshop in other years."""

import datetime as dt

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tests.factories import (
    ConferenceFactory,
    TimeSlotFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopSeriesFactory,
    chair_of,
    organizer_of,
    staff_reader,
)
from workshops.models import Workshop

DRAFT_BANNER = "<strong>Draft.</strong> Only the program chairs, this workshop's organizers"


@pytest.fixture
def draft(conference):
    return WorkshopFactory(
        conference=conference, title="Secret hardware", slug="secret", status="draft"
    )


def detail_url(workshop) -> str:
    return reverse("workshops:workshop-detail", args=[workshop.conference.slug, workshop.slug])


def test_draft_page_is_404_for_anonymous_users(client, draft):
    response = client.get(detail_url(draft))

    assert response.status_code == 404
    assert "Secret hardware" not in response.content.decode()


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda draft: UserFactory(), id="signed-in user"),
        pytest.param(lambda draft: UserFactory(is_staff=True), id="staff without a role"),
        pytest.param(lambda draft: organizer_of(WorkshopFactory()), id="another organizer"),
        pytest.param(lambda draft: chair_of(ConferenceFactory()), id="another chair"),
    ],
)
def test_draft_page_is_404_for_unrelated_users(client, draft, make_user):
    client.force_login(make_user(draft))

    response = client.get(detail_url(draft))

    assert response.status_code == 404
    assert "Secret hardware" not in response.content.decode()


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(organizer_of, id="its organizer"),
        pytest.param(lambda draft: chair_of(draft.conference), id="a chair of its conference"),
        pytest.param(lambda draft: staff_reader(), id="staff"),
        pytest.param(lambda draft: UserFactory(is_staff=True, is_superuser=True), id="a superuser"),
    ],
)
def test_draft_page_previews_with_a_banner_for_its_editors_and_staff(client, draft, make_user):
    client.force_login(make_user(draft))

    response = client.get(detail_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["workshop"] == draft
    assert "<h1>Secret hardware</h1>" in html
    assert DRAFT_BANNER in html


def test_published_page_has_no_draft_banner(client, conference):
    workshop = WorkshopFactory(conference=conference, title="Benchmarking", slug="bench")

    response = client.get(detail_url(workshop))

    assert response.status_code == 200
    assert "notice--draft" not in response.content.decode()


def test_draft_of_an_unpublished_conference_previews_for_its_chair(client, draft):
    draft.conference.published = False
    draft.conference.save()
    client.force_login(chair_of(draft.conference))

    response = client.get(detail_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert DRAFT_BANNER in html
    assert EDITION_BANNER in html


# An unpublished edition's pages

EDITION_BANNER = "<strong>Draft.</strong> MLSys 2023 is not published: only its program chairs"
EDITION_PAGES = [
    "workshops:workshop-list",
    "workshops:schedule",
    "workshops:room-list",
    "workshops:organizer-list",
    "workshops:export-list",
]


@pytest.fixture
def unpublished(conference):
    """MLSys 2023 before it is published, with a published workshop in a room."""
    conference.published = False
    conference.save()
    workshop = WorkshopFactory(conference=conference, title="Benchmarking", slug="bench")
    TimeSlotFactory(workshop=workshop)
    organizer_of(workshop)
    return conference


@pytest.mark.parametrize("url_name", EDITION_PAGES)
def test_unpublished_edition_is_404_for_anonymous_visitors(client, unpublished, url_name):
    response = client.get(reverse(url_name, args=[unpublished.slug]))

    assert response.status_code == 404
    assert "Benchmarking" not in response.content.decode()


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda conference: UserFactory(), id="signed-in user"),
        pytest.param(lambda conference: chair_of(ConferenceFactory()), id="another chair"),
        pytest.param(lambda conference: organizer_of(WorkshopFactory()), id="another organizer"),
    ],
)
def test_unpublished_edition_is_404_for_unrelated_users(client, unpublished, make_user):
    client.force_login(make_user(unpublished))

    response = client.get(reverse("workshops:workshop-list", args=[unpublished.slug]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(chair_of, id="a chair"),
        pytest.param(
            lambda conference: conference.workshops.get().organizers.get().user, id="an organizer"
        ),
        pytest.param(lambda conference: staff_reader(), id="staff"),
    ],
)
@pytest.mark.parametrize("url_name", EDITION_PAGES)
def test_unpublished_edition_previews_with_a_draft_banner(client, unpublished, make_user, url_name):
    client.force_login(make_user(unpublished))

    response = client.get(reverse(url_name, args=[unpublished.slug]))

    assert response.status_code == 200
    assert EDITION_BANNER in response.content.decode()
    assert response["Cache-Control"] == "private, no-cache"


def test_unpublished_edition_preview_lists_its_workshops(client, unpublished):
    client.force_login(chair_of(unpublished))

    response = client.get(reverse("workshops:workshop-list", args=[unpublished.slug]))

    assert [w.title for w in response.context["workshops"]] == ["Benchmarking"]


def test_unpublished_edition_preview_is_not_served_to_the_next_visitor(client, unpublished):
    url = reverse("workshops:workshop-list", args=[unpublished.slug])
    client.force_login(chair_of(unpublished))
    assert client.get(url).status_code == 200
    client.logout()

    response = client.get(url)

    assert response.status_code == 404
    assert "Benchmarking" not in response.content.decode()


def test_published_edition_has_no_edition_banner(client, conference):
    client.force_login(chair_of(conference))

    response = client.get(reverse("workshops:workshop-list", args=[conference.slug]))

    assert response.status_code == 200
    assert "is not published" not in response.content.decode()


# This workshop in other years


@pytest.fixture
def editions(conference):
    """Benchmarking in 2021 (an unpublished edition), 2022, 2023 and 2024 (a draft), and a
    workshop of another series in 2022."""
    series = WorkshopSeriesFactory(name="Benchmarking", slug="bench")
    years = {}
    for year, published, status in [
        (2021, False, Workshop.Status.PUBLISHED),
        (2022, True, Workshop.Status.CANCELLED),
        (2024, True, Workshop.Status.DRAFT),
    ]:
        edition = ConferenceFactory(
            name=f"MLSys {year}",
            slug=f"mlsys-{year}",
            year=year,
            start_date=dt.date(year, 6, 4),
            end_date=dt.date(year, 6, 8),
            published=published,
        )
        years[year] = WorkshopFactory(
            conference=edition, title=f"Benchmarking {year}", slug="bench", status=status,
            series=series,
        )  # fmt: skip
    years[2023] = WorkshopFactory(
        conference=conference, title="Benchmarking 2023", slug="bench", series=series
    )
    WorkshopFactory(
        conference=years[2022].conference,
        title="PACMI 2022",
        slug="pacmi",
        series=WorkshopSeriesFactory(name="PACMI", slug="pacmi"),
    )
    return years


def other_years_links(html: str) -> list[tuple[str, str]]:
    links = lxml_html.fromstring(html).xpath('//ul[@class="other-editions"]/li/a')
    return [(link.get("href"), link.text_content()) for link in links]


def test_workshop_page_lists_the_published_editions_of_its_series(client, editions):
    response = client.get(detail_url(editions[2023]))

    html = response.content.decode()
    assert response.context["other_editions"] == [editions[2022]]
    assert '<h2 id="other-years">This workshop in other years</h2>' in html
    assert other_years_links(html) == [
        ("/mlsys-2022/workshops/bench/", "MLSys 2022: Benchmarking 2022")
    ]


def test_cancelled_edition_page_lists_the_other_published_edition(client, editions):
    response = client.get(detail_url(editions[2022]))

    assert response.context["other_editions"] == [editions[2023]]


def test_draft_preview_lists_the_published_editions_newest_first(client, editions):
    client.force_login(chair_of(editions[2024].conference))

    response = client.get(detail_url(editions[2024]))

    assert response.context["other_editions"] == [editions[2023], editions[2022]]
    assert other_years_links(response.content.decode()) == [
        ("/mlsys-2023/workshops/bench/", "MLSys 2023: Benchmarking 2023"),
        ("/mlsys-2022/workshops/bench/", "MLSys 2022: Benchmarking 2022"),
    ]


def test_workshop_page_without_series_has_no_other_years(client, conference, editions):
    loner = WorkshopFactory(conference=conference, title="Loner", slug="loner")

    response = client.get(detail_url(loner))

    assert response.context["other_editions"] == []
    assert "This workshop in other years" not in response.content.decode()
