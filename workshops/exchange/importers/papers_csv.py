"""Accepted papers from a CSV, in the columns OpenReview's and CMT's exports use: a title,
the authors (with their affiliations or e-mail addresses), an abstract, the decision or track,
and a link. Authors become people: the person with that e-mail address (kept private), else
with exactly that name, else a new record; one person, one record.

parse_papers_csv() reads the file; papers_import() applies it to a workshop all or nothing
(a dry run for the preview rolls back)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from workshops.exchange.importers.csv import decode_utf8
from workshops.exchange.importers.plan import ImportFileError
from workshops.exchange.importers.report import CREATED, UNCHANGED, UPDATED, ImportReport
from workshops.models import Organizer, Paper, Workshop
from workshops.models.fields import one_line
from workshops.program import people, services

# Each field and the headers that carry it (compared without case, spaces or punctuation).
_COLUMNS = {
    "title": ["title", "papertitle"],
    "authors": ["authors", "authornames", "author"],
    "affiliations": ["authoraffiliations", "affiliations", "affiliation"],
    "emails": ["authoremails", "authorids", "emails", "email", "authoremail"],
    "abstract": ["abstract"],
    "decision": ["decision", "track", "trackname", "venue", "status", "presentationtype"],
    "link": ["link", "url", "forum", "openreview", "pdf", "paperlink"],
}
_REJECTED = re.compile(r"reject|withdrawn|desk", re.IGNORECASE)
_MARKS = [
    (re.compile(r"award|best", re.IGNORECASE), Paper.Mark.AWARD),
    (re.compile(r"oral|contributed talk", re.IGNORECASE), Paper.Mark.ORAL),
    (re.compile(r"spotlight", re.IGNORECASE), Paper.Mark.SPOTLIGHT),
]


@dataclass(frozen=True)
class AuthorRow:
    name: str
    affiliation: str = ""
    email: str = ""  # private: matches a person, never shown


@dataclass(frozen=True)
class PaperRow:
    line: int
    title: str
    authors: list[AuthorRow]
    abstract: str = ""
    mark: str = ""
    pdf_url: str = ""
    page_url: str = ""


@dataclass
class PapersPlan:
    papers: list[PaperRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows left out (rejected), for the report


def _key(header: str) -> str:
    return re.sub(r"[^a-z]", "", header.lower())


def _split(cell: str) -> list[str]:
    """A list cell: "A; B", "A|B", or "A, B" when it has neither ";" nor "|"."""
    for separator in (";", "|"):
        if separator in cell:
            return [part.strip() for part in cell.split(separator)]
    return [part.strip() for part in cell.split(",")] if cell.strip() else []


def _author_and_affiliation(text: str) -> tuple[str, str]:
    """CMT writes "Name (Affiliation)" in one cell; a bracket at the end is the affiliation."""
    match = re.match(r"^(?P<name>.*?)\s*\((?P<affiliation>[^()]*)\)\*?$", text)
    if match and match["name"]:
        return match["name"].strip(), match["affiliation"].strip()
    return text.rstrip("*").strip(), ""


def parse_papers_csv(content: bytes) -> PapersPlan:
    """The accepted papers of a CSV; ImportFileError names the line and column at fault."""
    text = decode_utf8(content)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ImportFileError(f"the file is not CSV: {error}") from None
    if not rows:
        raise ImportFileError("the file is empty.")
    header = {}
    for index, name in enumerate(rows[0]):
        for field_name, names in _COLUMNS.items():
            if _key(name) in names and field_name not in header:
                header[field_name] = index
    for needed in ("title", "authors"):
        if needed not in header:
            raise ImportFileError(
                f"line 1: no “{needed.capitalize()}” column (the columns are: "
                f"{', '.join(rows[0]) or 'none'})."
            )
    plan = PapersPlan()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row=row) -> str:
            index = header.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        plan_row = _paper_row(number, cell)
        if plan_row is None:
            plan.skipped.append(f"line {number}: {cell('title')} ({cell('decision')})")
        else:
            plan.papers.append(plan_row)
    if not plan.papers:
        raise ImportFileError("the file lists no accepted paper.")
    return plan


def _paper_row(number: int, cell) -> PaperRow | None:
    """One line as a paper, None for a rejected one; ImportFileError for a bad value."""
    decision = cell("decision")
    if _REJECTED.search(decision):
        return None
    title = one_line(cell("title"))
    if not title:
        raise ImportFileError(f"line {number}, column Title: the title is empty.")
    if len(title) > Paper._meta.get_field("title").max_length:
        raise ImportFileError(f"line {number}, column Title: the title is too long.")
    names = _split(cell("authors"))
    affiliations = _split(cell("affiliations"))
    emails = _split(cell("emails"))
    authors = []
    for position, raw in enumerate(names):
        name, written = _author_and_affiliation(raw)
        if not name:
            raise ImportFileError(
                f"line {number}, column Authors: author {position + 1} has no name."
            )
        email = emails[position] if position < len(emails) else ""
        if email.startswith("~"):  # an OpenReview profile id, not an address
            email = ""
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ImportFileError(
                    f"line {number}: author {position + 1}'s e-mail address is not valid."
                ) from None
        affiliation = affiliations[position] if position < len(affiliations) else written
        authors.append(AuthorRow(one_line(name), one_line(affiliation)[:200], email.lower()))
    if not authors:
        raise ImportFileError(f"line {number}, column Authors: the paper has no authors.")
    link = cell("link")
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ImportFileError(
                f"line {number}, column Link: “{link}” is not a web address."
            ) from None
    is_pdf = link.lower().endswith(".pdf") or "/pdf" in link.lower()
    mark = next((mark for pattern, mark in _MARKS if pattern.search(decision)), "")
    return PaperRow(
        line=number,
        title=title,
        authors=authors,
        abstract=cell("abstract"),
        mark=mark,
        pdf_url=link if is_pdf else "",
        page_url="" if is_pdf else link,
    )


def papers_import(*, plan: PapersPlan, workshop: Workshop, dry_run: bool = False) -> ImportReport:
    """Bring the workshop's papers to the file's, all or nothing: a paper is found again by its
    title, its fields and authors set to the file's; papers the file does not list stay. A dry
    run does everything, reports, and rolls back."""
    report = ImportReport(format="papers CSV", dry_run=dry_run)
    report.conference = f"{workshop.title} ({workshop.conference.name})"
    with transaction.atomic():
        existing = {paper.title: paper for paper in Paper.objects.filter(workshop=workshop)}
        for row in plan.papers:
            _import_paper(report, workshop, existing.get(row.title), row)
        report.notes += [f"Left out, not accepted: {skipped}" for skipped in plan.skipped]
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_paper(report: ImportReport, workshop: Workshop, paper: Paper | None, row: PaperRow):
    authors = []
    for author in row.authors:
        known = _known_person(author)
        person = people.person_named(Organizer, author.name, author.affiliation, author.email)
        if known is None:
            report.add(CREATED, "organizer", person.name)
        authors.append((person, author.affiliation))
    values = {
        "abstract": row.abstract,
        "mark": row.mark,
        "pdf_url": row.pdf_url,
        "page_url": row.page_url,
    }
    if paper is None:
        paper = Paper(workshop=workshop, title=row.title, **values)
        action, changed = CREATED, []
    else:
        changed = [
            name for name, value in values.items() if value and getattr(paper, name) != value
        ]
        for name in changed:
            setattr(paper, name, values[name])
        action = UPDATED if changed else UNCHANGED
    try:
        services.paper_save(paper=paper)
        current = [(a.person_id, a.affiliation) for a in paper.author_links.order_by("position")]
        if current != [(person.pk, affiliation) for person, affiliation in authors]:
            services.paper_set_authors(paper=paper, authors=authors)
            if action == UNCHANGED:
                action = UPDATED
            changed.append("authors")
    except ValidationError as error:
        raise ValidationError(
            f"line {row.line} ({row.title}): {' '.join(error.messages)}"
        ) from error
    report.add(action, "paper", row.title, changed if action == UPDATED else None)


def _known_person(author: AuthorRow) -> Organizer | None:
    if author.email:
        found = Organizer.objects.filter(email__iexact=author.email).first()
        if found is not None:
            return found
    return Organizer.objects.filter(name=author.name).first()
