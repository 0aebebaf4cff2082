"""What every exporter shares: the Program it renders and the Exporter interface."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

from django.http import HttpResponse
from django.utils.encoding import iri_to_uri

from workshops.models import (
    Conference,
)
from workshops.program.bundle import ALL_ROOMS_NAME, ALL_ROOMS_SLUG, Program  # noqa: F401

GENERATOR_NAME = "workshop-program"
GENERATOR_VERSION = "0.1.0"
# The type of the events that carry a workshop's agenda items, inside its slot's event time.
AGENDA_EVENT_TYPE = "agenda item"


def agenda_event_id(item_pk: int) -> int:
    """An agenda item's event id: apart from the slots' ids, which the same events list holds."""
    return 1_000_000_000 + item_pk


def hours_minutes(duration: dt.timedelta) -> str:
    """A duration as the schedule formats write it: 8 h 40 min → "08:40"."""
    minutes = int(duration.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def as_uri(address: str) -> str:
    """A web address as a URI: what a URL field lets through but a URI may not hold (non-ASCII,
    spaces, quotes, angle brackets, control characters) percent-encoded, as browsers send it."""
    return iri_to_uri(address)


class Exporter:
    """One export format. Subclasses set the class attributes and render a Program."""

    identifier: ClassVar[str]  # the last part of the URL, e.g. "schedule.xml"
    label: ClassVar[str]
    description: ClassVar[str]  # one sentence: who uses it
    extension: ClassVar[str]
    content_type: ClassVar[str]
    public: ClassVar[bool] = True  # listed on the export page and downloadable by anyone
    options: ClassVar[tuple[str, ...]] = ()  # yes/no switches, e.g. ("bom",) for ?bom=1
    slow: ClassVar[bool] = False  # big programs: a task (workshops/exchange/prepared.py)

    def __init__(self, **options: bool) -> None:
        unknown = set(options) - set(self.options)
        if unknown:
            raise TypeError(f"{self.identifier} has no option {', '.join(sorted(unknown))}")
        self.settings = {name: bool(options.get(name)) for name in self.options}

    def render(self, program: Program) -> str | bytes:
        raise NotImplementedError

    def render_bytes(self, program: Program) -> bytes:
        """The file's content, UTF-8 encoded."""
        content = self.render(program)
        return content.encode() if isinstance(content, str) else content

    def filename(self, conference: Conference) -> str:
        return f"{conference.slug}-{self.identifier}"

    def response(self, program: Program) -> HttpResponse:
        """The file as a download."""
        return self.download(self.render_bytes(program), program.conference)

    def download(self, content: bytes, conference: Conference) -> HttpResponse:
        """Rendered content as a download."""
        response = HttpResponse(content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename(conference)}"'
        return response


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def switch(value: str) -> str:
    """A switch's value in its one canonical spelling: "1" when on, "" when off."""
    return "1" if truthy(value) else ""


def options_from(exporter_class: type[Exporter], query: Mapping[str, str] | None) -> dict:
    """The exporter's switches read from a query string or the command line ({"bom": "1"})."""
    query = query or {}
    return {name: truthy(query.get(name)) for name in exporter_class.options}
