"""The hostile corpus (tests/hostile.py) in every text field a chair fills, through the admin's
forms and every import format: stored as typed, shown escaped, exported valid; what no text may
hold is dropped, and what a field refuses gets a form error or a clear import error."""

import io
import json

import icalendar
import pytest
import vobject
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html

from tests import hostile
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
)
from tests.workshops.exchange.exporters.conftest import pdf_text
from tests.workshops.exchange.importers.conftest import wipe_program
from workshops.exchange import importers
from workshops.models import AgendaItem, Conference, Organizer, Room, TimeSlot, Workshop
from workshops.site import favourites

pytestmark = pytest.mark.usefixtures("chair_of_all")
SLUG = hostile.CONFERENCE_SLUG


@pytest.fixture
def program(chair_client) -> Conference:
    return hostile.build_program(chair_client)


@pytest.fixture
def small(db) -> Conference:
    conference = ConferenceFactory(slug="small", name="Small 2023")
    workshop = WorkshopFactory(conference=conference, slug="tiny", title="Tiny models")
    WorkshopOrganizerFactory(workshop=workshop, organizer=OrganizerFactory(name="Ada"))
    TimeSlotFactory(workshop=workshop)
    return conference


def page_text(page_html: str) -> str:
    return lxml_html.fromstring(page_html).text_content()


def public_pages(conference: Conference) -> list[str]:
    slug = conference.slug
    pages = [
        f"/{slug}/",
        f"/{slug}/?q={hostile.SCRIPT}&room=<script>&day=<svg>",
        f"/{slug}/schedule/",
        f"/{slug}/rooms/",
        f"/{slug}/organizers/",
        f"/{slug}/my/",
        f"/{slug}/export/",
        f"/{slug}/changelog/",
    ]
    for workshop in conference.workshops.order_by("slug"):
        pages.append(workshop.get_absolute_url())
        pages += [f"/{slug}/organizers/{o.slug}/" for o in workshop.organizers.order_by("slug")]
    return pages + [f"/{slug}/rooms/{room.slug}/" for room in conference.rooms.order_by("slug")]


def assert_pages_escape(client, urls: list[str]) -> None:
    failures = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            failures[url] = response.status_code
        elif problems := hostile.dom_problems(response.content.decode()):
            failures[url] = problems
    assert failures == {}


def export(client, identifier: str, slug: str = SLUG) -> bytes:
    response = client.get(f"/{slug}/export/{identifier}")
    assert response.status_code == 200, identifier
    return response.content


def calendar_summaries(content: bytes) -> list[str]:
    """The events' summaries as icalendar and vobject read them, which must agree."""
    by_icalendar = [
        str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(content).walk("VEVENT")
    ]
    by_vobject = [event.summary.value for event in vobject.readOne(content.decode()).vevent_list]
    assert by_icalendar == by_vobject
    return by_icalendar


def assert_exports_valid(client, conference, xsd, json_validator, *, pdf: bool = True) -> None:
    """Every export of the conference is well-formed, valid and carries the titles as typed."""
    titles = set(Workshop.objects.filter(conference=conference).values_list("title", flat=True))
    slug = conference.slug

    xml = export(client, "schedule.xml", slug)
    root = etree.fromstring(xml)
    assert xsd.validate(root), xsd.error_log
    assert titles <= {event.findtext("title") for event in root.iter("event")}

    document = json.loads(export(client, "schedule.json", slug))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in json_validator.iter_errors(document)]
    assert errors == []
    days = document["schedule"]["conference"]["days"]
    events = [e for day in days for room in day["rooms"].values() for e in room]
    assert titles <= {event["title"] for event in events}

    assert titles <= set(calendar_summaries(export(client, "program.ics", slug)))
    for workshop in conference.workshops.all():
        calendar = client.get(f"{workshop.get_absolute_url()}calendar.ics").content
        assert calendar_summaries(calendar) == [workshop.title]
    for room in conference.rooms.all():
        assert calendar_summaries(client.get(f"/{slug}/rooms/{room.slug}/calendar.ics").content)
    token = favourites.token_for(
        conference=conference, slugs=conference.workshops.values_list("slug", flat=True)
    )
    feed = client.get(f"/{slug}/feed/{token}.ics").content
    assert set(calendar_summaries(feed)) == titles

    table = export(client, "program.csv", slug).decode()
    assert hostile.formula_cells(table) == []

    if not pdf:
        return
    # Without an emoji font pypdf reads every character after a NUL: the words are all there.
    text = pdf_text(export(client, "booklet.pdf", slug)).replace("\x00", "")
    assert hostile.SCRIPT in text
    assert hostile.FORMULAS[0] in text


