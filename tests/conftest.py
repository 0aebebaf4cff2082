import os

import pytest
from django.db import connection

from tests.mail import smtp  # noqa: F401 - a real SMTP server, for tests that send e-mail
from workshops.pagecache import store as page_store

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Pages render without a collectstatic manifest (the live server's finders know no hashed
    names either), the factories' users get a quick password hash, and the site's address is
    the test client's host."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a flushed database may reuse a revision number."""
    page_store.clear()
    yield
    page_store.clear()


@pytest.fixture
def demo(db):
    """The demo data loaded (as `manage.py demo_load` does); returns its MLSys 2023."""
    from workshops.demo.loader import demo_load
    from workshops.models import Conference

    demo_load()
    return Conference.objects.get(slug="mlsys-2023")


@pytest.fixture
def chair(db):
    from tests.factories import ChairFactory

    return ChairFactory()


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.fixture
def chair_of_all(chair):
    """Make `chair` a chair of every conference, including those the test creates later."""
    from django.db.models.signals import post_save

    from workshops.models import Conference

    def add_chair(sender, instance, created, **kwargs):
        if created:
            instance.chairs.add(chair)

    for conference in Conference.objects.all():
        conference.chairs.add(chair)
    post_save.connect(add_chair, sender=Conference, dispatch_uid="test-chair-of-all")
    yield chair
    post_save.disconnect(sender=Conference, dispatch_uid="test-chair-of-all")
