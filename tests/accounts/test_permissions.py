from django.contrib.auth.models import AnonymousUser

from accounts.permissions import is_program_chair
from tests.factories import ChairFactory, UserFactory


def test_is_program_chair_true_for_staff_in_the_chairs_group(db):
    assert is_program_chair(ChairFactory()) is True


def test_is_program_chair_false_for_anonymous_plain_and_inactive_users(db):
    inactive_chair = ChairFactory(is_active=False)
    staff_outside_group = UserFactory(is_staff=True)

    assert [
        is_program_chair(user)
        for user in (AnonymousUser(), UserFactory(), staff_outside_group, inactive_chair)
    ] == [False, False, False, False]


def test_is_program_chair_true_for_a_superuser(db):
    assert is_program_chair(UserFactory(is_staff=True, is_superuser=True)) is True