# Through the admin's forms --------------------------------------------------------------------


def test_admin_forms_store_the_corpus_as_typed(program):
    for key in hostile.ENTRIES:
        workshop = Workshop.objects.get(slug=f"workshop-{key}")
        organizer = Organizer.objects.get(slug=f"person-{key}")
        item = AgendaItem.objects.get(workshop=workshop)
        assert (workshop.title, workshop.acronym, workshop.website) == (
            hostile.typed(key, 300),
            hostile.typed(key, 30),
            hostile.WEBSITE,
        )
        assert workshop.abstract.startswith(hostile.typed(key))
        assert (organizer.name, organizer.affiliation) == (hostile.typed(key, 200),) * 2
        assert Room.objects.get(slug=f"room-{key}").name == hostile.typed(key, 100)
        assert (item.title, item.speakers) == (hostile.typed(key, 300), hostile.speakers(key))
        assert TimeSlot.objects.filter(title=hostile.typed(key, 200)).count() == 1
    assert len(Workshop.objects.get(slug="workshop-longest").title) == 300
    assert program.name == f"{hostile.FORMULAS[0]} {hostile.SCRIPT}{hostile.ATTRIBUTE_BREAKOUT}"


def test_public_pages_render_the_corpus_escaped(client, program):
    assert_pages_escape(client, public_pages(program))

    for key in hostile.ENTRIES:
        html = client.get(f"/{SLUG}/workshops/workshop-{key}/").content.decode()
        assert hostile.typed(key, 300) in page_text(html)
        assert hostile.typed(key, 200) in page_text(html)  # the organizer
    listing = client.get(f"/{SLUG}/").content.decode()
    assert '<a href="javascript' not in listing.lower()
    data = client.get(f"/{SLUG}/my/program.json").json()
    assert {w["title"] for w in data["workshops"].values()} == {
        hostile.typed(key, 300) for key in hostile.ENTRIES
    }


def test_admin_pages_render_the_corpus_escaped(chair_client, program):
    workshop = Workshop.objects.get(slug="workshop-script")
    pages = [
        reverse("admin:index"),
        reverse("admin:workshops_workshop_changelist") + f"?q={hostile.SCRIPT}",
        reverse("admin:workshops_workshop_history", args=[workshop.pk]),
        reverse("admin:workshops_workshop_delete", args=[workshop.pk]),
        reverse("admin:workshops_conference_conflicts", args=[program.pk]),
        reverse("admin:workshops_conference_import", args=[program.pk]),
    ]
    keys = ["script", "attribute", "svg", "longest"]
    for model, objects in [
        ("conference", [program]),
        ("room", program.rooms.filter(slug__in=[f"room-{key}" for key in keys])),
        ("organizer", Organizer.objects.filter(slug__in=[f"person-{key}" for key in keys])),
        ("workshop", program.workshops.filter(slug__in=[f"workshop-{key}" for key in keys])),
        ("timeslot", program.slots.filter(title__in=[hostile.typed(key, 200) for key in keys])),
    ]:
        pages.append(reverse(f"admin:workshops_{model}_changelist"))
        pages += [reverse(f"admin:workshops_{model}_change", args=[o.pk]) for o in objects]

    assert_pages_escape(chair_client, pages)


