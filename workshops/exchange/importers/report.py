"""What an import did, or would do: created, updated and unchanged rows, for the command line
and the admin's preview."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from workshops.exchange.importers.plan import PROBLEM_GROUPS, STOPS, Problem

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# Kinds in the order a report lists them, with their plurals.
KINDS = {
    "conference": "conferences",
    "room": "rooms",
    "organizer": "organizers",
    "workshop": "workshops",
    "time slot": "time slots",
    "agenda item": "agenda items",
    "paper": "papers",
}


@dataclass(frozen=True)
class ReportEntry:
    action: str  # CREATED, UPDATED or UNCHANGED
    kind: str  # one of KINDS
    label: str  # “Room 241”, or “PACMI, Thu 08 Jun 2023 08:00–12:00 in Room 238”
    fields: tuple[str, ...] = ()  # what an update changes

    @property
    def text(self) -> str:
        changed = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"{self.kind} {self.label}{changed}"


@dataclass(frozen=True)
class StatusChange:
    """A workshop whose status the file would change: applied only when the import was told."""

    label: str  # “PACMI” (pacmi)
    old: str
    new: str

    @property
    def text(self) -> str:
        return f"workshop {self.label}: {self.old} → {self.new}"


@dataclass
class ImportReport:
    """Every row an import touched or found in place; with dry_run, nothing was saved. The
    file's status changes are listed apart: apply_status says whether they were applied."""

    format: str
    dry_run: bool
    apply_status: bool = False
    conference: str = ""
    entries: list[ReportEntry] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    time_zone: str = ""  # which zone the import read the file's times in, and why

    @property
    def refused(self) -> bool:
        """Whether something stops the import: then nothing was saved, dry run or not."""
        return any(problem.group == STOPS for problem in self.problems)

    @property
    def stoppers(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.group == STOPS]

    @property
    def problem_groups(self) -> list[tuple[str, list[Problem]]]:
        """(heading, problems) for each group that has any, in the order a report shows them."""
        groups = [
            (heading, [problem for problem in self.problems if problem.group == group])
            for group, heading in PROBLEM_GROUPS.items()
        ]
        return [(heading, problems) for heading, problems in groups if problems]

    def problem(self, group: str, where: str, text: str) -> None:
        self.problems.append(Problem(group, where, text))

    def add(self, action: str, kind: str, label: str, fields: list[str] | None = None) -> None:
        self.entries.append(ReportEntry(action, kind, label, tuple(fields or ())))

    def add_status_change(self, label: str, old: str, new: str) -> None:
        self.status_changes.append(StatusChange(label, old, new))

    def of(self, action: str) -> list[ReportEntry]:
        order = list(KINDS)
        chosen = [entry for entry in self.entries if entry.action == action]
        return sorted(chosen, key=lambda entry: order.index(entry.kind))

    @property
    def created(self) -> list[ReportEntry]:
        return self.of(CREATED)

    @property
    def updated(self) -> list[ReportEntry]:
        return self.of(UPDATED)

    @property
    def unchanged(self) -> list[ReportEntry]:
        return self.of(UNCHANGED)

    @property
    def change_count(self) -> int:
        """How many rows were (or would be) created or updated: 0 for a repeated import."""
        return len(self.created) + len(self.updated)

    def counts(self, action: str) -> str:
        """“2 rooms, 1 workshop” (or “nothing”) for one action."""
        counter = Counter(entry.kind for entry in self.entries if entry.action == action)
        parts = [
            f"{counter[kind]} {kind if counter[kind] == 1 else plural}"
            for kind, plural in KINDS.items()
            if counter[kind]
        ]
        return ", ".join(parts) or "nothing"

    @property
    def summary(self) -> str:
        verbs = ("Would create", "would update") if self.dry_run else ("Created", "updated")
        return (
            f"{verbs[0]} {self.counts(CREATED)}; {verbs[1]} {self.counts(UPDATED)}; "
            f"unchanged: {self.counts(UNCHANGED)}."
        )

    @property
    def status_summary(self) -> str:
        """What became of the file's status changes: “” when it has none."""
        count = len(self.status_changes)
        if not count:
            return ""
        workshops = f"{count} workshop{'' if count == 1 else 's'}"
        if not self.apply_status:
            return (
                f"The file changes the status of {workshops}; not applied, so their status "
                "stays as it is."
            )
        verb = "Would change" if self.dry_run else "Changed"
        return f"{verb} the status of {workshops}."

    def as_text(self) -> str:
        """The report for the command line: a headline, the summary, then each change."""
        if self.refused:
            count = len(self.stoppers)
            into = self.conference or "a conference"
            problems = f"{count} problem{'' if count == 1 else 's'}"
            verb = "stops" if count == 1 else "stop"
            head = (
                f"The {self.format} file cannot be imported into {into} as it is: "
                f"{problems} {verb} it. Nothing was saved."
            )
        elif self.dry_run:
            head = f"Dry run of a {self.format} import into {self.conference}: nothing was saved."
        else:
            head = f"Imported a {self.format} file into {self.conference}."
        lines = [head, self.summary]
        for action in (CREATED, UPDATED):
            for entry in self.of(action):
                sign = "+" if action == CREATED else "~"
                lines.append(f"  {sign} {entry.text}")
        if self.status_changes:
            lines.append(self.status_summary)
            lines += [f"  ! {change.text}" for change in self.status_changes]
        for heading, problems in self.problem_groups:
            lines.append(f"{heading} ({len(problems)}):")
            lines += [f"  - {problem.message}" for problem in problems]
        lines += [f"Note: {note}" for note in self.notes]
        if self.time_zone:
            lines.append(f"Time zone: {self.time_zone}")
        return "\n".join(lines)
