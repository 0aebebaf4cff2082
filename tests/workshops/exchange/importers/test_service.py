import csv
import datetime as dt
import io
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts import permissions
from bench.generate import generate_program
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    WorkshopOrganizerFactory,
    chair_of,
)
from tests.workshops.exchange.importers.conftest import (
    DATA,
    DEMO_NAMES,
    export,
    normalised_json,
    normalised_xml,
    wipe_program,
    without_columns,
)
from workshops.exchange.importers import parse_program, program_import
from workshops.exchange.importers.report import StatusChange
from workshops.models import (
    AgendaItem,
    Conference,
    Link,
    Organizer,
    Room,
    TimeSlot,
    Topic,
    Workshop,
    WorkshopOrganizer,
)

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
MODELS = [Conference, Room, Organizer, Workshop, WorkshopOrganizer, TimeSlot, AgendaItem]


def snapshot() -> dict:
    """Every row of the program, to prove that an import changed nothing at all."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def import_file(content: bytes, filename: str = "", **kwargs):
    return program_import(plan=parse_program(content, filename=filename), **kwargs)


def published(slug: str) -> Conference:
    """A conference made by an import is unpublished; the chair publishes it."""
    conference = Conference.objects.get(slug=slug)
    conference.published = True
    conference.save()
    return conference


def pretalx_json(change=None) -> bytes:
    document = json.loads((DATA / "pretalx-schedule.json").read_text())
    if change:
        change(document)
    return json.dumps(document, ensure_ascii=False).encode()


# Our own exports of the demo, into an empty database ------------------------------------------


@pytest.mark.parametrize(
    ("identifier", "normalised"),
    [("schedule.xml", normalised_xml), ("schedule.json", normalised_json)],
)
def test_demo_export_imports_into_an_empty_database(demo, identifier, normalised):
    # The importers do not read topics (tracks) and links yet: the round trip leaves them out.
    Topic.objects.all().delete()
    Link.objects.all().delete()
    content = export(identifier, demo)
    wipe_program()

    report = import_file(content, identifier)

    assert report.counts("created") == (
        "1 conference, 8 rooms, 40 organizers, 8 workshops, 10 time slots, 10 agenda items"
    )
    assert report.updated == [] and report.unchanged == []
    conference = published("mlsys-2023")
    assert (conference.name, conference.timezone, conference.start_date, conference.end_date) == (
        "MLSys 2023", "America/New_York", dt.date(2023, 6, 4), dt.date(2023, 6, 8),
    )  # fmt: skip
    assert set(DEMO_NAMES) <= set(Organizer.objects.values_list("name", flat=True))
    assert set(Organizer.objects.values_list("email", flat=True)) == {""}
    pacmi = Workshop.objects.get(slug="pacmi")
    assert (pacmi.acronym, pacmi.status) == ("PACMI", "published")
    assert [link.organizer.name for link in pacmi.organizer_links.all()] == [
        "Deniz Altınbüken", "Lyric Doshi", "Milad Hashemi", "Martin Maas",
    ]  # fmt: skip
    lunch = TimeSlot.objects.get(title="Lunch")
    assert (lunch.room, lunch.start) == (None, dt.datetime(2023, 6, 8, 12, tzinfo=NEW_YORK))
    # The export of what was imported is the export that was imported.
    assert normalised(export(identifier, conference)) == normalised(content)


def test_demo_csv_imports_into_an_existing_conference(demo):
    content = export("program.csv", demo, bom="1")
    wipe_program()
    conference = ConferenceFactory(slug="mlsys-2023", name="MLSys 2023")

    report = import_file(content, "program.csv", conference=conference)

    assert report.counts("created") == "8 rooms, 40 organizers, 8 workshops, 10 time slots"
    slot = TimeSlot.objects.get(workshop__slug="next-generation-ai-systems")
    assert (slot.room.name, slot.start) == (
        "Room 240",
        dt.datetime(2023, 6, 8, 9, 50, tzinfo=NEW_YORK),
    )
    again = list(csv.reader(io.StringIO(export("program.csv", conference, bom="1").decode())))
    original = list(csv.reader(io.StringIO(content.decode())))
    # A CSV lists affiliations per workshop, not per person: only they cannot come back.
    assert [row[:6] + row[7:] for row in again] == [row[:6] + row[7:] for row in original]
    assert [row[6] for row in again] == ["Affiliations"] + [""] * 10


# Importing again changes nothing --------------------------------------------------------------


@pytest.mark.parametrize("identifier", ["schedule.xml", "schedule.json", "program.csv"])
def test_reimporting_our_export_changes_nothing(demo, identifier):
    content = export(identifier, demo)
    before = snapshot()

    report = import_file(content, identifier, conference=demo)

    assert report.change_count == 0, report.as_text()
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) > 20
    assert snapshot() == before


def test_importing_a_pretalx_file_twice_changes_nothing_the_second_time(db):
    first = import_file(pretalx_json())
    rows = snapshot()

    second = import_file(pretalx_json())

    assert first.change_count == 14
    assert second.change_count == 0
    assert second.summary == (
        "Created nothing; updated nothing; unchanged: 1 conference, 2 rooms, 4 organizers, "
        "3 workshops, 4 time slots."
    )
    assert snapshot() == rows


def test_dry_run_reports_and_saves_nothing(db):
    report = import_file(pretalx_json(), dry_run=True)

    assert report.dry_run
    assert report.summary.startswith("Would create 1 conference, 2 rooms, 4 organizers,")
    assert report.as_text().startswith(
        "Dry run of a c3voc schedule JSON import into EdgeML Workshop Days 2024 (edgeml24): "
        "nothing was saved."
    )
    assert snapshot() == {model.__name__: [] for model in MODELS}


# pretalx and frab files -----------------------------------------------------------------------


def test_pretalx_file_creates_its_conference(db):
    report = import_file(pretalx_json())

    conference = Conference.objects.get()
    assert (conference.slug, conference.name, conference.timezone, conference.year) == (
        "edgeml24", "EdgeML Workshop Days 2024", "Europe/Berlin", 2024,
    )  # fmt: skip
    assert (conference.start_date, conference.end_date, conference.published) == (
        dt.date(2024, 5, 14), dt.date(2024, 5, 15), False,
    )  # fmt: skip
    assert "The conference edgeml24 is new and unpublished" in report.notes[0]
    assert list(Room.objects.values_list("name", "slug", "capacity", "guid", "position")) == [
        ("Hörsaal 1", "horsaal-1", 120, uuid.UUID("b9f3ab1b-d142-4ec9-8f60-4aa137dfb043"), 1),
        ("Seminarraum B", "seminarraum-b", None,
         uuid.UUID("cf906211-a2ed-4a09-9bf2-f69334a35a18"), 2),
    ]  # fmt: skip
    federated = Workshop.objects.get(slug="federated-learning-over-wireless-links")
    assert federated.status == "published"
    assert [s.start for s in federated.slots.order_by("start")] == [
        dt.datetime(2024, 5, 14, 14, tzinfo=BERLIN),
        dt.datetime(2024, 5, 15, 9, tzinfo=BERLIN),
    ]
    assert [o.name for o in federated.organizers.order_by("workshop_links__position")] == [
        "Navid NaderiAlizadeh", "M. Hadi Amini",
    ]  # fmt: skip
    assert Workshop.objects.get(slug="schedulers-that-learn").title == "Schedulers that learn 🧠⚙️"


def test_pretalx_file_finds_known_people_and_keeps_their_private_details(demo):
    deniz = Organizer.objects.get(slug="deniz-altinbuken")
    hadi = Organizer.objects.get(slug="m-hadi-amini")

    import_file(pretalx_json())

    deniz.refresh_from_db()
    hadi.refresh_from_db()
    # By exact name (Altınbüken's ı has no ASCII slug) and by slug: the same records, with
    # the e-mail addresses and affiliations the files never carry.
    assert (deniz.email, deniz.affiliation) == ("deniz-altinbuken@example.org", "Google")
    assert hadi.email == "m-hadi-amini@example.org"
    tiny = Workshop.objects.get(slug="tiny-models-on-tiny-devices")
    assert list(tiny.organizers.order_by("workshop_links__position")) == [
        deniz, Organizer.objects.get(name="Zoë Ålander-Ngũgĩ"),
    ]  # fmt: skip
    assert Organizer.objects.filter(name__in=DEMO_NAMES).count() == 3


def test_frab_file_honours_its_time_zone(db):
    import_file((DATA / "frab-schedule.xml").read_bytes())

    conference = Conference.objects.get()
    assert (conference.slug, conference.timezone) == ("sysml-camp", "Europe/Amsterdam")
    night = TimeSlot.objects.get(workshop__slug="night-hack-on-neuromorphic-chips")
    local = night.start.astimezone(conference.tz)
    assert (local.date(), local.hour, night.duration) == (
        dt.date(2024, 9, 2), 23, dt.timedelta(minutes=90),
    )  # fmt: skip
    assert list(Room.objects.values_list("name", flat=True)) == ["Saal Ada", "Raum Grace"]
    assert Organizer.objects.get(name="Amélie Dubois-Nguyễn").slug == "amelie-dubois-nguyen"


def test_import_into_a_chosen_conference(db):
    chosen = ConferenceFactory(
        slug="edge-2024", name="Edge 2024", timezone="Europe/Berlin",
        start_date=dt.date(2024, 5, 13), end_date=dt.date(2024, 5, 16),
    )  # fmt: skip

    report = import_file(pretalx_json(), conference=chosen)

    assert list(Conference.objects.all()) == [chosen]
    assert chosen.slots.count() == 4
    assert report.notes[0] == (
        "The file's conference is “EdgeML Workshop Days 2024”; its program went into Edge 2024 "
        "as asked, whose name and time zone stay as they are."
    )


def test_import_into_a_conference_whose_dates_do_not_fit_widens_them(db):
    chosen = ConferenceFactory(slug="edge-2024", start_date=dt.date(2024, 5, 14),
                               end_date=dt.date(2024, 5, 14), timezone="Europe/Berlin")  # fmt: skip

    report = import_file(pretalx_json(), conference=chosen)

    chosen.refresh_from_db()
    assert (chosen.start_date, chosen.end_date) == (dt.date(2024, 5, 14), dt.date(2024, 5, 15))
    assert [p.text for p in report.problems] == [
        "events lie outside the conference's dates (2024-05-14 to 2024-05-14); its dates were "
        "widened to 2024-05-14 to 2024-05-15 to hold them."
    ]
    assert chosen.slots.count() == 4


def test_file_that_names_no_conference_needs_one(db):
    content = (
        (DATA / "frab-schedule.xml").read_bytes().replace(b"<acronym>sysml_camp</acronym>", b"")
    )

    report = import_file(content)

    assert Conference.objects.get().slug == "systems-for-ml-camp-2024"
    assert [p.text for p in report.problems] == [
        "the file gives no acronym; the conference's slug “systems-for-ml-camp-2024” was made "
        "from its title."
    ]


def test_csv_for_an_unknown_conference_is_refused(demo):
    content = export("program.csv", demo)
    wipe_program()

    report = import_file(content, "program.csv")

    assert report.refused
    assert [p.text for p in report.stoppers][-1] == (
        "There is no conference “mlsys-2023”, and the file lacks its name, start date, end date "
        "to create it: create the conference first, or choose one (--conference SLUG)."
    )
    assert not Conference.objects.exists()


# All or nothing -------------------------------------------------------------------------------


def overlapping_third_slot(document) -> None:
    """Move the file's third slot onto the first one's room and time."""
    event = document["schedule"]["conference"]["days"][1]["rooms"]["Hörsaal 1"][0]
    event.update(date="2024-05-14T10:00:00+02:00", end="2024-05-14T10:45:00+02:00")


def test_an_event_inside_another_becomes_its_agenda_item(db):
    report = import_file(pretalx_json(overlapping_third_slot))

    item = AgendaItem.objects.get()
    assert (item.title, item.workshop.title) == (
        "Schedulers that learn 🧠⚙️",
        "Tiny models on tiny devices",
    )
    assert item.guid == uuid.UUID("a21487c3-e370-4de2-9d6a-6f553c30bb73")
    assert (item.start, item.end) == (
        dt.datetime(2024, 5, 14, 10, tzinfo=BERLIN),
        dt.datetime(2024, 5, 14, 10, 45, tzinfo=BERLIN),
    )
    assert item.speakers
    assert not Workshop.objects.filter(title="Schedulers that learn 🧠⚙️").exists()
    assert [p.group for p in report.problems] == ["changed"]
    assert "became an agenda item of that slot" in report.problems[0].text


def test_a_refused_import_leaves_an_existing_program_as_it_was(demo):
    before = snapshot()
    document = json.loads(export("schedule.json", demo))
    afternoon = document["schedule"]["conference"]["days"][4]["rooms"]["Room 238"][1]
    afternoon["date"] = "2023-06-08T11:00:00-04:00"  # into the morning's slot

    report = import_file(json.dumps(document).encode(), conference=demo)

    assert [p.text for p in report.problems if p.group == "left out"] == [
        "“Practical Adoption Challenges of ML for Systems” (Thu 08 Jun 11:00–17:00) is overlapping "
        "“Practical Adoption Challenges of ML for Systems” at "
        'schedule.conference.days[4].rooms["Room 238"][0] in the same room; this slot is left '
        "out (its workshop keeps the rest)."
    ]
    assert snapshot() == before


def test_a_new_slot_that_clashes_with_one_the_file_leaves_out_is_refused(demo):
    before = snapshot()
    document = json.loads(export("schedule.json", demo))
    afternoon = document["schedule"]["conference"]["days"][4]["rooms"]["Room 238"][1]
    afternoon.update(guid=str(uuid.uuid4()), date="2023-06-08T13:00:00-04:00", duration="04:00")
    afternoon["end"] = "2023-06-08T17:00:00-04:00"

    with pytest.raises(ValidationError) as error:
        import_file(json.dumps(document).encode(), conference=demo)

    assert error.value.messages[0].endswith(
        "Room 238 is already booked at that time: “Practical Adoption Challenges of ML for "
        "Systems”, Thu 08 Jun 13:30–17:00."
    )
    assert snapshot() == before


def partly_overlapping_third_slot(document) -> None:
    """Move the file's third slot onto the end of the first one."""
    event = document["schedule"]["conference"]["days"][1]["rooms"]["Hörsaal 1"][0]
    event.update(date="2024-05-14T10:30:00+02:00", end="2024-05-14T11:30:00+02:00")


