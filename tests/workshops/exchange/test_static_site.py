import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from tests.factories import (
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.demo.loader import demo_load
from workshops.exchange import exporters
from workshops.exchange.static_site import (
    SiteExportError,
    relative_link,
    site_export,
    url_to_file,
    variant_file,
)
from workshops.models import Conference, Workshop

LIVE = "https://program.example.org"
DRAFT_SLUG = "secret-draft"
WORKSHOPS = [
    "benchmarking-ml-workloads",
    "pacmi",
    "algorithmic-efficiency",
    "decentralized-collaborative-learning",
    "federated-learning-systems",
    "on-device-intelligence",
    "ml-resource-constrained-wireless",
    "next-generation-ai-systems",
]
ROOMS = [
    "room-238",
    "room-239",
    "room-240",
    "room-241",
    "room-242",
    "room-246",
    "room-247",
    "room-248",
]


def load_demo_with_a_draft() -> Conference:
    demo_load()
    conference = Conference.objects.get(slug="mlsys-2023")
    draft = WorkshopFactory(
        conference=conference, slug=DRAFT_SLUG, title="Draft", status=Workshop.Status.DRAFT
    )
    WorkshopOrganizerFactory(workshop=draft, organizer=OrganizerFactory(slug="hidden-person"))
    room = RoomFactory(conference=conference, name="Room 999", slug="room-999")
    thursday = conference.end_date
    TimeSlotFactory(workshop=draft, room=room, start=local(thursday, 8), end=local(thursday, 9))
    return conference


def build(out: Path, **options) -> object:
    """The demo's site, built in a transaction that is rolled back: the files stay."""
    with transaction.atomic():
        site = site_export(conference=load_demo_with_a_draft(), out=out, **options)
        transaction.set_rollback(True)
    return site


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        built = build(tmp_path_factory.mktemp("site") / "out")
        # A connection left open here would keep PostgreSQL's test database busy at teardown.
        connection.close()
    return built


@pytest.fixture(scope="module")
def live_site(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        built = build(tmp_path_factory.mktemp("live") / "out", base_url=LIVE)
        connection.close()
    return built


def in_class(document, name: str, then: str = "") -> list:
    """The elements of a class (and those under them that `then` selects), in order."""
    return document.xpath(f"//*[contains(concat(' ', @class, ' '), ' {name} ')]{then}")


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def addresses(path: Path) -> list[str]:
    """Every address in a page: link attributes, data-* paths and the JSON for its scripts."""
    document = lxml.html.document_fromstring(path.read_bytes())
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name in ("href", "src", "action", "formaction", "poster") or (
                name.startswith("data-") and "/" in value and name.endswith(("url", "scope"))
            ):
                found.append(value)
        if element.tag == "script" and element.get("type") == "application/json":
            found += strings_in(json.loads(element.text))
    return found


def strings_in(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_in(value)]
    is_path = isinstance(data, str) and data.startswith(("/", "./", "../"))
    is_file = isinstance(data, str) and data.endswith(("/", ".html", ".ics", ".json"))
    return [data] if is_path or is_file else []


def is_external(address: str) -> bool:
    return urlsplit(address).scheme in ("http", "https", "mailto", "webcal", "tel", "data")


def test_url_to_file_gives_directories_an_index():
    assert url_to_file("/mlsys-2023/") == "mlsys-2023/index.html"
    assert url_to_file("/") == "index.html"
    assert url_to_file("/mlsys-2023/export/schedule.xml") == "mlsys-2023/export/schedule.xml"
    with pytest.raises(SiteExportError):
        url_to_file("/mlsys-2023/../../etc/passwd")


def test_variant_file_names_an_export_with_switches():
    assert variant_file("/mlsys-2023/export/program.csv", "bom=1") == (
        "mlsys-2023/export/program-bom.csv"
    )


def test_relative_link_between_files_of_the_site():
    assert relative_link("mlsys-2023/workshops/pacmi/index.html", "mlsys-2023/index.html") == (
        "../../index.html"
    )
    assert relative_link("mlsys-2023/index.html", "static/css/site.css") == "../static/css/site.css"
    assert relative_link("index.html", "mlsys-2023/index.html") == "mlsys-2023/index.html"


def test_site_export_writes_every_public_page_asset_and_export(site):
    files = set(site.files)

    pages = {
        "index.html",
        "mlsys-2023/index.html",
        "mlsys-2023/schedule/index.html",
        "mlsys-2023/rooms/index.html",
        "mlsys-2023/organizers/index.html",
        "mlsys-2023/export/index.html",
    }
    pages |= {f"mlsys-2023/workshops/{slug}/index.html" for slug in WORKSHOPS}
    pages |= {f"mlsys-2023/rooms/{slug}/index.html" for slug in ROOMS}
    pages |= {"mlsys-2023/organizers/deniz-altinbuken/index.html"}
    assert pages <= files
    organizer_pages = {
        f for f in files if f.startswith("mlsys-2023/organizers/") and f.count("/") == 3
    }
    # 40 organizers, and the 4 invited speakers and 7 authors who organize nothing: the
    # workshop pages link them, as they link each paper's page.
    assert len(organizer_pages) == 51
    paper_pages = {f for f in files if "/papers/" in f and f.endswith("/index.html")}
    assert len(paper_pages) == 5
    exports = {f"mlsys-2023/export/{e.identifier}" for e in exporters.public_exporters()}
    assert exports | {"mlsys-2023/export/program-bom.csv"} <= files
    assert {f"mlsys-2023/workshops/{slug}/calendar.ics" for slug in WORKSHOPS} <= files
    assert {f"mlsys-2023/rooms/{slug}/calendar.ics" for slug in ROOMS} <= files
    assert {"static/css/site.css", "static/img/favicon.svg"} <= files
    assert sorted(
        str(p.relative_to(site.folder)) for p in site.folder.rglob("*") if p.is_file()
    ) == (site.files)


def test_site_export_leaves_out_drafts_and_other_editions(site):
    files = set(site.files)

    assert not [f for f in files if DRAFT_SLUG in f or "hidden-person" in f]
    assert not [f for f in files if f.startswith("mlsys-2022/")]
    text = " ".join(p.read_text() for p in html_files(site.folder))
    assert "@example.org" not in text


def test_site_export_every_internal_link_resolves_to_a_file(site):
    broken = []
    for page in html_files(site.folder):
        for address in addresses(page):
            if is_external(address) or address.startswith("#"):
                continue
            assert not address.startswith("/"), (page, address)
            path = unquote(urlsplit(address).path)
            target = (page.parent / path).resolve()
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(site.folder.resolve()):
                broken.append((str(page.relative_to(site.folder)), address))
    assert broken == []


def test_site_export_leaves_no_absolute_site_link(site):
    absolute = []
    for page in html_files(site.folder):
        document = lxml.html.document_fromstring(page.read_bytes())
        for element in document.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if value.startswith("/") or "testserver" in value or "localhost" in value:
                    absolute.append((page.name, name, value))
    assert absolute == []


def test_site_export_keeps_the_export_page_downloads_without_the_live_sites_subscriptions(site):
    page = (site.folder / "mlsys-2023/export/index.html").read_bytes()
    document = lxml.html.document_fromstring(page)
    notes = [" ".join(note.text_content().split()) for note in document.xpath('//p[@class="note"]')]
    rooms = [" ".join(item.text_content().split()) for item in document.xpath("//li")]
    assert any(note.startswith("Download program.ics") for note in notes)
    assert not document.xpath('//a[starts-with(@href, "webcal:")]')
    # what a subscription link left behind: a separator before nothing
    assert [text for text in notes + rooms if text.endswith("·") or "· ·" in text] == []


def test_site_export_links_pages_relatively(site):
    document = lxml.html.document_fromstring(
        (site.folder / "mlsys-2023/workshops/pacmi/index.html").read_bytes()
    )

    assert (
        document.xpath("//link[@rel='stylesheet']")[0].get("href") == "../../../static/css/site.css"
    )
    assert in_class(document, "site-name")[0].get("href") == "../../index.html"
    nav = [a.get("href") for a in in_class(document, "program-nav", "//a")]
    assert nav[:5] == [
        "../../index.html",
        "../../schedule/index.html",
        "../../rooms/index.html",
        "../../organizers/index.html",
        "../../export/index.html",
    ]


def test_site_export_drops_links_to_other_editions_without_a_live_site(site):
    document = lxml.html.document_fromstring((site.folder / "mlsys-2023/index.html").read_bytes())

    switcher = in_class(document, "year-switcher", "//a")
    assert [(a.text_content().strip(), a.get("href")) for a in switcher] == [
        ("2023", "index.html"),
        ("2022", None),
    ]


def test_site_export_points_other_editions_at_the_live_site(live_site):
    page = live_site.folder / "mlsys-2023/index.html"
    document = lxml.html.document_fromstring(page.read_bytes())

    switcher = in_class(document, "year-switcher", "//a")
    assert [a.get("href") for a in switcher] == ["index.html", f"{LIVE}/mlsys-2022/"]
    xml = (live_site.folder / "mlsys-2023/export/schedule.xml").read_text()
    assert f"{LIVE}/mlsys-2023/workshops/pacmi/" in xml


def test_site_export_root_page_leads_to_the_listing(site):
    document = lxml.html.document_fromstring((site.folder / "index.html").read_bytes())

    assert [a.get("href") for a in document.xpath("//a")] == ["mlsys-2023/index.html"]
    refresh = document.xpath("//meta[@http-equiv='refresh']")[0].get("content")
    assert refresh == "0; url=mlsys-2023/index.html"


def test_site_export_writes_the_exports_as_the_site_serves_them(site):
    folder = site.folder / "mlsys-2023/export"

    assert (folder / "booklet.pdf").read_bytes().startswith(b"%PDF-")
    assert (folder / "program-bom.csv").read_bytes().startswith(b"\xef\xbb\xbfDate,")
    assert (folder / "program.csv").read_bytes().startswith(b"Date,")
    assert "Deniz Altınbüken" in (folder / "schedule.json").read_text()
    export_page = (folder / "index.html").read_text()
    assert 'href="program-bom.csv"' in export_page
    assert 'href="booklet-letter.pdf"' in export_page


def test_site_export_zip_holds_the_same_files(site):
    assert site.zip_path == site.folder.with_name("out.zip")
    with zipfile.ZipFile(site.zip_path) as archive:
        assert sorted(archive.namelist()) == site.files
        assert (
            archive.read("mlsys-2023/index.html")
            == (site.folder / "mlsys-2023/index.html").read_bytes()
        )


@pytest.mark.django_db
def test_site_export_refuses_a_folder_with_files_unless_replacing(tmp_path):
    conference = load_demo_with_a_draft()
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("mine")

    with pytest.raises(SiteExportError, match="is not empty"):
        site_export(conference=conference, out=out)
    assert (out / "keep.txt").read_text() == "mine"

    site = site_export(conference=conference, out=out, replace=True)
    assert not (out / "keep.txt").exists()
    assert "mlsys-2023/index.html" in site.files


@pytest.mark.django_db
def test_site_export_refuses_an_unpublished_conference(tmp_path):
    conference = load_demo_with_a_draft()
    conference.published = False
    conference.save()

    with pytest.raises(SiteExportError, match="not published"):
        site_export(conference=conference, out=tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.django_db
def test_export_site_command_writes_the_folder_and_the_zip(tmp_path, capsys):
    demo_load()

    call_command("export_site", "mlsys-2022", str(tmp_path / "site"))

    assert (
        tmp_path / "site/mlsys-2022/workshops/cross-community-federated-learning/index.html"
    ).is_file()
    assert (tmp_path / "site.zip").is_file()
    assert "Wrote " in capsys.readouterr().err


@pytest.mark.django_db
def test_export_site_command_names_the_known_conferences(tmp_path):
    demo_load()

    with pytest.raises(CommandError) as error:
        call_command("export_site", "mlsys-2099", str(tmp_path / "site"))

    assert str(error.value) == "No conference 'mlsys-2099'. Conferences: mlsys-2022, mlsys-2023."
