import datetime as dt
import json
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import STAFF
from tests.factories import (
    ChairFactory,
    ConferenceFactory,
    OrganizerFactory,
    UserFactory,
    WorkshopOrganizerFactory,
)
from tests.workshops.exchange.importers.conftest import DATA
from workshops.backoffice.imports import MAX_UPLOAD_BYTES
from workshops.exchange import importers
from workshops.models import Organizer, Room, TimeSlot, Workshop
from workshops.program import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chair_of_all")]


def import_url(conference) -> str:
    return reverse("admin:workshops_conference_import", args=[conference.pk])


def upload(client, conference, content: bytes, name: str = "schedule.json", **data):
    return client.post(import_url(conference), {"file": SimpleUploadedFile(name, content), **data})


def pretalx() -> bytes:
    return (DATA / "pretalx-schedule.json").read_bytes()


def test_change_page_links_the_import_for_its_chairs(chair_client, edge):
    html = chair_client.get(
        reverse("admin:workshops_conference_change", args=[edge.pk])
    ).content.decode()

    assert f'<a href="{import_url(edge)}">Import a program</a>' in html


def test_change_page_has_no_import_link_for_staff_readers(client, edge):
    reader = UserFactory(is_staff=True)
    reader.groups.add(Group.objects.get(name=STAFF))
    client.force_login(reader)

    response = client.get(reverse("admin:workshops_conference_change", args=[edge.pk]))

    assert response.status_code == 200
    assert "Import a program" not in response.content.decode()


def test_import_page_shows_the_upload_form(chair_client, edge):
    response = chair_client.get(import_url(edge))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert "Import a program into Edge 2024" in html
    assert "At most 5.0\xa0MB" in html


def test_upload_shows_a_preview_and_saves_nothing(chair_client, edge):
    response = upload(chair_client, edge, pretalx())

    html = response.content.decode()
    assert response.status_code == 200
    report = response.context["report"]
    assert report.dry_run
    assert report.summary == (
        "Would create 2 rooms, 4 organizers, 3 workshops, 4 time slots; would update nothing; "
        "unchanged: nothing."
    )
    assert "Would create 2 rooms, 4 organizers, 3 workshops, 4 time slots" in html
    assert "room “Hörsaal 1”" in html
    assert "organizer “Zoë Ålander-Ngũgĩ”" in html
    assert 'name="confirm"' in html
    assert TimeSlot.objects.count() == 0 and Organizer.objects.count() == 0
    # The file waits in the session, not on disk.
    assert response.context["token"] in str(chair_client.session.items())


