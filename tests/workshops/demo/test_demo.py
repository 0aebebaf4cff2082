import datetime as dt
import re
from collections import Counter
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from accounts.models import User
from workshops.demo.loader import demo_load
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Release,
    Room,
    Speaker,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
MODELS = [Conference, Room, Organizer, Workshop, WorkshopOrganizer, TimeSlot, AgendaItem, Release]
FIRST_LOAD = Counter(
    {
        "organizers created": 44,
        "conferences created": 2,
        "rooms created": 9,
        "workshops created": 9,
        "organizer lists updated": 9,
        "time slots created": 11,
        "agenda items created": 10,
        "releases created": 2,
        "topics created": 6,
        "topic lists updated": 9,
        "papers created": 5,
        "author lists updated": 5,
        "links created": 4,
    }
)


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def organizer_names(conference_slug, workshop_slug):
    links = WorkshopOrganizer.objects.filter(
        workshop__conference__slug=conference_slug, workshop__slug=workshop_slug
    ).order_by("position")
    return [link.organizer.name for link in links]


def local_times(rows):
    return [
        (
            row.start.astimezone(NEW_YORK).strftime("%H:%M"),
            row.end.astimezone(NEW_YORK).strftime("%H:%M"),
        )
        for row in rows
    ]


@pytest.fixture
def loaded(db):
    return demo_load()


def test_demo_load_counts_what_it_created(loaded):
    assert loaded == FIRST_LOAD


def test_demo_load_creates_both_editions(loaded):
    editions = list(
        Conference.objects.values_list(
            "slug", "name", "year", "timezone", "start_date", "end_date", "published"
        )
    )

    assert editions == [
        (
            "mlsys-2023",
            "MLSys 2023",
            2023,
            "America/New_York",
            dt.date(2023, 6, 4),
            dt.date(2023, 6, 8),
            True,
        ),
        (
            "mlsys-2022",
            "MLSys 2022",
            2022,
            "America/Los_Angeles",
            dt.date(2022, 8, 29),
            dt.date(2022, 9, 1),
            True,
        ),
    ]


def test_demo_load_puts_the_2023_workshops_in_their_rooms(loaded):
    slots = TimeSlot.objects.filter(
        conference__slug="mlsys-2023", workshop__isnull=False
    ).select_related("room", "workshop")

    rooms = {(slot.workshop.slug, slot.room.name) for slot in slots}

    assert Workshop.objects.filter(conference__slug="mlsys-2023").count() == 8
    assert rooms == {
        ("benchmarking-ml-workloads", "Room 241"),
        ("pacmi", "Room 238"),
        ("algorithmic-efficiency", "Room 239"),
        ("decentralized-collaborative-learning", "Room 247"),
        ("federated-learning-systems", "Room 242"),
        ("on-device-intelligence", "Room 248"),
        ("ml-resource-constrained-wireless", "Room 246"),
        ("next-generation-ai-systems", "Room 240"),
    }


def test_demo_load_lists_the_2023_rooms_in_order(loaded):
    names = list(Room.objects.filter(conference__slug="mlsys-2023").values_list("name", flat=True))

    assert names == [
        "Room 241",
        "Room 238",
        "Room 239",
        "Room 247",
        "Room 242",
        "Room 248",
        "Room 246",
        "Room 240",
    ]


def test_demo_load_gives_2022_one_workshop(loaded):
    workshops = list(
        Workshop.objects.filter(conference__slug="mlsys-2022").values_list("slug", "status")
    )
    slot = TimeSlot.objects.select_related("room").get(conference__slug="mlsys-2022")
    la = ZoneInfo("America/Los_Angeles")

    assert workshops == [("cross-community-federated-learning", Workshop.Status.PUBLISHED)]
    assert (slot.room.name, slot.start.astimezone(la), slot.end.astimezone(la)) == (
        "Mission Ballroom MR2",
        dt.datetime(2022, 9, 1, 8, 0, tzinfo=la),
        dt.datetime(2022, 9, 1, 17, 0, tzinfo=la),
    )
    assert organizer_names("mlsys-2022", "cross-community-federated-learning") == [
        "Tianyi Chen",
        "Pin-Yu Chen",
        "Nathalie Baracaldo Angel",
        "Carlee Joe-Wong",
    ]


