import icalendar
import pytest
from django.urls import reverse

from tests.factories import TimeSlotFactory, UserFactory
from tests.workshops.exchange.exporters.conftest import pdf_text
from workshops.exchange.exporters import EXPORTERS
from workshops.models import Conference, Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chair_of_all")]


def admin_export_url(conference: Conference, identifier: str) -> str:
    return reverse("admin:workshops_conference_export", args=[conference.pk, identifier])


def test_conference_change_page_links_every_format(chair_client, demo):
    response = chair_client.get(reverse("admin:workshops_conference_change", args=[demo.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for exporter in EXPORTERS.values():
        assert f'href="{admin_export_url(demo, exporter.identifier)}"' in html
        assert exporter.label in html
    assert "not published" not in html


def test_conference_change_page_warns_when_unpublished(chair_client, demo):
    demo.published = False
    demo.save()

    html = chair_client.get(
        reverse("admin:workshops_conference_change", args=[demo.pk])
    ).content.decode()

    assert "This conference is not published" in html


@pytest.mark.parametrize("identifier", list(EXPORTERS))
def test_admin_export_downloads(chair_client, demo, identifier):
    response = chair_client.get(admin_export_url(demo, identifier))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="mlsys-2023-{identifier}"'
    content = response.content
    text = pdf_text(content) if identifier.endswith(".pdf") else content.decode()
    assert "Navid NaderiAlizadeh" in text.replace("\r\n ", "")


def test_admin_export_unknown_format_or_conference_is_404(chair_client, demo):
    assert chair_client.get(admin_export_url(demo, "schedule.pdf")).status_code == 404
    missing = reverse("admin:workshops_conference_export", args=[987654, "schedule.xml"])
    assert chair_client.get(missing).status_code == 404


def test_admin_export_is_absent_for_staff_without_a_role(client, demo):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(admin_export_url(demo, "schedule.xml")).status_code == 404


def test_admin_export_sends_anonymous_users_to_login(client, demo):
    response = client.get(admin_export_url(demo, "schedule.xml"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def download_calendar(client, workshops):
    return client.post(
        reverse("admin:workshops_workshop_changelist") + "?conference=all",
        {"action": "download_calendar", "_selected_action": [w.pk for w in workshops]},
    )


def test_workshop_action_downloads_the_selected_workshops_calendar(chair_client, demo):
    chosen = list(Workshop.objects.filter(slug__in=["pacmi", "algorithmic-efficiency"]))

    response = download_calendar(chair_client, chosen)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mlsys-2023-workshops.ics"'
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Algorithmic Efficiency and Scalability of Machine Learning",
        "Practical Adoption Challenges of ML for Systems",
        "Practical Adoption Challenges of ML for Systems",
    ]


def test_workshop_action_refuses_workshops_of_two_conferences(chair_client, demo):
    other = TimeSlotFactory().workshop

    response = download_calendar(chair_client, [Workshop.objects.get(slug="pacmi"), other])

    assert response.status_code == 302
    page = chair_client.get(response["Location"]).content.decode()
    assert "Select workshops of one conference" in page


def test_workshop_action_exports_no_draft(chair_client, demo):
    response = download_calendar(chair_client, [Workshop.objects.get(slug="secret")])

    assert response.status_code == 302
    page = chair_client.get(response["Location"]).content.decode()
    assert "None of the selected workshops is public and scheduled" in page
