"""The changelog's Atom feed: valid as feed readers read it, one entry per release, linked from
the changelog page, and served from the page cache."""

import datetime as dt

import feedparser
import pytest
from django.urls import reverse

from tests.factories import ChairFactory, RoomFactory, TimeSlotFactory, WorkshopFactory, local
from workshops.models import Release
from workshops.program import releases, services

THURSDAY = dt.date(2023, 6, 8)
FEED = "/mlsys-2023/changelog/feed.xml"


@pytest.fixture
def released_twice(conference):
    """Version 1.0, then Benchmarking moves from Room 238 to Room 241, then version 1.1."""
    room_238 = RoomFactory(conference=conference, name="Room 238", slug="room-238")
    room_241 = RoomFactory(conference=conference, name="Room 241", slug="room-241")
    bench = WorkshopFactory(conference=conference, title="Benchmarking", slug="bench")
    TimeSlotFactory(
        workshop=bench, room=room_238, start=local(THURSDAY, 9), end=local(THURSDAY, 12)
    )
    chair = ChairFactory()
    for version, comment in [("1.0", "The program."), ("1.1", "A room change.")]:
        releases.release_save(
            release=Release(conference=conference, version=version, comment=comment), user=chair
        )
        services.workshops_move(workshops=[bench], room=room_241)
    return conference


def test_the_feed_is_valid_atom_with_one_entry_per_release(client, released_twice):
    response = client.get(FEED)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "MLSys 2023: program changes"
    assert feed.feed.link == "http://testserver/mlsys-2023/changelog/"
    assert [entry.title for entry in feed.entries] == ["Version 1.1", "Version 1.0"]
    newest, first = feed.entries
    assert newest.link.startswith("http://testserver/mlsys-2023/changelog/#release-")
    assert newest.id != first.id
    assert "A room change." in newest.summary
    assert "Benchmarking: Moved from Room 238; now Thu 9:00–12:00 in Room 241." in newest.summary
    assert "The first published version of the program." in first.summary
    release = Release.objects.get(version="1.1")
    assert dt.datetime(*newest.updated_parsed[:6], tzinfo=dt.UTC) == release.created.replace(
        microsecond=0
    )


def test_the_feed_of_a_conference_without_releases_has_no_entries(client, conference):
    feed = feedparser.parse(client.get(FEED).content)

    assert not feed.bozo
    assert feed.entries == []


def test_the_changelog_links_its_feed(client, released_twice):
    html = client.get(reverse("workshops:changelog", args=["mlsys-2023"])).content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert html.count(f'href="{FEED}"') == 2


def test_the_feed_of_an_unpublished_conference_is_404(client, conference):
    conference.published = False
    conference.save()

    assert client.get(FEED).status_code == 404


def test_a_new_release_shows_in_the_feed_at_once(client, released_twice):
    client.get(FEED)  # stored in the cache
    releases.release_save(release=Release(conference=released_twice, version="1.2"), user=None)

    feed = feedparser.parse(client.get(FEED).content)

    assert [entry.title for entry in feed.entries][0] == "Version 1.2"