def test_demo_load_keeps_the_organizer_order(loaded):
    assert organizer_names("mlsys-2023", "benchmarking-ml-workloads") == [
        "Tom St John",
        "Murali Emani",
        "Wenqian Dong",
    ]
    assert organizer_names("mlsys-2023", "pacmi") == [
        "Deniz Altınbüken",
        "Lyric Doshi",
        "Milad Hashemi",
        "Martin Maas",
    ]
    assert organizer_names("mlsys-2023", "ml-resource-constrained-wireless") == [
        "Navid NaderiAlizadeh",
        "M. Hadi Amini",
        "Virginia Smith",
        "Ahmed Alkhateeb",
        "Ravikumar Balakrishnan",
        "Arash Behboodi",
        "Jakob Hoydis",
        "Christoph Studer",
    ]
    assert organizer_names("mlsys-2023", "next-generation-ai-systems") == [
        "Jason Yik",
        "Brian Anderson",
        "Charlotte Frenkel",
        "Vijay Janapa Reddi",
        "Zergham Ahmed",
    ]


@pytest.mark.parametrize(
    ("name", "workshop_slugs"),
    [
        ("Vijay Janapa Reddi", {"on-device-intelligence", "next-generation-ai-systems"}),
        (
            "Virginia Smith",
            {"decentralized-collaborative-learning", "ml-resource-constrained-wireless"},
        ),
    ],
)
def test_demo_load_keeps_one_record_per_person(loaded, name, workshop_slugs):
    (person,) = Organizer.objects.filter(name=name)

    assert set(person.workshops.values_list("slug", flat=True)) == workshop_slugs


@pytest.mark.parametrize(
    ("slug", "name", "affiliation"),
    [
        ("deniz-altinbuken", "Deniz Altınbüken", "Google"),
        ("m-hadi-amini", "M. Hadi Amini", ""),
        ("navid-naderializadeh", "Navid NaderiAlizadeh", ""),
    ],
)
def test_demo_load_stores_names_intact(loaded, slug, name, affiliation):
    person = Organizer.objects.get(slug=slug)

    assert (person.name, person.affiliation) == (name, affiliation)


def test_demo_load_gives_the_benchmarking_workshop_its_agenda(loaded):
    items = list(AgendaItem.objects.filter(workshop__slug="benchmarking-ml-workloads"))

    assert len(items) == 10
    assert {item.start.astimezone(NEW_YORK).date() for item in items} == {dt.date(2023, 6, 8)}
    assert local_times(items) == [
        ("08:00", "08:10"),
        ("08:10", "08:55"),
        ("08:55", "10:10"),
        ("10:10", "10:30"),
        ("10:30", "12:00"),
        ("12:00", "13:30"),
        ("13:30", "15:00"),
        ("15:00", "15:30"),
        ("15:30", "16:30"),
        ("16:30", "16:40"),
    ]
    assert [item.kind for item in items] == [
        "opening",
        "invited",
        "papers",
        "break",
        "invited",
        "break",
        "invited",
        "break",
        "panel",
        "opening",
    ]
    assert [item.speaker_list for item in items if item.speakers] == [
        [Speaker("Yingyan (Celine) Lin", "Georgia Tech")],
        [Speaker("Hyoukjun Kwon", "UC Irvine"), Speaker("Vijay Janapa Reddi", "Harvard")],
        [
            Speaker("Wes Brewer", "Oak Ridge National Laboratory"),
            Speaker("Zhihao Jia", "Carnegie Mellon University"),
        ],
    ]


def test_demo_load_gives_the_benchmarking_workshop_its_day(loaded):
    slot = TimeSlot.objects.get(workshop__slug="benchmarking-ml-workloads")

    assert (slot.start, slot.end) == (
        dt.datetime(2023, 6, 8, 8, 0, tzinfo=NEW_YORK),
        dt.datetime(2023, 6, 8, 16, 40, tzinfo=NEW_YORK),
    )


def test_demo_load_starts_the_room_240_workshop_at_9_50(loaded):
    slot = TimeSlot.objects.select_related("workshop").get(
        conference__slug="mlsys-2023", room__name="Room 240"
    )

    assert slot.workshop.slug == "next-generation-ai-systems"
    assert slot.start.astimezone(NEW_YORK) == dt.datetime(2023, 6, 8, 9, 50, tzinfo=NEW_YORK)


def test_demo_load_gives_pacmi_a_morning_and_an_afternoon(loaded):
    slots = TimeSlot.objects.filter(workshop__slug="pacmi")

    assert local_times(slots) == [("08:00", "12:00"), ("13:30", "17:00")]


def test_demo_load_adds_lunch_across_all_rooms(loaded):
    lunch = TimeSlot.objects.get(conference__slug="mlsys-2023", title="Lunch")

    assert (lunch.room, lunch.workshop, local_times([lunch])) == (None, None, [("12:00", "13:30")])


def test_demo_load_twice_changes_nothing(loaded):
    before = snapshot()

    counts = demo_load()

    assert counts == Counter()
    assert snapshot() == before


