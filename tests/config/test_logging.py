import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ConferenceFactory


def test_forbidden_request_logs_one_warning_without_traceback(chair_client, chair, caplog):
    conference = ConferenceFactory()  # not one that chair chairs
    url = reverse("admin:workshops_conference_import", args=[conference.pk])

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = chair_client.get(url)

    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("WARNING", f"Forbidden: GET {url} (user {chair.username})")
    ]
    assert (records[0].exc_info, records[0].exc_text) == (None, None)
    assert "Traceback" not in caplog.text


@pytest.mark.urls("tests.config.failing_urls")
def test_server_error_still_logs_its_traceback(db, caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/fails/")

    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 500
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("ERROR", "Internal Server Error: /fails/")
    ]
    assert records[0].exc_info[0] is RuntimeError
    assert "RuntimeError: the view broke" in caplog.text