def test_exports_of_the_corpus_are_valid(client, program, xsd, json_validator):
    assert_exports_valid(client, program, xsd, json_validator)

    table = export(client, "program.csv").decode()
    assert f"'{hostile.FORMULAS[0]}" in table
    assert f"'{hostile.FORMULAS[3]}" in table


# The one-line text fields a chair fills in the admin's forms, with their lengths.
ONE_LINE_FIELDS = [
    ("conference", "name", 200),
    ("conference", "venue", 200),
    ("conference", "city", 200),
    ("room", "name", 100),
    ("organizer", "name", 200),
    ("organizer", "affiliation", 200),
    ("workshop", "title", 300),
    ("workshop", "acronym", 30),
    ("timeslot", "title", 200),
]


@pytest.mark.parametrize(("model", "field", "max_length"), ONE_LINE_FIELDS)
def test_admin_forms_refuse_text_too_long_or_with_nul(
    chair_client, program, model, field, max_length
):
    forms = hostile.AdminForms(chair_client)

    too_long = forms.post(model, {field: hostile.too_long(max_length)})
    with_nul = forms.post(model, {field: hostile.REFUSED_TEXT["nul"]})

    assert too_long.status_code == 200
    assert (
        f"Ensure this value has at most {max_length} characters (it has {max_length + 1})."
        in hostile.form_errors(too_long)[field]
    )
    assert with_nul.status_code == 200
    assert "Null characters are not allowed." in hostile.form_errors(with_nul)[field]


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize(("model", "field", "max_length"), ONE_LINE_FIELDS)
def test_admin_forms_refuse_line_breaks_in_names(
    chair_client, small, model, field, max_length, line_break
):
    response = hostile.AdminForms(chair_client).post(
        model, {field: f"First{line_break}second"[:max_length]}
    )

    assert response.status_code == 200
    assert hostile.form_errors(response)[field] == [
        "Enter this on one line: it cannot hold line breaks."
    ]


@pytest.mark.parametrize("address", hostile.REFUSED_URLS)
@pytest.mark.parametrize(("model", "field"), [("workshop", "website"), ("organizer", "homepage")])
def test_admin_forms_refuse_script_addresses(chair_client, small, model, field, address):
    response = hostile.AdminForms(chair_client).post(model, {field: address})

    assert response.status_code == 200
    expected = "Null characters are not allowed." if "\x00" in address else "Enter a valid URL."
    assert hostile.form_errors(response)[field] == [expected]


def test_admin_forms_drop_control_characters(chair_client, small):
    forms = hostile.AdminForms(chair_client)
    room = small.rooms.get()
    day = small.end_date
    organizer = OrganizerFactory()
    controls = " ".join(
        text for key, text in hostile.REFUSED_TEXT.items() if key not in {"nul", "surrogate"}
    )

    forms.save(
        "workshop",
        {
            "conference": small.pk,
            "title": f"Controls {controls}",
            "slug": "controls",
            "status": "published",
            "abstract": f"Page one\x0cpage two {controls}",
        },
        {
            "organizer_links": [{"position": "0", "organizer": organizer.pk}],
            "slots": [
                {"room": room.pk}
                | hostile.at("start", day, "14:00")
                | hostile.at("end", day, "15:00")
            ],
            "agenda_items": [
                {"kind": "talk", "title": f"Talk {controls}", "speakers": "A\x1bB (C\x07D)"}
                | {"start": "14:00", "end": "14:30"}
            ],
        },
    )

    workshop = Workshop.objects.get(slug="controls")
    item = workshop.agenda_items.get()
    plain = "Vertical tab ANSI [31mred[0m Bell"
    assert (workshop.title, workshop.abstract) == (
        f"Controls {plain}",
        f"Page one page two {plain}",
    )
    assert (item.title, item.speakers) == (f"Talk {plain}", "AB (CD)")


# Through the importers ------------------------------------------------------------------------


