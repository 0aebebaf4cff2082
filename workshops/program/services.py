"""Every write to the program: one function each, atomic, validating before it saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from workshops.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Conference,
    Link,
    Organizer,
    Paper,
    PaperAuthor,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
    WorkshopSeries,
)
from workshops.program import people, validators
from workshops.program.locking import (
    enforce_slot_overlap_now,
    is_slot_overlap_violation,
    lock_program,
    lock_rooms,
)

SLOT_TAKEN_MESSAGE = (
    # The caller says what was not saved (the admin, the action, the import each in its words).
    "Someone else booked this room for an overlapping time a moment ago. "
    "Reload to see the current program."
)


@contextmanager
def slot_race_refused() -> Iterator[None]:
    """Slots written inside: PostgreSQL's refusal of an overlap that raced them (a booking
    that got in after our check) becomes a ValidationError with SLOT_TAKEN_MESSAGE."""
    try:
        yield
    except IntegrityError as error:
        if is_slot_overlap_violation(error):
            raise ValidationError(SLOT_TAKEN_MESSAGE, code="slot_taken") from error
        raise


def slot_hold_rooms(*, rooms: Iterable[Room | None]) -> None:
    """The first step of every slot write: hold the rooms until the commit, so that bookings
    of one room are checked one after the other and each one's check sees the one before."""
    lock_rooms(room.pk for room in rooms if room is not None)


@transaction.atomic
def slot_save(*, slot: TimeSlot) -> TimeSlot:
    """Save a slot; refused if it breaks a rule, including a booking that raced ours."""
    slot_hold_rooms(rooms=[slot.room])
    slot.full_clean()
    with slot_race_refused(), transaction.atomic():
        slot.save()
        enforce_slot_overlap_now()
    return slot


@transaction.atomic
def slot_place(
    *, slot: TimeSlot, room: Room | None, start: dt.datetime, end: dt.datetime
) -> TimeSlot:
    """Put a slot (a new one, or a saved one moved or resized on the board) in this room from
    start to end, checked by the rules of slot_save. A moved slot's agenda moves with it; a
    resized one's stays where it is (the program checks then show an item left outside)."""
    shift = start - slot.start if slot.pk and end - start == slot.end - slot.start else None
    slot_hold_rooms(rooms=[slot.room, room])
    items = []
    if shift and slot.workshop_id:  # the agenda items this slot holds
        inside = {"start__gte": slot.start, "end__lte": slot.end}
        items = list(AgendaItem.objects.filter(workshop_id=slot.workshop_id, **inside))
    slot.room, slot.start, slot.end = room, start, end
    slot.full_clean()
    with slot_race_refused(), transaction.atomic():
        slot.save()
        for item in items:
            item.start, item.end = item.start + shift, item.end + shift
            item.save(update_fields=["start", "end"])
        enforce_slot_overlap_now()
    return slot


@transaction.atomic
def slot_delete(*, slot: TimeSlot) -> None:
    """Take a slot off the program (its room stays free for others)."""
    lock_program()
    slot.delete()


@transaction.atomic
def agenda_item_save(*, item: AgendaItem) -> AgendaItem:
    """Save an agenda item; AgendaItem.clean() keeps it inside one of its workshop's slots.
    Its speakers, as the text names them, become people (program/people.py)."""
    item.full_clean()
    item.save()
    people.set_speakers(
        item, item.speaker_list, person_model=Organizer, speaker_model=AgendaItemSpeaker
    )
    return item


@transaction.atomic
def paper_save(*, paper: Paper) -> Paper:
    """Save a paper; Paper.clean() keeps its session within its workshop."""
    paper.full_clean()
    paper.save()
    return paper


@transaction.atomic
def paper_set_authors(*, paper: Paper, authors: Sequence[tuple[Organizer, str]]) -> None:
    """Make these (person, affiliation on the paper) its authors, in this order."""
    if len({person.pk for person, _ in authors}) != len(authors):
        raise ValidationError("A person can be listed only once among a paper's authors.")
    PaperAuthor.objects.filter(paper=paper).delete()
    PaperAuthor.objects.bulk_create(
        PaperAuthor(paper=paper, person=person, position=position, affiliation=affiliation)
        for position, (person, affiliation) in enumerate(authors)
    )