def test_demo_load_restores_an_edited_row_and_counts_only_it(loaded):
    Workshop.objects.filter(slug="pacmi").update(title="Renamed by a chair")
    before = snapshot()

    counts = demo_load()

    after = snapshot()
    assert counts == Counter({"workshops updated": 1})
    assert (
        Workshop.objects.get(slug="pacmi").title
        == "Practical Adoption Challenges of ML for Systems"
    )
    assert {name: rows for name, rows in after.items() if name != "Workshop"} == {
        name: rows for name, rows in before.items() if name != "Workshop"
    }


# Management commands


def test_load_demo_command_reports_counts_then_nothing_to_change(db):
    first, second = StringIO(), StringIO()

    call_command("load_demo", stdout=first, no_color=True)
    rows_after_first = snapshot()
    call_command("load_demo", stdout=second, no_color=True)

    assert first.getvalue().splitlines() == [
        "  10 agenda items created",
        "   5 author lists updated",
        "   2 conferences created",
        "   4 links created",
        "   9 organizer lists updated",
        "  44 organizers created",
        "   5 papers created",
        "   2 releases created",
        "   9 rooms created",
        "  11 time slots created",
        "   9 topic lists updated",
        "   6 topics created",
        "   9 workshops created",
        "Demo program loaded.",
    ]
    assert second.getvalue() == "Demo program already loaded: nothing to change.\n"
    assert snapshot() == rows_after_first


def test_ensure_chair_command_prints_a_working_password_once(db, rf):
    first, second = StringIO(), StringIO()

    call_command("ensure_chair", stdout=first, no_color=True)
    call_command("ensure_chair", stdout=second, no_color=True)

    lines = first.getvalue().splitlines()
    match = re.fullmatch(
        r"Created the chair account\. Sign in at /admin/ as “chair” with the password: (\S+)",
        lines[0],
    )
    assert match is not None
    assert lines[1:] == ["This password is shown only once."]
    assert authenticate(
        rf.post("/admin/login/"), username="chair", password=match[1]
    ) == User.objects.get(username="chair")
    assert second.getvalue() == (
        "Chair account “chair” exists. Forgot its password? Run: manage.py changepassword chair\n"
    )
    assert list(User.objects.values_list("username", flat=True)) == ["chair"]


def test_ensure_chair_command_takes_a_username(db):
    out = StringIO()

    call_command("ensure_chair", "--username", "ana", stdout=out, no_color=True)

    user = User.objects.get(username="ana")
    assert (user.is_staff, list(user.groups.values_list("name", flat=True))) == (
        True,
        ["Program chairs"],
    )
    assert "as “ana” with the password:" in out.getvalue()


def _make_run_commands() -> list[list[str]]:
    """The manage.py commands of the Makefile's `run` recipe before the servers start."""
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)[1]
    commands = []
    for line in recipe.splitlines():
        found = re.match(r"\t\$\(BIN\)/python manage\.py (\S+)(.*)$", line)
        if found and found[1] not in {"db_worker", "collectstatic"}:
            commands.append([found[1], *found[2].split()])
    return commands


def test_the_account_make_run_creates_chairs_the_demo_conferences(db, client):
    out = StringIO()
    commands = _make_run_commands()
    assert [command[0] for command in commands] == ["migrate", "load_demo", "ensure_chair"]
    for name, *arguments in commands:
        call_command(name, *arguments, stdout=out, no_color=True, verbosity=0)
    password = re.search(r"with the password: (\S+)", out.getvalue())[1]

    signed_in = client.post(
        "/admin/login/?next=/admin/", {"username": "chair", "password": password}, follow=True
    )
    conferences = client.get("/admin/workshops/conference/")
    workshops = client.get("/admin/workshops/workshop/")
    adding = client.get("/admin/workshops/workshop/add/")

    assert signed_in.status_code == 200 and signed_in.wsgi_request.user.username == "chair"
    assert "“chair” chairs MLSys 2023, MLSys 2022." in out.getvalue()
    assert conferences.status_code == 200
    assert b"MLSys 2023" in conferences.content and b"MLSys 2022" in conferences.content
    assert workshops.status_code == 200
    assert b"Benchmarking" in workshops.content
    assert adding.status_code == 200


def test_ensure_chair_demo_makes_an_existing_account_a_chair_too(db):
    demo_load()
    call_command("ensure_chair", stdout=StringIO())
    assert not User.objects.get(username="chair").chaired_conferences.exists()

    call_command("ensure_chair", "--demo", stdout=StringIO())

    chaired = User.objects.get(username="chair").chaired_conferences.values_list("slug", flat=True)
    assert sorted(chaired) == sorted(c.slug for c in Conference.objects.all())