def test_confirm_applies_the_previewed_file(chair_client, edge):
    token = upload(chair_client, edge, pretalx()).context["token"]

    response = chair_client.post(import_url(edge), {"token": token, "confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:workshops_conference_change", args=[edge.pk])
    page = chair_client.get(response["Location"]).content.decode()
    assert "Imported schedule.json: Created 2 rooms, 4 organizers, 3 workshops" in page
    assert sorted(edge.workshops.values_list("slug", "status")) == [
        ("federated-learning-over-wireless-links", "published"),
        ("schedulers-that-learn", "published"),
        ("tiny-models-on-tiny-devices", "published"),
    ]
    assert edge.slots.count() == 4
    assert not any(key.startswith("program-import") for key, _ in chair_client.session.items())


def test_confirm_twice_imports_once(chair_client, edge):
    token = upload(chair_client, edge, pretalx()).context["token"]
    chair_client.post(import_url(edge), {"token": token, "confirm": "1"})

    response = chair_client.post(import_url(edge), {"token": token, "confirm": "1"})

    assert response.status_code == 200
    assert response.context["problem"] == (
        "That preview has expired or was already imported; upload the file again."
    )
    assert edge.slots.count() == 4


def test_same_file_again_previews_no_change_and_offers_no_confirm(chair_client, edge):
    token = upload(chair_client, edge, pretalx()).context["token"]
    chair_client.post(import_url(edge), {"token": token, "confirm": "1"})

    response = upload(chair_client, edge, pretalx())

    html = response.content.decode()
    assert response.context["report"].change_count == 0
    assert "importing it changes nothing" in html
    assert 'name="confirm"' not in html


def test_malformed_upload_shows_the_problem(chair_client, edge):
    broken = pretalx().replace(b'"date": "2024-05-14T09:30:00+02:00"', b'"date": 5')

    response = upload(chair_client, edge, broken)

    assert response.status_code == 200
    assert response.context["problem"] == (
        'schedule.json: schedule.conference.days[0].rooms["Hörsaal 1"][0].date: expected a '
        "string, found a number. Nothing was imported."
    )
    assert response.content.decode().count("Nothing was imported.") == 1
    assert response.context["report"].refused
    assert "Import these changes" not in response.content.decode()


def test_upload_with_events_past_the_end_widens_the_dates_in_the_preview(chair_client, edge):
    edge.end_date = dt.date(2024, 5, 14)
    edge.save()

    response = upload(chair_client, edge, pretalx())

    page = response.content.decode()
    assert "What was changed to fit (1)" in page
    assert "its dates were widened to 2024-05-14 to 2024-05-15 to hold them." in page
    assert Workshop.objects.count() == 0


def test_program_changed_between_preview_and_confirm_saves_nothing(chair_client, edge):
    token = upload(chair_client, edge, pretalx()).context["token"]
    room = Room.objects.create(conference=edge, name="Hörsaal 1", slug="horsaal-1")
    berlin = dt.timezone(dt.timedelta(hours=2))
    TimeSlot.objects.create(conference=edge, room=room, title="Fire drill",
                            start=dt.datetime(2024, 5, 14, 9, tzinfo=berlin),
                            end=dt.datetime(2024, 5, 14, 12, tzinfo=berlin))  # fmt: skip

    response = chair_client.post(import_url(edge), {"token": token, "confirm": "1"})

    assert response.status_code == 200
    assert "Hörsaal 1 is already booked at that time" in response.context["problem"]
    assert Workshop.objects.count() == 0


def test_a_file_too_large_is_refused(chair_client, edge):
    response = upload(chair_client, edge, b" " * (MAX_UPLOAD_BYTES + 1024 * 1024))

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is 6.0\xa0MB; at most 5.0\xa0MB can be imported."
    ]
    assert response.context["report"] is None