@pytest.mark.parametrize(("choice", "status"), [("leave-out", None), ("draft", "draft")])
def test_a_clash_is_left_out_or_a_draft_as_chosen(db, choice, status):
    report = import_file(pretalx_json(partly_overlapping_third_slot), clashes=choice)

    schedulers = Workshop.objects.filter(title="Schedulers that learn 🧠⚙️").first()
    assert (schedulers.status if schedulers else None) == status
    assert TimeSlot.objects.count() == 3
    (problem,) = [p for p in report.problems if p.group == "left out"]
    assert problem.text.startswith("“Schedulers that learn 🧠⚙️” (Tue 14 May 10:30–11:30) is")


# Matching and moving --------------------------------------------------------------------------


def test_slots_may_swap_rooms(demo):
    plan = parse_program(export("schedule.json", demo))
    benchmarking, pacmi_morning, pacmi_afternoon = (
        slot for slot in plan.slots if slot.room and slot.room.name in ("Room 241", "Room 238")
    )
    room_241, room_238 = benchmarking.room, pacmi_morning.room
    benchmarking.room = room_238
    pacmi_morning.room = pacmi_afternoon.room = room_241

    report = program_import(plan=plan, conference=demo)

    assert [(e.label.split("”")[0], e.fields) for e in report.updated] == [
        ("“Benchmarking Machine Learning Workloads on Emerging Hardware", ("room",)),
        ("“Practical Adoption Challenges of ML for Systems", ("room",)),
        ("“Practical Adoption Challenges of ML for Systems", ("room",)),
    ]
    rooms = dict(TimeSlot.objects.filter(conference=demo).values_list("guid", "room__name"))
    assert rooms[benchmarking.guid] == "Room 238"
    assert rooms[pacmi_morning.guid] == rooms[pacmi_afternoon.guid] == "Room 241"


