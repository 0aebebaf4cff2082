"""Every admin and public address against every role, as one table: each role gets exactly what
it may. The table is checked against the URL resolver, so a new address can't be forgotten, and
no public page or export ever shows a draft's title or an organizer's e-mail address."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.roles import PROGRAM_CHAIRS
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    WorkshopSeriesFactory,
    chair_of,
    local,
    organizer_of,
    staff_reader,
)
from workshops.exchange import exporters, prepared
from workshops.models import AgendaItem, Paper, Release, Workshop
from workshops.program import releases
from workshops.site import favourites

ROLES = ["anonymous", "organizer A", "organizer B", "chair X", "chair Y", "staff"]
DRAFT_TITLES = ["Secret Draft X", "Secret Draft Y"]
EMAIL_DOMAIN = "@private.example"  # every organizer's address (OrganizerFactory)

# What a response means: 200, 403 and 404 as they are; the sign-in page; the admin's index,
# where the admin sends an object that isn't in the user's part of it ("absent"); else the target.
OK, FORBIDDEN, NOT_FOUND, LOGIN, ABSENT = 200, 403, 404, "login", "absent"
EVERYONE_OK = (OK,) * 6
STAFF_ONLY = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN)  # superusers


def outcome(response) -> int | str:
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("admin:login")):
        return LOGIN
    return ABSENT if location == reverse("admin:index") else f"-> {location}"


@pytest.fixture
def world(db):
    """Conference X (workshop A and a draft, by organizer A) and conference Y (workshop B and a
    draft, by organizer B), each with a room, slots, a release, and one chair; a staff reader.
    Workshops A and B share a series; each draft has a series of its own, and one series is
    unused. Each draft also has a person of its own ("hidden person A/B")."""
    x = ConferenceFactory(name="Conference X", slug="conf-x")
    y = ConferenceFactory(
        name="Conference Y",
        slug="conf-y",
        start_date=dt.date(2023, 7, 2),
        end_date=dt.date(2023, 7, 6),
    )
    hidden = ConferenceFactory(name="Hidden Z", slug="conf-z", published=False)
    series = WorkshopSeriesFactory(name="Alpha series", slug="alpha-series")
    w = {"X": x, "Y": y, "Z": hidden, "series": series}
    for key, conference, title in [("A", x, "Alpha Workshop"), ("B", y, "Beta Workshop")]:
        room = RoomFactory(conference=conference, slug=f"room-{key.lower()}")
        workshop = WorkshopFactory(
            conference=conference, title=title, slug=f"ws-{key.lower()}", series=series
        )
        draft = WorkshopFactory(
            conference=conference,
            title=f"Secret Draft {conference.name[-1]}",
            slug=f"draft-{key.lower()}",
            status=Workshop.Status.DRAFT,
            series=WorkshopSeriesFactory(name=f"Series of {key}", slug=f"series-{key.lower()}"),
        )
        day = conference.end_date
        slot = TimeSlotFactory(
            workshop=workshop, room=room, start=local(day, 8), end=local(day, 12)
        )
        TimeSlotFactory(workshop=draft, room=room, start=local(day, 13), end=local(day, 17))
        user = organizer_of(workshop, name=f"Person {key}", slug=f"person-{key.lower()}")
        WorkshopOrganizerFactory(workshop=draft, organizer=user.organizer)
        # Someone who organizes only the draft: nobody finds them on the public site.
        hidden_person = OrganizerFactory(name=f"Hidden {key}", slug=f"hidden-{key}")
        WorkshopOrganizerFactory(workshop=draft, organizer=hidden_person)
        paper = Paper.objects.create(workshop=workshop, title=f"Paper of {key}")
        item = AgendaItem.objects.create(
            workshop=workshop, title=f"Talk of {key}", start=local(day, 9), end=local(day, 10)
        )
        draft_item = AgendaItem.objects.create(
            workshop=draft, title=f"Talk of draft {key}", start=local(day, 14), end=local(day, 15)
        )
        draft_paper = Paper.objects.create(workshop=draft, title=f"Paper of draft {key}")
        releases.release_save(release=Release(conference=conference, version="1.0"), user=None)
        w |= {
            key: workshop,
            f"draft {key}": draft,
            f"room {key}": room,
            f"slot {key}": slot,
            f"person {key}": user.organizer,
            f"paper {key}": paper,
            f"item {key}": item,
            f"draft item {key}": draft_item,
            f"draft paper {key}": draft_paper,
            f"hidden person {key}": hidden_person,
            f"series {key}": draft.series,
            f"release {key}": Release.objects.get(conference=conference),
            f"organizer {key}": user,
            f"history {key}": workshop.history.earliest("history_date"),
        }
    w["users"] = {
        "anonymous": None,
        "organizer A": w["organizer A"],
        "organizer B": w["organizer B"],
        "chair X": chair_of(x),
        "chair Y": chair_of(y),
        "staff": staff_reader(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),  # for PEOPLE_ROWS
    }
    w["unused series"] = WorkshopSeriesFactory(name="Unused series", slug="unused-series")
    hidden.chairs.add(w["users"]["chair X"])
    w["group"] = Group.objects.get(name=PROGRAM_CHAIRS)
    attempt = {"username": "someone", "ip_address": "203.0.113.9", "user_agent": "test"}
    now = timezone.now()
    w["attempt"] = AccessAttempt.objects.create(**attempt, failures_since_start=1, attempt_time=now)
    w["access log"] = AccessLog.objects.create(**attempt, attempt_time=now)
    w["failure log"] = AccessFailureLog.objects.create(**attempt, attempt_time=now)
    # A queued booklet rendering: the task queue's admin is the superusers' alone.
    w["task result"] = DBTaskResult.objects.get(
        id=prepared.prepare_export.using(backend="default")
        .enqueue(prepared_id=0, claimed="", options={})
        .id
    )
    return w


@dataclass(frozen=True)
class Row:
    name: str  # the URL's name, as reverse() takes it
    target: str  # what it is about, for the test's id
    url: Callable[[dict], str]
    expected: tuple  # one outcome per role, in the order of ROLES
    public: bool = False  # checked for drafts and e-mail addresses

    @property
    def id(self) -> str:
        return f"{self.name} {self.target}".strip()


def admin_row(model: str, view: str, key: str, expected: tuple) -> Row:
    """An admin page of one object (`key` in the world) or, without a key, of the model."""
    name = f"admin:{model}_{view}"

    def url(w: dict) -> str:
        return reverse(name, args=[w[key].pk]) if key else reverse(name)

    return Row(name, key, url, expected)


def model_rows(model: str, key_x: str, key_y: str, expected: dict[str, tuple]) -> list[Row]:
    """changelist, add, and change/history/delete of an object in X and one in Y."""
    rows = [admin_row(model, view, "", expected[view]) for view in ("changelist", "add")]
    for view in ("change", "history", "delete"):
        rows.append(admin_row(model, view, key_x, expected[view + " X"]))
        if key_y:
            rows.append(admin_row(model, view, key_y, expected[view + " Y"]))
    return rows


def public_row(name: str, target: str, url: Callable[[dict], str], expected=EVERYONE_OK) -> Row:
    return Row(f"workshops:{name}", target, url, expected, public=True)


def conference_url(name: str, key: str = "X", *args: str) -> Callable[[dict], str]:
    return lambda w: reverse(f"workshops:{name}", args=[w[key].slug, *args])


def feed_url(w: dict) -> str:
    token = favourites.token_for(conference=w["X"], slugs=["ws-a", "draft-a"])
    return reverse("workshops:favourites-feed", args=["conf-x", token])


#                 anonymous  org A      org B      chair X    chair Y    staff
SCOPED_OBJECT_X = (LOGIN,    ABSENT,    ABSENT,    OK,        ABSENT,    OK)  # fmt: skip
SCOPED_OBJECT_Y = (LOGIN,    ABSENT,    ABSENT,    ABSENT,    OK,        OK)  # fmt: skip
DELETE_X =        (LOGIN,    FORBIDDEN, FORBIDDEN, OK,        ABSENT,    FORBIDDEN)  # fmt: skip
DELETE_Y =        (LOGIN,    FORBIDDEN, FORBIDDEN, ABSENT,    OK,        FORBIDDEN)  # fmt: skip
SIGNED_IN_OK =    (LOGIN,    OK,        OK,        OK,        OK,        OK)  # fmt: skip
CHAIRS_ADD =      (LOGIN,    FORBIDDEN, FORBIDDEN, OK,        OK,        FORBIDDEN)  # fmt: skip
CHAIRS_AND_STAFF = (LOGIN,   FORBIDDEN, FORBIDDEN, OK,        OK,        OK)  # fmt: skip
ANY_CHAIR =       (LOGIN,    FORBIDDEN, FORBIDDEN, OK,        OK,        FORBIDDEN)  # fmt: skip
DRAFT_X_PREVIEW = (NOT_FOUND, OK,       NOT_FOUND, OK,        NOT_FOUND, OK)  # fmt: skip
DRAFT_Y_PREVIEW = (NOT_FOUND, NOT_FOUND, OK,       NOT_FOUND, OK,        OK)  # fmt: skip
NOBODY = (NOT_FOUND,) * 6
PREVIEW_Z = (NOT_FOUND, NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND, OK)  # fmt: skip
SCOPED = {
    "changelist": SIGNED_IN_OK,
    "add": CHAIRS_ADD,
    "change X": SCOPED_OBJECT_X,
    "change Y": SCOPED_OBJECT_Y,
    "history X": SCOPED_OBJECT_X,
    "history Y": SCOPED_OBJECT_Y,
    "delete X": DELETE_X,
    "delete Y": DELETE_Y,
}
SUPERUSERS_ONLY = dict.fromkeys(
    ["changelist", "add", "change X", "history X", "delete X"], STAFF_ONLY
)

ADMIN_ROWS = [
    Row("admin:index", "", lambda w: reverse("admin:index"), SIGNED_IN_OK),
    Row(
        "admin:login",
        "",
        lambda w: reverse("admin:login"),
        (OK, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT),  # signed in: on to the index
    ),
    Row("admin:password_change", "", lambda w: reverse("admin:password_change"), SIGNED_IN_OK),
    Row(
        "admin:password_change_done",
        "",
        lambda w: reverse("admin:password_change_done"),
        SIGNED_IN_OK,
    ),  # fmt: skip
    Row("admin:jsi18n", "", lambda w: reverse("admin:jsi18n"), SIGNED_IN_OK),
    Row(
        "admin:autocomplete",
        "co-organizers",
        lambda w: (
            reverse("admin:autocomplete")
            + "?app_label=workshops&model_name=workshoporganizer&field_name=organizer&term=Person"
        ),
        SIGNED_IN_OK,
    ),
    Row(
        "admin:view_on_site",
        "A",
        lambda w: reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Workshop).pk, w["A"].pk],
        ),
        (LOGIN,) + ("-> http://testserver/conf-x/workshops/ws-a/",) * 5,
    ),
    Row(
        "admin:app_list",
        "workshops",
        lambda w: reverse("admin:app_list", args=["workshops"]),
        SIGNED_IN_OK,
    ),
    Row(
        "admin:app_list",
        "auth",
        lambda w: reverse("admin:app_list", args=["auth"]),
        (LOGIN,) + (NOT_FOUND,) * 5,
    ),
    *model_rows("workshops_conference", "X", "Y", SCOPED),
    Row(
        "admin:workshops_conference_conflicts",
        "X",
        lambda w: reverse("admin:workshops_conference_conflicts", args=[w["X"].pk]),
        SCOPED_OBJECT_X,
    ),
    Row(
        "admin:workshops_conference_board",
        "X",  # read by its organizers and the staff; changed by its chairs (test_board)
        lambda w: reverse("admin:workshops_conference_board", args=[w["X"].pk]),
        (LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, OK),
    ),
    Row(
        "admin:workshops_conference_copy_forward",
        "X",
        lambda w: reverse("admin:workshops_conference_copy_forward", args=[w["X"].pk]),
        (LOGIN, ABSENT, ABSENT, OK, ABSENT, FORBIDDEN),
    ),
    Row(
        "admin:workshops_conference_import",
        "X",
        lambda w: reverse("admin:workshops_conference_import", args=[w["X"].pk]),
        (LOGIN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
    ),
    *[
        Row(
            "admin:workshops_conference_export",
            f"X {identifier}",
            lambda w, identifier=identifier: reverse(
                "admin:workshops_conference_export", args=[w["X"].pk, identifier]
            ),
            (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK),
        )
        for identifier in ["schedule.json", "program.csv"]
    ],
    *model_rows("workshops_room", "room A", "room B", SCOPED),
    *model_rows("workshops_timeslot", "slot A", "slot B", SCOPED),
    *model_rows(
        "workshops_workshop",
        "A",
        "B",
        SCOPED
        | {
            #            anonymous org A      org B      chair X    chair Y    staff
            "change X": (LOGIN, OK, ABSENT, OK, ABSENT, OK),
            "change Y": (LOGIN, ABSENT, OK, ABSENT, OK, OK),
            "history X": (LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, OK),
            "history Y": (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK, OK),
        },  # fmt: skip
    ),
    Row(
        "admin:workshops_workshop_simple_history",
        "A",
        lambda w: reverse(
            "admin:workshops_workshop_simple_history",
            args=[w["A"].pk, w["history A"].history_id],
        ),
        (LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, OK),
    ),
    # A workshop's papers: its chairs and organizers edit them, staff read them.
    *model_rows(
        "workshops_paper",
        "paper A",
        "paper B",
        {
            #             anonymous org A      org B      chair X    chair Y    staff
            "changelist": SIGNED_IN_OK,
            "add": (LOGIN, OK, OK, OK, OK, FORBIDDEN),
            "change X": (LOGIN, OK, ABSENT, OK, ABSENT, OK),
            "change Y": (LOGIN, ABSENT, OK, ABSENT, OK, OK),
            "history X": (LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, OK),
            "history Y": (LOGIN, FORBIDDEN, OK, FORBIDDEN, OK, OK),
            "delete X": (LOGIN, OK, ABSENT, OK, ABSENT, FORBIDDEN),
            "delete Y": (LOGIN, ABSENT, OK, ABSENT, OK, FORBIDDEN),
        },  # fmt: skip
    ),
    Row(
        "admin:workshops_workshop_import_papers",
        "A",
        lambda w: reverse("admin:workshops_workshop_import_papers", args=[w["A"].pk]),
        (LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
    ),
    Row(
        "admin:workshops_paper_simple_history",
        "A",
        lambda w: reverse(
            "admin:workshops_paper_simple_history",
            args=[w["paper A"].pk, w["paper A"].history.earliest("history_date").history_id],
        ),
        (LOGIN, OK, FORBIDDEN, OK, FORBIDDEN, OK),
    ),
    # People are shared by editions: each role finds those of its conferences or workshops
    # (PEOPLE_ROWS checks whose addresses it reads); organizers and chairs add people.
    *model_rows(
        "workshops_organizer",
        "person A",
        "person B",
        {
            #             anonymous org A      org B      chair X    chair Y    staff
            "changelist": SIGNED_IN_OK,
            "add": (LOGIN, OK, OK, OK, OK, FORBIDDEN),
            "change X": (LOGIN, OK, ABSENT, OK, ABSENT, OK),
            "change Y": (LOGIN, ABSENT, OK, ABSENT, OK, OK),
            "history X": (LOGIN, OK, ABSENT, OK, ABSENT, OK),
            "history Y": (LOGIN, ABSENT, OK, ABSENT, OK, OK),
            "delete X": DELETE_X,
            "delete Y": DELETE_Y,
        },  # fmt: skip
    ),
    *model_rows(
        "workshops_release",
        "release A",
        "release B",
        {
            #             anonymous org A      org B      chair X    chair Y    staff
            "changelist": CHAIRS_AND_STAFF,
            "add": ANY_CHAIR,
            "change X": (LOGIN, FORBIDDEN, FORBIDDEN, OK, ABSENT, OK),
            "change Y": (LOGIN, FORBIDDEN, FORBIDDEN, ABSENT, OK, OK),
            "history X": SCOPED_OBJECT_X,
            "history Y": SCOPED_OBJECT_Y,
            "delete X": DELETE_X,
            "delete Y": DELETE_Y,
        },  # fmt: skip
    ),
    # A series spans editions (and conferences): its chairs change it while every workshop in
    # it is in a conference they chair (an unused one is every chair's); staff read them all.
    *model_rows(
        "workshops_workshopseries",
        "series A",
        "series B",
        {
            #             anonymous org A      org B      chair X    chair Y    staff
            "changelist": CHAIRS_AND_STAFF,
            "add": ANY_CHAIR,
            "change X": (LOGIN, FORBIDDEN, FORBIDDEN, OK, ABSENT, OK),
            "change Y": (LOGIN, FORBIDDEN, FORBIDDEN, ABSENT, OK, OK),
            "history X": (LOGIN, ABSENT, ABSENT, OK, ABSENT, OK),
            "history Y": (LOGIN, ABSENT, ABSENT, ABSENT, OK, OK),
            "delete X": DELETE_X,
            "delete Y": DELETE_Y,
        },  # fmt: skip
    ),
    # Shared by A (in X) and B (in Y): each chair reads it, neither changes it alone.
    admin_row("workshops_workshopseries", "change", "series", CHAIRS_AND_STAFF),
    admin_row("workshops_workshopseries", "delete", "series", (LOGIN,) + (FORBIDDEN,) * 5),
    admin_row("workshops_workshopseries", "change", "unused series", CHAIRS_AND_STAFF),
    admin_row("workshops_workshopseries", "delete", "unused series", ANY_CHAIR),
    # Accounts, groups and sign-in records: superusers only.
    *model_rows("accounts_user", "organizer A", "", SUPERUSERS_ONLY),
    admin_row("auth_user", "password_change", "organizer A", STAFF_ONLY),
    *model_rows("auth_group", "group", "", SUPERUSERS_ONLY),
    *model_rows("axes_accessattempt", "attempt", "", SUPERUSERS_ONLY),
    *model_rows("axes_accesslog", "access log", "", SUPERUSERS_ONLY),
    *model_rows("axes_accessfailurelog", "failure log", "", SUPERUSERS_ONLY),
    *model_rows("django_tasks_database_dbtaskresult", "task result", "", SUPERUSERS_ONLY),
]

PUBLIC_ROWS = [
    public_row("home", "", lambda w: reverse("workshops:home"), ("-> /conf-y/",) * 6),
    public_row("workshop-list", "X", conference_url("workshop-list")),
    public_row("workshop-list", "Z (unpublished)", conference_url("workshop-list", "Z"), PREVIEW_Z),
    public_row("workshop-detail", "A", conference_url("workshop-detail", "X", "ws-a")),
    public_row(
        "workshop-detail",
        "draft X",
        conference_url("workshop-detail", "X", "draft-a"),
        DRAFT_X_PREVIEW,
    ),  # fmt: skip
    public_row(
        "workshop-detail",
        "draft Y",
        conference_url("workshop-detail", "Y", "draft-b"),
        DRAFT_Y_PREVIEW,
    ),  # fmt: skip
    public_row("paper-detail", "A", lambda w: w["paper A"].get_absolute_url()),
    public_row("workshop-calendar", "A", conference_url("workshop-calendar", "X", "ws-a")),
    public_row(
        "item-calendar",
        "A",
        lambda w: reverse("workshops:item-calendar", args=["conf-x", w["item A"].guid]),
    ),
    public_row(
        "item-calendar",
        "draft X",
        lambda w: reverse("workshops:item-calendar", args=["conf-x", w["draft item A"].guid]),
        NOBODY,
    ),  # fmt: skip
    public_row(
        "workshop-calendar", "draft X", conference_url("workshop-calendar", "X", "draft-a"), NOBODY
    ),
    public_row("schedule", "X", conference_url("schedule")),
    public_row(
        "schedule-day",
        "X",
        lambda w: reverse("workshops:schedule-day", args=[w["X"].slug, w["X"].end_date]),
    ),
    public_row("schedule-all", "X", conference_url("schedule-all")),
    public_row("my-schedule", "X", conference_url("my-schedule")),
    public_row("favourites-program", "X", conference_url("favourites-program")),
    public_row(
        "favourites-link",
        "X with a draft",
        lambda w: reverse("workshops:favourites-link", args=["conf-x"]) + "?w=ws-a&w=draft-a",
    ),
    public_row("favourites-feed", "X with a draft", feed_url),
    public_row(
        "qr-code", "X", lambda w: reverse("workshops:qr-code", args=["conf-x"]) + "?data=/conf-x/"
    ),
    public_row("service-worker", "X", conference_url("service-worker")),
    public_row("web-app-manifest", "X", conference_url("web-app-manifest")),
    public_row("changelog", "X", conference_url("changelog")),
    public_row("changelog-feed", "X", conference_url("changelog-feed")),
    public_row("room-list", "X", conference_url("room-list")),
    public_row("room-detail", "X", conference_url("room-detail", "X", "room-a")),
    public_row("room-calendar", "X", conference_url("room-calendar", "X", "room-a")),
    public_row("organizer-list", "X", conference_url("organizer-list")),
    public_row("organizer-detail", "person A", conference_url("organizer-detail", "X", "person-a")),
    public_row(
        "organizer-detail",
        "of a draft only",
        conference_url("organizer-detail", "X", "hidden-A"),
        NOBODY,
    ),  # fmt: skip
    public_row("export-list", "X", conference_url("export-list")),
    public_row("embed-listing", "X", conference_url("embed-listing")),
    public_row("embed-schedule", "X", conference_url("embed-schedule")),
    *[
        public_row("export", f"X {identifier}", conference_url("export", "X", identifier))
        for identifier in exporters.EXPORTERS
    ],
    public_row("export", "X unknown", conference_url("export", "X", "program.doc"), NOBODY),
]

SITE_ROWS = [
    Row("healthz", "", lambda w: "/healthz", EVERYONE_OK),
    Row("sitemap", "", lambda w: reverse("sitemap"), EVERYONE_OK, public=True),
    Row("robots", "", lambda w: reverse("robots"), EVERYONE_OK),
    # Signing in happens in the admin; /accounts/ serves the password reset.
    Row("login", "", lambda w: reverse("login"), (LOGIN,) * 6),
    Row("logout", "(GET)", lambda w: reverse("logout"), (405,) * 6),
    Row("password_change", "", lambda w: reverse("password_change"), SIGNED_IN_OK),
    Row("password_change_done", "", lambda w: reverse("password_change_done"), SIGNED_IN_OK),
    Row("password_reset", "", lambda w: reverse("password_reset"), EVERYONE_OK),
    Row("password_reset_done", "", lambda w: reverse("password_reset_done"), EVERYONE_OK),
    Row(
        "password_reset_confirm",
        "bad token",
        lambda w: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        EVERYONE_OK,  # the page says the link is invalid
    ),
    Row("password_reset_complete", "", lambda w: reverse("password_reset_complete"), EVERYONE_OK),
]

ROWS = ADMIN_ROWS + PUBLIC_ROWS + SITE_ROWS


def all_url_names(patterns=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            names |= all_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_access_matrix_covers_every_named_url():
    post_only = {  # see test_agenda_entry and test_board
        "admin:logout",
        "admin:workshops_workshop_agenda_lines",
        "admin:workshops_conference_board_drop",
    }
    uncovered = all_url_names() - {row.name for row in ROWS} - post_only

    assert sorted(uncovered) == []


def test_access_matrix_covers_every_export_format():
    public = {row.target.split()[-1] for row in PUBLIC_ROWS if row.name == "workshops:export"}

    assert set(exporters.EXPORTERS) <= public


def body_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode()


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_access_matrix(world, row):
    url = row.url(world)
    outcomes, leaks = {}, {}
    for role in ROLES:
        client = Client()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        response = client.get(url)
        outcomes[role] = outcome(response)
        if row.public and response.status_code == 200:
            text = body_text(response)
            previewed = {t for t in DRAFT_TITLES if f"<h1>{t}</h1>" in text}
            found = [t for t in DRAFT_TITLES if t in text and t not in previewed]
            leaks[role] = found + (["an e-mail address"] if EMAIL_DOMAIN in text else [])

    assert outcomes == dict(zip(ROLES, row.expected, strict=True))
    assert {role: found for role, found in leaks.items() if found} == {}


# Whose private e-mail address each role reads, and whom its searches find: the people list,
# its search (by an address, a part of one, a name), a person's page and history, the
# autocomplete of a workshop's organizers, the workshop pages that show its organizers, and
# the admin's downloads of a conference's program.
PEOPLE_ROLES = [*ROLES, "superuser"]
PERSON_KEYS = {"A": "person A", "hA": "hidden person A", "B": "person B", "hB": "hidden person B"}


@dataclass(frozen=True)
class PeopleRow:
    target: str
    url: Callable[[dict], str]
    expected: tuple  # one outcome per role, in the order of PEOPLE_ROLES
    addresses: tuple[str, ...]  # per role: whose addresses the page shows ("A hA": A's and hA's)
    found: tuple[str, ...] | None = None  # per role: whom a list or search finds


def people_list(term: Callable[[dict], str] | None = None) -> Callable[[dict], str]:
    base = reverse("admin:workshops_organizer_changelist")
    return lambda w: base + (f"?q={term(w)}" if term else "")


def people_autocomplete(term: Callable[[dict], str]) -> Callable[[dict], str]:
    return lambda w: (
        reverse("admin:autocomplete")
        + "?app_label=workshops&model_name=workshoporganizer&field_name=organizer&term="
        + term(w)
    )


def email_of(key: str) -> Callable[[dict], str]:
    return lambda w: w[key].email


def page_of(name: str, key: str) -> Callable[[dict], str]:
    return lambda w: reverse(name, args=[w[key].pk])


SIGNED_IN_OK_7 = (LOGIN,) + (OK,) * 6
NOBODY_7 = ("",) * 7

#       anonymous org A   org B   chair X  chair Y  staff        superuser
PEOPLE_ROWS = [
    PeopleRow(
        "list", people_list(), SIGNED_IN_OK_7,
        ("",     "",     "",     "A hA",  "B hB",  "",          "A hA B hB"),
        ("",     "A hA", "B hB", "A hA",  "B hB",  "A hA B hB", "A hA B hB"),
    ),
    PeopleRow(
        "search by A's address", people_list(email_of("person A")), SIGNED_IN_OK_7,
        ("",     "",     "",     "A",     "",      "",          "A"),
        ("",     "",     "",     "A",     "",      "",          "A"),
    ),
    PeopleRow(
        "search by part of every address", people_list(lambda w: EMAIL_DOMAIN), SIGNED_IN_OK_7,
        ("",     "",     "",     "A hA",  "B hB",  "",          "A hA B hB"),
        ("",     "",     "",     "A hA",  "B hB",  "",          "A hA B hB"),
    ),
    PeopleRow(
        "search by name", people_list(lambda w: "Person"), SIGNED_IN_OK_7,
        ("",     "",     "",     "A",     "B",     "",          "A B"),
        ("",     "A",    "B",    "A",     "B",     "A B",       "A B"),
    ),
    PeopleRow(
        "autocomplete by A's address", people_autocomplete(email_of("person A")), SIGNED_IN_OK_7,
        NOBODY_7,  # the label is the name alone
        ("",     "",     "",     "A",     "",      "",          "A"),
    ),
    PeopleRow(
        "autocomplete by name", people_autocomplete(lambda w: "Person"), SIGNED_IN_OK_7,
        NOBODY_7,
        ("",     "A",    "B",    "A",     "B",     "A B",       "A B"),
    ),
    PeopleRow(
        "person A's page", page_of("admin:workshops_organizer_change", "person A"),
        (LOGIN,  OK,     ABSENT, OK,      ABSENT,  OK,          OK),
        ("",     "",     "",     "A",     "",      "",          "A"),
    ),
    PeopleRow(
        "hidden person B's page", page_of("admin:workshops_organizer_change", "hidden person B"),
        (LOGIN,  ABSENT, OK,     ABSENT,  OK,      OK,          OK),
        ("",     "",     "",     "",      "hB",    "",          "hB"),
    ),
    PeopleRow(
        "person A's history", page_of("admin:workshops_organizer_history", "person A"),
        (LOGIN,  OK,     ABSENT, OK,      ABSENT,  OK,          OK),
        NOBODY_7,
    ),
    PeopleRow(
        "draft A's page (its organizers inline)",
        page_of("admin:workshops_workshop_change", "draft A"),
        (LOGIN,  OK,     ABSENT, OK,      ABSENT,  OK,          OK),
        NOBODY_7,
    ),
    PeopleRow(
        "draft A's history", page_of("admin:workshops_workshop_history", "draft A"),
        (LOGIN,  OK,     FORBIDDEN, OK,   FORBIDDEN, OK,        OK),
        NOBODY_7,
    ),
    PeopleRow(
        "workshop A's past version",
        lambda w: reverse(
            "admin:workshops_workshop_simple_history", args=[w["A"].pk, w["history A"].history_id]
        ),
        (LOGIN,  OK,     FORBIDDEN, OK,   FORBIDDEN, OK,        OK),
        NOBODY_7,
    ),
    *[
        PeopleRow(
            f"conference X's download {identifier}",
            lambda w, identifier=identifier: reverse(
                "admin:workshops_conference_export", args=[w["X"].pk, identifier]
            ),
            (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, OK),
            NOBODY_7,
        )
        for identifier in exporters.EXPORTERS
    ],
]  # fmt: skip


def people_seen(world: dict, response) -> tuple[set[str], set[str] | None]:
    """Whose addresses a page shows and, on a list or an autocomplete, whom it lists: keys of
    PERSON_KEYS. A list's search box repeats the term, so only its result table is read."""
    keys_by_name = {world[key].name: short for short, key in PERSON_KEYS.items()}
    text, found = body_text(response), None
    if response.status_code == 200 and "cl" in (response.context or {}):
        found = {keys_by_name[person.name] for person in response.context["cl"].result_list}
        table = re.search(r'<table id="result_list">.*?</table>', text, re.DOTALL)
        text = table[0] if table else ""
    elif response.status_code == 200 and response.resolver_match.url_name == "autocomplete":
        keys_by_id = {str(world[key].pk): short for short, key in PERSON_KEYS.items()}
        found = {keys_by_id[result["id"]] for result in response.json()["results"]}
    shown = {short for short, key in PERSON_KEYS.items() if world[key].email in text}
    return shown, found


def per_role(keys: tuple[str, ...]) -> dict[str, set[str]]:
    return {role: set(each.split()) for role, each in zip(PEOPLE_ROLES, keys, strict=True)}


@pytest.mark.parametrize("row", PEOPLE_ROWS, ids=lambda row: row.target)
def test_access_matrix_people_and_their_addresses(world, row):
    url = row.url(world)
    outcomes, addresses, found = {}, {}, {}
    for role in PEOPLE_ROLES:
        client = Client()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        response = client.get(url)
        outcomes[role] = outcome(response)
        addresses[role], found[role] = people_seen(world, response)

    assert outcomes == dict(zip(PEOPLE_ROLES, row.expected, strict=True))
    assert addresses == per_role(row.addresses)
    if row.found is not None:
        assert {role: keys or set() for role, keys in found.items()} == per_role(row.found)