def test_csv_upload_with_a_chosen_format(chair_client, edge):
    csv = (
        "Date,Start,End,Room,Workshop,Organizers,Affiliations,URL,Status,GUID\r\n"
        "2024-05-14,09:00,10:00,Hörsaal 1,Tiny models,Deniz Altınbüken,,,scheduled,\r\n"
    ).encode()

    response = upload(chair_client, edge, csv, name="program.txt", format="csv")

    assert response.context["report"].counts("created") == (
        "1 room, 1 organizer, 1 workshop, 1 time slot"
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_chair_of_another_conference_gets_403(client, edge, method):
    other = ChairFactory()
    ConferenceFactory().chairs.add(other)
    edge.chairs.remove(other)
    client.force_login(other)

    response = getattr(client, method)(import_url(edge))

    assert response.status_code == 403
    assert Workshop.objects.count() == 0


def test_a_staff_reader_gets_403(client, edge):
    reader = UserFactory(is_staff=True)
    reader.groups.add(Group.objects.get(name=STAFF))
    client.force_login(reader)

    assert client.get(import_url(edge)).status_code == 403


def test_anonymous_users_are_sent_to_login(client, edge):
    response = client.get(import_url(edge))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Numbers and dates no program can hold: an import error at their place, never a 500 ----------

FIRST_EVENT = 'schedule.conference.days[0].rooms["Hörsaal 1"][0]'


def pretalx_changed(change) -> bytes:
    document = json.loads(pretalx())
    change(document, document["schedule"]["conference"]["days"][0]["rooms"]["Hörsaal 1"][0])
    return json.dumps(document, ensure_ascii=False).encode()


def lasting(duration: str):
    def change(document, event):
        del event["end"]
        event["duration"] = duration

    return change


def starting(date: str):
    def change(document, event):
        del event["end"]
        event["date"] = date

    return change


def frab(old: bytes, new: bytes) -> bytes:
    return (DATA / "frab-schedule.xml").read_bytes().replace(old, new, 1)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "schedule.json",
            pretalx().replace(b'"id": 12,', b'"id": ' + b"9" * 4400 + b","),
            f"{FIRST_EVENT}.id: a whole number of 4400 digits, more than the 4300 that can be "
            "read.",
        ),
        (
            "schedule.json",
            pretalx().replace(b'"capacity": 120', b'"capacity": 1e400'),
            "schedule.conference.rooms[0].capacity: the number 1e400 is too large to be read.",
        ),
        (
            "schedule.json",
            pretalx().replace(b'"capacity": 120', b'"capacity": NaN'),
            "schedule.conference.rooms[0].capacity: NaN is not a number that JSON allows.",
        ),
        (
            "schedule.json",
            pretalx_changed(lasting("99999999999:00")),
            f"{FIRST_EVENT}.duration: the duration “99999999999:00” is too long.",
        ),
        (
            "schedule.json",
            pretalx_changed(lasting("9000000:00")),
            f"{FIRST_EVENT}.duration: the duration “9000000:00” runs past the year 2999.",
        ),
        (
            "schedule.json",
            pretalx_changed(starting("9999-12-31T23:30:00-02:00")),
            f"{FIRST_EVENT}.date: “9999-12-31T23:30:00-02:00” lies outside the years 1900 to "
            "2999.",
        ),
        (
            "schedule.json",
            pretalx_changed(starting("0001-01-01T00:30:00+02:00")),
            f"{FIRST_EVENT}.date: “0001-01-01T00:30:00+02:00” lies outside the years 1900 to "
            "2999.",
        ),
        (
            "schedule.json",
            pretalx_changed(lambda document, event: event.update(date="99999-05-14T09:30:00")),
            f"{FIRST_EVENT}.date: “99999-05-14T09:30:00” is not a date and time (such as "
            "2023-06-08T08:00:00-04:00).",
        ),
        (
            "schedule.json",
            pretalx().replace(b'"end": "2024-05-15"', b'"end": "9999-12-31"'),
            "schedule.conference.end: the conference end “9999-12-31” lies outside the years "
            "1900 to 2999.",
        ),
        (
            "schedule.json",
            pretalx().replace(b'"start": "2024-05-14"', b'"start": "0000-01-01"'),
            "schedule.conference.start: the conference start “0000-01-01” is not a date "
            "(YYYY-MM-DD).",
        ),
        (
            "schedule.xml",
            frab(b"<duration>00:45</duration>", b"<duration>99999999999:00</duration>"),
            "line 20, <event> “Compilers for sparse tensors”: the duration “99999999999:00” is "
            "too long.",
        ),
        (
            "schedule.xml",
            frab(b"<end>2024-09-03</end>", b"<end>9999-12-31</end>"),
            "line 10, <end>: the conference end “9999-12-31” lies outside the years 1900 to 2999.",
        ),
        (
            "program.csv",
            "Date,Start,End,Room,Workshop\r\n9999-12-31,09:00,23:30,Hörsaal 1,Tiny\r\n".encode(),
            "line 2, column Date: the date “9999-12-31” lies outside the years 1900 to 2999.",
        ),
    ],
    ids=[
        "json-integer-of-4400-digits", "json-1e400", "json-nan", "json-duration-overflows",
        "json-duration-past-2999", "json-year-9999", "json-year-1", "json-year-99999",
        "json-conference-end-9999", "json-year-0", "xml-duration-overflows",
        "xml-conference-end-9999", "csv-year-9999",
    ],
)  # fmt: skip
def test_unreadable_number_or_date_is_an_import_error_at_its_place(
    chair_client, edge, name, content, problem
):
    response = upload(chair_client, edge, content, name=name)

    assert response.status_code == 200
    # The problem first; a file that is read on may list more (here the XML's dates).
    assert response.context["problem"].startswith(f"{name}: {problem} ")
    assert response.context["problem"].endswith(" Nothing was imported.")
    assert response.content.decode().count("Nothing was imported.") == 1
    report = response.context["report"]
    assert report is None or report.refused  # a file not read at all, or one that is refused
    assert (Room.objects.count(), Organizer.objects.count(), Workshop.objects.count()) == (0, 0, 0)


