import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import QuerySet

from accounts import permissions
from accounts.roles import STAFF, WORKSHOP_ORGANIZERS
from tests.factories import (
    ChairFactory,
    ConferenceFactory,
    OrganizerFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    WorkshopSeriesFactory,
    chair_of,
    organizer_of,
)
from workshops.models import AgendaItem, AgendaItemSpeaker, Organizer, Paper, PaperAuthor, Workshop


def organizer_user(workshop: Workshop):
    """A signed-in organizer of `workshop`: in the organizers' group, linked to the person."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=WORKSHOP_ORGANIZERS))
    WorkshopOrganizerFactory(workshop=workshop, organizer=OrganizerFactory(user=user))
    return user


def test_is_program_chair_true_for_staff_in_the_chairs_group(db):
    assert permissions.is_program_chair(ChairFactory()) is True


def test_is_program_chair_false_for_anonymous_plain_and_inactive_users(db):
    inactive_chair = ChairFactory(is_active=False)
    staff_outside_group = UserFactory(is_staff=True)

    assert [
        permissions.is_program_chair(user)
        for user in (AnonymousUser(), UserFactory(), staff_outside_group, inactive_chair)
    ] == [False, False, False, False]


def test_is_program_chair_true_for_a_superuser(db):
    assert permissions.is_program_chair(UserFactory(is_staff=True, is_superuser=True)) is True


def test_chaired_conferences_are_only_the_ones_the_chair_is_listed_on(db):
    mine, other = ConferenceFactory(), ConferenceFactory()
    chair = ChairFactory()
    mine.chairs.add(chair)

    assert list(permissions.chaired_conferences(chair)) == [mine]
    assert permissions.can_edit_program(chair, mine) is True
    assert permissions.can_edit_program(chair, other) is False


def test_chaired_conferences_need_the_chairs_group_too(db):
    conference = ConferenceFactory()
    outsider = UserFactory(is_staff=True)
    conference.chairs.add(outsider)

    assert list(permissions.chaired_conferences(outsider)) == []
    assert permissions.can_edit_program(outsider, conference) is False


def test_superuser_edits_every_program(db):
    first, second = ConferenceFactory(), ConferenceFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)

    assert set(permissions.chaired_conferences(admin)) == {first, second}
    assert permissions.can_edit_program(admin, second) is True


def test_organizer_edits_own_workshop_content_but_does_not_schedule_it(db):
    own, other = WorkshopFactory(), WorkshopFactory()
    user = organizer_user(own)

    assert list(permissions.organized_workshops(user)) == [own]
    assert permissions.can_edit_workshop(user, own) is True
    assert permissions.can_schedule_workshop(user, own) is False
    assert permissions.can_edit_workshop(user, other) is False


def test_organizer_link_without_the_group_gives_no_rights(db):
    workshop = WorkshopFactory()
    user = UserFactory(is_staff=True)
    WorkshopOrganizerFactory(workshop=workshop, organizer=OrganizerFactory(user=user))

    assert permissions.can_edit_workshop(user, workshop) is False


def test_chair_edits_and_schedules_every_workshop_of_their_conference(db):
    conference = ConferenceFactory()
    chair = ChairFactory()
    conference.chairs.add(chair)
    inside, outside = WorkshopFactory(conference=conference), WorkshopFactory()

    assert (
        permissions.can_edit_workshop(chair, inside),
        permissions.can_schedule_workshop(chair, inside),
        permissions.can_edit_workshop(chair, outside),
        permissions.can_schedule_workshop(chair, outside),
    ) == (True, True, False, False)


def test_visible_workshops_by_role(db):
    conference = ConferenceFactory()
    chaired = WorkshopFactory(conference=conference, status=Workshop.Status.DRAFT)
    organized, unrelated = WorkshopFactory(), WorkshopFactory()
    chair = ChairFactory()
    conference.chairs.add(chair)
    organizer = organizer_user(organized)
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF))

    assert set(permissions.visible_workshops(chair)) == {chaired}
    assert set(permissions.visible_workshops(organizer)) == {organized}
    assert set(permissions.visible_workshops(staff)) == {chaired, organized, unrelated}
    assert list(permissions.visible_workshops(UserFactory())) == []


def test_can_preview_workshop_for_editors_and_staff_only(db):
    draft = WorkshopFactory(status=Workshop.Status.DRAFT)
    organizer = organizer_user(draft)
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF))

    assert [
        permissions.can_preview_workshop(user, draft)
        for user in (organizer, staff, UserFactory(), AnonymousUser())
    ] == [True, True, False, False]


@pytest.fixture
def people(db):
    """A person in a chaired conference, one elsewhere, one whose account chairs the chaired
    conference, and one of no conference; the chair, an organizer, a staff reader."""
    conference, elsewhere = ConferenceFactory(), ConferenceFactory()
    chair = ChairFactory()
    conference.chairs.add(chair)
    organizer = organizer_user(WorkshopFactory(conference=conference))
    co_chair = ChairFactory()
    conference.chairs.add(co_chair)
    far = OrganizerFactory(name="Far")
    WorkshopOrganizerFactory(workshop=WorkshopFactory(conference=elsewhere), organizer=far)
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF))
    return {
        "chair": chair,
        "organizer": organizer,
        "staff": staff,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
        "own": organizer.organizer,
        "co-chair": OrganizerFactory(name="Co-chair", user=co_chair),
        "far": far,
        "new": OrganizerFactory(name="New"),
    }


def names(people: QuerySet) -> set[str]:
    return set(people.values_list("name", flat=True))


def test_visible_people_by_role(people):
    own = people["own"].name

    assert names(permissions.visible_people(people["chair"])) == {own, "Co-chair", "New"}
    assert names(permissions.visible_people(people["organizer"])) == {own, "New"}
    assert names(permissions.visible_people(people["staff"])) == {own, "Co-chair", "Far", "New"}
    assert names(permissions.visible_people(people["superuser"])) == {
        own, "Co-chair", "Far", "New",
    }  # fmt: skip
    assert names(permissions.visible_people(UserFactory(is_staff=True))) == set()
    assert names(permissions.visible_people(AnonymousUser())) == set()


def test_people_with_visible_address_are_a_chairs_own_conferences_or_all_for_superusers(people):
    assert names(permissions.people_with_visible_address(people["chair"])) == {
        people["own"].name, "Co-chair",
    }  # fmt: skip
    assert names(permissions.people_with_visible_address(people["superuser"])) == {
        people["own"].name, "Co-chair", "Far", "New",
    }  # fmt: skip
    for role in ("organizer", "staff"):
        assert names(permissions.people_with_visible_address(people[role])) == set()


def test_can_see_address_for_one_person(people):
    assert [
        permissions.can_see_address(people["chair"], people[key])
        for key in ("own", "co-chair", "far", "new")
    ] == [True, True, False, False]


def test_visible_series_and_can_edit_series(db):
    conference, elsewhere = ConferenceFactory(), ConferenceFactory()
    chair = ChairFactory()
    conference.chairs.add(chair)
    own, shared, foreign, unused = (WorkshopSeriesFactory(slug=s) for s in "osfu")
    WorkshopFactory(conference=conference, series=own)
    WorkshopFactory(conference=conference, series=shared)
    WorkshopFactory(conference=elsewhere, series=shared)
    WorkshopFactory(conference=elsewhere, series=foreign)
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF))

    assert {s.slug for s in permissions.visible_series(chair)} == {"o", "s", "u"}
    assert {s.slug for s in permissions.visible_series(staff)} == {"o", "s", "f", "u"}
    assert list(permissions.visible_series(UserFactory(is_staff=True))) == []
    assert [permissions.can_edit_series(chair, s) for s in (own, shared, foreign, unused)] == [
        True, False, False, True,
    ]  # fmt: skip
    assert permissions.can_edit_series(staff, unused) is False


def test_speakers_and_authors_belong_to_their_conference(db):
    """An imported author or a speaker is their conference's chairs' to see (with the
    address) and their workshop's organizers' to find, not another conference's organizers'."""
    workshop = WorkshopFactory()
    other = WorkshopFactory()
    author = Organizer.objects.create(name="Ana", slug="ana", email="ana@uni.example")
    speaker = Organizer.objects.create(name="Bo", slug="bo")
    paper = Paper.objects.create(workshop=workshop, title="P")
    PaperAuthor.objects.create(paper=paper, person=author)
    item = AgendaItem.objects.create(
        workshop=workshop, title="T", start=dt.datetime(2023, 6, 8, 9, tzinfo=dt.UTC),
        end=dt.datetime(2023, 6, 8, 10, tzinfo=dt.UTC),
    )  # fmt: skip
    AgendaItemSpeaker.objects.create(agenda_item=item, person=speaker)
    chair = chair_of(workshop.conference)
    own = organizer_of(workshop, name="Own", slug="own")
    stranger = organizer_of(other, name="Stranger", slug="stranger")

    assert permissions.can_see_address(chair, author)
    assert {author, speaker} <= set(permissions.visible_people(own))
    assert not {author, speaker} & set(permissions.visible_people(stranger))
