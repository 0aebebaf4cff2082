"""The schedule board: who reads it, who changes it, and each drop through the slot rules."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    chair_of,
    local,
    organizer_of,
    staff_reader,
)
from workshops.models import AgendaItem, TimeSlot, Workshop
from workshops.program import fingerprints

THURSDAY = dt.date(2023, 6, 8)


@pytest.fixture
def program(db):
    """MLSys 2023 (venue 8:00–18:00) with two rooms, a scheduled workshop with an agenda item,
    a draft without a slot, a lunch across every room; and another edition."""
    mlsys = ConferenceFactory(
        name="MLSys 2023", slug="mlsys-2023", venue_opens=dt.time(8), venue_closes=dt.time(18)
    )
    room_241 = RoomFactory(conference=mlsys, name="Room 241", capacity=40)
    room_242 = RoomFactory(conference=mlsys, name="Room 242", capacity=10)
    scheduled = WorkshopFactory(conference=mlsys, title="Benchmarking", expected_attendance=30)
    slot = TimeSlotFactory(
        workshop=scheduled,
        room=room_241,
        start=local(THURSDAY, 9),
        end=local(THURSDAY, 10),
    )
    AgendaItemFactory(workshop=scheduled, start=local(THURSDAY, 9), end=local(THURSDAY, 9, 30))
    draft = WorkshopFactory(conference=mlsys, title="Federated", status=Workshop.Status.DRAFT)
    TimeSlotFactory(
        workshop=None,
        conference=mlsys,
        room=None,
        title="Lunch",
        start=local(THURSDAY, 12),
        end=local(THURSDAY, 13),
    )
    other = ConferenceFactory(name="Other 2023", slug="other-2023")
    foreign_room = RoomFactory(conference=other, name="Hall A")
    foreign_slot = TimeSlotFactory(
        workshop=WorkshopFactory(conference=other),
        room=foreign_room,
        start=local(THURSDAY, 9),
        end=local(THURSDAY, 10),
    )
    return {
        "mlsys": mlsys,
        "room_241": room_241,
        "room_242": room_242,
        "scheduled": scheduled,
        "slot": slot,
        "draft": draft,
        "other": other,
        "foreign_room": foreign_room,
        "foreign_slot": foreign_slot,
    }


def board_url(conference, day=THURSDAY) -> str:
    return reverse("admin:workshops_conference_board", args=[conference.pk]) + f"?day={day}"


def drop_url(conference) -> str:
    return reverse("admin:workshops_conference_board_drop", args=[conference.pk])


def drop(client, program, **fields):
    slot = fields.pop("slot", program["slot"])
    data = {"day": str(THURSDAY), **fields}
    if "workshop" not in data and slot is not None:
        data.setdefault("slot", slot.pk)
        data.setdefault("opened", fingerprints.fingerprint(TimeSlot.objects.get(pk=slot.pk)))
    return client.post(drop_url(program["mlsys"]), data)


@pytest.fixture
def mlsys_chair(program, client):
    client.force_login(chair_of(program["mlsys"]))
    return client


# Who reads and who changes the board.


def test_chair_sees_the_board_with_every_slot_and_the_side_list(mlsys_chair, program):
    page = mlsys_chair.get(board_url(program["mlsys"]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-editable="true"' in html
    assert f'id="slot-{program["slot"].pk}"' in html
    assert "Lunch" in html and "grid-column: 2 / -1" in html  # the plenary item spans the rooms
    assert f'data-workshop="{program["draft"].pk}"' in html  # the draft without a slot
    assert "Room 241" in html and "Room 242" in html
    assert 'href="/admin/workshops/workshop/' in html  # a card opens its workshop


@pytest.mark.parametrize("who", ["organizer", "staff"])
def test_organizers_and_staff_read_the_board_and_cannot_drop(program, client, who):
    user = organizer_of(program["scheduled"]) if who == "organizer" else staff_reader()
    client.force_login(user)

    page = client.get(board_url(program["mlsys"]))
    refused = drop(client, program, room=program["room_242"].pk, start="11:00")

    assert page.status_code == 200
    assert 'data-editable="false"' in page.content.decode()
    assert 'tabindex="0" aria-describedby="board-help"' not in page.content.decode()
    assert refused.status_code == 403
    assert refused.json()["error"] == "You may read this board, not change it."
    program["slot"].refresh_from_db()
    assert program["slot"].room == program["room_241"]


def test_others_are_refused_or_sent_to_sign_in(program, client):
    anonymous_page = client.get(board_url(program["mlsys"]))
    anonymous_drop = client.post(drop_url(program["mlsys"]), {})
    client.force_login(chair_of(program["other"]))  # a chair of another edition
    other_chair = client.get(board_url(program["mlsys"]))
    other_drop = drop(client, program, room=program["room_242"].pk, start="11:00")
    client.force_login(UserFactory(is_staff=True))  # in no role
    no_role = client.get(board_url(program["mlsys"]))

    assert anonymous_page.status_code == 302 and "/admin/login/" in anonymous_page["Location"]
    assert anonymous_drop.status_code == 302
    assert other_chair.status_code == 403
    assert other_drop.status_code == 403
    assert no_role.status_code == 403


def test_the_board_is_a_post_only_endpoint_for_drops(mlsys_chair, program):
    assert mlsys_chair.get(drop_url(program["mlsys"])).status_code == 405


def test_the_conference_page_links_the_board(mlsys_chair, program):
    page = mlsys_chair.get(reverse("admin:workshops_conference_change", args=[program["mlsys"].pk]))

    assert reverse("admin:workshops_conference_board", args=[program["mlsys"].pk]) in (
        page.content.decode()
    )


# Drops.


def test_a_drop_moves_a_slot_to_another_room_and_time_with_its_agenda(mlsys_chair, program):
    answer = drop(mlsys_chair, program, room=program["room_242"].pk, start="14:05")

    slot = TimeSlot.objects.get(pk=program["slot"].pk)
    item = AgendaItem.objects.get(workshop=program["scheduled"])
    assert answer.status_code == 200 and answer.json() == {"ok": True, "slot": slot.pk}
    assert (slot.room, slot.start, slot.end) == (
        program["room_242"],
        local(THURSDAY, 14, 5),
        local(THURSDAY, 15, 5),
    )
    assert (item.start, item.end) == (local(THURSDAY, 14, 5), local(THURSDAY, 14, 35))


def test_a_drop_on_its_edge_changes_the_length_and_leaves_the_agenda(mlsys_chair, program):
    answer = drop(mlsys_chair, program, room=program["room_241"].pk, start="09:00", end="11:30")

    slot = TimeSlot.objects.get(pk=program["slot"].pk)
    item = AgendaItem.objects.get(workshop=program["scheduled"])
    assert answer.status_code == 200
    assert (slot.start, slot.end) == (local(THURSDAY, 9), local(THURSDAY, 11, 30))
    assert item.start == local(THURSDAY, 9)


def test_a_workshop_from_the_side_list_is_scheduled_for_an_hour(mlsys_chair, program):
    answer = drop(
        mlsys_chair, program, slot=None, workshop=program["draft"].pk,
        room=program["room_242"].pk, start="10:00",
    )  # fmt: skip

    slot = TimeSlot.objects.get(workshop=program["draft"])
    assert answer.status_code == 200 and answer.json()["slot"] == slot.pk
    assert (slot.room, slot.start, slot.end) == (
        program["room_242"],
        local(THURSDAY, 10),
        local(THURSDAY, 11),
    )
    assert slot.conference == program["mlsys"]


def test_a_clash_is_refused_with_the_slot_forms_message(mlsys_chair, program):
    other = TimeSlotFactory(
        workshop=WorkshopFactory(conference=program["mlsys"], title="Systems for ML"),
        room=program["room_242"],
        start=local(THURSDAY, 14),
        end=local(THURSDAY, 16),
    )
    form_message = (
        "Room 242 is already booked at that time: “Systems for ML”, Thu 08 Jun 14:00–16:00."
    )
    form_page = mlsys_chair.post(
        reverse("admin:workshops_timeslot_change", args=[program["slot"].pk]),
        {
            "conference": program["mlsys"].pk,
            "workshop": program["scheduled"].pk,
            "room": program["room_242"].pk,
            "start_0": "2023-06-08",
            "start_1": "15:00",
            "end_0": "2023-06-08",
            "end_1": "16:00",
            "opened_fingerprint": fingerprints.fingerprint(
                TimeSlot.objects.get(pk=program["slot"].pk)
            ),
        },
    )

    answer = drop(mlsys_chair, program, room=program["room_242"].pk, start="15:00")

    assert form_message in form_page.content.decode().replace("&ldquo;", "“").replace(
        "&rdquo;", "”"
    )
    assert answer.status_code == 409
    assert answer.json() == {"ok": False, "error": form_message}
    program["slot"].refresh_from_db()
    assert program["slot"].room == program["room_241"]
    assert other.start == local(THURSDAY, 14)


def test_a_drop_on_a_board_no_longer_current_names_who_changed_what(mlsys_chair, program):
    opened = fingerprints.fingerprint(TimeSlot.objects.get(pk=program["slot"].pk))
    rival = chair_of(program["mlsys"])
    rival.first_name, rival.last_name = "Ana", "Ruiz"
    rival.save()
    rival_client = type(mlsys_chair)()
    rival_client.force_login(rival)
    first = drop(rival_client, program, room=program["room_242"].pk, start="11:00")

    stale = drop(mlsys_chair, program, room=program["room_241"].pk, start="15:00", opened=opened)

    assert first.status_code == 200
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error.startswith(
        "This time slot of “Benchmarking” was changed by someone else since you opened it "
        "(by Ana Ruiz at "
    )
    assert "nothing of yours was saved" in error
    slot = TimeSlot.objects.get(pk=program["slot"].pk)
    assert (slot.room, slot.start) == (program["room_242"], local(THURSDAY, 11))


def test_a_side_list_drop_of_a_workshop_scheduled_meanwhile_is_refused(mlsys_chair, program):
    rival = chair_of(program["mlsys"])
    rival_client = type(mlsys_chair)()
    rival_client.force_login(rival)
    fields = {"slot": None, "workshop": program["draft"].pk, "room": program["room_242"].pk}
    drop(rival_client, program, **fields, start="10:00")

    again = drop(mlsys_chair, program, **fields, start="15:00")

    assert again.status_code == 409
    assert again.json()["error"].startswith(
        "“Federated” was scheduled by someone else since you opened this page "
        f"(by {rival.username} at "
    )
    assert TimeSlot.objects.filter(workshop=program["draft"]).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": "09:03"}, "Times on the board go in steps of 5 minutes."),
        ({"start": "9 o'clock"}, "Enter a valid time."),
        ({"start": "10:00", "end": "11:02"}, "Times on the board go in steps of 5 minutes."),
        ({"slot": "abc"}, "Enter a whole number."),
        ({"slot": "999999"}, "That slot is not on MLSys 2023's board."),
        ({"day": "2023-07-01"}, "That day is not one of MLSys 2023's days."),
        ({"day": "June"}, "Enter a valid date."),
        ({"room": "999999"}, "That room is not one of MLSys 2023's rooms."),
        ({"workshop": "1"}, "Drop one card: a slot or a workshop from the side list."),
        ({"opened": ""}, "A slot's drop says how the board showed it; reload the board."),
    ],
)
def test_bad_input_is_a_clear_400(mlsys_chair, program, fields, message):
    data = {
        "slot": program["slot"].pk,
        "room": program["room_242"].pk,
        "day": str(THURSDAY),
        "start": "11:00",
        "opened": fingerprints.fingerprint(TimeSlot.objects.get(pk=program["slot"].pk)),
        **fields,
    }

    answer = mlsys_chair.post(drop_url(program["mlsys"]), data)

    assert answer.status_code == 400
    assert message in answer.json()["error"]
    program["slot"].refresh_from_db()
    assert program["slot"].start == local(THURSDAY, 9)


def test_a_foreign_conferences_slot_or_room_is_refused(mlsys_chair, program):
    foreign_slot = drop(
        mlsys_chair, program, slot=program["foreign_slot"], room=program["room_242"].pk,
        start="11:00",
    )  # fmt: skip
    foreign_room = drop(mlsys_chair, program, room=program["foreign_room"].pk, start="11:00")

    assert foreign_slot.status_code == 400
    assert foreign_slot.json()["error"] == "That slot is not on MLSys 2023's board."
    assert foreign_room.status_code == 400
    assert foreign_room.json()["error"] == "That room is not one of MLSys 2023's rooms."


def test_a_drop_outside_the_conferences_day_is_refused_by_the_rule(mlsys_chair, program):
    answer = drop(mlsys_chair, program, room=program["room_242"].pk, start="23:30")

    assert answer.status_code == 409
    assert "lies outside MLSys 2023's dates" in answer.json()["error"]


def test_the_board_marks_the_program_checks_on_its_cards(mlsys_chair, program):
    TimeSlot.objects.filter(pk=program["slot"].pk).update(room=program["room_242"])
    person = OrganizerFactory(name="Tom St John")
    WorkshopOrganizerFactory(workshop=program["scheduled"], organizer=person)
    clashing = WorkshopFactory(conference=program["mlsys"], title="Compilers")
    WorkshopOrganizerFactory(workshop=clashing, organizer=person)
    TimeSlotFactory(
        workshop=clashing,
        room=program["room_241"],
        start=local(THURSDAY, 9, 30),
        end=local(THURSDAY, 19),
    )

    html = mlsys_chair.get(board_url(program["mlsys"])).content.decode()

    assert "“Benchmarking” expects 30 people; Room 242 holds 10." in html
    assert "Tom St John organizes" in html
    assert "is outside the venue&#x27;s hours (08:00–18:00)" in html
    assert html.count("board-card--problem") == 2


def test_a_drop_costs_the_same_queries_whatever_the_size_of_the_board(
    mlsys_chair, program, django_assert_num_queries
):
    """A move of a slot with one agenda item: the same count on a board of 3 and of 13 slots."""

    def move(start):
        slot = TimeSlot.objects.get(pk=program["slot"].pk)
        data = {
            "slot": slot.pk,
            "opened": fingerprints.fingerprint(slot),
            "day": str(THURSDAY),
            "room": program["room_242"].pk,
            "start": start,
        }
        with django_assert_num_queries(QUERIES_PER_DROP[connection.vendor]):
            return mlsys_chair.post(drop_url(program["mlsys"]), data)

    small = move("10:00")
    for hour in range(8, 18):
        TimeSlotFactory(
            workshop=WorkshopFactory(conference=program["mlsys"]),
            room=program["room_241"],
            start=local(THURSDAY, hour),
            end=local(THURSDAY, hour, 55),
        )
    large = move("14:00")

    assert small.status_code == large.status_code == 200
    assert TimeSlot.objects.get(pk=program["slot"].pk).start == local(THURSDAY, 14)


# The session, the user and their groups; the conference and the chair check; the drop's
# input (room, slot); the edit check and its lock; the rules (the clash, the guid, the
# constraints); the slot and its agenda item saved with their history records; the savepoints;
# on PostgreSQL, the rooms' lock and the overlap rule checked at once.
QUERIES_PER_DROP = {"sqlite": 40, "postgresql": 42}


def test_another_slot_of_a_scheduled_workshop_goes_after_it(mlsys_chair, program):
    answer = drop(
        mlsys_chair, program, slot=None, workshop=program["scheduled"].pk, another="1",
        room=program["room_241"].pk, start="10:00", end="11:00",
    )  # fmt: skip

    starts = list(
        TimeSlot.objects.filter(workshop=program["scheduled"]).values_list("start", flat=True)
    )
    assert answer.status_code == 200
    assert starts == [local(THURSDAY, 9), local(THURSDAY, 10)]


def test_the_admin_index_links_the_boards_a_user_reads(program, client):
    client.force_login(chair_of(program["mlsys"]))
    chair_index = client.get(reverse("admin:index")).content.decode()
    client.force_login(organizer_of(program["scheduled"]))
    organizer_index = client.get(reverse("admin:index")).content.decode()

    for html in (chair_index, organizer_index):
        assert "Schedule board: MLSys 2023" in html
        assert "Schedule board: Other 2023" not in html


def test_a_workshop_added_from_the_board_returns_to_it(mlsys_chair, program):
    url = reverse("admin:workshops_workshop_add")
    query = f"?conference={program['mlsys'].pk}&board={THURSDAY}"
    page = mlsys_chair.get(url + query)
    data = {
        "conference": program["mlsys"].pk,
        "title": "Compilers for ML",
        "slug": "compilers-for-ml",
        "status": "draft",
        "_save": "Save",
    }
    for prefix in ("organizer_links", "slots", "agenda_items", "links"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}

    saved = mlsys_chair.post(url + query, data)

    assert page.status_code == 200
    assert saved.status_code == 302
    assert saved["Location"] == board_url(program["mlsys"])
    board_page = mlsys_chair.get(saved["Location"]).content.decode()
    assert "Compilers for ML" in board_page


def test_the_board_costs_the_same_queries_whatever_its_size(mlsys_chair, program):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert mlsys_chair.get(board_url(program["mlsys"])).status_code == 200
        return len(queries)

    count()  # the session and the user's groups are read once, as on any page
    small = count()
    room = RoomFactory(conference=program["mlsys"], name="Room 243")
    for hour in range(8, 18):
        workshop = WorkshopFactory(conference=program["mlsys"], expected_attendance=100)
        WorkshopOrganizerFactory(workshop=workshop)
        TimeSlotFactory(
            workshop=workshop,
            room=room,
            start=local(THURSDAY, hour),
            end=local(THURSDAY, hour, 55),
        )
        WorkshopFactory(conference=program["mlsys"])  # without a slot

    assert count() == small
