"""Writes about people who sign in."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.crypto import get_random_string

from accounts.models import User
from accounts.roles import PROGRAM_CHAIRS
from workshops.models import Conference


@transaction.atomic
def chair_ensure(
    *, username: str, conferences: Iterable[Conference] = ()
) -> tuple[User, str | None]:
    """Make sure a program chair account exists and chairs `conferences` (an account made
    earlier is added to them too); return its new password if it was just made."""
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = get_random_string(20)
        user = User.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.add(Group.objects.get(name=PROGRAM_CHAIRS))
    user.chaired_conferences.add(*conferences)
    return user, password
