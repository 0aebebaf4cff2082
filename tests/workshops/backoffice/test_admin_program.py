"""The chairs' program tools in the admin: the conflicts page, releases with their preview,
the bulk actions on workshops and the copy-forward, for a chair and against every other role."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from lxml import html as lxml_html

from accounts.roles import WORKSHOP_ORGANIZERS
from tests.admin_forms import form_values
from tests.factories import (
    AgendaItemFactory,
    ChairFactory,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    chair_of,
    local,
)
from workshops.models import Conference, Release, Room, TimeSlot, Workshop
from workshops.program import releases

THURSDAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York
CHANGELIST = "admin:workshops_workshop_changelist"


@pytest.fixture
def program(db):
    """MLSys 2023 (rooms 241 and 238, two scheduled workshops and an unscheduled draft) and
    another conference with a workshop of its own."""
    mlsys = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023", year=2023)
    other = ConferenceFactory(name="Other Summit 2023", slug="other-2023")
    room_241 = RoomFactory(conference=mlsys, name="Room 241", slug="room-241", position=1)
    room_238 = RoomFactory(conference=mlsys, name="Room 238", slug="room-238", position=2)
    bench = WorkshopFactory(conference=mlsys, title="Benchmarking", slug="bench")
    pacmi = WorkshopFactory(conference=mlsys, title="PACMI", slug="pacmi")
    idea = WorkshopFactory(conference=mlsys, title="Idea", slug="idea", status="draft")
    foreign = WorkshopFactory(conference=other, title="Foreign workshop", slug="foreign")
    TimeSlotFactory(
        workshop=bench, room=room_238, start=local(THURSDAY, 9), end=local(THURSDAY, 12)
    )
    TimeSlotFactory(
        workshop=pacmi, room=room_241, start=local(THURSDAY, 8), end=local(THURSDAY, 12)
    )
    TimeSlotFactory(
        workshop=foreign,
        room=RoomFactory(conference=other, name="Hall A", slug="hall-a"),
        start=local(THURSDAY, 8),
        end=local(THURSDAY, 12),
    )
    return {
        "mlsys": mlsys,
        "other": other,
        "room_241": room_241,
        "room_238": room_238,
        "bench": bench,
        "pacmi": pacmi,
        "idea": idea,
        "foreign": foreign,
    }


@pytest.fixture
def mlsys_chair(program):
    chair = ChairFactory(username="mlsys-chair")
    program["mlsys"].chairs.add(chair)
    return chair


@pytest.fixture
def mlsys_chair_client(client, mlsys_chair):
    client.force_login(mlsys_chair)
    return client


@pytest.fixture
def other_chair_client(client, program):
    chair = ChairFactory(username="other-chair")
    program["other"].chairs.add(chair)
    client.force_login(chair)
    return client


@pytest.fixture
def organizer_client(client, program):
    """Signed in as an organizer of Benchmarking and of the Idea draft."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=WORKSHOP_ORGANIZERS))
    person = OrganizerFactory(name="Tom St John", user=user)
    WorkshopOrganizerFactory(workshop=program["bench"], organizer=person)
    WorkshopOrganizerFactory(workshop=program["idea"], organizer=person)
    client.force_login(user)
    return client


def change_url(obj) -> str:
    return reverse(f"admin:workshops_{obj._meta.model_name}_change", args=[obj.pk])


def conflicts_url(conference) -> str:
    return reverse("admin:workshops_conference_conflicts", args=[conference.pk])


NEXT_EDITION = {
    "name": "MLSys 2024",
    "slug": "mlsys-2024",
    "year": "2024",
    "start_date": "2024-05-13",
    "end_date": "2024-05-16",
    "continue_series": "on",
}


def copy_forward_url(conference) -> str:
    return reverse("admin:workshops_conference_copy_forward", args=[conference.pk])


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


def statuses() -> dict[str, str]:
    return dict(Workshop.objects.values_list("slug", "status"))


def slot_rows() -> list[tuple]:
    return sorted(TimeSlot.objects.values_list("workshop__slug", "room__name", "start", "end"))


