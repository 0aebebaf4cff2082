"""People and workshop series in the admin: records editions share, so each chair finds those
of their own conferences, reads a person's private address only where the person belongs, and
changes a shared record only when all of it is theirs. tests/config/test_access_matrix.py
checks every role on every page; here, the links it does not build and the writes."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_values
from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    WorkshopSeriesFactory,
    chair_of,
    organizer_of,
)
from workshops.models import Organizer, WorkshopOrganizer, WorkshopSeries


@pytest.fixture
def editions(db):
    """Two conferences, each with a workshop and a chair."""
    x = ConferenceFactory(name="Conference X", slug="conf-x")
    y = ConferenceFactory(name="Conference Y", slug="conf-y")
    return {
        "X": x,
        "Y": y,
        "workshop X": WorkshopFactory(conference=x, title="Workshop in X", slug="ws-x"),
        "workshop Y": WorkshopFactory(conference=y, title="Workshop in Y", slug="ws-y"),
        "chair X": chair_of(x),
        "chair Y": chair_of(y),
    }


def signed_in(client, user):
    client.force_login(user)
    return client


def html_of(response) -> str:
    return response.content.decode()


def listed_people(response) -> list[str]:
    return [person.name for person in response.context["cl"].result_list]


def person_url(person: Organizer) -> str:
    return reverse("admin:workshops_organizer_change", args=[person.pk])


def series_url(series: WorkshopSeries, view: str = "change") -> str:
    return reverse(f"admin:workshops_workshopseries_{view}", args=[series.pk])


def with_organizer(client, workshop, person: Organizer) -> dict:
    """The workshop's change form as the browser submits it, with `person` added last."""
    url = reverse("admin:workshops_workshop_change", args=[workshop.pk])
    values = form_values(client.get(url).content.decode(), "workshop_form")
    row = int(values["organizer_links-TOTAL_FORMS"])
    return values | {
        "organizer_links-TOTAL_FORMS": str(row + 1),
        f"organizer_links-{row}-organizer": str(person.pk),
        f"organizer_links-{row}-position": "9",
        f"organizer_links-{row}-workshop": str(workshop.pk),
    }


# People


def test_person_address_is_read_by_a_chair_of_every_conference_the_person_belongs_to(
    client, editions
):
    person = OrganizerFactory(name="Both Editions", email="both@private.example")
    for key in ("workshop X", "workshop Y"):
        WorkshopOrganizerFactory(workshop=editions[key], organizer=person)

    response = signed_in(client, editions["chair Y"]).get(person_url(person))

    html = html_of(response)
    assert response.status_code == 200
    assert "both@private.example" in html
    assert 'name="email"' not in html  # read-only: a workshop of X is not chair Y's


def test_person_whose_account_chairs_a_conference_belongs_to_it(client, editions):
    co_chair = editions["chair Y"]
    editions["X"].chairs.add(co_chair)
    OrganizerFactory(name="Co-chair", email="cochair@private.example", user=co_chair)
    WorkshopOrganizerFactory(workshop=editions["workshop Y"], organizer__name="Only in Y")

    response = signed_in(client, editions["chair X"]).get(
        reverse("admin:workshops_organizer_changelist")
    )

    assert listed_people(response) == ["Co-chair"]
    assert "cochair@private.example" in html_of(response)


def test_person_of_no_conference_is_found_by_a_chair_without_the_address(client, editions):
    OrganizerFactory(name="Newcomer", email="newcomer@private.example")
    chair = signed_in(client, editions["chair X"])

    listed = chair.get(reverse("admin:workshops_organizer_changelist"))
    by_address = chair.get(reverse("admin:workshops_organizer_changelist") + "?q=newcomer@")

    assert listed_people(listed) == ["Newcomer"]
    assert "newcomer@private.example" not in html_of(listed)
    assert listed_people(by_address) == []


@pytest.mark.parametrize("role", ["chair X", "organizer of X"])
def test_person_list_refuses_a_filter_by_address(client, editions, role):
    # ?email__startswith= would answer, one letter at a time, who has which address.
    OrganizerFactory(name="Newcomer", email="newcomer@private.example")
    users = {"organizer of X": organizer_of(editions["workshop X"]), **editions}

    response = signed_in(client, users[role]).get(
        reverse("admin:workshops_organizer_changelist") + "?email__startswith=newcomer"
    )

    assert response.status_code == 400