def test_changed_file_updates_only_what_differs(demo):
    def change(document):
        conference = document["schedule"]["conference"]
        conference["title"] = "MLSys 2023 (Miami)"
        event = conference["days"][4]["rooms"]["Room 239"][0]
        event["title"] = "Algorithmic Efficiency of ML"
        event["persons"][0]["name"] = "Zhaozhuo Xu (徐兆卓)"

    content = json.loads(export("schedule.json", demo))
    change(content)

    report = import_file(json.dumps(content).encode(), conference=None)

    assert [(e.kind, e.fields) for e in report.updated] == [
        ("conference", ("name",)),
        ("organizer", ("name",)),
        ("workshop", ("title",)),
    ]
    assert Organizer.objects.get(slug="zhaozhuo-xu").name == "Zhaozhuo Xu (徐兆卓)"
    assert Workshop.objects.get(slug="algorithmic-efficiency").title == (
        "Algorithmic Efficiency of ML"
    )


def test_copying_a_program_into_another_conference_gives_new_guids(demo):
    content = export("schedule.json", demo)
    copy = ConferenceFactory(slug="mlsys-2023-copy", name="Copy")

    first = import_file(content, conference=copy)
    second = import_file(content, conference=copy)

    assert first.counts("created") == "8 rooms, 8 workshops, 10 time slots, 10 agenda items"
    assert first.counts("unchanged") == "40 organizers"  # one record per person, by GUID
    assert sum("belongs to another conference's row" in note for note in first.notes) == 18
    assert second.change_count == 0
    guids = set(copy.slots.values_list("guid", flat=True))
    assert not guids & set(demo.slots.values_list("guid", flat=True))