def run_action(client, action: str, *workshops, query: str = "", **extra):
    data = {"action": action, "_selected_action": [w.pk for w in workshops], "index": "0"}
    return client.post(reverse(CHANGELIST) + query, data | extra)


def current_slots(html: str) -> list[list[str]]:
    page = lxml_html.fromstring(html)
    return [
        [cell.text_content() for cell in row.xpath("./td")]
        for row in page.xpath('//table[@id="move-slots"]/tbody/tr')
    ]


def intermediate_form(response) -> dict[str, str | list[str]]:
    """What a browser submits from the move page's form, unchanged."""
    (form,) = lxml_html.fromstring(response.content.decode()).xpath(
        '//div[@id="content-main"]//form'
    )
    values: dict[str, str | list[str]] = {}
    for name, value in form.form_values():
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
    return values


# The conflicts page


def test_conflicts_page_lists_each_conflict_with_a_link_to_fix_it(mlsys_chair_client, program):
    person = OrganizerFactory(name="Tom St John")
    WorkshopOrganizerFactory(workshop=program["bench"], organizer=person)
    WorkshopOrganizerFactory(workshop=program["pacmi"], organizer=person)

    response = mlsys_chair_client.get(conflicts_url(program["mlsys"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert [(c.kind, url) for c, url in response.context["rows"]] == [
        ("organizer-clash", change_url(person)),
        ("unscheduled", change_url(program["idea"])),
    ]
    assert re.findall(
        r'<tr class="conflict conflict--([\w-]+)"><td>(.*?)</td><td>(.*?)</td>', html
    ) == [
        (
            "organizer-clash",
            "Organizer in two places at once",
            f'<a href="{change_url(person)}">Tom St John organizes “Benchmarking” '
            "(Thu 08 Jun 9:00–12:00) and “PACMI” (Thu 08 Jun 8:00–12:00).</a>",
        ),
        (
            "unscheduled",
            "Workshop without a slot",
            f'<a href="{change_url(program["idea"])}">“Idea” has no time slot.</a>',
        ),
    ]
    assert "2 things to look at." in html


def test_conflicts_page_of_a_clean_program_says_so(mlsys_chair_client, program):
    program["idea"].delete()

    response = mlsys_chair_client.get(conflicts_url(program["mlsys"]))

    assert response.context["rows"] == []
    assert "No conflicts: no room booked twice" in response.content.decode()


OUTSIDERS = ["other_chair_client", "organizer_client"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_conflicts_page_shows_nothing_to_outsiders(request, program, who):
    client = request.getfixturevalue(who)

    response = client.get(conflicts_url(program["mlsys"]))

    assert response.status_code != 200
    assert "rows" not in (response.context or {})
    assert "Idea" not in response.content.decode()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_conflicts_page_redirects_outsiders_to_the_admin_index(request, program, who):
    client = request.getfixturevalue(who)

    response = client.get(conflicts_url(program["mlsys"]))

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))


# The conference's change page


def test_conference_page_shows_the_program_tools_and_unreleased_changes(
    mlsys_chair_client, program
):
    mlsys = program["mlsys"]

    response = mlsys_chair_client.get(change_url(mlsys))

    html = response.content.decode()
    assert "Changes since the last release" in html
    assert (
        "<li>Benchmarking: Added to the program.</li><li>PACMI: Added to the program.</li>" in html
    )
    assert (
        f'<a href="{conflicts_url(mlsys)}">Check the program for conflicts</a> · '
        f'<a href="/admin/workshops/release/add/?conference={mlsys.pk}">Release the schedule</a> · '
        f'<a href="{copy_forward_url(mlsys)}">Start the next edition</a>'
    ) in html


def test_conference_page_after_a_release_shows_no_unreleased_change(
    mlsys_chair_client, program, mlsys_chair
):
    releases.release_save(
        release=Release(conference=program["mlsys"], version="1.0"), user=mlsys_chair
    )

    response = mlsys_chair_client.get(change_url(program["mlsys"]))

    assert "None: the public program is as last released." in response.content.decode()


# Releases


def release_add_url(conference=None) -> str:
    url = reverse("admin:workshops_release_add")
    return f"{url}?conference={conference.pk}" if conference else url


def test_release_add_page_previews_the_changes_it_publishes(mlsys_chair_client, program):
    response = mlsys_chair_client.get(release_add_url(program["mlsys"]))

    html = response.content.decode()
    assert response.context["preview_conference"] == program["mlsys"]
    assert [(c.kind, c.slug) for c in response.context["preview_changes"]] == [
        ("added", "bench"),
        ("added", "pacmi"),
    ]
    assert "What this release publishes for MLSys 2023" in html
    assert "<li>Benchmarking: Added to the program.</li>" in html
    assert form_values(html, "release_form")["conference"] == str(program["mlsys"].pk)


def test_release_add_page_previews_nothing_for_another_chairs_conference(
    mlsys_chair_client, program
):
    response = mlsys_chair_client.get(release_add_url(program["other"]))

    assert (response.context["preview_conference"], response.context["preview_changes"]) == (
        None,
        None,
    )
    assert "Open this page from a conference" in response.content.decode()


def test_release_add_creates_the_release_with_its_author_and_snapshot(
    mlsys_chair_client, program, mlsys_chair
):
    url = release_add_url(program["mlsys"])
    data = form_values(mlsys_chair_client.get(url).content.decode(), "release_form") | {
        "version": "1.0",
        "comment": "The first program.",
    }

    response = mlsys_chair_client.post(url, data)

    assert response.status_code == 302
    created = Release.objects.get()
    assert (created.conference, created.version, created.comment, created.created_by) == (
        program["mlsys"],
        "1.0",
        "The first program.",
        mlsys_chair,
    )
    assert sorted(created.snapshot["workshops"]) == ["bench", "pacmi"]
    assert releases.unreleased_changes(program["mlsys"]) == []


def test_release_add_refuses_a_duplicate_version(mlsys_chair_client, program, mlsys_chair):
    releases.release_save(
        release=Release(conference=program["mlsys"], version="1.0"), user=mlsys_chair
    )
    url = release_add_url(program["mlsys"])
    data = form_values(mlsys_chair_client.get(url).content.decode(), "release_form") | {
        "version": "1.0"
    }

    response = mlsys_chair_client.post(url, data)

    assert response.status_code == 200
    assert "This conference already has a release of that version." in response.content.decode()
    assert Release.objects.count() == 1


def test_release_add_refuses_another_chairs_conference(mlsys_chair_client, program):
    response = mlsys_chair_client.post(
        release_add_url(), {"conference": program["other"].pk, "version": "1.0"}
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Release.objects.count() == 0


def test_release_change_page_is_read_only_and_shows_what_changed(
    mlsys_chair_client, program, mlsys_chair
):
    mlsys = program["mlsys"]
    releases.release_save(release=Release(conference=mlsys, version="1.0"), user=mlsys_chair)
    program["bench"].slots.update(
        room=program["room_241"], start=local(THURSDAY, 13), end=local(THURSDAY, 16)
    )
    second = releases.release_save(
        release=Release(conference=mlsys, version="1.1", comment="Moved."), user=mlsys_chair
    )

    page = mlsys_chair_client.get(change_url(second))
    post = mlsys_chair_client.post(change_url(second), {"version": "9.9", "comment": "Edited"})

    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="_save"' not in html
    assert 'name="version"' not in html
    assert (
        "<li>Benchmarking: Moved from Room 238 at Thu 9:00; now Thu 13:00–16:00 in Room 241.</li>"
        in html
    )
    assert post.status_code == 403
    second.refresh_from_db()
    assert (second.version, second.comment) == ("1.1", "Moved.")


def test_release_change_page_of_another_conference_is_absent(other_chair_client, program):
    release = releases.release_save(
        release=Release(conference=program["mlsys"], version="1.0"), user=None
    )

    response = other_chair_client.get(change_url(release))

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))


# Bulk status actions


def test_publish_action_publishes_the_selected_workshops(mlsys_chair_client, program):
    program["pacmi"].status = Workshop.Status.DRAFT
    program["pacmi"].save()

    response = run_action(mlsys_chair_client, "set_published", program["pacmi"], program["idea"])

    assert response.status_code == 302
    assert messages_of(response) == ["2 workshop(s) published."]
    assert statuses() == {
        "bench": "published",
        "pacmi": "published",
        "idea": "published",
        "foreign": "published",
    }


def test_unpublish_action_sends_workshops_back_to_draft(mlsys_chair_client, program):
    response = run_action(mlsys_chair_client, "set_draft", program["bench"], program["idea"])

    assert messages_of(response) == ["1 workshop(s) unpublished (back to draft)."]
    assert statuses() == {
        "bench": "draft",
        "pacmi": "published",
        "idea": "draft",
        "foreign": "published",
    }


def test_cancel_action_cancels_the_selected_workshops(mlsys_chair_client, program):
    response = run_action(mlsys_chair_client, "set_cancelled", program["bench"])

    assert messages_of(response) == ["1 workshop(s) cancelled."]
    assert statuses() == {
        "bench": "cancelled",
        "pacmi": "published",
        "idea": "draft",
        "foreign": "published",
    }


def test_status_action_cannot_reach_another_conferences_workshop(mlsys_chair_client, program):
    response = run_action(mlsys_chair_client, "set_cancelled", program["foreign"])

    assert messages_of(response) == ["0 workshop(s) cancelled."]
    assert statuses()["foreign"] == "published"


@pytest.mark.parametrize("action", ["set_published", "set_draft", "set_cancelled", "move"])
def test_organizer_cannot_run_schedule_actions_on_their_workshop(organizer_client, program, action):
    before_statuses, before_slots = statuses(), slot_rows()

    response = run_action(organizer_client, action, program["bench"], program["idea"])

    assert response.status_code == 302
    assert messages_of(response) == ["You may not change the schedule of: Benchmarking, Idea."]
    assert (statuses(), slot_rows()) == (before_statuses, before_slots)


def test_organizer_cannot_apply_a_move_either(organizer_client, program):
    before = slot_rows()

    response = run_action(
        organizer_client,
        "move",
        program["bench"],
        apply="1",
        room=str(program["room_241"].pk),
        start="10:00",
    )

    assert messages_of(response) == ["You may not change the schedule of: Benchmarking."]
    assert slot_rows() == before


# The move action


def test_move_action_shows_an_intermediate_form(mlsys_chair_client, program):
    response = run_action(mlsys_chair_client, "move", program["bench"], program["pacmi"])

    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "admin/workshops/move.html"
    assert response.context["workshops"] == [program["bench"], program["pacmi"]]
    assert list(response.context["form"].fields["room"].queryset) == [
        program["room_241"],
        program["room_238"],
    ]
    assert intermediate_form(response) == {
        "csrfmiddlewaretoken": intermediate_form(response)["csrfmiddlewaretoken"],
        "_selected_action": [str(program["bench"].pk), str(program["pacmi"].pk)],
        "action": "move",
        "apply": "1",
        "room": "",
    }
    assert current_slots(html) == [
        ["PACMI", "Thu 8 Jun · 8:00–12:00 EDT", "Room 241"],
        ["Benchmarking", "Thu 8 Jun · 9:00–12:00 EDT", "Room 238"],
    ]
    assert "Days and times in America/New_York, the venue&#x27;s time zone" in html


def test_move_action_moves_the_first_slot_to_a_start_time_and_the_rest_with_it(
    mlsys_chair_client, program
):
    AgendaItemFactory(workshop=program["bench"], title="Opening", start=local(THURSDAY, 9))
    page = run_action(mlsys_chair_client, "move", program["bench"], program["pacmi"])
    data = intermediate_form(page) | {"start": "07:30"}

    response = mlsys_chair_client.post(reverse(CHANGELIST), data)

    assert response.status_code == 302
    assert messages_of(response) == ["2 slot(s) moved."]
    assert slot_rows() == [
        ("bench", "Room 238", local(THURSDAY, 8, 30), local(THURSDAY, 11, 30)),
        ("foreign", "Hall A", local(THURSDAY, 8), local(THURSDAY, 12)),
        ("pacmi", "Room 241", local(THURSDAY, 7, 30), local(THURSDAY, 11, 30)),
    ]
    assert list(program["bench"].agenda_items.values_list("start", flat=True)) == [
        local(THURSDAY, 8, 30)
    ]


def test_move_action_applies_a_room_change(mlsys_chair_client, program):
    page = run_action(mlsys_chair_client, "move", program["bench"])
    data = intermediate_form(page) | {"room": str(program["room_241"].pk), "start": "13:00"}

    response = mlsys_chair_client.post(reverse(CHANGELIST), data)

    assert messages_of(response) == ["1 slot(s) moved."]
    assert program["bench"].slots.values_list("room__name", "start").get() == (
        "Room 241",
        local(THURSDAY, 13),
    )


def test_move_action_refuses_a_clash_and_changes_nothing(mlsys_chair_client, program):
    before = slot_rows()
    page = run_action(mlsys_chair_client, "move", program["bench"])
    data = intermediate_form(page) | {"room": str(program["room_241"].pk)}

    response = mlsys_chair_client.post(reverse(CHANGELIST), data)

    assert response.status_code == 302
    assert messages_of(response) == [
        "Benchmarking: Room 241 is already booked at that time: “PACMI”, Thu 08 Jun 08:00–12:00.",
        "Nothing was changed.",
    ]
    assert slot_rows() == before


def test_move_action_shows_the_form_again_on_bad_input(mlsys_chair_client, program):
    page = run_action(mlsys_chair_client, "move", program["bench"])
    data = intermediate_form(page) | {"start": "later", "day": "Thursday"}

    response = mlsys_chair_client.post(reverse(CHANGELIST), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "day": ["Enter a valid date."],
        "start": ["Enter a valid time."],
    }


def test_move_action_asks_for_a_day_a_time_or_a_room(mlsys_chair_client, program):
    page = run_action(mlsys_chair_client, "move", program["bench"])

    response = mlsys_chair_client.post(reverse(CHANGELIST), intermediate_form(page))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Choose a new day, a new start time or a new room."]
    }


