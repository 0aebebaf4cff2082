"""Importing a program: one parser per format into a ProgramPlan, one service to apply it.

parse_program() reads a file (its format told or sniffed), program_import() applies the plan
in one transaction; import_program (the command) and the admin's upload use both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from django.core.exceptions import ValidationError

from workshops.exchange.importers.c3voc_json import parse_c3voc_json
from workshops.exchange.importers.csv import parse_program_csv
from workshops.exchange.importers.frab_xml import parse_frab_xml
from workshops.exchange.importers.plan import ImportFileError, ProgramPlan
from workshops.exchange.importers.report import ImportReport
from workshops.exchange.importers.service import CLASH_CHOICES, DRAFT, LEAVE_OUT, program_import

PARSERS: dict[str, Callable[[bytes], ProgramPlan]] = {
    "xml": parse_frab_xml,
    "json": parse_c3voc_json,
    "csv": parse_program_csv,
}
FORMAT_LABELS = {
    "xml": "frab schedule XML (this site, pretalx, frab)",
    "json": "c3voc schedule JSON (this site, pretalx)",
    "csv": "CSV (this site's spreadsheet export)",
}


def sniff_format(content: bytes, filename: str = "") -> str:
    """The format of a file: from its first character, else its extension, else CSV."""
    start = content.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if start == b"<":
        return "xml"
    if start in (b"{", b"["):
        return "json"
    extension = PurePath(filename).suffix.lower().lstrip(".")
    return extension if extension in PARSERS else "csv"


def parse_program(content: bytes, *, filename: str = "", format: str | None = None) -> ProgramPlan:
    """The program a file holds, as a plan; ImportFileError says where and what is wrong."""
    chosen = format or sniff_format(content, filename)
    parser = PARSERS.get(chosen)
    if parser is None:
        raise ImportFileError(f"Unknown format {chosen!r}; choose one of: {', '.join(PARSERS)}.")
    if not content.strip():
        raise ImportFileError("The file is empty.")
    try:
        return parser(content)
    except RecursionError:
        raise ImportFileError("The file is nested too deeply to be a schedule.") from None


def refusal(filename: str, error: ImportFileError | ValidationError) -> str:
    """What a refused import tells its user: the file, what is wrong, and that nothing changed."""
    problem = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    return f"{filename}: {problem} Nothing was imported."


__all__ = [
    "CLASH_CHOICES",
    "DRAFT",
    "LEAVE_OUT",
    "FORMAT_LABELS",
    "PARSERS",
    "ImportFileError",
    "ImportReport",
    "ProgramPlan",
    "parse_program",
    "program_import",
    "refusal",
    "sniff_format",
]