def test_a_duration_beyond_the_conference_is_refused_by_its_dates(chair_client, edge):
    response = upload(chair_client, edge, pretalx_changed(lasting("99999:00")))

    assert response.status_code == 200
    assert response.context["problem"] == (
        "schedule.json: Events lie outside the conference's dates (2024-05-14 to 2024-05-15); "
        "holding them would make it run from 2024-05-14 to 2035-10-11, more than 60 days: "
        "check the file's dates and durations. Nothing was imported."
    )
    assert Workshop.objects.count() == 0


# Status changes need the chair's word -------------------------------------------------------


def draft_after_import(chair_client, edge) -> Workshop:
    token = upload(chair_client, edge, pretalx()).context["token"]
    chair_client.post(import_url(edge), {"token": token, "confirm": "1"})
    Workshop.objects.filter(slug="schedulers-that-learn").update(status="draft")
    return Workshop.objects.get(slug="schedulers-that-learn")


def test_preview_lists_the_status_changes_with_a_box_to_apply_them(chair_client, edge):
    draft_after_import(chair_client, edge)

    response = upload(chair_client, edge, pretalx())

    html = response.content.decode()
    assert response.context["report"].change_count == 0
    assert (
        "<tr><td>“Schedulers that learn 🧠⚙️” (schedulers-that-learn)</td><td>draft</td>"
        "<td>published</td></tr>"
    ) in html
    assert (
        '<label><input type="checkbox" name="apply_status" value="1"> Apply the 1 status change '
        "listed</label>"
    ) in html
    assert 'name="confirm"' in html
    assert "importing it changes nothing" not in html


def test_confirm_without_the_box_keeps_the_status(chair_client, edge):
    workshop = draft_after_import(chair_client, edge)
    token = upload(chair_client, edge, pretalx()).context["token"]

    response = chair_client.post(import_url(edge), {"token": token, "confirm": "1"})

    workshop.refresh_from_db()
    assert workshop.status == "draft"
    page = chair_client.get(response["Location"]).content.decode()
    assert (
        "The file changes the status of 1 workshop; not applied, so their status stays as it is."
    ) in page


def test_confirm_with_the_box_applies_the_status_changes(chair_client, edge):
    workshop = draft_after_import(chair_client, edge)
    token = upload(chair_client, edge, pretalx()).context["token"]

    response = chair_client.post(
        import_url(edge), {"token": token, "confirm": "1", "apply_status": "1"}
    )

    workshop.refresh_from_db()
    assert workshop.status == "published"
    page = chair_client.get(response["Location"]).content.decode()
    assert "Changed the status of 1 workshop." in page


# People shared with other conferences --------------------------------------------------------


