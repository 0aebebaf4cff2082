"""Who may do what: views and templates ask these functions, never the roles themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.roles import PROGRAM_CHAIRS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def is_program_chair(user: User | AnonymousUser) -> bool:
    """A program chair is an active staff user in the chairs' group (or a superuser)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=PROGRAM_CHAIRS).exists()
