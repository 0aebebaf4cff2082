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
    chair.email = "ada@example.org"
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
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    direct = client_ip(request)
    settings.SIGN_IN_BEHIND_PROXY = True
    proxied = client_ip(request)

    assert (direct, proxied) == ("127.0.0.1", "203.0.113.7")


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "client"),
    [
        # A client that reaches the server directly: its header is not believed.
        ("198.51.100.20", "203.0.113.99", "198.51.100.20"),
        ("198.51.100.20", "10.0.0.1", "198.51.100.20"),
        # Through the proxies: the right-most address that is not one of them.
        ("10.0.0.2", "203.0.113.7", "203.0.113.7"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        ("10.0.0.2", "2001:db8::7, 10.0.0.1", "2001:db8::7"),
        ("192.168.1.1", "203.0.113.7", "203.0.113.7"),
        # Nothing forwarded, a malformed hop, or only proxies: the last proxy that can be named.
        ("10.0.0.2", None, "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("10.0.0.2", "203.0.113.7, unknown", "10.0.0.2"),
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "10.0.0.1", "10.0.0.1"),
    ],
)
def test_client_ip_believes_x_forwarded_for_only_from_trusted_proxies(
    rf, settings, remote_addr, forwarded_for, client
):
    settings.SIGN_IN_BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.1.1/32"]
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}

    assert client_ip(rf.get("/", REMOTE_ADDR=remote_addr, **headers)) == client


def test_admin_sign_in_lockout_holds_when_a_direct_client_forges_x_forwarded_for(
    client, chair, settings
):
    settings.SIGN_IN_BEHIND_PROXY = True
    statuses = [
        client.post(
            LOGIN,
            {"username": "ada", "password": "wrong"},
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        ).status_code
        for attempt in range(6)
    ]

    assert statuses == [200, 200, 200, 200, 429, 429]


# Password reset

RESET = "/accounts/password_reset/"


@pytest.fixture
def reset_limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 4
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2


def ask_reset(client, email, ip=HOME):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_sends_the_email_within_the_limits(client, chair, reset_limits, mailoutbox):
    response = ask_reset(client, "ada@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]


def is_throttled(response) -> bool:
    html = response.content.decode()
    return response.status_code == 429 and "Too many password resets for now" in html


def test_password_reset_from_one_address_is_limited(client, chair, reset_limits, mailoutbox):
    UserFactory(email="grace@example.org")
    with time_machine.travel(START, tick=False):
        statuses = [
            ask_reset(client, email).status_code
            for email in ["a@example.org", "b@example.org", "c@example.org", "d@example.org"]
        ]
        refused = ask_reset(client, "grace@example.org")
        elsewhere = ask_reset(client, "grace@example.org", ip="198.51.100.9")

    html = refused.content.decode()
    assert statuses == [302, 302, 302, 302]
    assert is_throttled(refused)
    assert refused["Retry-After"] == "3600"
    assert "no e-mail was sent this time" in html
    assert "paused for 60 minutes" in html
    assert '<time datetime="2024-05-13T10:00:00+00:00">10:00 UTC</time>' in html
    assert elsewhere.status_code == 302
    assert [message.to for message in mailoutbox] == [["grace@example.org"]]


def test_password_reset_for_one_email_is_limited_whoever_asks(
    client, chair, reset_limits, mailoutbox
):
    first = ask_reset(client, "ada@example.org", ip="203.0.113.1")
    second = ask_reset(client, " ADA@example.org", ip="203.0.113.2")
    third = ask_reset(client, "Ada@Example.org", ip="203.0.113.3")
    other = ask_reset(client, "grace@example.org", ip="203.0.113.3")

    assert (first.status_code, second.status_code) == (302, 302)
    assert is_throttled(third)
    assert other.status_code == 302
    assert len(mailoutbox) == 2


def test_password_reset_limit_answers_the_same_for_unknown_emails(client, chair, reset_limits):
    known = [ask_reset(client, "ada@example.org").status_code for _ in range(3)]
    unknown = [
        ask_reset(client, "nobody@example.org", ip="198.51.100.9").status_code for _ in range(3)
    ]

    assert known == unknown == [302, 302, 429]


def test_password_reset_limit_lifts_when_the_hour_is_over(client, chair, reset_limits, mailoutbox):
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(2):
            ask_reset(client, "ada@example.org")
        traveller.shift(dt.timedelta(minutes=59, seconds=59))
        still_refused = ask_reset(client, "ada@example.org")
        traveller.shift(dt.timedelta(seconds=1))
        lifted = ask_reset(client, "ada@example.org")

    assert is_throttled(still_refused)
    assert still_refused["Retry-After"] == "1"
    assert lifted.status_code == 302
    assert len(mailoutbox) == 3


def test_password_reset_limit_counts_by_the_forwarded_client_behind_the_proxy(
    client, chair, reset_limits, settings
):
    settings.SIGN_IN_BEHIND_PROXY = True
    proxied = {"REMOTE_ADDR": "127.0.0.1"}
    emails = [f"user{i}@example.org" for i in range(5)]

    one_client = [
        client.post(RESET, {"email": email}, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxied)
        for email in emails
    ]
    another = client.post(
        RESET, {"email": "x@example.org"}, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxied
    )

    assert [response.status_code for response in one_client] == [302, 302, 302, 302, 429]
    assert another.status_code == 302


def test_password_reset_with_a_bad_email_shows_the_form_again(client, reset_limits):
    response = client.post(RESET, {"email": "not an address"})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