def test_same_name_different_guid_stays_two_people(db):
    known = OrganizerFactory(name="Tian Li", slug="tian-li")

    def twins(document):
        event = document["schedule"]["conference"]["days"][0]["rooms"]["Hörsaal 1"][0]
        event["persons"] = [
            {"name": "Tian Li", "guid": str(known.guid)},
            {"name": "Tian Li", "guid": "0b6f5a9e-3c1d-4e2f-8a7b-9c0d1e2f3a4b"},
        ]

    import_file(pretalx_json(twins))

    assert sorted(Organizer.objects.filter(name="Tian Li").values_list("slug", flat=True)) == [
        "tian-li", "tian-li-2",
    ]  # fmt: skip


# Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("identifier", ["schedule.json", "schedule.xml"])
@pytest.mark.parametrize("slots", [10, 40])
def test_import_query_count_does_not_grow_with_the_program(
    django_assert_num_queries, identifier, slots
):
    # Three rooms at both sizes: each new room is saved (and checked) on its own.
    content = export(identifier, generate_program(slots=slots, days=3, rooms=3).conference)
    wipe_program()

    with django_assert_num_queries(0):
        plan = parse_program(content)
    # PostgreSQL locks the rooms and checks its overlap guard: two queries more. One query
    # looks up which of the agenda items' GUIDs (their events in the file) are taken.
    with django_assert_num_queries(55 if connection.vendor == "sqlite" else 57):
        created = program_import(plan=plan)
    # The conference, its rooms, people, workshops, their organizers, slots and agenda.
    with django_assert_num_queries(9):
        again = program_import(plan=parse_program(content))

    assert created.counts("created").startswith("1 conference, 3 rooms, ")
    assert f", {slots + 6} time slots, " in created.counts("created")
    assert (again.change_count, len(again.unchanged)) == (0, len(created.created))