def test_move_action_moves_to_another_day_keeping_the_time_and_length(mlsys_chair_client, program):
    wednesday = THURSDAY - dt.timedelta(days=1)
    page = run_action(mlsys_chair_client, "move", program["bench"])
    data = intermediate_form(page) | {"day": wednesday.isoformat()}

    response = mlsys_chair_client.post(reverse(CHANGELIST), data)

    assert messages_of(response) == ["1 slot(s) moved."]
    assert program["bench"].slots.values_list("room__name", "start", "end").get() == (
        "Room 238",
        local(wednesday, 9),
        local(wednesday, 12),
    )


def test_move_action_reads_the_day_and_time_in_the_venues_zone(client, db):
    pacific = ZoneInfo("America/Los_Angeles")
    conference = ConferenceFactory(timezone="America/Los_Angeles")
    day = conference.end_date
    slot = TimeSlotFactory(
        workshop__conference=conference,
        start=local(day, 9, tz=pacific),
        end=local(day, 10, 30, tz=pacific),
    )
    client.force_login(chair_of(conference))
    page = run_action(client, "move", slot.workshop)
    data = intermediate_form(page) | {
        "day": (day - dt.timedelta(days=2)).isoformat(),
        "start": "14:15",
    }

    client.post(reverse(CHANGELIST), data)

    slot.refresh_from_db()
    moved = day - dt.timedelta(days=2)
    assert (slot.start, slot.end) == (
        local(moved, 14, 15, tz=pacific),
        local(moved, 15, 45, tz=pacific),
    )


