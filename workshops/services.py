"""Every write to the program: one function each, atomic, validating before it saves."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from workshops import validators
from workshops.db import is_slot_overlap_violation
from workshops.models import AgendaItem, Organizer, TimeSlot, Workshop, WorkshopOrganizer

SLOT_TAKEN_MESSAGE = (
    "Someone else booked this room for an overlapping time a moment ago; nothing was saved. "
    "Reload to see the current program."
)


@transaction.atomic
def slot_save(*, slot: TimeSlot) -> TimeSlot:
    """Save a slot; refused if it breaks a rule, including a booking that raced ours."""
    slot.full_clean()
    try:
        with transaction.atomic():
            slot.save()
    except IntegrityError as error:
        if is_slot_overlap_violation(error):
            raise ValidationError(SLOT_TAKEN_MESSAGE, code="slot_taken") from error
        raise
    return slot


@transaction.atomic
def agenda_item_save(*, item: AgendaItem) -> AgendaItem:
    """Save an agenda item; it must lie inside one of its workshop's saved slots."""
    item.full_clean()
    validators.check_agenda_item_in_slots(item, item.workshop.slots.all())
    item.save()
    return item


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
