from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in: a program chair, a workshop organizer or a staff member."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]