def test_move_action_says_when_no_selected_workshop_has_a_slot(mlsys_chair_client, program):
    response = run_action(mlsys_chair_client, "move", program["idea"])

    assert response.status_code == 302
    assert messages_of(response) == ["None of the selected workshops has a slot to move."]


def test_move_action_offers_no_room_of_another_conference(mlsys_chair_client, program):
    before = slot_rows()
    page = run_action(mlsys_chair_client, "move", program["bench"])
    hall = program["foreign"].slots.get().room
    data = intermediate_form(page) | {"room": str(hall.pk)}

    response = mlsys_chair_client.post(reverse(CHANGELIST), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "room": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert slot_rows() == before


def test_move_action_refuses_workshops_of_two_conferences(client, program):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)

    response = run_action(
        client, "move", program["bench"], program["foreign"], query="?conference=all"
    )

    assert messages_of(response) == [
        "A move stays within one conference; these workshops belong to MLSys 2023 and "
        "Other Summit 2023. Filter the list to one conference first.",
        "Nothing was changed.",
    ]


# Copy-forward


def test_copy_forward_page_proposes_the_next_year(mlsys_chair_client, program):
    response = mlsys_chair_client.get(copy_forward_url(program["mlsys"]))

    form = response.context["form"]
    assert response.status_code == 200
    assert (form["name"].value(), form["slug"].value(), form["year"].value()) == (
        "MLSys 2024",
        "mlsys-2024",
        2024,
    )
    assert form["continue_series"].value() is True


