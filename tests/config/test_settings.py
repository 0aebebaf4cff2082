"""The secret key as the settings read it from the environment: refused when missing with
debug off, the development key only with debug on, older keys kept as fallbacks."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def start_django(code: str, **variables: str) -> subprocess.CompletedProcess:
    """Start Django in a fresh process with only `variables` of the DJANGO_ ones, then run `code`.
    An empty DJANGO_SECRET_KEY and no key file by default, so that neither a developer's .env
    nor the .secret_key of `make run` can supply one."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "",
            "DJANGO_SECRET_KEY_FILE": str(BASE_DIR / "no-such-key-file"),
        }
    )
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_settings_without_a_secret_key_refuse_to_start_when_debug_is_off():
    done = start_django("print('started')", DJANGO_DEBUG="0")

    assert done.returncode == 1
    assert "started" not in done.stdout
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set." in done.stderr
    assert "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'" in done.stderr


def test_settings_read_the_secret_key_from_the_key_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("a-key-kept-in-a-file\n")

    done = start_django(
        "from django.conf import settings\nprint(settings.SECRET_KEY)",
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY_FILE=str(key_file),
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "a-key-kept-in-a-file"


def test_settings_without_a_secret_key_start_with_the_development_key_when_debug_is_on():
    done = start_django(
        "from django.conf import settings\nprint(settings.SECRET_KEY)", DJANGO_DEBUG="1"
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "django-insecure-development-key-change-me-in-production"


def test_settings_secret_key_fallbacks_keep_favourites_tokens_of_an_older_key_valid():
    code = """
from django.conf import settings
from django.test import override_settings
from workshops.models import Conference
from workshops.site import favourites

conference = Conference(slug="mlsys-2023")
with override_settings(SECRET_KEY="the-key-before-last", SECRET_KEY_FALLBACKS=[]):
    token = favourites.token_for(conference=conference, slugs=["beta", "alpha"])
print(settings.SECRET_KEY_FALLBACKS)
print(favourites.slugs_from_token(conference=conference, token=token))
"""
    done = start_django(
        code,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="the-key-of-this-year",
        DJANGO_SECRET_KEY_FALLBACKS="the-key-of-last-year,the-key-before-last",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "['the-key-of-last-year', 'the-key-before-last']",
        "['alpha', 'beta']",
    ]


def test_settings_with_a_malformed_trusted_proxy_refuse_to_start():
    done = start_django(
        "print('started')",
        DJANGO_DEBUG="1",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_TRUSTED_PROXIES="10.0.0.5,proxy.example.org",
    )

    assert done.returncode == 1
    assert (
        "ImproperlyConfigured: DJANGO_TRUSTED_PROXIES: 'proxy.example.org' does not appear to be "
        "an IPv4 or IPv6 network. List the reverse proxies' addresses or networks"
    ) in done.stderr
