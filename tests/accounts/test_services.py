from django.contrib.auth import authenticate
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.services import chair_ensure


def test_chair_ensure_creates_a_staff_chair_whose_password_works(db, rf):
    user, password = chair_ensure(username="chair")

    assert (user.username, user.is_staff, user.is_superuser) == ("chair", True, False)
    assert list(user.groups.values_list("name", flat=True)) == ["Program chairs"]
    assert len(password) == 20
    assert authenticate(rf.post("/admin/login/"), username="chair", password=password) == user


def test_chair_ensure_second_call_returns_the_user_and_creates_nothing(db, rf):
    first, password = chair_ensure(username="chair")

    again, no_password = chair_ensure(username="chair")

    assert (again, no_password) == (first, None)
    assert list(User.objects.values_list("username", flat=True)) == ["chair"]
    assert list(Group.objects.get(name="Program chairs").user_set.all()) == [first]
    assert authenticate(rf.post("/admin/login/"), username="chair", password=password) == first
