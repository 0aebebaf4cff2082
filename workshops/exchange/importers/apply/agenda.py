"""Workshops' agenda items for the plan's: matched by times and text, as our exports write
them; kinds stay as they are, new items are checked against their workshop's slots."""

from __future__ import annotations

from workshops.exchange.importers.apply.session import ImportSession, bulk_create, taken_guids
from workshops.exchange.importers.plan import AgendaItemPlan
from workshops.exchange.importers.report import CREATED, UNCHANGED, UPDATED
from workshops.models import AgendaItem, TimeSlot, Workshop
from workshops.program import services


def agenda_line(item: AgendaItem) -> str:
    """An agenda item as the exports write it after its times: “Title: Name (Place); Name”."""
    speakers = [
        f"{speaker.name} ({speaker.affiliation})" if speaker.affiliation else speaker.name
        for speaker in item.speaker_list
    ]
    return f"{item.title}: {'; '.join(speakers)}" if speakers else item.title


def import_agenda(
    session: ImportSession, workshops: dict[int, Workshop], slots: dict[int, list[TimeSlot]]
) -> None:
    """Bring the agendas the file carries to its items (one query of the conference's items)."""
    saved: dict[int, list[AgendaItem]] = {}
    if any(data.agenda for data in session.plan.workshops):
        items = AgendaItem.objects.filter(workshop__conference=session.conference)
        for item in items.order_by("start", "id"):
            saved.setdefault(item.workshop_id, []).append(item)
    # GUIDs of the file's items that another conference's items hold: one query, none when
    # the conference's own items have them all (a re-import).
    own = {item.guid for items in saved.values() for item in items}
    file_guids = {e.guid for data in session.plan.workshops for e in data.agenda if e.guid}
    session.agenda_guids_taken = taken_guids(AgendaItem, file_guids - own)
    new: list[AgendaItem] = []
    for data in session.plan.workshops:
        if not data.agenda:
            continue
        workshop = workshops[id(data)]
        existing = saved.get(workshop.pk, [])
        used: set[int] = set()
        for entry in data.agenda:
            start, end = session.aware(entry.start), session.aware(entry.end)
            item = _match(existing, used, entry, start, end)
            tz = session.conference.tz
            label = (
                f"“{entry.title}”, {start.astimezone(tz):%a %d %b %H:%M}–"
                f"{end.astimezone(tz):%H:%M} ({workshop.title})"
            )
            if item is None:
                new.append(_new_item(session, workshop, entry, label, slots))
                continue
            _update_item(session, item, workshop, entry, label)
            used.add(item.pk)
    bulk_create(AgendaItem, new)


def _match(existing, used, entry: AgendaItemPlan, start, end) -> AgendaItem | None:
    """The saved item of the entry's GUID, else the one at these times that no entry took yet,
    the one with this text first."""
    if entry.guid is not None:
        found = next((i for i in existing if i.guid == entry.guid and i.pk not in used), None)
        if found is not None:
            return found
    same_time = [
        item for item in existing if item.start == start and item.end == end and item.pk not in used
    ]
    return next(
        (i for i in same_time if agenda_line(i) == entry.text),
        same_time[0] if same_time else None,
    )


def _new_item(
    session: ImportSession,
    workshop: Workshop,
    entry: AgendaItemPlan,
    label: str,
    slots: dict[int, list[TimeSlot]],
) -> AgendaItem:
    item = AgendaItem(
        workshop=workshop,
        start=session.aware(entry.start),
        end=session.aware(entry.end),
        title=entry.title,
        speakers=entry.speakers,
        kind=AgendaItem.Kind.OTHER,
    )
    if entry.guid is not None and entry.guid not in session.agenda_guids_taken:
        item.guid = entry.guid
    item.slots_as_entered = slots.get(workshop.pk, [])
    session.clean(item, f"agenda item {label}", "", relations=["workshop"])
    session.report.add(CREATED, "agenda item", label)
    return item


def _update_item(
    session: ImportSession,
    item: AgendaItem,
    workshop: Workshop,
    entry: AgendaItemPlan,
    label: str,
) -> None:
    if agenda_line(item) != entry.text:
        item.workshop = workshop
        item.title, item.speakers = entry.title, entry.speakers
        session.checked(
            lambda i=item: services.agenda_item_save(item=i),
            f"agenda item {label}",
            "",
        )
        item.__dict__.pop("speaker_list", None)
        session.report.add(UPDATED, "agenda item", label, ["title", "speakers"])
    else:
        session.report.add(UNCHANGED, "agenda item", label)
