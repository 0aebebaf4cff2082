"""What a workshop's page shows beyond its own fields: its papers grouped by how they are
presented, and its links as they stand at a moment (a stream is "Watch live" only while its
item runs, and gives way to the recording once there is one).

Pure functions over the workshop selectors.workshop_for_detail read; nothing here queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from workshops.models import AgendaItem, Link, Paper, Workshop


@dataclass(frozen=True)
class PaperGroup:
    """The papers presented in one agenda item (in board order), or those without one."""

    session: AgendaItem | None
    papers: list[Paper]

    @property
    def is_posters(self) -> bool:
        return self.session is not None and self.session.kind == AgendaItem.Kind.POSTERS


def paper_groups(workshop: Workshop) -> list[PaperGroup]:
    """The workshop's papers by session, in the agenda's order; those without a session last."""
    by_session: dict[int | None, list[Paper]] = {}
    for paper in workshop.papers.all():
        by_session.setdefault(paper.session_id, []).append(paper)
    groups = [
        PaperGroup(item, by_session[item.pk])
        for item in workshop.agenda_items.all()
        if item.pk in by_session
    ]
    if None in by_session:
        groups.append(PaperGroup(None, by_session[None]))
    items = {item.pk: item for item in workshop.agenda_items.all()}
    for group in groups:
        for paper in group.papers:
            if paper.session_id in items:
                paper.session = items[paper.session_id]  # no query for its session
    return groups


@dataclass(frozen=True)
class ShownLink:
    kind: str  # "live", "recording", "slides" or "chat"
    text: str
    url: str


def shown_links(
    links: Iterable[Link], windows: Iterable[tuple[dt.datetime, dt.datetime]], now: dt.datetime
) -> list[ShownLink]:
    """The links to show at `now`: the recording once there is one, else the stream while one
    of the `windows` (the item's time, or the workshop's slots) runs; slides and chat always."""
    by_kind = {link.kind: link for link in links}
    shown = []
    recording = by_kind.get(Link.Kind.RECORDING)
    stream = by_kind.get(Link.Kind.STREAM)
    if recording is not None:
        shown.append(ShownLink("recording", recording.label or "Recording", recording.url))
    elif stream is not None and any(start <= now < end for start, end in windows):
        shown.append(ShownLink("live", stream.label or "Watch live", stream.url))
    for kind in (Link.Kind.SLIDES, Link.Kind.CHAT):
        link = by_kind.get(kind)
        if link is not None:
            shown.append(ShownLink(kind, link.label or link.get_kind_display(), link.url))
    return shown


def attach_links(workshop: Workshop, now: dt.datetime) -> None:
    """Give the workshop and each of its agenda items `shown_links` as they stand at `now`."""
    workshop.shown_links = shown_links(
        workshop.links.all(), [(slot.start, slot.end) for slot in workshop.slots.all()], now
    )
    for item in workshop.agenda_items.all():
        item.shown_links = shown_links(item.links.all(), [(item.start, item.end)], now)
