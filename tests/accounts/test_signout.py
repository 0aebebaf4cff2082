import pytest
from django.urls import reverse

from tests.factories import ConferenceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/admin/logout/", "/accounts/logout/"])
def test_sign_out_asks_the_browser_to_clear_the_sites_cache(client, url):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(url)

    assert response.status_code == 200
    assert response["Clear-Site-Data"] == '"cache"'
    assert response.wsgi_request.user.is_anonymous


def test_sign_out_of_nobody_and_other_pages_leave_the_cache_alone(client):
    conference = ConferenceFactory(slug="plain-2023")

    signed_out = client.post("/accounts/logout/")  # nobody was signed in: nothing to clear
    client.force_login(UserFactory(is_staff=True))
    page = client.get(reverse("workshops:workshop-list", args=[conference.slug]))
    admin = client.get("/admin/")

    assert [r.status_code for r in (signed_out, page, admin)] == [200, 200, 200]
    assert [r.headers.get("Clear-Site-Data") for r in (signed_out, page, admin)] == [None] * 3
