"""The chairs' own admin pages look like the admin's: its breadcrumbs and its favicon."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from lxml import html as lxml_html

from tests.factories import ConferenceFactory, TimeSlotFactory, WorkshopFactory, chair_of


@pytest.fixture
def conference(db):
    return ConferenceFactory(name="MLSys 2023", slug="mlsys-2023", year=2023)


@pytest.fixture
def chair_client(client, conference):
    client.force_login(chair_of(conference))
    return client


def breadcrumbs(response) -> list[tuple[str, str | None]]:
    page = lxml_html.fromstring(response.content)
    return [
        (item.text_content().strip(), item.xpath("string(a/@href)") or None)
        for item in page.xpath("//nav/ol[@class='breadcrumbs']/li")
    ]


def conference_trail(conference, page: str) -> list[tuple[str, str | None]]:
    return [
        ("Home", reverse("admin:index")),
        ("Workshop program", reverse("admin:app_list", args=["workshops"])),
        ("Conferences", reverse("admin:workshops_conference_changelist")),
        ("MLSys 2023", reverse("admin:workshops_conference_change", args=[conference.pk])),
        (page, None),
    ]


@pytest.mark.parametrize(
    ("view", "page"),
    [
        ("conflicts", "Program checks"),
        ("import", "Import a program"),
        ("copy_forward", "Next edition"),
    ],
)
def test_conference_tool_pages_have_the_admins_breadcrumbs(chair_client, conference, view, page):
    response = chair_client.get(reverse(f"admin:workshops_conference_{view}", args=[conference.pk]))

    assert response.status_code == 200
    assert breadcrumbs(response) == conference_trail(conference, page)


def test_move_page_has_the_admins_breadcrumbs(chair_client, conference):
    workshop = WorkshopFactory(conference=conference)
    TimeSlotFactory(workshop=workshop)

    response = chair_client.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "move", ACTION_CHECKBOX_NAME: [workshop.pk]},
    )

    assert response.status_code == 200
    assert breadcrumbs(response) == [
        ("Home", reverse("admin:index")),
        ("Workshop program", reverse("admin:app_list", args=["workshops"])),
        ("Workshops", reverse("admin:workshops_workshop_changelist")),
        ("Move workshops", None),
    ]


def favicons(response) -> list[str]:
    return lxml_html.fromstring(response.content).xpath("//head/link[@rel='icon']/@href")


@pytest.mark.parametrize(
    "url",
    [
        reverse_lazy("admin:index"),
        reverse_lazy("admin:workshops_workshop_changelist"),
        reverse_lazy("admin:workshops_workshop_add"),
    ],
)
def test_admin_pages_link_the_admin_favicon(chair_client, url):
    response = chair_client.get(url)

    assert response.status_code == 200
    assert favicons(response) == [static("img/favicon-admin.svg")]


def test_admin_login_page_links_the_admin_favicon(client, db):
    assert favicons(client.get(reverse("admin:login"))) == [static("img/favicon-admin.svg")]


def test_conference_tool_page_links_the_admin_favicon(chair_client, conference):
    response = chair_client.get(
        reverse("admin:workshops_conference_conflicts", args=[conference.pk])
    )

    assert favicons(response) == [static("img/favicon-admin.svg")]


def test_admin_favicon_is_served(client, db):
    response = client.get(static("img/favicon-admin.svg"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
