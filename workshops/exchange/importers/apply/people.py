"""The file's people as organizers: matched by GUID, else slug, else exact name; never another
file person's record. An import does only what its user may do by hand. It matches only the
people its user finds in the admin (accounts.permissions.visible_people: linking anyone else
would let a chair read their address); a GUID of someone else makes a new record. A person's
record is shared by editions: the import renames one only where its user may edit that person
(accounts.permissions.can_edit_person), and else links the record as it is."""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.utils.text import slugify

from accounts import permissions
from accounts.models import User
from workshops.exchange.importers.apply.session import ImportSession, bulk_create
from workshops.exchange.importers.plan import PersonPlan
from workshops.exchange.importers.report import CREATED
from workshops.models import Organizer


class _Known:
    """The organizers a file's people may be: one query, looked up by GUID, slug and name."""

    def __init__(self, people: list[PersonPlan], slugs: dict[int, str], user: User | None) -> None:
        self.file_guids = {person.guid for person in people if person.guid}
        findable = Organizer.objects.all() if user is None else permissions.visible_people(user)
        known = findable.filter(
            Q(guid__in=self.file_guids)
            | Q(slug__in=set(slugs.values()) - {""})
            | Q(name__in={person.name for person in people})
        ).order_by("pk")
        self.by_guid: dict[uuid.UUID, Organizer] = {}
        self.by_slug: dict[str, Organizer] = {}
        self.by_name: dict[str, list[Organizer]] = {}
        for organizer in known:
            self.by_guid[organizer.guid] = self.by_slug[organizer.slug] = organizer
            self.by_name.setdefault(organizer.name, []).append(organizer)
        self.used: set[int] = set()
        # GUIDs of people this user does not find (the operator finds everyone): a new record
        # cannot take them.
        unfound = self.file_guids - set(self.by_guid)
        self.hidden_guids = set(
            Organizer.objects.filter(guid__in=unfound).order_by().values_list("guid", flat=True)
            if user is not None and unfound
            else ()
        )

    def match(self, data: PersonPlan, slug: str) -> Organizer | None:
        organizer = self.by_guid.get(data.guid) if data.guid else None
        if organizer is not None:
            return organizer
        # Someone else's record in this file is not this person, whatever the name.
        return next(
            (
                candidate
                for candidate in [self.by_slug.get(slug), *self.by_name.get(data.name, [])]
                if candidate is not None
                and candidate.pk not in self.used
                and (candidate.guid not in self.file_guids or candidate.guid == data.guid)
            ),
            None,
        )


class _FreeSlugs:
    """Slugs no organizer has, read once, when the first new organizer needs one."""

    def __init__(self) -> None:
        self._taken: set[str] | None = None

    def take(self, slug: str) -> str:
        if self._taken is None:
            self._taken = set(Organizer.objects.order_by().values_list("slug", flat=True))
        base = slug[:190].strip("-") or "person"
        candidate, number = base, 1
        while candidate in self._taken:
            number += 1
            candidate = f"{base}-{number}"
        self._taken.add(candidate)
        return candidate


def import_people(session: ImportSession) -> dict[int, Organizer]:
    """Organizers by the plan's people (by id()): renamed where the name differs, new ones
    checked and inserted in bulk."""
    slugs = {id(person): slugify(person.name)[:200] for person in session.plan.people}
    known = _Known(session.plan.people, slugs, session.user)
    free_slugs = _FreeSlugs()
    new: list[Organizer] = []
    result: dict[int, Organizer] = {}
    for data in session.plan.people:
        organizer = known.match(data, slugs[id(data)])
        label = f"“{data.name}”"
        if organizer is None:
            guid = data.guid or uuid.uuid4()
            if guid in known.hidden_guids:
                guid = uuid.uuid4()
                session.report.notes.append(
                    f"The file's organizer {label} has the GUID {data.guid} of a person of "
                    "conferences you do not chair: imported as a new person. A chair of "
                    "those conferences or a superuser can link the existing record instead."
                )
            organizer = Organizer(slug=free_slugs.take(slugs[id(data)]), guid=guid, name=data.name)
            session.clean(organizer, f"organizer {label}", data.source, relations=["user"])
            session.report.add(CREATED, "organizer", label)
            new.append(organizer)
        elif organizer.name != data.name and not _may_rename(session, organizer):
            session.report.notes.append(
                f"The file calls the organizer “{organizer.name}” (GUID {organizer.guid}) "
                f"“{data.name}”, but they also organize workshops of conferences you do not "
                "chair: linked without renaming."
            )
            session.record("organizer", f"“{organizer.name}”", [])
            known.used.add(organizer.pk)
        else:
            # Only the name: files never carry e-mail addresses, affiliations or accounts.
            changed = session.sync(organizer, {"name": data.name}, "organizer", label, data.source)
            session.record("organizer", label, changed)
            known.used.add(organizer.pk)
        result[id(data)] = organizer
    bulk_create(Organizer, new)
    return result


def _may_rename(session: ImportSession, organizer: Organizer) -> bool:
    """The operator's command (no user) may; a user, where the admin would let them."""
    return session.user is None or permissions.can_edit_person(session.user, organizer)
