"""The filter form and the pure matching behind the listing's and the schedule's filters."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.models import Room
from workshops.site import filters
from workshops.site.filters import (
    FilterOptions,
    ProgramFilters,
    fold,
    search_terms,
)
from workshops.site.forms import ProgramFilterForm

THURSDAY = dt.date(2023, 6, 8)
OPTIONS = FilterOptions(
    rooms=[
        Room(pk=1, name="Room 241", slug="room-241"),
        Room(pk=2, name="Room 238", slug="room-238"),
    ],
    days=[THURSDAY],
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Altınbüken", "altinbuken"),
        ("ALTINBÜKEN", "altinbuken"),
        ("altınbüken", "altinbuken"),
        ("Straße", "strasse"),
        ("Ré", "re"),
        ("Nguyễn", "nguyen"),
        ("Łęcki", "łecki"),  # Ł is a letter of its own, not L with a mark
        ("ＦＵＬＬ ﬁt", "full fit"),  # compatibility forms too
        ("e\u0301\u0327x", "ex"),  # stacked combining marks
        ("Ḝ 日本", "e 日本"),
    ],
)
def test_fold_drops_case_and_accents(text, folded):
    assert fold(text) == folded
    # The same inside a longer text (an abstract).
    assert fold(f"{text} {'x' * 200}") == f"{folded} {'x' * 200}"


def test_search_terms_are_folded_words():
    assert search_terms("  Federated   SYSTEMS ") == ["federated", "systems"]
    assert search_terms("") == []


def test_program_filters_active_only_with_a_value():
    assert ProgramFilters().active is False
    assert ProgramFilters(q="x").active is True
    assert ProgramFilters(room="room-241").active is True
    assert ProgramFilters(day=THURSDAY).active is True


def test_filter_form_offers_the_rooms_and_days_given():
    form = ProgramFilterForm(options=OPTIONS)

    assert form.fields["room"].choices == [
        ("", "All rooms"),
        ("room-241", "Room 241"),
        ("room-238", "Room 238"),
    ]
    assert form.fields["day"].choices == [("", "All days"), ("2023-06-08", "Thu 8 Jun")]
    assert form.filters() == ProgramFilters()


def test_filter_form_cleans_valid_input():
    form = ProgramFilterForm(
        {"q": " altınbüken ", "room": "room-238", "day": "2023-06-08"}, options=OPTIONS
    )

    assert form.is_valid()
    assert form.filters() == ProgramFilters(room="room-238", day=THURSDAY, q="altınbüken")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"room": "nope"}, "room", "There is no room “nope”; showing all rooms."),
        (
            {"day": "2023-13-45"},
            "day",
            "“2023-13-45” is not a day of the program; showing all days.",
        ),
        (
            {"day": "2023-06-05"},
            "day",
            "“2023-06-05” is not a day of the program; showing all days.",
        ),
        ({"q": "x" * 201}, "q", "The search text is too long (at most 200 characters)."),
    ],
)
def test_filter_form_ignores_an_invalid_value_and_says_so(data, field, message):
    form = ProgramFilterForm({"q": "ai", "room": "room-241", **data}, options=OPTIONS)

    assert form.errors == {field: [message]}
    expected = {"q": "ai", "room": "room-241", "day": None}
    expected[field] = None if field == "day" else ""
    assert form.filters() == ProgramFilters(**expected)


# Folding costs: each workshop's text once per page, however many slots it has


@pytest.fixture
def count_folds(monkeypatch):
    calls = []

    def counted(text: str) -> str:
        calls.append(text)
        return real_fold(text)

    real_fold = filters.fold
    monkeypatch.setattr(filters, "fold", counted)
    return calls


@pytest.mark.parametrize("page", ["workshops:schedule-all", "workshops:workshop-list"])
@pytest.mark.parametrize("n", [1, 3])
def test_search_folds_each_workshops_text_once_per_page(db, client, count_folds, page, n):
    conference = ConferenceFactory(slug="fold-2023")
    workshop = WorkshopFactory(
        conference=conference, title="Systèmes", acronym="SYS", abstract="Über alles"
    )
    WorkshopOrganizerFactory(workshop=workshop, organizer=OrganizerFactory(name="Ada"))
    room = RoomFactory(conference=conference)
    for hour in range(8, 8 + n):
        TimeSlotFactory(
            workshop=workshop,
            room=room,
            start=local(conference.start_date, hour),
            end=local(conference.start_date, hour, 50),
        )

    response = client.get(reverse(page, args=[conference.slug]) + "?q=systemes")

    assert response.status_code == 200
    # The query's words, then the title, acronym, organizer and abstract: once each.
    assert count_folds == ["systemes", "Systèmes", "SYS", "Ada", "Über alles"]
