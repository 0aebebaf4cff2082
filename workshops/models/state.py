"""The version of everything the public sees, moved by every change to the program."""

from __future__ import annotations

import datetime as dt
import time

from django.db import models
from django.db.models import F
from django.utils import timezone


def _fresh_version() -> int:
    """A starting version above any the site can have used before: microseconds since 1970.
    A row that is lost and made again (a flushed test database, a restored dump) then never
    repeats a version that caches may still hold."""
    return time.time_ns() // 1000


class ProgramState(models.Model):
    """One row (pk 1). `version` grows with every saved or deleted row of the program, in the
    same transaction as the change, so every server sees the new version on its next request;
    `changed` is when that happened (the pages' Last-Modified)."""

    changes_program = False

    version = models.PositiveBigIntegerField(default=_fresh_version)
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "program state"

    def __str__(self) -> str:
        return f"version {self.version} of {self.changed:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def current(cls, *, using: str | None = None) -> tuple[int, dt.datetime]:
        """(version, changed): one query, or two the very first time."""
        rows = cls.objects.using(using) if using else cls.objects
        row = rows.filter(pk=1).values_list("version", "changed").first()
        if row is None:
            state, _ = rows.get_or_create(pk=1)
            row = (state.version, state.changed)
        return row

    @classmethod
    def bump(cls, *, using: str | None = None) -> None:
        """Move the version on; the caller's transaction commits it with the change."""
        rows = cls.objects.using(using) if using else cls.objects
        moved = rows.filter(pk=1).update(version=F("version") + 1, changed=timezone.now())
        if not moved:
            rows.get_or_create(pk=1)
