"""Apply an imported program to the database: one transaction, every row through full_clean."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from workshops.exchange.importers.base import ProgramPlan, RoomPlan, SlotPlan
from workshops.exchange.importers.report import CREATED, UNCHANGED, UPDATED, ImportReport
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import services, validators
from workshops.program.locking import (
    enforce_slot_overlap_now,
)
from workshops.program.revision import program_changed

# Slots that move are first parked here, one minute each, so that two slots may swap rooms or
# times: each is then checked at its new place against the program as it will be.
_PARKING = dt.datetime(1901, 1, 1, tzinfo=dt.UTC)
_BATCH = 500  # rows per INSERT of a bulk create
_WORKSHOP_SLUG_CONSTRAINT = "workshop_slug_unique_per_conference"


def program_import(
    *, plan: ProgramPlan, conference: Conference | None = None, dry_run: bool = False
) -> ImportReport:
    """Bring a conference's program to what the plan says, all or nothing: rows are matched by
    GUID, then slug (or name), created when missing and updated when they differ; rows the file
    does not mention stay as they are. A dry run does everything, reports, and rolls back."""
    report = ImportReport(format=plan.format, dry_run=dry_run)
    try:
        with services.slot_race_refused(), transaction.atomic():
            _Import(plan, report).run(conference)
            if dry_run:
                transaction.set_rollback(True)
    except IntegrityError as error:
        raise ValidationError(
            f"The database refused the import, so nothing was saved: {error}"
        ) from error
    return report


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            message if name == "__all__" else f"{name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        )
    return " ".join(error.messages)


def agenda_line(item: AgendaItem) -> str:
    """An agenda item as the exports write it after its times: “Title: Name (Place); Name”."""
    speakers = [
        f"{speaker.name} ({speaker.affiliation})" if speaker.affiliation else speaker.name
        for speaker in item.speaker_list
    ]
    return f"{item.title}: {'; '.join(speakers)}" if speakers else item.title


class _Import:
    def __init__(self, plan: ProgramPlan, report: ImportReport) -> None:
        self.plan = plan
        self.report = report
        self.conference: Conference
        self._person_slugs: set[str] | None = None  # every organizer's slug, once one is new

    def run(self, conference: Conference | None) -> None:
        self.conference = self._conference(conference)
        self.report.conference = f"{self.conference.name} ({self.conference.slug})"
        rooms = self._rooms()
        people = self._people()
        workshops = self._workshops(people)
        slots = self._slots(rooms, workshops)
        self._agenda(workshops, slots)
        self.report.notes += self.plan.notes

    # Saving, with the item named in any refusal -------------------------------------------

    def _checked(self, save: Callable[[], object], what: str, source: str) -> None:
        try:
            save()
        except ValidationError as error:
            where = f" ({source})" if source else ""
            raise ValidationError(
                f"{what}{where}: {_messages(error)} Nothing was imported.",
                code="import_refused",
            ) from error

    def _full_save(self, obj: models.Model, fields: list[str] | None = None) -> None:
        obj.full_clean()
        obj.save(update_fields=fields)

    def _clean(
        self,
        obj: models.Model,
        what: str,
        source: str,
        *,
        relations: list[str],
        rules: list[Callable[[], None]] | None = None,
    ) -> None:
        """full_clean() without its queries, for a new row saved in bulk later: `relations` are
        rows this import holds (no need to look them up), uniqueness follows from its matching
        (the database still enforces both), and `rules` (the model's clean() unless told) check
        what spans rows against what the import holds."""

        def clean() -> None:
            errors: dict = {}
            for step in [lambda: obj.clean_fields(exclude=relations), *(rules or [obj.clean])]:
                try:
                    step()
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
            if errors:
                raise ValidationError(errors)

        self._checked(clean, what, source)

    @staticmethod
    def _bulk_create(model: type[models.Model], rows: list[models.Model]) -> None:
        """Insert new rows a batch at a time, with their history records where the model keeps
        them; bulk_create sends no signals, so the program's version moves here."""
        if not rows:
            return
        program_changed()
        if getattr(model._meta, "simple_history_manager_attribute", None):
            bulk_create_with_history(rows, model, batch_size=_BATCH)
        else:
            model.objects.bulk_create(rows, batch_size=_BATCH)

    def _sync(
        self, obj: models.Model, values: dict, kind: str, label: str, source: str
    ) -> list[str]:
        """Create the row, or bring it to `values`; report what changed."""
        if obj.pk is None:
            for name, value in values.items():
                setattr(obj, name, value)
            self._checked(lambda: self._full_save(obj), f"{kind} {label}", source)
            self.report.add(CREATED, kind, label)
            return list(values)
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            self._checked(lambda: self._full_save(obj, changed), f"{kind} {label}", source)
        return changed

    def _record(self, kind: str, label: str, changed: list[str]) -> None:
        self.report.add(UPDATED if changed else UNCHANGED, kind, label, changed)

    def _aware(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:  # venue time (a CSV file)
            return moment.replace(tzinfo=self.conference.tz)
        return moment

    # The conference -------------------------------------------------------------------------

    def _conference(self, chosen: Conference | None) -> Conference:
        data = self.plan.conference
        if chosen is not None:
            if data.name and data.name.strip() != chosen.name:
                self.report.notes.append(
                    f"The file's conference is “{data.name.strip()}”; its program went into "
                    f"{chosen.name} as asked, whose name, dates and time zone stay as they are."
                )
            return chosen
        if not data.slug:
            raise ValidationError(
                "The file does not say which conference it belongs to: choose one "
                "(--conference SLUG, or import from the conference's page in the admin)."
            )
        values = {
            name: getattr(data, name)
            for name in ("name", "start_date", "end_date", "timezone", "website")
            if getattr(data, name) is not None
        }
        label = f"“{data.name or data.slug}” ({data.slug})"
        conference = Conference.objects.filter(slug=data.slug).first()
        if conference is not None:
            self._record(
                "conference",
                label,
                self._sync(conference, values, "conference", label, data.source),
            )
            return conference
        missing = [n for n in ("name", "start_date", "end_date") if values.get(n) is None]
        if missing:
            raise ValidationError(
                f"There is no conference “{data.slug}”, and the file lacks its "
                f"{', '.join(m.replace('_', ' ') for m in missing)} to create it: create the "
                "conference first, or choose one (--conference SLUG)."
            )
        values.setdefault("timezone", "UTC")
        values.setdefault("website", "")
        conference = Conference(slug=data.slug, year=values["start_date"].year, published=False)
        self._sync(conference, values, "conference", label, data.source)
        self.report.notes.append(
            f"The conference {data.slug} is new and unpublished: publish it in the admin when "
            "its program is ready."
        )
        return conference

    # Rooms and people -----------------------------------------------------------------------

    def _rooms(self) -> dict[int, Room]:
        """The conference's rooms by the plan's: GUID, else slug, else name; new ones last."""
        existing = list(Room.objects.filter(conference=self.conference))
        by_guid = {room.guid: room for room in existing}
        by_slug = {room.slug: room for room in existing}
        by_name = {room.name.lower(): room for room in existing}
        file_guids = {room.guid for room in self.plan.rooms if room.guid}
        taken = self._taken_guids(Room, file_guids - set(by_guid))
        position = max((room.position for room in existing), default=0)
        used: set[int] = set()
        result: dict[int, Room] = {}
        for data in self.plan.rooms:
            room = by_guid.get(data.guid) if data.guid else None
            if room is None:
                slug = data.slug or slugify(data.name)[:100]
                for candidate in (by_slug.get(slug), by_name.get(data.name.lower())):
                    if (
                        candidate is not None
                        and candidate.pk not in used
                        and (candidate.guid not in file_guids or candidate.guid == data.guid)
                    ):
                        room = candidate
                        break
            values: dict = {"name": data.name}
            if data.slug:
                values["slug"] = data.slug
            if data.capacity is not None:
                values["capacity"] = data.capacity
            label = f"“{data.name}”"
            if room is None:
                position += 1
                room = Room(
                    conference=self.conference,
                    slug=self._free_slug(data, by_slug),
                    position=position,
                    guid=self._free_guid(data.guid, f"room {label}", taken),
                )
                values.pop("slug", None)
                self._sync(room, values, "room", label, data.source)
                by_slug[room.slug] = room
            else:
                self._record("room", label, self._sync(room, values, "room", label, data.source))
            used.add(room.pk)
            result[id(data)] = room
        return result

    @staticmethod
    def _free_slug(data: RoomPlan, taken: dict[str, Room]) -> str:
        base = data.slug or slugify(data.name)[:95].strip("-") or "room"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    @staticmethod
    def _taken_guids(model: type[models.Model], guids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these GUIDs rows of the model have already: one query, none for no GUIDs."""
        if not guids:
            return set()
        return set(model.objects.filter(guid__in=guids).order_by().values_list("guid", flat=True))

    def _free_guid(self, guid: uuid.UUID | None, what: str, taken: set[uuid.UUID]) -> uuid.UUID:
        """The file's GUID, unless another conference's row has it already (a copied program);
        `taken` holds the GUIDs in use and gets the one given out."""
        if guid is None:
            return uuid.uuid4()
        if guid in taken:
            self.report.notes.append(
                f"The GUID {guid} of {what} belongs to another conference's row; "
                "this one got a new GUID."
            )
            return uuid.uuid4()
        taken.add(guid)
        return guid

    def _people(self) -> dict[int, Organizer]:
        """Organizers by GUID, else slug, else exact name; never another file person's record."""
        file_guids = {person.guid for person in self.plan.people if person.guid}
        slugs = {id(person): slugify(person.name)[:200] for person in self.plan.people}
        known = Organizer.objects.filter(
            Q(guid__in=file_guids)
            | Q(slug__in=set(slugs.values()) - {""})
            | Q(name__in={person.name for person in self.plan.people})
        ).order_by("pk")
        by_guid: dict[uuid.UUID, Organizer] = {}
        by_slug: dict[str, Organizer] = {}
        by_name: dict[str, list[Organizer]] = {}
        for organizer in known:
            by_guid[organizer.guid] = by_slug[organizer.slug] = organizer
            by_name.setdefault(organizer.name, []).append(organizer)
        used: set[int] = set()
        new: list[Organizer] = []
        result: dict[int, Organizer] = {}
        for data in self.plan.people:
            organizer = by_guid.get(data.guid) if data.guid else None
            slug = slugs[id(data)]
            if organizer is None:
                # Someone else's record in this file is not this person, whatever the name.
                organizer = next(
                    (
                        candidate
                        for candidate in [by_slug.get(slug), *by_name.get(data.name, [])]
                        if candidate is not None
                        and candidate.pk not in used
                        and (candidate.guid not in file_guids or candidate.guid == data.guid)
                    ),
                    None,
                )
            label = f"“{data.name}”"
            if organizer is None:
                organizer = Organizer(
                    slug=self._free_person_slug(slug),
                    guid=data.guid or uuid.uuid4(),
                    name=data.name,
                )
                self._clean(organizer, f"organizer {label}", data.source, relations=["user"])
                self.report.add(CREATED, "organizer", label)
                new.append(organizer)
            else:
                # Only the name: files never carry e-mail addresses, affiliations or accounts.
                changed = self._sync(
                    organizer, {"name": data.name}, "organizer", label, data.source
                )
                self._record("organizer", label, changed)
                used.add(organizer.pk)
            result[id(data)] = organizer
        self._bulk_create(Organizer, new)
        return result

    def _free_person_slug(self, slug: str) -> str:
        if self._person_slugs is None:
            self._person_slugs = set(Organizer.objects.order_by().values_list("slug", flat=True))
        base = slug[:190].strip("-") or "person"
        candidate, number = base, 1
        while candidate in self._person_slugs:
            number += 1
            candidate = f"{base}-{number}"
        self._person_slugs.add(candidate)
        return candidate

    # Workshops, slots, agenda ---------------------------------------------------------------

    def _workshops(self, people: dict[int, Organizer]) -> dict[int, Workshop]:
        """The conference's workshops by slug, with their organizers in the file's order."""
        existing = {
            workshop.slug: workshop
            for workshop in Workshop.objects.filter(conference=self.conference)
        }
        links: dict[int, list[int]] = {}
        for link in WorkshopOrganizer.objects.filter(workshop__conference=self.conference).order_by(
            "position", "id"
        ):
            links.setdefault(link.workshop_id, []).append(link.organizer_id)
        result: dict[int, Workshop] = {}
        new: dict[str, tuple[Workshop, list[Organizer]]] = {}  # by slug
        for data in self.plan.workshops:
            values: dict = {"title": data.title, "status": data.status}
            for name in ("acronym", "abstract", "website"):
                if getattr(data, name) is not None:
                    values[name] = getattr(data, name)
            organizers = list(dict.fromkeys(people[id(person)] for person in data.organizers))
            label = f"“{data.title}” ({data.slug})"
            workshop = existing.get(data.slug)
            if workshop is None:
                workshop = Workshop(conference=self.conference, slug=data.slug, **values)
                rules = [workshop.clean, lambda slug=data.slug: self._new_slug(slug, new)]
                self._clean(
                    workshop,
                    f"workshop {label}",
                    data.source,
                    relations=["conference"],
                    rules=rules,
                )
                self.report.add(CREATED, "workshop", label)
                new[data.slug] = (workshop, organizers)
                result[id(data)] = workshop
                continue
            changed = self._sync(workshop, values, "workshop", label, data.source)
            if links.get(workshop.pk, []) != [o.pk for o in organizers]:
                self._checked(
                    lambda w=workshop, o=organizers: services.workshop_set_organizers(
                        workshop=w, organizers=o
                    ),
                    f"workshop {label}",
                    data.source,
                )
                changed.append("organizers")
            self._record("workshop", label, changed)
            result[id(data)] = workshop
        self._bulk_create(Workshop, [workshop for workshop, _ in new.values()])
        self._bulk_create(
            WorkshopOrganizer,
            [
                WorkshopOrganizer(workshop=workshop, organizer=organizer, position=position)
                for workshop, organizers in new.values()
                for position, organizer in enumerate(organizers)
            ],
        )
        return result

    @staticmethod
    def _new_slug(slug: str, new: dict) -> None:
        if slug in new:  # the database's unique constraint, checked before the bulk insert
            unique = next(
                c for c in Workshop._meta.constraints if c.name == _WORKSHOP_SLUG_CONSTRAINT
            )
            raise ValidationError(unique.violation_error_message, code="unique")

    def _slot_label(
        self,
        data: SlotPlan,
        room: Room | None,
        start: dt.datetime,
        end: dt.datetime,
        guid: uuid.UUID,
    ) -> str:
        tz = self.conference.tz
        where = f" in {room.name}" if room else ""
        return (
            f"“{data.label}”, {start.astimezone(tz):%a %d %b %Y %H:%M}–"
            f"{end.astimezone(tz):%H:%M}{where} (GUID {guid})"
        )

    def _slots(
        self, rooms: dict[int, Room], workshops: dict[int, Workshop]
    ) -> dict[int, list[TimeSlot]]:
        """Slots by GUID, else workshop (or plenary title) and start; moving ones parked first.
        Every slot is checked in file order against the rooms as the import leaves them (one
        query of the conference's slots); the program's slots by workshop id, as saved."""
        existing = list(
            TimeSlot.objects.filter(conference=self.conference).select_related("room", "workshop")
        )
        for slot in existing:
            slot.conference = self.conference
        by_guid = {slot.guid: slot for slot in existing}
        by_place = {
            (slot.workshop_id, "" if slot.workshop_id else slot.title, slot.start): slot
            for slot in existing
        }
        file_guids = {data.guid for data in self.plan.slots if data.guid}
        taken = set(by_guid) | self._taken_guids(TimeSlot, file_guids - set(by_guid))
        used: set[int] = set()
        work = []
        for data in self.plan.slots:
            room = rooms[id(data.room)] if data.room is not None else None
            workshop = workshops[id(data.workshop)] if data.workshop is not None else None
            start, end = self._aware(data.start), self._aware(data.end)
            slot = by_guid.get(data.guid) if data.guid else None
            if slot is None or slot.pk in used:
                slot = by_place.get((workshop.pk if workshop else None, data.title, start))
                if slot is not None and slot.pk in used:
                    slot = None
            values = {
                "room": room,
                "workshop": workshop,
                "title": data.title,
                "start": start,
                "end": end,
            }
            if slot is None:
                slot = TimeSlot(
                    conference=self.conference,
                    guid=self._free_guid(data.guid, f"the slot at {data.source}", taken),
                )
                changed = list(values)
            else:
                used.add(slot.pk)
                changed = [name for name, value in values.items() if getattr(slot, name) != value]
            label = self._slot_label(data, room, start, end, slot.guid)
            work.append((data, slot, values, changed, label))
        writes = any(changed for _, _, _, changed, _ in work)
        if writes:
            # Bookings of these rooms by others wait for this import; one that got in before
            # the lock meets the database's overlap guard (PostgreSQL).
            services.slot_hold_rooms(rooms=rooms.values())
        self._check_slots(existing, work)
        moving = [
            slot
            for _, slot, _, changed, _ in work
            if slot.pk and {"room", "start", "end"} & set(changed)
        ]
        for index, slot in enumerate(moving):
            parked = _PARKING + dt.timedelta(minutes=2 * index)
            TimeSlot.objects.filter(pk=slot.pk).update(
                start=parked, end=parked + dt.timedelta(minutes=1)
            )
        new = []
        for data, slot, _, changed, label in work:
            created = slot.pk is None
            if created:
                new.append(slot)
            elif changed:
                self._checked(
                    lambda s=slot: services.slot_save(slot=s), f"time slot {label}", data.source
                )
            self.report.add(
                CREATED if created else UPDATED if changed else UNCHANGED,
                "time slot",
                label,
                [] if created else changed,
            )
        self._bulk_create(TimeSlot, new)
        if writes:
            enforce_slot_overlap_now()  # the bulk insert: a clash is refused here, not at commit
        left = len(existing) - len(used)
        if left:
            self.report.notes.append(
                f"{left} time slot(s) of {self.conference.name} are not in the file and stay as "
                "they are (an export leaves out drafts and cancelled workshops)."
            )
        by_workshop: dict[int, list[TimeSlot]] = {}
        for slot in [*existing, *new]:
            if slot.workshop_id:
                by_workshop.setdefault(slot.workshop_id, []).append(slot)
        return by_workshop

    def _check_slots(self, existing: list[TimeSlot], work: list) -> None:
        """Bring each new or changed slot to the file's values and check it, in file order,
        against the rooms as they will be: the slots that stay in place, and those before it."""
        moving = {
            slot.pk for _, slot, _, changed, _ in work if {"room", "start", "end"} & set(changed)
        }
        bookings: dict[int, list[TimeSlot]] = {}
        for slot in existing:
            if slot.room_id and slot.pk not in moving:
                bookings.setdefault(slot.room_id, []).append(slot)
        for data, slot, values, changed, label in work:
            if not changed:
                continue
            for name in changed:
                setattr(slot, name, values[name])
            self._clean(
                slot,
                f"time slot {label}",
                data.source,
                relations=["conference", "room", "workshop"],
                rules=[lambda s=slot: validators.check_slot(s, bookings=bookings)],
            )
            if slot.room_id and (slot.pk is None or slot.pk in moving):
                bookings.setdefault(slot.room_id, []).append(slot)

    def _agenda(self, workshops: dict[int, Workshop], slots: dict[int, list[TimeSlot]]) -> None:
        """Agenda items by times and text, as our exports write them; kinds stay as they are."""
        saved: dict[int, list[AgendaItem]] = {}
        if any(data.agenda for data in self.plan.workshops):
            items = AgendaItem.objects.filter(workshop__conference=self.conference)
            for item in items.order_by("start", "id"):
                saved.setdefault(item.workshop_id, []).append(item)
        new: list[AgendaItem] = []
        for data in self.plan.workshops:
            if not data.agenda:
                continue
            workshop = workshops[id(data)]
            existing = saved.get(workshop.pk, [])
            used: set[int] = set()
            for entry in data.agenda:
                start, end = self._aware(entry.start), self._aware(entry.end)
                same_time = [
                    item
                    for item in existing
                    if item.start == start and item.end == end and item.pk not in used
                ]
                item = next(
                    (i for i in same_time if agenda_line(i) == entry.text),
                    same_time[0] if same_time else None,
                )
                tz = self.conference.tz
                label = (
                    f"“{entry.title}”, {start.astimezone(tz):%a %d %b %H:%M}–"
                    f"{end.astimezone(tz):%H:%M} ({workshop.title})"
                )
                if item is None:
                    item = AgendaItem(
                        workshop=workshop,
                        start=start,
                        end=end,
                        title=entry.title,
                        speakers=entry.speakers,
                        kind=AgendaItem.Kind.OTHER,
                    )
                    item.slots_as_entered = slots.get(workshop.pk, [])
                    self._clean(item, f"agenda item {label}", "", relations=["workshop"])
                    new.append(item)
                    self.report.add(CREATED, "agenda item", label)
                    continue
                if agenda_line(item) != entry.text:
                    item.workshop = workshop
                    item.title, item.speakers = entry.title, entry.speakers
                    self._checked(
                        lambda i=item: services.agenda_item_save(item=i),
                        f"agenda item {label}",
                        "",
                    )
                    item.__dict__.pop("speaker_list", None)
                    self.report.add(UPDATED, "agenda item", label, ["title", "speakers"])
                else:
                    self.report.add(UNCHANGED, "agenda item", label)
                used.add(item.pk)
        self._bulk_create(AgendaItem, new)
