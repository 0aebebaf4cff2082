"""One person, one record: the people named in free text (an agenda's speakers, a paper's
authors) found among the existing records by their exact name, or added once.

The functions take the model classes they write, so that a data migration runs the same rules
on its historical models as the services do on today's."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.text import slugify


def free_slug(person_model, name: str) -> str:
    """A slug for a new person, from the name, numbered past those taken (li-wei, li-wei-2)."""
    base = slugify(name)[:190] or "person"
    taken = set(person_model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def person_named(person_model, name: str, affiliation: str = "", email: str = ""):
    """The person with this exact name (the oldest record of namesakes), or by this e-mail
    address when one is given and known; a new record when neither is."""
    if email:
        found = person_model.objects.filter(email__iexact=email).order_by("pk").first()
        if found is not None:
            return found
    found = person_model.objects.filter(name=name).order_by("pk").first()
    if found is not None:
        if email and not found.email:
            found.email = email
            found.save(update_fields=["email"])
        return found
    return person_model.objects.create(
        name=name,
        slug=free_slug(person_model, name),
        affiliation=affiliation,
        email=email,
    )


def set_speakers(item, speakers: Iterable, *, person_model, speaker_model) -> None:
    """Make these (name, affiliation) pairs the item's speakers, in order, as people; a name
    listed twice counts once. A line too long for a person's record (AgendaItem.clean()
    refuses those; older rows may hold one) stays in the item's text only."""
    rows, seen = [], set()
    fields = person_model._meta
    name_length = fields.get_field("name").max_length
    affiliation_length = fields.get_field("affiliation").max_length
    for speaker in speakers:
        if len(speaker.name) > name_length or len(speaker.affiliation) > affiliation_length:
            continue
        person = person_named(person_model, speaker.name, speaker.affiliation)
        if person.pk in seen:
            continue
        seen.add(person.pk)
        rows.append((person, speaker.affiliation))
    current = {
        (link.person_id, link.position, link.affiliation)
        for link in speaker_model.objects.filter(agenda_item=item)
    }
    wanted = {(person.pk, position, aff) for position, (person, aff) in enumerate(rows)}
    if current == wanted:
        return
    speaker_model.objects.filter(agenda_item=item).delete()
    speaker_model.objects.bulk_create(
        speaker_model(agenda_item=item, person=person, position=position, affiliation=aff)
        for position, (person, aff) in enumerate(rows)
    )