def test_copy_forward_creates_the_next_edition(mlsys_chair_client, program, mlsys_chair):
    response = mlsys_chair_client.post(copy_forward_url(program["mlsys"]), NEXT_EDITION)

    edition = Conference.objects.get(slug="mlsys-2024")
    assert (response.status_code, response["Location"]) == (302, change_url(edition))
    assert messages_of(response) == [
        "MLSys 2024 is ready, unpublished, with the rooms of MLSys 2023."
    ]
    assert edition.published is False
    assert list(edition.chairs.all()) == [mlsys_chair]
    assert list(edition.rooms.values_list("name", flat=True)) == ["Room 241", "Room 238"]
    assert sorted(edition.workshops.values_list("slug", "status")) == [
        ("bench", "draft"),
        ("pacmi", "draft"),
    ]


def test_copy_forward_says_how_many_cancelled_workshops_it_left_behind(mlsys_chair_client, program):
    program["pacmi"].status = Workshop.Status.CANCELLED
    program["pacmi"].save()
    response = mlsys_chair_client.post(copy_forward_url(program["mlsys"]), NEXT_EDITION)

    edition = Conference.objects.get(slug="mlsys-2024")
    assert messages_of(response) == [
        "MLSys 2024 is ready, unpublished, with the rooms of MLSys 2023.",
        "1 cancelled workshop(s) of MLSys 2023 left behind.",
    ]
    assert list(edition.workshops.values_list("slug", flat=True)) == ["bench"]