@transaction.atomic
def link_save(*, link: Link) -> Link:
    """Save a stream, recording, slides or chat link; Link.clean() keeps its item within its
    workshop."""
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def workshop_set_organizers(*, workshop: Workshop, organizers: Sequence[Organizer]) -> None:
    """Make these people the workshop's organizers, in this order."""
    if len({o.pk for o in organizers}) != len(organizers):
        raise ValidationError("A person can be listed only once among a workshop's organizers.")
    WorkshopOrganizer.objects.filter(workshop=workshop).exclude(
        organizer__in=list(organizers)
    ).delete()
    for position, organizer in enumerate(organizers):
        WorkshopOrganizer.objects.update_or_create(
            workshop=workshop, organizer=organizer, defaults={"position": position}
        )


@transaction.atomic
def workshops_set_status(*, workshops: Iterable[Workshop], status: str) -> int:
    """Publish, unpublish (back to draft) or cancel workshops: all of them or none."""
    changed = 0
    for workshop in workshops:
        if workshop.status == status:
            continue
        workshop.status = status
        workshop.full_clean()
        workshop.save(update_fields=["status"])
        changed += 1
    return changed


@transaction.atomic
def workshops_move(
    *, workshops: Iterable[Workshop], room: Room | None = None, shift: dt.timedelta = dt.timedelta()
) -> int:
    """Move every slot of these workshops to a room and/or by a time shift (their agendas
    follow); every rule is checked for every slot before anything is saved. A move stays
    within one conference."""
    workshops = list(workshops)
    validators.check_one_conference(workshops)
    slots = list(
        TimeSlot.objects.filter(workshop__in=workshops).select_related(
            "room", "workshop", "conference"
        )
    )
    moving = {slot.pk for slot in slots}
    slot_hold_rooms(rooms=[room] if room else [slot.room for slot in slots])
    problems: list[str] = []
    for slot in slots:
        slot.room = room or slot.room
        slot.start, slot.end = slot.start + shift, slot.end + shift
        try:
            slot.clean_fields()
            slot.validate_constraints()
            validators.check_slot(slot, moving=moving)
        except ValidationError as error:
            problems += [f"{slot.workshop}: {message}" for message in error.messages]
    try:
        validators.check_slots_apart(slots)
    except ValidationError as error:
        problems += error.messages
    if problems:
        raise ValidationError(problems)
    for slot in slots:
        slot.save(update_fields=["room", "start", "end"])
    if shift:
        items = AgendaItem.objects.filter(workshop__in=workshops)
        for item in items:
            item.start, item.end = item.start + shift, item.end + shift
            item.save(update_fields=["start", "end"])
    with slot_race_refused():  # a booking that raced this move
        enforce_slot_overlap_now()
    return len(slots)


@transaction.atomic
def conference_copy_forward(
    *,
    conference: Conference,
    name: str,
    slug: str,
    year: int,
    start_date: dt.date,
    end_date: dt.date,
    continue_series: bool = False,
) -> Conference:
    """Start the next edition: a new unpublished conference with the same rooms, time zone and
    venue; with continue_series, a draft of each published workshop linked to the same series
    (drafts and cancelled workshops stay behind)."""
    edition = Conference(
        name=name,
        slug=slug,
        year=year,
        start_date=start_date,
        end_date=end_date,
        timezone=conference.timezone,
        venue=conference.venue,
        city=conference.city,
        venue_opens=conference.venue_opens,
        venue_closes=conference.venue_closes,
        published=False,
    )
    edition.full_clean()
    edition.save()
    edition.chairs.set(conference.chairs.all())
    for room in conference.rooms.all():
        copy = Room(
            conference=edition,
            name=room.name,
            slug=room.slug,
            capacity=room.capacity,
            position=room.position,
        )
        copy.full_clean()
        copy.save()
    if continue_series:
        for workshop in conference.workshops.filter(status=Workshop.Status.PUBLISHED):
            _workshop_continue(workshop, edition)
    return edition


def _workshop_continue(workshop: Workshop, edition: Conference) -> Workshop:
    if workshop.series_id is None:
        series_slug = workshop.slug
        if WorkshopSeries.objects.filter(slug=series_slug).exists():
            series_slug = f"{workshop.slug}-{workshop.conference.slug}"[:100]
        workshop.series = WorkshopSeries.objects.create(name=workshop.title, slug=series_slug)
        workshop.save(update_fields=["series"])
    draft = Workshop(
        conference=edition,
        title=workshop.title,
        slug=workshop.slug,
        acronym=workshop.acronym,
        abstract=workshop.abstract,
        website="",
        status=Workshop.Status.DRAFT,
        series=workshop.series,
    )
    draft.full_clean()
    draft.save()
    WorkshopOrganizer.objects.bulk_create(
        WorkshopOrganizer(workshop=draft, organizer_id=link.organizer_id, position=link.position)
        for link in workshop.organizer_links.all()
    )
    return draft
