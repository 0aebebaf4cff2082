import datetime as dt

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from simple_history.models import DeletedObject

from tests.admin_forms import form_values
from tests.factories import (
    ChairFactory,
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopSeriesFactory,
    chair_of,
    local,
    organizer_of,
    staff_reader,
)
from workshops.backoffice.history import deleted_label
from workshops.models import Workshop

THURSDAY = dt.date(2023, 6, 8)


@pytest.fixture
def scheduled(db):
    conference = ConferenceFactory(slug="mlsys-2023")
    workshop = WorkshopFactory(conference=conference, title="PACMI", abstract="First words.")
    room = RoomFactory(conference=conference, name="Room 238")
    TimeSlotFactory(workshop=workshop, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    return workshop


def test_workshop_history_names_who_changed_which_field_and_the_slots(client, scheduled):
    chair = ChairFactory(username="ana")
    scheduled.conference.chairs.add(chair)
    client.force_login(chair)
    change = reverse("admin:workshops_workshop_change", args=[scheduled.pk])
    new_room = RoomFactory(conference=scheduled.conference, name="Room 241")
    data = form_values(client.get(change).content.decode(), "workshop_form") | {
        "abstract": "Better words.",
        "slots-0-room": str(new_room.pk),
    }
    assert client.post(change, data).status_code == 302

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    records = list(page.context["page_obj"].object_list)
    assert [r.history_user.username if r.history_user else None for r in records] == ["ana", None]
    assert [c["field"] for c in records[0].history_delta_changes] == ["Abstract"]
    related = page.context["related_history"]
    assert [
        (label, [c.field for c in changes], record.history_user.username)
        for record, label, changes, _ in related
        if changes
    ] == [("time slot", ["room"], "ana")]
    assert "Better words." in html


def test_workshop_history_is_absent_for_a_chair_of_another_conference(client, scheduled):
    outsider = ChairFactory()
    ConferenceFactory(slug="other").chairs.add(outsider)
    client.force_login(outsider)

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    assert page.status_code == 403


def past_version_url(workshop) -> str:
    first = workshop.history.earliest("history_date")
    return reverse("admin:workshops_workshop_simple_history", args=[workshop.pk, first.history_id])


@pytest.mark.parametrize("make_user", [organizer_of, lambda w: staff_reader()])
def test_workshop_past_version_reads_for_organizers_and_staff(client, scheduled, make_user):
    url = past_version_url(scheduled)
    scheduled.abstract = "Second words."
    scheduled.save()
    client.force_login(make_user(scheduled))

    page = client.get(url)

    assert page.status_code == 200
    assert "First words." in page.content.decode()


@pytest.mark.parametrize(
    "make_user",
    [lambda w: chair_of(w.conference), organizer_of, lambda w: staff_reader()],
    ids=["its chair", "its organizer", "staff"],
)
def test_workshop_past_version_refuses_a_revert(client, scheduled, make_user):
    url = past_version_url(scheduled)
    scheduled.title = "PACMI 2"
    scheduled.save()
    client.force_login(make_user(scheduled))

    response = client.post(url, {"title": "PACMI", "abstract": "First words.", "website": ""})

    scheduled.refresh_from_db()
    assert response.status_code == 403
    assert (scheduled.title, scheduled.abstract) == ("PACMI 2", "First words.")


@pytest.mark.parametrize("edits", [1, 6])
def test_workshop_history_queries_do_not_grow_with_its_slots_history(
    client, scheduled, edits, django_assert_max_num_queries
):
    slot = scheduled.slots.get()
    for hour in range(edits):
        slot.end = local(THURSDAY, 12) + dt.timedelta(minutes=hour + 1)
        slot.save()
    chair = ChairFactory()
    scheduled.conference.chairs.add(chair)
    client.force_login(chair)

    with django_assert_max_num_queries(20):  # not one more per record
        page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    changed = [changes for _, label, changes, _ in page.context["related_history"] if changes]
    assert len(changed) == edits
    assert all([c.field for c in changes] == ["end"] for changes in changed)


def test_workshop_history_asks_for_the_previous_record_only_past_the_cut(
    client, scheduled, monkeypatch
):
    from workshops.backoffice.history import WorkshopHistoryMixin

    monkeypatch.setattr(WorkshopHistoryMixin, "related_history_limit", 2)
    slot = scheduled.slots.get()
    for minutes in (5, 10, 15):
        slot.end = local(THURSDAY, 12) + dt.timedelta(minutes=minutes)
        slot.save()
    chair = ChairFactory()
    scheduled.conference.chairs.add(chair)
    client.force_login(chair)

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    slots = [
        changes for _, label, changes, _ in page.context["related_history"] if label == "time slot"
    ]
    assert len(slots) == 2
    assert all([c.field for c in changes] == ["end"] for changes in slots)  # both diffed


def change_history_rows(page) -> list[list[str]]:
    table = lxml_html.fromstring(page.content.decode()).xpath("//table[@id='change-history']")[0]
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("td")]
        for row in table.xpath("tbody/tr")
    ]


def test_workshop_history_shows_an_empty_series_and_no_reason_as_nothing(client, scheduled):
    client.force_login(chair_of(scheduled.conference))
    scheduled.series = WorkshopSeriesFactory(name="PACMI series")
    scheduled.save()

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    rows = change_history_rows(page)
    html = page.content.decode()
    assert [row[3:] for row in rows] == [
        ["—", "", "Series: → PACMI series"],
        ["—", "", ""],
    ]
    assert "pk=" not in html
    assert "None" not in " ".join(" ".join(row) for row in rows)


def test_workshop_history_names_a_series_since_deleted(client, scheduled):
    client.force_login(chair_of(scheduled.conference))
    old, new = WorkshopSeriesFactory(name="Old series"), WorkshopSeriesFactory(name="New series")
    scheduled.series = old
    scheduled.save()
    scheduled.series = new
    scheduled.save()
    old.delete()

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    changes = [row[-1] for row in change_history_rows(page)]
    assert changes[0] == "Series: a deleted workshop series → New series"
    assert "pk=" not in page.content.decode()


def test_deleted_label_names_a_row_by_its_last_version(scheduled):
    pk = scheduled.pk
    scheduled.title = "PACMI, renamed"
    scheduled.save()
    scheduled.delete()

    assert deleted_label(DeletedObject(Workshop, pk)) == "workshop “PACMI, renamed” (deleted)"


def test_workshop_history_names_a_slots_new_room_not_its_number(client, scheduled):
    client.force_login(chair_of(scheduled.conference))
    slot = scheduled.slots.get()
    slot.room = RoomFactory(conference=scheduled.conference, name="Room 241")
    slot.save()

    page = client.get(reverse("admin:workshops_workshop_history", args=[scheduled.pk]))

    rows = lxml_html.fromstring(page.content.decode()).xpath("//div[@id='related-history']//tr")
    cells = [[" ".join(td.text_content().split()) for td in row.xpath("td")] for row in rows[1:]]
    assert [row[2] for row in cells] == ["room: Room 238 → Room 241", "—"]
