import pytest
from django.urls import reverse

from tests.factories import ConferenceFactory, WorkshopFactory


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})


@pytest.mark.parametrize("url", ["/mlsys-2023/", "/mlsys-2023/workshops/pacmi/", "/admin/login/"])
def test_pages_carry_the_security_headers(client, db, url):
    conference = ConferenceFactory(slug="mlsys-2023")
    WorkshopFactory(conference=conference, slug="pacmi")

    response = client.get(url)

    directives = csp_directives(response)
    assert response.status_code == 200
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["default-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_login_page_has_no_inline_script(client, db):
    html = client.get(reverse("admin:login")).content.decode()

    assert "<script>" not in html
