"""A spreadsheet of the program: one row per time slot, in venue time."""

from __future__ import annotations

import csv
import io

from workshops.exchange.exporters import register
from workshops.exchange.exporters.base import Exporter, Program
from workshops.models import TimeSlot

COLUMNS = [
    "Date",
    "Start",
    "End",
    "Room",
    "Workshop",
    "Organizers",
    "Affiliations",
    "URL",
    "Status",
    "GUID",
]
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A leading apostrophe makes a would-be formula plain text (OWASP's CSV injection advice)."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


@register
class CsvExporter(Exporter):
    """One row per slot, every cell safe from formula injection; ?bom=1 adds a UTF-8 BOM."""

    identifier = "program.csv"
    label = "Spreadsheet (CSV)"
    description = (
        "Staff open it in Excel, LibreOffice or Google Sheets to plan catering, "
        "room set-up and signage."
    )
    extension = "csv"
    content_type = "text/csv; charset=utf-8"
    options = ("bom",)

    def render(self, program: Program) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for slot in program.slots:
            writer.writerow([neutralise(cell) for cell in _row(program, slot)])
        # Excel reads a file without the byte order mark as the local code page.
        return ("\ufeff" if self.settings["bom"] else "") + buffer.getvalue()


def _row(program: Program, slot: TimeSlot) -> list[str]:
    start, end = program.local(slot.start), program.local(slot.end)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    organizers = program.organizers(slot)
    affiliations = list(dict.fromkeys(o.affiliation for o in organizers if o.affiliation))
    cancelled = slot.workshop_id and slot.workshop.is_cancelled
    return [
        start.date().isoformat(),
        f"{start:%H:%M}",
        end_text,
        program.room_of(slot).name,
        program.title(slot),
        "; ".join(o.name for o in organizers),
        "; ".join(affiliations),
        program.slot_url(slot),
        "cancelled" if cancelled else "scheduled",
        str(slot.guid),
    ]