# What a file does not say, and status changes ------------------------------------------------


def links(conference) -> list[tuple[str, str]]:
    return list(
        WorkshopOrganizer.objects.filter(workshop__conference=conference)
        .order_by("workshop__slug", "position")
        .values_list("workshop__slug", "organizer__name")
    )


def test_csv_without_organizers_and_status_columns_keeps_drafts_and_organizers(demo):
    content = without_columns(export("program.csv", demo).decode(), "Organizers", "Status")
    Workshop.objects.filter(slug="pacmi").update(status="draft")
    before = links(demo)

    report = import_file(content.encode(), "program.csv", conference=demo)

    assert Workshop.objects.get(slug="pacmi").status == "draft"
    assert links(demo) == before
    assert report.change_count == 0, report.as_text()
    assert report.status_changes == []


def test_csv_without_a_status_column_makes_new_workshops_drafts(demo):
    content = (
        "Date,Start,End,Room,Workshop\r\n2023-06-04,08:00,09:00,Room 238,Brand new workshop\r\n"
    )

    import_file(content.encode(), "program.csv", conference=demo)

    assert Workshop.objects.get(slug="brand-new-workshop").status == "draft"


def test_csv_status_change_is_listed_and_applied_only_when_told(demo):
    content = export("program.csv", demo).replace(b",scheduled,", b",cancelled,", 1)
    cancelled = parse_program(content).workshops[0]

    kept = import_file(content, "program.csv", conference=demo)
    kept_status = Workshop.objects.get(conference=demo, slug=cancelled.slug).status
    applied = import_file(content, "program.csv", conference=demo, apply_status=True)

    label = f"“{cancelled.title}” ({cancelled.slug})"
    assert kept.status_changes == [StatusChange(label, "published", "cancelled")]
    assert kept.status_summary == (
        "The file changes the status of 1 workshop; not applied, so their status stays as it is."
    )
    assert kept_status == "published"
    assert applied.status_summary == "Changed the status of 1 workshop."
    assert [(e.label, e.fields) for e in applied.updated] == [(label, ("status",))]
    assert Workshop.objects.get(conference=demo, slug=cancelled.slug).status == "cancelled"


