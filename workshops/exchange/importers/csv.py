"""Read this site's CSV program (exporters/csv.py; with or without a BOM) into a ProgramPlan.

A CSV carries venue times without a zone and no conference details: the slots are read in the
zone of the conference the file is imported into, which must exist already. Organizers, URL,
Status and GUID are optional columns: without Organizers or Status, workshops keep theirs (and
new ones have none, or are drafts); without Organizers or URL to tell workshops from plenary
items, a row in a room is a workshop's slot and one in no room (or "All rooms") is plenary.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils.text import slugify

from workshops.exchange.exporters.csv import _FORMULA_START, COLUMNS
from workshops.exchange.importers.plan import (
    ConferencePlan,
    ImportFileError,
    PersonPlan,
    ProgramPlan,
    RoomPlan,
    SlotPlan,
    WorkshopPlan,
)
from workshops.exchange.importers.values import (
    WORKSHOP_URL,
    conference_slug_from_urls,
    parse_clock,
    parse_date,
    parse_uuid,
)
from workshops.models.fields import printable
from workshops.program.bundle import ALL_ROOMS_NAME

FORMAT = "CSV"
REQUIRED_COLUMNS = ["Date", "Start", "End", "Room", "Workshop"]
_STATUSES = {"": "published", "scheduled": "published", "cancelled": "cancelled"}
# What the import leaves alone when a column is missing.
_OPTIONAL_COLUMNS = {
    "Organizers": "the workshops keep their organizers (new ones have none).",
    "Status": "the workshops keep their status (new ones are drafts).",
}


def decode_utf8(content: bytes) -> str:
    """The file as text: UTF-8 (with or without a BOM), or an error naming the line."""
    # UTF-16 (Excel's "Unicode text"): a byte order mark, or a NUL beside the first letter.
    if content.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in content[:2]:
        raise ImportFileError(
            "line 1: the file is UTF-16 text, not UTF-8; save it as “CSV UTF-8” and import it "
            "again."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"line {line}: the file is not UTF-8 text (byte 0x{content[error.start]:02x}); "
            "save it as “CSV UTF-8” and import it again."
        ) from None


def _plain(cell: str) -> str:
    """Undo the export's guard against formulas: '=SUM(…) was =SUM(…)."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_START):
        return cell[1:]
    return cell


def parse_program_csv(content: bytes) -> ProgramPlan:
    """This site's CSV program as a plan; ImportFileError names the line and column at fault."""
    # Control characters go, as the program's fields would drop them (NUL, an escape).
    reader = csv.reader(io.StringIO(printable(decode_utf8(content)), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise ImportFileError("line 1: the file is empty.")
        columns = {name.strip(): index for index, name in enumerate(header)}
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            raise ImportFileError(
                f"line 1: the header lacks the column(s) {', '.join(missing)}; "
                f"expected {', '.join(COLUMNS)}."
            )
        builder = _CsvPlan()
        for name, kept in _OPTIONAL_COLUMNS.items():
            if name not in columns:
                builder.plan.notes.append(f"The file has no {name} column: {kept}")
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                builder.add_row(
                    {name: _plain(row[i]) if i < len(row) else "" for name, i in columns.items()},
                    line,
                )
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"line {reader.line_num}: this is not valid CSV: {error}.") from None
    return builder.plan


class _CsvPlan:
    def __init__(self) -> None:
        self.plan = ProgramPlan(format=FORMAT, conference=ConferencePlan(source="the URLs"))
        self.rooms: dict[str, RoomPlan] = {}
        self.people: dict[str, PersonPlan] = {}
        self.workshops: dict[str, WorkshopPlan] = {}
        self.guids: dict[object, int] = {}

    def add_row(self, row: dict[str, str], line: int) -> None:
        where = f"line {line}"
        day = parse_date(row["Date"], f"{where}, column Date")
        start = dt.datetime.combine(day, parse_clock(row["Start"], f"{where}, column Start"))
        end = self._end(row["End"], day, f"{where}, column End")
        title = row["Workshop"].strip()
        if not title:
            raise ImportFileError(f"{where}, column Workshop: the title is empty.")
        url = row.get("URL", "").strip()
        slot = SlotPlan(start=start, end=end, room=None, source=where)
        guid_text = row.get("GUID", "").strip()
        if guid_text:
            slot.guid = parse_uuid(guid_text, f"{where}, column GUID")
            if slot.guid in self.guids:
                raise ImportFileError(
                    f"{where}, column GUID: {slot.guid} is already the GUID of line "
                    f"{self.guids[slot.guid]}; every slot needs its own."
                )
            self.guids[slot.guid] = line
        if not self.plan.conference.slug:
            self.plan.conference.slug = conference_slug_from_urls(url)
        organizers = None
        if "Organizers" in row:
            organizers = [name.strip() for name in row["Organizers"].split("; ") if name.strip()]
        match = WORKSHOP_URL.search(url)
        room_name = row["Room"].strip()
        if url:
            plenary = not match
        elif organizers is not None:
            plenary = not organizers
        else:
            plenary = room_name in ("", ALL_ROOMS_NAME)
        if room_name and not (plenary and room_name == ALL_ROOMS_NAME):
            slot.room = self._room(room_name, where)
        elif not plenary:
            raise ImportFileError(f"{where}, column Room: a workshop's slot needs a room.")
        if plenary:
            slot.title = title
        else:
            status = None
            if "Status" in row:
                status = _STATUSES.get(row["Status"].strip().lower())
                if status is None:
                    raise ImportFileError(
                        f"{where}, column Status: “{row['Status']}” is neither scheduled nor "
                        "cancelled."
                    )
            slug = match["slug"] if match else (slugify(title)[:100].strip("-") or "workshop")
            slot.workshop = self._workshop(slug, title, organizers, status, where)
        self.plan.slots.append(slot)

    def _end(self, text: str, day: dt.date, where: str) -> dt.datetime:
        text = text.strip()
        if " " in text:  # "2023-06-09 01:00": a slot past midnight
            date_text, _, clock_text = text.partition(" ")
            return dt.datetime.combine(parse_date(date_text, where), parse_clock(clock_text, where))
        return dt.datetime.combine(day, parse_clock(text, where, "end"))

    def _room(self, name: str, where: str) -> RoomPlan:
        room = self.rooms.get(name.casefold())
        if room is None:
            room = RoomPlan(name=name, source=where)
            self.rooms[name.casefold()] = room
            self.plan.rooms.append(room)
        return room

    def _workshop(
        self, slug: str, title: str, organizers: list[str] | None, status: str | None, where: str
    ) -> WorkshopPlan:
        people = None if organizers is None else [self._person(name, where) for name in organizers]
        workshop = self.workshops.get(slug)
        if workshop is None:
            workshop = WorkshopPlan(
                slug=slug, title=title, organizers=people, status=status, source=where
            )
            self.workshops[slug] = workshop
            self.plan.workshops.append(workshop)
        elif workshop.title != title or workshop.organizers != people:
            raise ImportFileError(
                f"{where}: the workshop “{slug}” has another title or other organizers than on "
                f"{workshop.source}."
            )
        return workshop

    def _person(self, name: str, where: str) -> PersonPlan:
        person = self.people.get(name)
        if person is None:
            person = PersonPlan(name=name, source=where)
            self.people[name] = person
            self.plan.people.append(person)
        return person
