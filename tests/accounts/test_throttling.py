"""Sign-in throttling at /admin/login/ (django-axes): five wrong passwords for one username
from one address lock that pair out for 15 minutes with a clear 429 page."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.urls import reverse

from accounts.throttling import client_ip
from tests.factories import UserFactory

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/?next=/admin/"
HOME = "203.0.113.7"
START = dt.datetime(2024, 5, 13, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def chair(chair):
    chair.username = "ada"
    chair.save()
    return chair


def sign_in(client, username, password, ip=HOME):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, times, username="ada", ip=HOME):
    return [sign_in(client, username, "wrong", ip).status_code for _ in range(times)]


def is_signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_admin_sign_in_five_failures_lock_out_with_a_clear_page(client, chair):
    with time_machine.travel(START, tick=False):
        statuses = fail(client, 5)
        response = sign_in(client, "ada", "wrong")

    html = response.content.decode()
    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Sign-in locked for now" in html
    assert "There were 5 failed sign-ins" in html
    assert "paused for 15 minutes" in html
    assert '<time datetime="2024-05-13T09:15:00+00:00">09:15 UTC</time>' in html
    assert reverse("password_reset") in html
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_refuses_the_right_password_while_locked(client, chair):
    fail(client, 5)

    response = sign_in(client, "ada", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_lockout_spares_other_addresses_and_users(client, chair):
    UserFactory(username="grace", is_staff=True)
    fail(client, 5)

    other_ip = sign_in(client, "ada", PASSWORD, ip="198.51.100.9")
    client.logout()
    other_user = sign_in(client, "grace", PASSWORD)

    assert is_signed_in(other_ip)
    assert is_signed_in(other_user)


def test_admin_sign_in_lock_lifts_after_the_cool_off(client, chair):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, 5)
        traveller.shift(dt.timedelta(minutes=14, seconds=59))
        still_locked = sign_in(client, "ada", PASSWORD)
        traveller.shift(dt.timedelta(minutes=15, seconds=1))  # the attempt restarted the wait
        lifted = sign_in(client, "ada", PASSWORD)

    assert still_locked.status_code == 429
    assert is_signed_in(lifted)


def test_admin_sign_in_success_resets_the_failure_count(client, chair):
    fail(client, 4)
    assert is_signed_in(sign_in(client, "ada", PASSWORD))
    client.logout()

    statuses = fail(client, 4)
    response = sign_in(client, "ada", PASSWORD)

    assert statuses == [200, 200, 200, 200]
    assert is_signed_in(response)


def test_authenticate_without_a_request_is_refused_by_axes(chair):
    from axes.exceptions import AxesBackendRequestParameterRequired

    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="ada", password=PASSWORD)


def test_authenticate_with_a_request_signs_in(rf, chair):
    assert authenticate(rf.post(LOGIN), username="ada", password=PASSWORD) == chair


def test_client_ip_is_remote_addr_unless_behind_the_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    direct = client_ip(request)
    settings.SIGN_IN_BEHIND_PROXY = True
    proxied = client_ip(request)

    assert (direct, proxied) == ("10.0.0.1", "203.0.113.7")