def conference_like(conference: Conference) -> Conference:
    """An empty, published conference with the same slug, dates and zone (for a CSV file)."""
    return ConferenceFactory(
        slug=conference.slug,
        name="Empty",
        timezone=conference.timezone,
        start_date=conference.start_date,
        end_date=conference.end_date,
        year=conference.year,
    )


def imported_names() -> dict[str, set[str]]:
    return {
        "workshops": set(Workshop.objects.values_list("title", flat=True)),
        "rooms": set(Room.objects.values_list("name", flat=True)),
        # Those who organize (speakers are people too, made from the agenda's text).
        "organizers": set(
            Organizer.objects.filter(workshop_links__isnull=False).values_list("name", flat=True)
        ),
        "plenary": set(TimeSlot.objects.filter(workshop=None).values_list("title", flat=True)),
    }


def import_with_the_command(content: bytes, tmp_path) -> None:
    path = tmp_path / "schedule.xml"
    path.write_bytes(content)
    call_command("import_program", str(path), stdout=io.StringIO())


def import_in_the_admin(client, content: bytes, conference: Conference) -> None:
    url = reverse("admin:workshops_conference_import", args=[conference.pk])
    preview = client.post(url, {"file": SimpleUploadedFile("schedule.json", content)})
    assert preview.status_code == 200
    assert preview.context["problem"] == ""
    assert hostile.dom_problems(preview.content.decode()) == []
    confirmed = client.post(url, {"token": preview.context["token"], "confirm": "1"})
    assert confirmed.status_code == 302


@pytest.mark.parametrize("identifier", ["schedule.xml", "schedule.json", "program.csv"])
def test_imported_corpus_is_stored_as_typed_and_shown_escaped(
    chair_client, program, tmp_path, xsd, json_validator, identifier
):
    content = export(chair_client, identifier)
    before = imported_names()
    wipe_program()

    if identifier == "schedule.xml":  # the command creates the (unpublished) conference
        import_with_the_command(content, tmp_path)
        Conference.objects.update(published=True)
    elif identifier == "schedule.json":
        import_in_the_admin(chair_client, content, conference_like(program))
    else:
        plan = importers.parse_program(content, format="csv")
        importers.program_import(plan=plan, conference=conference_like(program))

    after = imported_names()
    assert after["workshops"] == before["workshops"]
    assert after["rooms"] == before["rooms"]
    if identifier != "program.csv":  # a CSV cell joins names with "; ", which one name holds
        assert after["organizers"] == before["organizers"]
        assert after["plenary"] == before["plenary"]
    conference = Conference.objects.get(slug=SLUG)
    assert_pages_escape(chair_client, public_pages(conference))
    assert_exports_valid(chair_client, conference, xsd, json_validator, pdf=False)


