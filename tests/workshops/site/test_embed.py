"""The embed views: compact pages another site may frame, only the sites the settings name;
the exports' CORS header; the export page's subscription links and snippets."""

import re

import pytest

from tests.workshops.site.test_favourites import workshop

SITE = "https://program.example.org"


@pytest.fixture(autouse=True)
def embedding(settings):
    settings.SITE_URL = SITE
    settings.EMBED_ALLOWED_ORIGINS = ["https://conference.example.org"]


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]*)", response["Content-Security-Policy"])[1]


@pytest.mark.parametrize("path", ["/mlsys-2023/embed/", "/mlsys-2023/embed/schedule/"])
def test_embed_views_may_be_framed_by_the_allowed_sites_only(client, conference, path):
    workshop(conference, "alpha")

    response = client.get(path)
    again = client.get(path)  # from the page cache, with the same headers

    for answer in (response, again):
        assert answer.status_code == 200
        assert frame_ancestors(answer) == "'self' https://conference.example.org"
        assert "X-Frame-Options" not in answer
    html = response.content.decode()
    assert '<base target="_top">' in html
    assert f'href="{SITE}/mlsys-2023/workshops/alpha/" target="_top">Alpha</a>' in html
    assert "site-header" not in html and "program-nav" not in html  # no site chrome
    assert "<script" not in html


@pytest.mark.parametrize(
    "path", ["/mlsys-2023/", "/mlsys-2023/schedule/", "/mlsys-2023/workshops/alpha/"]
)
def test_the_other_pages_may_not_be_framed(client, conference, path):
    workshop(conference, "alpha")

    response = client.get(path)

    assert frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_embed_schedule_lists_every_day_and_keeps_the_filters(client, conference):
    workshop(conference, "alpha")
    workshop(conference, "beta", hour=11)

    html = client.get("/mlsys-2023/embed/schedule/?q=beta").content.decode()

    assert "Thursday 8 June" in html
    assert ">Beta</a>" in html and ">Alpha</a>" not in html


def test_exports_answer_any_origin(client, conference):
    workshop(conference, "alpha")

    response = client.get("/mlsys-2023/export/schedule.json", HTTP_ORIGIN="https://other.example")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_export_page_offers_webcal_links_copy_buttons_and_snippets(client, conference, room):
    workshop(conference, "alpha", room=room)

    html = client.get("/mlsys-2023/export/").content.decode()

    host = SITE.removeprefix("https://")
    assert f'<a href="webcal://{host}/mlsys-2023/export/program.ics">' in html
    assert f'<a href="webcal://{host}/mlsys-2023/rooms/{room.slug}/calendar.ics"' in html
    assert f'data-copy="{SITE}/mlsys-2023/export/schedule.json"' in html
    snippet = (
        f"&lt;iframe src=&quot;{SITE}/mlsys-2023/embed/schedule/&quot; "
        "title=&quot;MLSys 2023 schedule&quot;"
    )
    assert snippet in html  # shown as text, never as a frame of the export page itself
    assert "<iframe" not in html