def test_chair_import_does_not_rename_a_person_they_may_not_edit(client, edge):
    person = OrganizerFactory(
        name="Deniz A.", slug="deniz-a", guid=uuid.UUID("edc16454-e6e0-4d00-af38-672e6d177f47")
    )
    WorkshopOrganizerFactory(workshop__conference=ConferenceFactory(year=2022), organizer=person)
    WorkshopOrganizerFactory(workshop__conference=edge, organizer=person)
    chair = ChairFactory()
    edge.chairs.add(chair)
    client.force_login(chair)
    person_page = reverse("admin:workshops_organizer_change", args=[person.pk])
    assert client.post(person_page, {"name": "Deniz Altınbüken"}).status_code == 403

    preview = upload(client, edge, pretalx())
    client.post(import_url(edge), {"token": preview.context["token"], "confirm": "1"})

    person.refresh_from_db()
    assert person.name == "Deniz A."
    assert person.workshops.filter(conference=edge).count() == 3
    note = (
        f"The file calls the organizer “Deniz A.” (GUID {person.guid}) “Deniz Altınbüken”, but "
        "they also organize workshops of conferences you do not chair: linked without renaming."
    )
    assert note in preview.content.decode()


def test_refusal_after_a_raced_booking_says_nothing_was_imported_once():
    error = ValidationError(services.SLOT_TAKEN_MESSAGE, code="slot_taken")

    assert importers.refusal("schedule.json", error) == (
        "schedule.json: Someone else booked this room for an overlapping time a moment ago. "
        "Reload to see the current program. Nothing was imported."
    )


@pytest.mark.parametrize("object_id", ["1/change", "abc", "1x"])
def test_import_page_of_a_malformed_conference_number_is_not_found(chair_client, edge, object_id):
    response = chair_client.get(f"/admin/workshops/conference/{object_id}/import/")

    assert response.status_code == 404


# A file from elsewhere: no zone name, a clash; every problem in one preview -------------------


def clashing_without_zone() -> bytes:
    document = json.loads(pretalx())
    del document["schedule"]["conference"]["time_zone_name"]
    event = document["schedule"]["conference"]["days"][1]["rooms"]["Hörsaal 1"][0]
    event.update(date="2024-05-14T10:30:00+02:00", end="2024-05-14T11:30:00+02:00")
    return json.dumps(document).encode()


def test_preview_lists_every_problem_and_asks_zone_and_clashes(chair_client, edge):
    response = upload(chair_client, edge, clashing_without_zone())

    page = response.content.decode()
    report = response.context["report"]
    assert report.time_zone == "Europe/Berlin, as chosen for this import (the file names no zone)."
    assert "What will be left out or imported as a draft (1)" in page
    assert "“Schedulers that learn 🧠⚙️” (Tue 14 May 10:30–11:30) is overlapping" in page
    choices = response.context["choices_form"]
    assert choices.initial == {"time_zone": "Europe/Berlin", "clashes": "leave-out"}
    assert 'name="again"' in page and 'name="confirm"' in page
    assert Workshop.objects.count() == 0


def test_preview_again_brings_clashes_in_as_drafts_and_confirm_keeps_the_choice(chair_client, edge):
    token = upload(chair_client, edge, clashing_without_zone()).context["token"]

    again = chair_client.post(
        import_url(edge),
        {"token": token, "again": "1", "time_zone": "Europe/Lisbon", "clashes": "draft"},
    )
    assert "it comes in as a draft without a slot" in again.content.decode()
    assert again.context["report"].time_zone.startswith("Europe/Lisbon")
    chair_client.post(import_url(edge), {"token": again.context["token"], "confirm": "1"})

    draft = Workshop.objects.get(title="Schedulers that learn 🧠⚙️")
    assert draft.status == "draft" and not draft.slots.exists()
    assert TimeSlot.objects.filter(conference=edge).count() == 3


def test_preview_again_with_an_unknown_zone_says_so(chair_client, edge):
    token = upload(chair_client, edge, clashing_without_zone()).context["token"]

    again = chair_client.post(
        import_url(edge), {"token": token, "again": "1", "time_zone": "Mars/Olympus"}
    )

    assert "is not an IANA time zone" in again.content.decode()
    assert again.context["choices_form"].errors["time_zone"]
