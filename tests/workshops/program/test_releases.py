"""Schedule releases: the snapshot, what changed between two of them, the public changelog,
the notes on a workshop's page and the exports' version."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import (
    ChairFactory,
    ConferenceFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    local,
)
from workshops.exchange import exporters
from workshops.models import Release, TimeSlot, Workshop
from workshops.program import releases, selectors, services

WEDNESDAY = dt.date(2023, 6, 7)
THURSDAY = dt.date(2023, 6, 8)  # ConferenceFactory: 4 to 8 June 2023, America/New_York


@pytest.fixture
def room_238(conference):
    return RoomFactory(conference=conference, name="Room 238", slug="room-238")


@pytest.fixture
def room_241(conference):
    return RoomFactory(conference=conference, name="Room 241", slug="room-241")


@pytest.fixture
def bench(conference, room_238):
    """Benchmarking, Thursday 9:00 to 12:00 in Room 238."""
    workshop = WorkshopFactory(conference=conference, title="Benchmarking", slug="bench")
    TimeSlotFactory(
        workshop=workshop, room=room_238, start=local(THURSDAY, 9), end=local(THURSDAY, 12)
    )
    return workshop


@pytest.fixture
def pacmi(conference, room_241):
    """PACMI, Thursday 13:00 to 17:00 in Room 241."""
    workshop = WorkshopFactory(conference=conference, title="PACMI", slug="pacmi")
    TimeSlotFactory(
        workshop=workshop, room=room_241, start=local(THURSDAY, 13), end=local(THURSDAY, 17)
    )
    return workshop


def snapshot(conference):
    return releases.program_snapshot(conference)


def changes(old, new, conference):
    return [
        (c.kind, c.slug, c.title, c.text) for c in releases.changes_between(old, new, conference.tz)
    ]


def release(conference, version, user=None, comment=""):
    return releases.release_save(
        release=Release(conference=conference, version=version, comment=comment), user=user
    )


def slot_of(workshop) -> TimeSlot:
    return workshop.slots.get()


# program_snapshot


def test_program_snapshot_keeps_public_workshops_with_title_status_and_slots(
    conference, bench, room_238
):
    WorkshopFactory(conference=conference, title="Secret", slug="secret", status="draft")
    cancelled = WorkshopFactory(
        conference=conference, title="Gone", slug="gone", status=Workshop.Status.CANCELLED
    )

    result = snapshot(conference)

    assert result == {
        "format": 1,
        "workshops": {
            "bench": {
                "title": "Benchmarking",
                "status": "published",
                "slots": {
                    str(slot_of(bench).guid): {
                        "room": "Room 238",
                        "start": "2023-06-08T13:00:00+00:00",
                        "end": "2023-06-08T16:00:00+00:00",
                    }
                },
            },
            "gone": {"title": cancelled.title, "status": "cancelled", "slots": {}},
        },
    }


# changes_between


def test_changes_between_identical_snapshots_is_empty(conference, bench):
    before = snapshot(conference)

    assert changes(before, snapshot(conference), conference) == []


def test_changes_between_lists_an_added_workshop(conference, bench, pacmi):
    pacmi.status = Workshop.Status.DRAFT
    pacmi.save()
    before = snapshot(conference)
    services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.PUBLISHED)

    result = changes(before, snapshot(conference), conference)

    assert result == [("added", "pacmi", "PACMI", "Added to the program.")]


def test_changes_between_ignores_a_workshop_that_appears_already_cancelled(conference, bench):
    before = snapshot(conference)
    WorkshopFactory(conference=conference, title="Late", slug="late", status="cancelled")

    assert changes(before, snapshot(conference), conference) == []


def test_changes_between_lists_a_withdrawn_workshop(conference, bench, pacmi):
    before = snapshot(conference)
    services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.DRAFT)

    result = changes(before, snapshot(conference), conference)

    assert result == [("withdrawn", "pacmi", "PACMI", "Withdrawn from the program.")]


def test_changes_between_lists_a_renamed_workshop(conference, bench):
    before = snapshot(conference)
    bench.title = "Benchmarking ML"
    bench.save()

    result = changes(before, snapshot(conference), conference)

    assert result == [("renamed", "bench", "Benchmarking ML", "Renamed from “Benchmarking”.")]


def test_changes_between_lists_a_cancelled_workshop(conference, bench):
    before = snapshot(conference)
    services.workshops_set_status(workshops=[bench], status=Workshop.Status.CANCELLED)

    result = changes(before, snapshot(conference), conference)

    assert result == [("cancelled", "bench", "Benchmarking", "Cancelled.")]


def test_changes_between_lists_a_reinstated_workshop(conference, bench):
    services.workshops_set_status(workshops=[bench], status=Workshop.Status.CANCELLED)
    before = snapshot(conference)
    services.workshops_set_status(workshops=[bench], status=Workshop.Status.PUBLISHED)

    result = changes(before, snapshot(conference), conference)

    assert result == [("reinstated", "bench", "Benchmarking", "No longer cancelled.")]


def test_changes_between_lists_a_room_move(conference, bench, room_241):
    before = snapshot(conference)
    services.workshops_move(workshops=[bench], room=room_241)

    result = changes(before, snapshot(conference), conference)

    assert result == [
        ("moved", "bench", "Benchmarking", "Moved from Room 238; now Thu 9:00–12:00 in Room 241.")
    ]


def test_changes_between_lists_a_time_move(conference, bench):
    before = snapshot(conference)
    services.workshops_move(workshops=[bench], shift=dt.timedelta(hours=1))

    result = changes(before, snapshot(conference), conference)

    assert result == [
        (
            "rescheduled",
            "bench",
            "Benchmarking",
            "Moved at Thu 9:00; now Thu 10:00–13:00 in Room 238.",
        )
    ]


def test_changes_between_lists_a_move_in_room_and_time(conference, bench, room_241):
    before = snapshot(conference)
    services.workshops_move(workshops=[bench], room=room_241, shift=dt.timedelta(days=-1))

    result = changes(before, snapshot(conference), conference)

    assert result == [
        (
            "moved",
            "bench",
            "Benchmarking",
            "Moved from Room 238 at Thu 9:00; now Wed 9:00–12:00 in Room 241.",
        )
    ]


def test_changes_between_lists_a_new_slot(conference, bench, room_241):
    before = snapshot(conference)
    TimeSlotFactory(
        workshop=bench, room=room_241, start=local(WEDNESDAY, 14), end=local(WEDNESDAY, 17)
    )

    result = changes(before, snapshot(conference), conference)

    assert result == [
        ("rescheduled", "bench", "Benchmarking", "New slot Wed 14:00–17:00 in Room 241.")
    ]


def test_changes_between_lists_a_dropped_slot(conference, bench, room_241):
    extra = TimeSlotFactory(
        workshop=bench, room=room_241, start=local(WEDNESDAY, 14), end=local(WEDNESDAY, 17)
    )
    before = snapshot(conference)
    extra.delete()

    result = changes(before, snapshot(conference), conference)

    assert result == [
        ("rescheduled", "bench", "Benchmarking", "Slot Wed 14:00–17:00 in Room 241 dropped.")
    ]


def test_changes_between_lists_workshops_by_slug_and_renames_before_moves(
    conference, bench, pacmi, room_241
):
    before = snapshot(conference)
    pacmi.title = "PACMI 2023"
    pacmi.save()
    services.workshops_move(workshops=[pacmi], shift=dt.timedelta(minutes=30))
    bench.title = "Benchmarking ML"
    bench.save()

    result = changes(before, snapshot(conference), conference)

    assert result == [
        ("renamed", "bench", "Benchmarking ML", "Renamed from “Benchmarking”."),
        ("renamed", "pacmi", "PACMI 2023", "Renamed from “PACMI”."),
        (
            "rescheduled",
            "pacmi",
            "PACMI 2023",
            "Moved at Thu 13:00; now Thu 13:30–17:30 in Room 241.",
        ),
    ]


# changelog


def test_changelog_lists_releases_newest_first_and_the_first_without_changes(
    conference, bench, pacmi, room_241
):
    release(conference, "1.0")
    services.workshops_move(workshops=[bench], room=room_241)
    release(conference, "1.1")
    release(conference, "1.2", comment="Nothing moved.")

    entries = releases.changelog(conference)

    assert [(e.release.version, [c.text for c in e.changes]) for e in entries] == [
        ("1.2", []),
        ("1.1", ["Moved from Room 238; now Thu 9:00–12:00 in Room 241."]),
        ("1.0", []),
    ]


def test_changes_for_one_release_agree_with_the_changelog(
    conference, bench, pacmi, room_241, django_assert_num_queries
):
    made = [release(conference, "1.0")]
    services.workshops_move(workshops=[bench], room=room_241)
    made += [release(conference, "1.1"), release(conference, "1.2")]
    Release.objects.filter(pk__in=[r.pk for r in made]).update(created=made[0].created)  # a tie
    for made_release in made:
        made_release.refresh_from_db()

    with django_assert_num_queries(2):  # the release before it, and the conference's zone
        moved = releases.changes_for(made[1])

    assert [c.text for c in moved] == ["Moved from Room 238; now Thu 9:00–12:00 in Room 241."]
    by_release = {e.release.pk: e.changes for e in releases.changelog(conference)}
    assert [releases.changes_for(r) for r in made] == [by_release[r.pk] for r in made]


def test_changelog_of_a_conference_without_releases_is_empty(conference, bench):
    assert releases.changelog(conference) == []


def test_changelog_runs_one_query(conference, bench, django_assert_num_queries):
    release(conference, "1.0")
    release(conference, "1.1")

    with django_assert_num_queries(1):
        entries = releases.changelog(conference)

    assert len(entries) == 2


# latest_changes_for


def test_latest_changes_for_lists_what_the_latest_release_changed_for_one_workshop(
    conference, bench, pacmi, room_241
):
    release(conference, "1.0")
    services.workshops_move(workshops=[bench], room=room_241)
    pacmi.title = "PACMI 2023"
    pacmi.save()
    release(conference, "1.1")

    result = releases.latest_changes_for(conference, "bench")

    assert [(c.kind, c.text) for c in result] == [
        ("moved", "Moved from Room 238; now Thu 9:00–12:00 in Room 241.")
    ]


def test_latest_changes_for_is_empty_for_a_workshop_new_in_the_latest_release(
    conference, bench, pacmi
):
    services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.DRAFT)
    release(conference, "1.0")
    services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.PUBLISHED)
    release(conference, "1.1")

    assert releases.latest_changes_for(conference, "pacmi") == []


def test_latest_changes_for_is_empty_with_one_release_or_none(conference, bench, room_241):
    assert releases.latest_changes_for(conference, "bench") == []
    release(conference, "1.0")
    services.workshops_move(workshops=[bench], room=room_241)  # not released yet

    assert releases.latest_changes_for(conference, "bench") == []


def test_latest_changes_for_ignores_changes_of_older_releases(conference, bench, room_241):
    release(conference, "1.0")
    services.workshops_move(workshops=[bench], room=room_241)
    release(conference, "1.1")
    release(conference, "1.2")

    assert releases.latest_changes_for(conference, "bench") == []


# unreleased_changes


def test_unreleased_changes_without_a_release_adds_every_public_workshop(conference, bench, pacmi):
    WorkshopFactory(conference=conference, title="Secret", slug="secret", status="draft")

    result = releases.unreleased_changes(conference)

    assert [(c.kind, c.slug) for c in result] == [("added", "bench"), ("added", "pacmi")]


def test_unreleased_changes_lists_changes_since_the_latest_release(
    conference, bench, pacmi, room_241
):
    release(conference, "1.0")
    services.workshops_move(workshops=[bench], room=room_241)
    release(conference, "1.1")
    services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.CANCELLED)

    result = releases.unreleased_changes(conference)

    assert [(c.kind, c.slug, c.text) for c in result] == [("cancelled", "pacmi", "Cancelled.")]


def test_unreleased_changes_is_empty_right_after_a_release(conference, bench):
    release(conference, "1.0")

    assert releases.unreleased_changes(conference) == []


# release_save


def test_release_save_keeps_the_snapshot_author_and_schedule_hash(conference, bench):
    chair = ChairFactory()
    expected_snapshot = snapshot(conference)
    expected_hash = selectors.schedule_hash_for(conference=conference)

    saved = release(conference, "  1.0 ", user=chair, comment=" First version. ")

    saved.refresh_from_db()
    conference.refresh_from_db()
    assert (saved.version, saved.comment, saved.created_by) == ("1.0", "First version.", chair)
    events = saved.snapshot.pop("events")
    assert saved.program["slots"][0]["guid"] == str(slot_of(bench).guid)
    assert saved.snapshot == expected_snapshot
    assert events == {
        str(slot_of(bench).guid): {
            "state": ["2023-06-08T13:00:00+00:00", "2023-06-08T16:00:00+00:00",
                      str(slot_of(bench).room.guid), "published"],
            "sequence": 0,
            "modified": saved.created.isoformat(),
        }
    }  # fmt: skip
    assert saved.schedule_hash == expected_hash
    assert re.fullmatch(r"[0-9a-f]{12}", saved.schedule_hash)
    assert conference.current_release == saved


def test_release_delete_makes_the_release_before_it_the_version(conference, bench):
    first = release(conference, "1.0")
    bench.title = "Benchmarking, renamed"
    bench.save()
    second = release(conference, "1.1")

    releases.release_delete(release=second)

    conference.refresh_from_db()
    assert conference.current_release == first
    assert list(conference.releases.values_list("version", flat=True)) == ["1.0"]
    assert selectors.program_version_for(conference=conference) == (
        f"1.0+{selectors.schedule_hash_for(conference=conference)}"
    )


def test_release_delete_of_the_only_release_leaves_the_hash(conference, bench):
    releases.release_delete(release=release(conference, "1.0"))

    conference.refresh_from_db()
    assert conference.current_release is None
    assert selectors.program_version_for(conference=conference) == selectors.schedule_hash_for(
        conference=conference
    )


def test_release_save_names_the_version_the_exports_and_pages_show(conference, bench):
    saved = release(conference, "1.0")

    program = selectors.program_for_export(conference, base_url="https://program.example.org")

    assert program.schedule_hash == saved.schedule_hash
    assert (program.version, selectors.program_version_for(conference=conference)) == (
        "1.0",
        "1.0",
    )


def test_release_save_leaves_created_by_empty_for_an_anonymous_user(conference, bench):
    from django.contrib.auth.models import AnonymousUser

    saved = release(conference, "1.0", user=AnonymousUser())

    assert saved.created_by is None


@pytest.mark.parametrize("version", ["", "   "])
def test_release_save_refuses_an_empty_version(conference, bench, version):
    with pytest.raises(ValidationError) as excinfo:
        release(conference, version)

    assert excinfo.value.message_dict == {"version": ["Give the release a version name."]}
    assert Release.objects.count() == 0


def test_release_save_refuses_a_duplicate_version(conference, bench):
    release(conference, "1.0")

    with pytest.raises(ValidationError) as excinfo:
        release(conference, " 1.0")

    assert excinfo.value.messages == ["This conference already has a release of that version."]
    assert list(Release.objects.values_list("version", flat=True)) == ["1.0"]


def test_release_save_accepts_the_same_version_in_another_conference(conference, bench):
    other = ConferenceFactory(name="Other 2023", slug="other-2023")
    release(conference, "1.0")

    release(other, "1.0")

    assert sorted(Release.objects.values_list("conference__slug", "version")) == [
        ("mlsys-2023", "1.0"),
        ("other-2023", "1.0"),
    ]


# Done when: a release, a room change, a second release: the public pages and the exports


def export_versions(conference) -> tuple[str, str]:
    """The version in the frab XML and in the c3voc JSON export."""
    program = selectors.program_for_export(conference, base_url="https://program.example.org")
    xml = exporters.get_exporter("schedule.xml").render_bytes(program)
    document = json.loads(exporters.get_exporter("schedule.json").render_bytes(program))
    return ET.fromstring(xml).findtext("version"), document["schedule"]["version"]


@pytest.fixture
def released_twice(conference, bench, pacmi, room_241):
    """Version 1.0, then Benchmarking moves from Room 238 to Room 241, then version 1.1."""
    chair = ChairFactory()
    release(conference, "1.0", user=chair, comment="The program.")
    services.workshops_move(workshops=[bench], room=room_241)
    release(conference, "1.1", user=chair, comment="A room change.")
    return conference


def test_changelog_page_lists_the_room_change_under_the_second_release(client, released_twice):
    response = client.get(reverse("workshops:changelog", args=["mlsys-2023"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert [e.release.version for e in response.context["entries"]] == ["1.1", "1.0"]
    assert re.findall(r'<li class="change change--(\w+)">(.*?)</li>', html) == [
        (
            "moved",
            '<a href="/mlsys-2023/workshops/bench/">Benchmarking</a>: '
            "Moved from Room 238; now Thu 9:00–12:00 in Room 241.",
        )
    ]
    assert html.index("Version 1.1") < html.index("A room change.") < html.index("Version 1.0")
    assert "The first published version of the program." in html


@pytest.mark.parametrize("n", [1, 3])
def test_changelog_page_query_count(client, django_assert_num_queries, conference, bench, n):
    for index in range(n):
        bench.title = f"Benchmarking {index}"
        bench.save()
        release(conference, f"1.{index}")

    # the conference, the editions for the switcher, the releases
    with django_assert_num_queries(4):  # with the cache's version
        response = client.get(reverse("workshops:changelog", args=["mlsys-2023"]))

    assert len(response.context["entries"]) == n


def test_changelog_page_without_releases_says_so(client, conference, bench):
    response = client.get(reverse("workshops:changelog", args=["mlsys-2023"]))

    assert response.context["entries"] == []
    assert "has not been released in versions yet" in response.content.decode()


def test_changelog_page_of_an_unpublished_conference_is_404(client, conference):
    conference.published = False
    conference.save()

    response = client.get(reverse("workshops:changelog", args=["mlsys-2023"]))

    assert response.status_code == 404


def test_workshop_page_shows_the_moved_note(client, released_twice):
    response = client.get(reverse("workshops:workshop-detail", args=["mlsys-2023", "bench"]))

    html = response.content.decode()
    assert [c.text for c in response.context["changes"]] == [
        "Moved from Room 238; now Thu 9:00–12:00 in Room 241."
    ]
    assert "<li>Moved from Room 238; now Thu 9:00–12:00 in Room 241.</li>" in html
    assert 'href="/mlsys-2023/changelog/">all changes</a>' in html


def test_workshop_page_of_an_unchanged_workshop_has_no_note(client, released_twice):
    response = client.get(reverse("workshops:workshop-detail", args=["mlsys-2023", "pacmi"]))

    assert response.context["changes"] == []
    assert "notice--changes" not in response.content.decode()


def test_exports_carry_the_release_name_while_unchanged(released_twice):
    assert export_versions(released_twice) == ("1.1", "1.1")


def test_exports_carry_the_release_name_and_hash_after_an_unreleased_change(released_twice, pacmi):
    services.workshops_set_status(workshops=[pacmi], status=Workshop.Status.CANCELLED)
    schedule_hash = selectors.schedule_hash_for(conference=released_twice)

    versions = export_versions(released_twice)

    assert schedule_hash != Release.objects.get(version="1.1").schedule_hash
    assert versions == (f"1.1+{schedule_hash}", f"1.1+{schedule_hash}")


def test_pages_signs_and_exports_show_one_version_after_an_unreleased_change(
    client, released_twice, pacmi
):
    pacmi.title = "PACMI 2023"
    pacmi.save()
    expected = f"1.1+{selectors.schedule_hash_for(conference=released_twice)}"

    sign = client.get(reverse("workshops:room-detail", args=["mlsys-2023", "room-241"]))
    listing = client.get(reverse("workshops:workshop-list", args=["mlsys-2023"]))

    assert export_versions(released_twice) == (expected, expected)
    assert f'<span class="room-sign__stamp">{expected}</span>' in sign.content.decode()
    assert f'data-version="{expected}"' in listing.content.decode()


def test_export_view_carries_the_release_version(client, released_twice, pacmi):
    url = reverse("workshops:export", args=["mlsys-2023", "schedule.xml"])
    before = ET.fromstring(client.get(url).content).findtext("version")
    pacmi.title = "PACMI 2023"
    pacmi.save()
    schedule_hash = selectors.schedule_hash_for(conference=released_twice)

    after = ET.fromstring(client.get(url).content).findtext("version")

    assert (before, after) == ("1.1", f"1.1+{schedule_hash}")


def test_exports_without_a_release_carry_the_schedule_hash(conference, bench):
    program = selectors.program_for_export(conference, base_url="")

    assert export_versions(conference) == (program.schedule_hash, program.schedule_hash)