def small_json(client, **changes: str) -> dict:
    document = json.loads(export(client, "schedule.json", "small"))
    [event] = [
        event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    event["title"] = changes.get("title", event["title"])
    event["abstract"] = changes.get("abstract", event["abstract"])
    event["persons"][0]["name"] = changes.get("person", event["persons"][0]["name"])
    return document


def test_json_import_drops_control_characters_and_lone_surrogates(chair_client, small):
    document = small_json(
        chair_client,
        title=hostile.REFUSED_TEXT["surrogate"] + hostile.REFUSED_TEXT["nul"],
        abstract=" · ".join(hostile.REFUSED_TEXT.values()),
        person="Ada\x00 \x1bLovelace",
    )
    content = json.dumps(document).encode()  # ASCII: "\ud800", "\u0000" as escapes
    assert b"\\ud800" in content and b"\\u0000" in content

    import_in_the_admin(chair_client, content, small)

    workshop = Workshop.objects.get(slug="tiny")
    assert workshop.title == "Lone  surrogateNullbyte"
    assert workshop.abstract == (
        "Nullbyte · Vertical tab · ANSI [31mred[0m · Bell · Lone  surrogate"
    )
    assert list(workshop.organizers.values_list("name", flat=True)) == ["Ada Lovelace"]


def test_csv_import_drops_control_characters(small, tmp_path):
    path = tmp_path / "program.csv"
    path.write_bytes(
        b"Date,Start,End,Room,Workshop,Organizers\r\n"
        b"2023-06-08,14:00,15:00,Room\x00 1,Bell\x07 and \x1b[1mescape,Ada\x0bLovelace\r\n"
    )

    call_command("import_program", str(path), "--conference", "small", stdout=io.StringIO())

    workshop = Workshop.objects.get(title="Bell and [1mescape")
    assert workshop.slots.get().room.name == "Room 1"
    assert list(workshop.organizers.values_list("name", flat=True)) == ["Ada Lovelace"]


def test_xml_with_a_control_character_is_refused_naming_the_line(chair_client, small):
    content = export(chair_client, "schedule.xml", "small").replace(
        b"<title>Tiny models</title>", b"<title>Tiny &#x1b; models</title>"
    )
    url = reverse("admin:workshops_conference_import", args=[small.pk])

    response = chair_client.post(url, {"file": SimpleUploadedFile("schedule.xml", content)})

    assert response.status_code == 200
    assert response.context["problem"].startswith("schedule.xml: line ")
    assert (
        "not well-formed XML: xmlParseCharRef: invalid xmlChar value 27."
        in (response.context["problem"])
    )
    assert Workshop.objects.get(slug="tiny").title == "Tiny models"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "x" * 301}, f"“{'x' * 299}…” is longer than 300 characters; it was shortened."),
        ({"person": "y" * 201}, f"“{'y' * 199}…” is longer than 200 characters; it was shortened."),
    ],
)
def test_json_import_of_too_long_text_is_shortened_and_says_so(
    chair_client, small, changes, message
):
    content = json.dumps(small_json(chair_client, **changes)).encode()
    url = reverse("admin:workshops_conference_import", args=[small.pk])

    response = chair_client.post(url, {"file": SimpleUploadedFile("schedule.json", content)})

    assert response.status_code == 200
    report = response.context["report"]
    assert not report.refused
    assert message in [p.text for p in report.problems if p.group == "changed"]
    assert Workshop.objects.get(slug="tiny").title == "Tiny models"  # a preview saves nothing


def test_json_import_folds_names_onto_one_line_and_says_so(chair_client, small):
    document = small_json(
        chair_client, title="Tiny\n  models\r\nfor\u2028edges\n", person="Ada\r\nLovelace"
    )
    document["schedule"]["conference"]["title"] = "Small\n2023"
    plan = importers.parse_program(json.dumps(document).encode(), format="json")

    report = importers.program_import(plan=plan, conference=small)

    workshop = Workshop.objects.get(slug="tiny")
    assert workshop.title == "Tiny models for edges"
    assert list(workshop.organizers.values_list("name", flat=True)) == ["Ada Lovelace"]
    event = f'schedule.conference.days[4].rooms["{small.rooms.get().name}"][0]'
    assert [note for note in report.notes if "several lines" in note] == [
        "The conference name “Small 2023” (schedule.conference) ran over several lines; "
        "it was read as one line.",
        f"The organizer name “Ada Lovelace” ({event}.persons[0]) ran over several lines; "
        "it was read as one line.",
        f"The workshop title “Tiny models for edges” ({event}) ran over several lines; "
        "it was read as one line.",
    ]


def test_json_import_keeps_whitespace_formulas_out_of_the_csv(chair_client, small):
    formula = hostile.WHITESPACE_FORMULAS[1]
    content = json.dumps(small_json(chair_client, title=formula, person="\t=1+1")).encode()

    import_in_the_admin(chair_client, content, small)

    table = export(chair_client, "program.csv", "small").decode()
    # A title holds one line: the import drops the carriage return, the formula stays.
    assert Workshop.objects.get(slug="tiny").title == formula.removeprefix("\r")
    assert Organizer.objects.get(workshops__slug="tiny").name == "\t=1+1"
    assert hostile.formula_cells(table) == []
