"""Writes about people who sign in."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.crypto import get_random_string

from accounts.models import User
from accounts.roles import PROGRAM_CHAIRS


@transaction.atomic
def chair_ensure(*, username: str) -> tuple[User, str | None]:
    """Make sure a program chair account exists; return its new password if it was just made."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, None
    password = get_random_string(20)
    user = User.objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=PROGRAM_CHAIRS))
    return user, password
