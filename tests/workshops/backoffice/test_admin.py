import datetime as dt
import re
from html import escape

import pytest
from django.urls import reverse

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    TimeSlotFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)

THURSDAY = dt.date(2023, 6, 8)
ADMIN_MODELS = ["conference", "room", "organizer", "workshop", "timeslot"]


def html_of(response) -> str:
    return response.content.decode()


def at(field: str, clock: str, day: dt.date = THURSDAY) -> dict:
    """The two inputs of the admin's split date/time widget."""
    return {f"{field}_0": day.isoformat(), f"{field}_1": clock}


def inline_data(response, rows: dict) -> dict:
    """POST data for every inline of the page, with `rows[model]` as its new forms."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        model_rows = rows.get(formset.model, [])
        for name in ("INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[management.add_prefix(name)] = management.initial[name]
        data[management.add_prefix("TOTAL_FORMS")] = len(model_rows)
        for index, row in enumerate(model_rows):
            for field, value in row.items():
                data[f"{formset.prefix}-{index}-{field}"] = value
    return data


def workshop_fields(conference: Conference, **overrides) -> dict:
    fields = {
        "conference": conference.pk,
        "title": "Benchmarking Machine Learning Workloads",
        "slug": "benchmarking",
        "acronym": "",
        "status": Workshop.Status.PUBLISHED,
        "abstract": "Measuring *ML* workloads.",
        "website": "https://example.org/benchmarking/",
    }
    return fields | overrides


def post_workshop(client, conference, rows: dict, **overrides):
    url = reverse("admin:workshops_workshop_add")
    form_page = client.get(url)
    data = workshop_fields(conference, **overrides) | inline_data(form_page, rows)
    return client.post(url, data)


def conference_fields(**overrides) -> dict:
    fields = {
        "name": "MLSys 2024",
        "slug": "mlsys-2024",
        "year": 2024,
        "published": "on",
        "changes_public": "at-once",
        "start_date": "2024-05-13",
        "end_date": "2024-05-16",
        "timezone": "America/Los_Angeles",
        "venue": "",
        "city": "Santa Clara, California",
        "website": "",
        "description": "",
    }
    return fields | overrides


def post_conference(client, **overrides):
    url = reverse("admin:workshops_conference_add")
    form_page = client.get(url)
    return client.post(url, conference_fields(**overrides) | inline_data(form_page, {}))


def changelist_titles(response) -> list[str]:
    return re.findall(
        r'<th class="field-title"><a href="[^"]*">([^<]*)</a></th>', html_of(response)
    )


# Here the chair chairs every conference; tests/workshops/test_admin_roles.py tests the limits.
pytestmark = pytest.mark.usefixtures("chair_of_all")


@pytest.fixture
def objects(conference, room):
    """One saved object of each model the chairs edit."""
    organizer = OrganizerFactory(name="Deniz Altınbüken")
    workshop = WorkshopFactory(conference=conference, title="Practical Adoption Challenges")
    WorkshopOrganizerFactory(workshop=workshop, organizer=organizer)
    slot = TimeSlotFactory(workshop=workshop, room=room)
    return {
        "conference": conference,
        "room": room,
        "organizer": organizer,
        "workshop": workshop,
        "timeslot": slot,
    }


# Pages load


def test_admin_index_lists_the_program_models(chair_client):
    response = chair_client.get(reverse("admin:index"))

    html = html_of(response)
    assert response.status_code == 200
    assert "Program administration" in html
    for url_name in ADMIN_MODELS:
        assert f'href="{reverse(f"admin:workshops_{url_name}_changelist")}"' in html


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_changelist_loads_for_a_chair(chair_client, objects, model):
    response = chair_client.get(reverse(f"admin:workshops_{model}_changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [objects[model]]
    assert escape(str(objects[model])) in html_of(response)


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_add_page_loads_for_a_chair(chair_client, conference, model):
    response = chair_client.get(reverse(f"admin:workshops_{model}_add"))

    assert response.status_code == 200
    assert response.context["adminform"].form.instance.pk is None
    assert '<input type="submit" value="Save" class="default" name="_save">' in html_of(response)


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_change_page_loads_for_a_chair(chair_client, objects, model):
    obj = objects[model]

    response = chair_client.get(reverse(f"admin:workshops_{model}_change", args=[obj.pk]))

    assert response.status_code == 200
    assert response.context["adminform"].form.instance == obj
    assert escape(str(obj)) in html_of(response)


# Workshop changelist: search and filters


@pytest.fixture
def listed_workshops(conference, room):
    other_conference = ConferenceFactory(slug="mlsys-2022", year=2022)
    pacmi = WorkshopFactory(conference=conference, title="PACMI")
    WorkshopOrganizerFactory(workshop=pacmi, organizer=OrganizerFactory(name="Deniz Altınbüken"))
    WorkshopOrganizerFactory(workshop=pacmi, organizer=OrganizerFactory(name="Lyric Doshi"))
    TimeSlotFactory(workshop=pacmi, room=room)
    draft = WorkshopFactory(conference=conference, title="Draft idea", status="draft")
    WorkshopOrganizerFactory(workshop=draft, organizer=OrganizerFactory(name="M. Hadi Amini"))
    WorkshopFactory(conference=other_conference, title="Federated learning")
    return {"conference": conference, "room": room}


def test_workshop_changelist_searches_by_organizer_name(chair_client, listed_workshops):
    response = chair_client.get(reverse("admin:workshops_workshop_changelist"), {"q": "Altınbüken"})

    assert changelist_titles(response) == ["PACMI"]


def test_workshop_changelist_search_by_a_shared_name_lists_each_workshop_once(
    chair_client, listed_workshops
):
    response = chair_client.get(
        reverse("admin:workshops_workshop_changelist"), {"q": "i", "conference": "all"}
    )

    assert sorted(changelist_titles(response)) == ["Draft idea", "Federated learning", "PACMI"]


def test_workshop_changelist_filters_by_conference(chair_client, listed_workshops):
    response = chair_client.get(
        reverse("admin:workshops_workshop_changelist"),
        {"conference": listed_workshops["conference"].pk},
    )

    assert sorted(changelist_titles(response)) == ["Draft idea", "PACMI"]


def test_workshop_changelist_filters_by_status(chair_client, listed_workshops):
    response = chair_client.get(
        reverse("admin:workshops_workshop_changelist"), {"status__exact": "draft"}
    )

    assert changelist_titles(response) == ["Draft idea"]


def test_workshop_changelist_filters_by_room(chair_client, listed_workshops):
    response = chair_client.get(
        reverse("admin:workshops_workshop_changelist"),
        {"slots__room__id__exact": listed_workshops["room"].pk},
    )

    assert changelist_titles(response) == ["PACMI"]


# Adding a workshop with its inlines


def test_workshop_add_saves_organizers_slot_and_agenda(chair_client, conference, room):
    lyric, deniz = OrganizerFactory(name="Lyric Doshi"), OrganizerFactory(name="Deniz Altınbüken")

    response = post_workshop(
        chair_client,
        conference,
        {
            WorkshopOrganizer: [
                {"position": 0, "organizer": deniz.pk},
                {"position": 1, "organizer": lyric.pk},
            ],
            TimeSlot: [{"room": room.pk, **at("start", "08:00"), **at("end", "12:00")}],
            AgendaItem: [
                {
                    "kind": "opening",
                    "title": "Introduction",
                    "speakers": "",
                    "start": "08:00",
                    "end": "08:10",
                },
                {
                    "kind": "invited",
                    "title": "Invited talk",
                    "speakers": "Yingyan (Celine) Lin (Georgia Tech)",
                    "start": "08:10",
                    "end": "08:55",
                },
            ],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:workshops_workshop_changelist")
    workshop = Workshop.objects.get(conference=conference, slug="benchmarking")
    assert workshop.title == "Benchmarking Machine Learning Workloads"
    assert workshop.status == Workshop.Status.PUBLISHED
    assert [link.organizer.name for link in workshop.organizer_links.order_by("position")] == [
        "Deniz Altınbüken",
        "Lyric Doshi",
    ]
    slot = workshop.slots.get()
    assert (slot.room, slot.conference, slot.start, slot.end) == (
        room,
        conference,
        local(THURSDAY, 8),
        local(THURSDAY, 12),
    )
    assert [(i.start, i.end, i.kind, i.title, i.speakers) for i in workshop.agenda_items.all()] == [
        (local(THURSDAY, 8), local(THURSDAY, 8, 10), "opening", "Introduction", ""),
        (
            local(THURSDAY, 8, 10),
            local(THURSDAY, 8, 55),
            "invited",
            "Invited talk",
            "Yingyan (Celine) Lin (Georgia Tech)",
        ),
    ]


def test_workshop_add_reads_times_in_the_venue_time_zone(chair_client, conference, room):
    # STYLE §5: form input is read in the conference's zone, never the server's (UTC).
    response = post_workshop(
        chair_client,
        conference,
        {
            TimeSlot: [{"room": room.pk, **at("start", "08:00"), **at("end", "16:40")}],
            AgendaItem: [
                {
                    "kind": "opening",
                    "title": "Introduction",
                    "speakers": "",
                    "start": "08:00",
                    "end": "08:10",
                }
            ],
        },
    )

    assert response.status_code == 302
    slot = TimeSlot.objects.get(workshop__slug="benchmarking")
    item = AgendaItem.objects.get(workshop__slug="benchmarking")
    assert (slot.start, slot.end) == (local(THURSDAY, 8), local(THURSDAY, 16, 40))
    assert (item.start, item.end) == (local(THURSDAY, 8), local(THURSDAY, 8, 10))


def test_workshop_add_refuses_a_slot_overlapping_another_workshop(chair_client, conference, room):
    other = WorkshopFactory(conference=conference, title="Other workshop")
    TimeSlotFactory(workshop=other, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12))

    response = post_workshop(
        chair_client,
        conference,
        {TimeSlot: [{"room": room.pk, **at("start", "10:00"), **at("end", "14:00")}]},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.instance.pk is None
    assert (
        "Room 241 is already booked at that time: “Other workshop”, Thu 08 Jun 08:00–12:00."
        in html_of(response)
    )
    assert not Workshop.objects.filter(slug="benchmarking").exists()
    assert list(TimeSlot.objects.values_list("workshop__title", flat=True)) == ["Other workshop"]


def test_workshop_add_refuses_two_overlapping_slots_in_one_form(chair_client, conference, room):
    response = post_workshop(
        chair_client,
        conference,
        {
            TimeSlot: [
                {"room": room.pk, **at("start", "08:00"), **at("end", "12:00")},
                {"room": room.pk, **at("start", "11:00"), **at("end", "13:00")},
            ]
        },
    )

    assert response.status_code == 200
    assert (
        "Two of these slots overlap in Room 241: Thu 08 Jun 08:00–12:00 and Thu 08 Jun 11:00–13:00."
        in html_of(response)
    )
    assert not Workshop.objects.exists()
    assert not TimeSlot.objects.exists()


def test_workshop_add_accepts_back_to_back_slots_in_one_room(chair_client, conference, room):
    response = post_workshop(
        chair_client,
        conference,
        {
            TimeSlot: [
                {"room": room.pk, **at("start", "08:00"), **at("end", "12:00")},
                {"room": room.pk, **at("start", "12:00"), **at("end", "16:00")},
            ]
        },
    )

    assert response.status_code == 302
    assert TimeSlot.objects.filter(workshop__slug="benchmarking", room=room).count() == 2


def test_workshop_add_refuses_an_agenda_item_outside_the_slots(chair_client, conference, room):
    response = post_workshop(
        chair_client,
        conference,
        {
            TimeSlot: [{"room": room.pk, **at("start", "08:00"), **at("end", "12:00")}],
            AgendaItem: [
                {
                    "kind": "talk",
                    "title": "Afternoon talk",
                    "speakers": "",
                    "start": "13:00",
                    "end": "13:30",
                }
            ],
        },
    )

    assert response.status_code == 200
    assert (
        "“Afternoon talk” must lie inside one of the workshop&#x27;s slots "
        "(Thu 08:00–12:00, America/New_York time)."
    ) in html_of(response)
    assert not Workshop.objects.exists()
    assert not TimeSlot.objects.exists()
    assert not AgendaItem.objects.exists()


def test_workshop_add_refuses_an_agenda_without_a_slot(chair_client, conference):
    response = post_workshop(
        chair_client,
        conference,
        {
            AgendaItem: [
                {
                    "kind": "talk",
                    "title": "Talk",
                    "speakers": "",
                    "start": "08:00",
                    "end": "08:30",
                }
            ]
        },
    )

    assert response.status_code == 200
    assert "Give the workshop a time slot before adding its agenda." in html_of(response)
    assert not Workshop.objects.exists()


# Conference form


def test_conference_add_saves_a_valid_conference(chair_client, db):
    response = post_conference(chair_client)

    assert response.status_code == 302
    conference = Conference.objects.get(slug="mlsys-2024")
    assert (conference.name, conference.timezone, conference.published) == (
        "MLSys 2024",
        "America/Los_Angeles",
        True,
    )


def test_conference_add_refuses_a_reserved_slug(chair_client, db):
    response = post_conference(chair_client, slug="admin")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "“admin” is one of the site's own addresses; choose another slug."
    ]
    assert "“admin” is one of the site&#x27;s own addresses; choose another slug." in html_of(
        response
    )
    assert not Conference.objects.exists()


def test_conference_add_refuses_an_unknown_time_zone(chair_client, db):
    response = post_conference(chair_client, timezone="Mars/Olympus_Mons")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["timezone"] == [
        "“Mars/Olympus_Mons” is not an IANA time zone; use a name such as America/New_York."
    ]
    assert "“Mars/Olympus_Mons” is not an IANA time zone" in html_of(response)
    assert not Conference.objects.exists()


def test_conference_add_refuses_an_end_before_the_start(chair_client, db):
    response = post_conference(chair_client, end_date="2024-05-12")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end_date"] == [
        "The conference cannot end before it starts."
    ]
    assert not Conference.objects.exists()


# View on site, access


def test_workshop_change_page_shows_times_in_the_venue_time_zone(chair_client, conference, room):
    workshop = WorkshopFactory(conference=conference)
    TimeSlotFactory(
        workshop=workshop, room=room, start=local(THURSDAY, 9, 50), end=local(THURSDAY, 17)
    )

    response = chair_client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))

    html = html_of(response)
    assert re.search(r'name="slots-0-start_1" value="09:50:00"', html)
    assert re.search(r'name="slots-0-end_1" value="17:00:00"', html)
    assert "Times in America/New_York, the venue&#x27;s time zone" in html


def test_workshop_change_page_links_to_the_public_page(chair_client, conference):
    workshop = WorkshopFactory(conference=conference, slug="pacmi")

    response = chair_client.get(reverse("admin:workshops_workshop_change", args=[workshop.pk]))

    link = re.search(r'<a href="([^"]*)" class="viewsitelink">View on site</a>', html_of(response))
    assert link is not None
    assert chair_client.get(link[1])["Location"] == "http://testserver/mlsys-2023/workshops/pacmi/"


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:workshops_workshop_changelist", "admin:workshops_room_add"]
)
def test_admin_redirects_a_user_without_staff_status_to_the_login(client, db, url_name):
    client.force_login(UserFactory(is_staff=False))
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_admin_redirects_an_anonymous_visitor_to_the_login(client, db):
    response = client.get(reverse("admin:workshops_workshop_changelist"))

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/workshops/workshop/"


def test_admin_chair_is_not_a_superuser(chair):
    assert (chair.is_staff, chair.is_superuser) == (True, False)


def test_organizer_add_saves_a_person(chair_client, db):
    url = reverse("admin:workshops_organizer_add")

    response = chair_client.post(
        url,
        {
            "name": "M. Hadi Amini",
            "slug": "m-hadi-amini",
            "affiliation": "",
            "homepage": "",
            "email": "hadi@private.example",
        },
    )

    assert response.status_code == 302
    assert list(Organizer.objects.values_list("name", "email")) == [
        ("M. Hadi Amini", "hadi@private.example")
    ]


def test_room_add_refuses_a_duplicate_name_in_one_conference(chair_client, room):
    response = chair_client.post(
        reverse("admin:workshops_room_add"),
        {
            "conference": room.conference.pk,
            "name": "room 241",
            "slug": "room-241-b",
            "capacity": "",
            "position": 0,
        },
    )

    assert response.status_code == 200
    assert "This conference already has a room of that name." in html_of(response)
    assert list(Room.objects.values_list("name", flat=True)) == ["Room 241"]
