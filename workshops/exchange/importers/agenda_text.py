"""Agenda text back into agenda items: our exporters' lines ("08:10–08:55 Invited talk: Name
(Affiliation); Other Name") placed inside the slot that carries them, and the lines a chair
pastes into the admin, read the same way."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from workshops.exchange.importers.plan import AgendaItemPlan
from workshops.models import AgendaItem
from workshops.program.times import instant_in_slot

# "08:10–08:55 Title: Speaker; Speaker"; a pasted line may use a hyphen and single-digit hours.
_AGENDA_LINE = re.compile(r"^(\d{1,2}):(\d{2}) ?[–-] ?(\d{1,2}):(\d{2}) (.*)$")

# The first word found in a title decides its kind; a title without one is a talk.
_KIND_WORDS = [
    (AgendaItem.Kind.BREAK, ("break", "lunch", "coffee", "dinner", "reception")),
    (AgendaItem.Kind.INVITED_TALK, ("invited", "keynote")),
    (AgendaItem.Kind.PANEL, ("panel",)),
    (AgendaItem.Kind.POSTERS, ("poster",)),
    (AgendaItem.Kind.PAPERS, ("paper",)),
    (AgendaItem.Kind.OPENING, ("opening", "welcome", "closing", "introduction")),
]


class AgendaLine(NamedTuple):
    """One line of agenda text: its clock times, title and speakers (one per line)."""

    start: dt.time
    end: dt.time
    title: str
    speakers: str
    text: str  # all after the times

    @property
    def kind(self) -> str:
        words = self.title.casefold()
        for kind, markers in _KIND_WORDS:
            if any(marker in words for marker in markers):
                return kind
        return AgendaItem.Kind.TALK


def parse_agenda_line(line: str) -> AgendaLine | None:
    """ "10:30-11:15 Invited talk: Name (Affiliation); Other" as its parts; None if the line is
    not agenda text."""
    match = _AGENDA_LINE.match(line)
    if not match or int(match[1]) > 23 or int(match[3]) > 23:
        return None
    if int(match[2]) > 59 or int(match[4]) > 59:
        return None
    rest = match[5]
    title, _, speakers = rest.partition(": ")
    return AgendaLine(
        start=dt.time(int(match[1]), int(match[2])),
        end=dt.time(int(match[3]), int(match[4])),
        title=title,
        speakers="\n".join(speakers.split("; ")) if speakers else "",
        text=rest,
    )


def parse_agenda_text(
    text: str, slot_start: dt.datetime, slot_end: dt.datetime, tz: dt.tzinfo | None
) -> list[AgendaItemPlan] | None:
    """Our exporters' agenda lines back into items, placed inside the slot; None if the text is
    not such an agenda."""
    if not text.strip():
        return []
    if tz is None:
        tz = slot_start.tzinfo
    items = []
    for raw in text.split("\n"):
        line = parse_agenda_line(raw)
        if line is None:
            return None
        start = instant_in_slot(line.start, slot_start, slot_end, tz, after=None)
        end = instant_in_slot(line.end, slot_start, slot_end, tz, after=start)
        if start is None or end is None:
            return None
        items.append(
            AgendaItemPlan(
                start=start, end=end, title=line.title, speakers=line.speakers, text=line.text
            )
        )
    return items
