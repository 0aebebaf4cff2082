"""What a shared link and a search engine read: OpenGraph tags, a workshop's schema.org Event
(read with extruct, as a structured-data parser reads it), the sitemap and robots.txt."""

import datetime as dt
import json
import re

import extruct
import pytest
from lxml import etree

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.models import Workshop

THURSDAY = dt.date(2023, 6, 8)
SITE = "https://program.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def meta(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<meta (?:property|name)="((?:og|twitter):\w+)" content="([^"]*)">', html)
    )


@pytest.fixture
def bmlw(conference):
    workshop = WorkshopFactory(
        conference=conference,
        slug="bmlw",
        title="Benchmarking </script><b>ML</b> & more",
        abstract="Measuring **workloads**.",
    )
    room = RoomFactory(conference=conference, name="Room 241", slug="room-241")
    TimeSlotFactory(workshop=workshop, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    TimeSlotFactory(
        workshop=workshop, room=room, start=local(THURSDAY, 13, 30), end=local(THURSDAY, 16, 40)
    )
    for position, name in enumerate(["Tom St John", "Murali Emani"]):
        WorkshopOrganizerFactory(
            workshop=workshop,
            organizer=OrganizerFactory(name=name, slug=name.lower().replace(" ", "-")),
            position=position,
        )
    return workshop


def test_workshop_page_holds_a_schema_org_event_with_its_instants(client, conference, bmlw):
    conference.venue, conference.city = "Miami Beach Convention Center", "Miami"
    conference.save()
    html = client.get("/mlsys-2023/workshops/bmlw/").content.decode()

    [event] = extruct.extract(html, base_url=SITE, syntaxes=["json-ld"])["json-ld"]
    assert event["@context"] == "https://schema.org"
    assert event["@type"] == "Event"
    assert event["name"] == "Benchmarking </script><b>ML</b> & more"
    assert dt.datetime.fromisoformat(event["startDate"]) == dt.datetime(
        2023, 6, 8, 12, tzinfo=dt.UTC
    )
    assert dt.datetime.fromisoformat(event["endDate"]) == dt.datetime(
        2023, 6, 8, 20, 40, tzinfo=dt.UTC
    )
    assert event["startDate"] == "2023-06-08T08:00:00-04:00"  # the venue's clock and offset
    assert event["location"] == {
        "@type": "Place",
        "name": "Room 241",
        "address": "Miami Beach Convention Center, Miami",
    }
    assert event["organizer"] == [
        {
            "@type": "Person",
            "name": "Tom St John",
            "url": f"{SITE}/mlsys-2023/organizers/tom-st-john/",
        },
        {
            "@type": "Person",
            "name": "Murali Emani",
            "url": f"{SITE}/mlsys-2023/organizers/murali-emani/",
        },
    ]
    assert event["url"] == f"{SITE}/mlsys-2023/workshops/bmlw/"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["description"] == "Measuring workloads."
    # The title's markup stays inside the data block: escaped, it cannot end the element.
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in data and "&" not in data.replace("\\u0026", "")


def test_a_cancelled_workshop_is_a_cancelled_event_and_one_without_slot_has_none(
    client, conference, bmlw
):
    bmlw.status = Workshop.Status.CANCELLED
    bmlw.save()
    WorkshopFactory(conference=conference, slug="tba")

    cancelled = client.get("/mlsys-2023/workshops/bmlw/").content.decode()
    unscheduled = client.get("/mlsys-2023/workshops/tba/").content.decode()

    [event] = extruct.extract(cancelled, syntaxes=["json-ld"])["json-ld"]
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert extruct.extract(unscheduled, syntaxes=["json-ld"])["json-ld"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/mlsys-2023/",
        "/mlsys-2023/workshops/bmlw/",
        "/mlsys-2023/schedule/",
        "/mlsys-2023/rooms/",
        "/mlsys-2023/rooms/room-241/",
        "/mlsys-2023/organizers/",
        "/mlsys-2023/organizers/tom-st-john/",
        "/mlsys-2023/export/",
        "/mlsys-2023/changelog/",
        "/mlsys-2023/my/",
    ],
)
def test_every_public_page_has_opengraph_and_twitter_tags(client, bmlw, path):
    html = client.get(path, HTTP_HOST="localhost").content.decode()

    tags = meta(html)
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
    assert tags["og:title"] == title
    assert tags["twitter:title"] == title
    assert tags["og:description"]
    assert tags["og:description"] == tags["twitter:description"]
    assert tags["og:url"] == f"{SITE}{path}"  # the configured site, not the Host asked for
    assert tags["og:image"].startswith(f"{SITE}/static/img/icon-512")
    assert tags["twitter:card"] == "summary"
    assert f'<link rel="canonical" href="{SITE}{path}">' in html


def test_workshop_page_shares_its_title_and_abstract(client, bmlw):
    html = client.get("/mlsys-2023/workshops/bmlw/").content.decode()

    tags = meta(html)
    assert tags["og:type"] == "article"
    assert (
        tags["og:title"]
        == "Benchmarking &lt;/script&gt;&lt;b&gt;ML&lt;/b&gt; &amp; more · MLSys 2023"
    )
    assert tags["og:description"] == "Measuring workloads."


def test_sitemap_lists_the_published_program_on_the_configured_site(
    client, conference, bmlw, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    WorkshopFactory(conference=conference, slug="secret", status=Workshop.Status.DRAFT)
    hidden = ConferenceFactory(slug="mlsys-2024", year=2024, published=False)
    WorkshopFactory(conference=hidden, slug="later")

    response = client.get("/sitemap.xml", HTTP_HOST="other.example")

    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = tree.xpath("//s:loc/text()", namespaces=ns)
    assert f"{SITE}/mlsys-2023/" in urls
    assert f"{SITE}/mlsys-2023/schedule/" in urls
    assert f"{SITE}/mlsys-2023/workshops/bmlw/" in urls
    assert f"{SITE}/mlsys-2023/rooms/room-241/" in urls
    assert f"{SITE}/mlsys-2023/organizers/tom-st-john/" in urls
    assert f"{SITE}/mlsys-2023/organizers/murali-emani/" in urls
    assert not [url for url in urls if "secret" in url or "2024" in url or "other" in url]
    assert len(urls) == len(set(urls))


def test_sitemap_query_count_does_not_grow_with_the_program(
    client, conference, django_assert_num_queries
):
    for n in range(5):
        WorkshopFactory(conference=conference, slug=f"w{n}")
    ConferenceFactory(slug="mlsys-2022", year=2022)

    with django_assert_num_queries(5):  # the cache's revision, then four reads
        client.get("/sitemap.xml")


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {SITE}/sitemap.xml" in body


def test_every_page_of_an_edition_links_its_web_app_manifest(client, conference, bmlw):
    html = client.get("/mlsys-2023/workshops/bmlw/").content.decode()
    [href] = re.findall(r'<link rel="manifest" href="([^"]+)">', html)

    response = client.get(href)

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "MLSys 2023 workshops"
    assert manifest["start_url"] == manifest["scope"] == "/mlsys-2023/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