def test_foreign_file_does_not_publish_the_drafts_it_matches(db):
    import_file(pretalx_json())
    Workshop.objects.filter(slug="schedulers-that-learn").update(status="draft")

    report = import_file(pretalx_json())

    assert Workshop.objects.get(slug="schedulers-that-learn").status == "draft"
    assert report.change_count == 0
    assert report.status_changes == [
        StatusChange("“Schedulers that learn 🧠⚙️” (schedulers-that-learn)", "draft", "published")
    ]
    assert report.as_text().splitlines()[2:4] == [
        "The file changes the status of 1 workshop; not applied, so their status stays as it is.",
        "  ! workshop “Schedulers that learn 🧠⚙️” (schedulers-that-learn): draft → published",
    ]


# People shared with other conferences --------------------------------------------------------

DENIZ_GUID = uuid.UUID("edc16454-e6e0-4d00-af38-672e6d177f47")  # in the pretalx file


@pytest.fixture
def person_of_2022(db):
    """Deniz, under another name, organizing only a workshop of 2022."""
    person = OrganizerFactory(name="Deniz A.", slug="deniz-a", guid=DENIZ_GUID)
    WorkshopOrganizerFactory(workshop__conference=ConferenceFactory(year=2022), organizer=person)
    return person


def test_chair_import_links_a_person_of_another_conference_without_renaming(edge, person_of_2022):
    chair = chair_of(edge)
    WorkshopOrganizerFactory(workshop__conference=edge, organizer=person_of_2022)

    report = import_file(pretalx_json(), conference=edge, user=chair)

    person_of_2022.refresh_from_db()
    assert person_of_2022.name == "Deniz A."
    tiny = Workshop.objects.get(conference=edge, slug="tiny-models-on-tiny-devices")
    assert list(tiny.organizers.order_by("workshop_links__position"))[0] == person_of_2022
    assert (
        f"The file calls the organizer “Deniz A.” (GUID {DENIZ_GUID}) “Deniz Altınbüken”, but "
        "they also organize workshops of conferences you do not chair: linked without renaming."
    ) in report.notes
    assert [e.label for e in report.unchanged if e.kind == "organizer"] == ["“Deniz A.”"]


def test_chair_import_does_not_link_a_person_it_may_not_find(edge, person_of_2022):
    """Linking a person of another conference would make them the chair's, address and all."""
    chair = chair_of(edge)

    report = import_file(pretalx_json(), conference=edge, user=chair)

    person_of_2022.refresh_from_db()
    assert person_of_2022.name == "Deniz A."
    assert not person_of_2022.workshops.filter(conference=edge).exists()
    tiny = Workshop.objects.get(conference=edge, slug="tiny-models-on-tiny-devices")
    linked = list(tiny.organizers.order_by("workshop_links__position"))[0]
    assert (linked.name, linked.guid != DENIZ_GUID) == ("Deniz Altınbüken", True)
    assert not permissions.people_with_visible_address(chair).filter(pk=person_of_2022.pk).exists()
    assert (
        f"The file's organizer “Deniz Altınbüken” has the GUID {DENIZ_GUID} of a person of "
        "conferences you do not chair: imported as a new person. A chair of those conferences "
        "or a superuser can link the existing record instead."
    ) in report.notes

    again = import_file(pretalx_json(), conference=edge, user=chair)

    assert [e.label for e in again.created if e.kind == "organizer"] == []


def test_chair_of_every_conference_of_the_person_renames_them(edge, person_of_2022):
    chair = chair_of(edge)
    person_of_2022.workshops.get().conference.chairs.add(chair)

    report = import_file(pretalx_json(), conference=edge, user=chair)

    person_of_2022.refresh_from_db()
    assert person_of_2022.name == "Deniz Altınbüken"
    assert [e.fields for e in report.updated if e.kind == "organizer"] == [("name",)]


def test_the_operators_import_renames_a_person_of_another_conference(edge, person_of_2022):
    import_file(pretalx_json(), conference=edge)

    person_of_2022.refresh_from_db()
    assert person_of_2022.name == "Deniz Altınbüken"