def test_workshop_list_refuses_a_filter_by_an_organizers_address(client, editions):
    response = signed_in(client, editions["chair X"]).get(
        reverse("admin:workshops_workshop_changelist") + "?organizers__email__startswith=a"
    )

    assert response.status_code == 400


def test_person_saved_by_a_chair_who_may_not_read_the_address_keeps_it(client, editions):
    person = OrganizerFactory(name="Newcomer", slug="newcomer", email="newcomer@private.example")
    chair = signed_in(client, editions["chair X"])
    values = form_values(chair.get(person_url(person)).content.decode(), "organizer_form")

    response = chair.post(person_url(person), values | {"name": "Newcomer, renamed"})

    assert "email" not in values
    assert response.status_code == 302
    assert list(Organizer.objects.values_list("name", "email")) == [
        ("Newcomer, renamed", "newcomer@private.example")
    ]


def test_person_add_takes_an_address_from_a_chair(client, editions):
    response = signed_in(client, editions["chair X"]).post(
        reverse("admin:workshops_organizer_add"),
        {"name": "New Person", "slug": "new-person", "email": "new@private.example"},
    )

    assert response.status_code == 302
    assert list(Organizer.objects.values_list("name", "email")) == [
        ("New Person", "new@private.example")
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_person_list_query_count(client, editions, django_assert_num_queries, n):
    for _ in range(n):
        WorkshopOrganizerFactory(workshop=editions["workshop X"])
    chair = signed_in(client, editions["chair X"])

    with django_assert_num_queries(13):
        response = chair.get(reverse("admin:workshops_organizer_changelist"))

    assert len(response.context["cl"].result_list) == n


def test_person_bulk_delete_by_a_chair_deletes_only_their_selection(client, editions):
    kept = OrganizerFactory(name="Kept")
    gone = OrganizerFactory(name="Gone")

    response = signed_in(client, editions["chair X"]).post(
        reverse("admin:workshops_organizer_changelist"),
        {"action": "delete_selected", "_selected_action": [gone.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(Organizer.objects.values_list("name", flat=True)) == [kept.name]


def test_workshop_organizers_inline_refuses_a_person_the_editor_may_not_find(client, editions):
    # Linking them would make them belong to X, and show chair X their address.
    outsider = OrganizerFactory(name="Only in Y", email="only-y@private.example")
    WorkshopOrganizerFactory(workshop=editions["workshop Y"], organizer=outsider)
    chair = signed_in(client, editions["chair X"])
    data = with_organizer(chair, editions["workshop X"], outsider)

    response = chair.post(
        reverse("admin:workshops_workshop_change", args=[editions["workshop X"].pk]), data
    )

    assert response.status_code == 200
    assert "Select a valid choice" in html_of(response)
    assert list(WorkshopOrganizer.objects.values_list("workshop__slug", "organizer__name")) == [
        ("ws-y", "Only in Y")
    ]


def test_workshop_organizers_inline_takes_a_person_an_organizer_just_added(client, editions):
    user = organizer_of(editions["workshop X"], name="Organizer of X", slug="organizer-x")
    organizer = signed_in(client, user)
    organizer.post(
        reverse("admin:workshops_organizer_add"),
        {"name": "Co-organizer", "slug": "co-organizer", "email": "co@private.example"},
    )
    data = with_organizer(
        organizer, editions["workshop X"], Organizer.objects.get(slug="co-organizer")
    )

    response = organizer.post(
        reverse("admin:workshops_workshop_change", args=[editions["workshop X"].pk]), data
    )

    assert response.status_code == 302
    assert sorted(editions["workshop X"].organizers.values_list("name", flat=True)) == [
        "Co-organizer",
        "Organizer of X",
    ]


# Workshop series


@pytest.fixture
def series(editions):
    """A series used in X alone, one used in X and Y, and an unused one."""
    only_x = WorkshopSeriesFactory(name="Only X", slug="only-x")
    shared = WorkshopSeriesFactory(name="Shared", slug="shared")
    editions["workshop X"].series = only_x
    editions["workshop X"].save()
    editions["workshop Y"].series = shared
    editions["workshop Y"].save()
    WorkshopFactory(conference=editions["X"], slug="ws-x-2", series=shared)
    return {"only X": only_x, "shared": shared, "unused": WorkshopSeriesFactory(slug="unused")}


def series_names() -> list[str]:
    return sorted(WorkshopSeries.objects.values_list("slug", "name"))


def rename(client, series: WorkshopSeries, name: str):
    return client.post(series_url(series), {"name": name, "slug": series.slug})


def test_series_of_a_chairs_own_conference_is_renamed_by_them(client, editions, series):
    response = rename(signed_in(client, editions["chair X"]), series["only X"], "Renamed")

    assert response.status_code == 302
    assert WorkshopSeries.objects.get(slug="only-x").name == "Renamed"


def test_series_of_another_conference_is_neither_renamed_nor_deleted_by_a_chair(
    client, editions, series
):
    before = series_names()
    chair_y = signed_in(client, editions["chair Y"])

    renamed = rename(chair_y, series["only X"], "Taken over")
    deleted = chair_y.post(series_url(series["only X"], "delete"), {"post": "yes"})

    assert (renamed.status_code, renamed["Location"]) == (302, reverse("admin:index"))
    assert (deleted.status_code, deleted["Location"]) == (302, reverse("admin:index"))
    assert series_names() == before


def test_series_shared_with_another_conference_is_read_only_for_a_chair(client, editions, series):
    before = series_names()
    chair_x = signed_in(client, editions["chair X"])

    page = chair_x.get(series_url(series["shared"]))
    renamed = rename(chair_x, series["shared"], "Taken over")
    deleted = chair_x.post(series_url(series["shared"], "delete"), {"post": "yes"})

    assert page.status_code == 200
    assert 'name="name"' not in html_of(page)
    assert (renamed.status_code, deleted.status_code) == (403, 403)
    assert series_names() == before


def test_series_bulk_delete_refuses_a_selection_with_a_shared_series(client, editions, series):
    before = series_names()

    response = signed_in(client, editions["chair X"]).post(
        reverse("admin:workshops_workshopseries_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [series["only X"].pk, series["shared"].pk],
            "post": "yes",
        },
    )

    assert response.status_code == 403
    assert series_names() == before


def test_series_list_of_a_chair_holds_their_conferences_and_the_unused(client, editions, series):
    response = signed_in(client, editions["chair Y"]).get(
        reverse("admin:workshops_workshopseries_changelist")
    )

    assert sorted(s.slug for s in response.context["cl"].result_list) == ["shared", "unused"]


def autocomplete(client, term: str):
    url = reverse("admin:autocomplete")
    query = "app_label=workshops&model_name=workshoporganizer&field_name=organizer"
    return client.get(f"{url}?{query}&term={term}")


def test_person_autocomplete_labels_namesakes_by_affiliation_and_workshops(client, editions):
    x, y = editions["X"], editions["Y"]
    x.year, y.year = 2023, 2024
    x.save(), y.save()
    ana_eth = OrganizerFactory(name="Ana Klimovic", affiliation="ETH Zürich")
    ana_mit = OrganizerFactory(name="Ana Klimovic", affiliation="")
    WorkshopOrganizerFactory(organizer=ana_eth, workshop=editions["workshop X"])
    WorkshopOrganizerFactory(organizer=ana_eth, workshop=editions["workshop Y"])
    WorkshopOrganizerFactory(organizer=ana_mit, workshop=editions["workshop X"])

    response = autocomplete(signed_in(client, editions["chair X"]), "Klimovic")

    assert [r["text"] for r in response.json()["results"]] == [
        "Ana Klimovic — ETH Zürich · Workshop in X (2023)",  # Y's workshop is not chair X's
        "Ana Klimovic — Workshop in X (2023)",
    ]
    assert "@" not in response.content.decode()


def test_person_autocomplete_labels_someone_without_details_by_name(client, editions):
    OrganizerFactory(name="Bo Newcomer", affiliation="")

    response = autocomplete(signed_in(client, editions["chair X"]), "Newcomer")

    assert [r["text"] for r in response.json()["results"]] == ["Bo Newcomer"]


@pytest.mark.parametrize("n", [1, 3])
def test_person_autocomplete_query_count(client, editions, django_assert_num_queries, n):
    for i in range(n):
        person = OrganizerFactory(name=f"Namesake {i}")
        WorkshopOrganizerFactory(organizer=person, workshop=editions["workshop X"])
        WorkshopOrganizerFactory(organizer=person, workshop=editions["workshop Y"])
    signed_in(client, editions["chair X"])

    with django_assert_num_queries(8):
        response = autocomplete(client, "Namesake")

    assert len(response.json()["results"]) == n