def test_copy_forward_refuses_a_taken_slug(mlsys_chair_client, program):
    data = {
        "name": "MLSys 2024",
        "slug": "other-2023",
        "year": "2024",
        "start_date": "2024-05-13",
        "end_date": "2024-05-16",
    }
    counts = (Conference.objects.count(), Room.objects.count())

    response = mlsys_chair_client.post(copy_forward_url(program["mlsys"]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "slug": ["Conference with this Slug already exists."]
    }
    assert (Conference.objects.count(), Room.objects.count()) == counts


HIJACK = {
    "name": "Hijack 2024",
    "slug": "hijack-2024",
    "year": "2024",
    "start_date": "2024-05-13",
    "end_date": "2024-05-16",
}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_copy_forward_creates_nothing_for_outsiders(request, program, who):
    client = request.getfixturevalue(who)

    page = client.get(copy_forward_url(program["mlsys"]))
    post = client.post(copy_forward_url(program["mlsys"]), HIJACK)

    assert 200 not in {page.status_code, post.status_code}
    assert not Conference.objects.filter(slug="hijack-2024").exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_copy_forward_redirects_outsiders_to_the_admin_index(request, program, who):
    client = request.getfixturevalue(who)

    response = client.post(copy_forward_url(program["mlsys"]), HIJACK)

    assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))
