"""The program's revision: a counter of every change to the program, which the page cache keys by.
It is no version a user sees: that is a release's name (Conference.version_label)."""

from __future__ import annotations

import datetime as dt
import time

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone


def _fresh_revision() -> int:
    """A starting revision above any the site can have used before: microseconds since 1970.
    A row that is lost and made again (a flushed test database, a restored dump) then never
    repeats a revision that caches may still hold."""
    return time.time_ns() // 1000


class ProgramState(models.Model):
    """One row (pk 1). `revision` grows with every saved or deleted row of the program, in the
    same transaction as the change, so every server sees the new revision on its next request;
    `changed` is when that happened (the pages' Last-Modified)."""

    changes_program = False

    revision = models.PositiveBigIntegerField(default=_fresh_revision, db_column="version")
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "program state"

    def __str__(self) -> str:
        return f"revision {self.revision} of {self.changed:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def current(cls, *, using: str | None = None) -> tuple[int, dt.datetime]:
        """(revision, changed): one plain query (every public request asks, so it skips the
        ORM's query building), or a few more the very first time."""
        connection = connections[using or DEFAULT_DB_ALIAS]
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version, changed FROM {table} WHERE id = 1")
            row = cursor.fetchone()
        if row is None:
            state, _ = cls.objects.using(using or DEFAULT_DB_ALIAS).get_or_create(pk=1)
            return state.revision, state.changed
        version, changed = row
        if isinstance(changed, str):  # SQLite hands back the stored text
            changed = dt.datetime.fromisoformat(changed)
        if timezone.is_naive(changed):
            changed = changed.replace(tzinfo=dt.UTC)
        return version, changed

    @classmethod
    def bump(cls, *, using: str | None = None) -> None:
        """Move the revision on; the caller's transaction commits it with the change."""
        rows = cls.objects.using(using) if using else cls.objects
        # Never back in time: the database's triggers set it by the database's clock.
        now = Value(timezone.now(), output_field=models.DateTimeField())
        moved = rows.filter(pk=1).update(
            revision=F("revision") + 1, changed=Greatest(F("changed"), now)
        )
        if not moved:
            rows.get_or_create(pk=1)
