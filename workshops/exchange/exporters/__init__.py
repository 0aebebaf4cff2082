"""The export formats, in one registry that the export page, the admin and export_program share.

A new format is one module here that subclasses base.Exporter and decorates it with @register.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from workshops.exchange.exporters.base import Exporter, Program, options_from, switch

EXPORTERS: dict[str, type[Exporter]] = {}


class UnknownFormat(LookupError):
    """No exporter has this identifier (or none that the caller may use)."""


def register(exporter_class: type[Exporter]) -> type[Exporter]:
    """Add an exporter class to EXPORTERS under its identifier; identifiers are unique."""
    identifier = exporter_class.identifier
    if identifier in EXPORTERS and EXPORTERS[identifier] is not exporter_class:
        raise ValueError(f"Two exporters claim the identifier {identifier!r}.")
    EXPORTERS[identifier] = exporter_class
    return exporter_class


def get_exporter(
    identifier: str, options: Mapping[str, str] | None = None, *, public_only: bool = False
) -> Exporter:
    """The exporter for an identifier, set up with its switches; UnknownFormat if there is none."""
    exporter_class = EXPORTERS.get(identifier)
    if exporter_class is None or (public_only and not exporter_class.public):
        raise UnknownFormat(
            f"Unknown format {identifier!r}; choose one of: {', '.join(format_names())}."
        )
    return exporter_class(**options_from(exporter_class, options))


def query_for(identifier: str) -> dict[str, Callable[[str], str]]:
    """The query parameters an export reads, each with its normaliser: its format's switches
    (none for an unknown format), whose values are read as on or off."""
    exporter_class = EXPORTERS.get(identifier)
    return dict.fromkeys(exporter_class.options if exporter_class else (), switch)


def public_exporters() -> list[type[Exporter]]:
    """The formats anyone may download, in the order they were registered."""
    return [exporter for exporter in EXPORTERS.values() if exporter.public]


def format_names(*, public_only: bool = False) -> list[str]:
    return [
        identifier
        for identifier, exporter in EXPORTERS.items()
        if exporter.public or not public_only
    ]


__all__ = [
    "EXPORTERS",
    "Exporter",
    "Program",
    "UnknownFormat",
    "format_names",
    "get_exporter",
    "public_exporters",
    "query_for",
    "register",
]

# Importing the format modules registers them; the order is the export page's order.
# isort: off
from workshops.exchange.exporters import frab_xml  # noqa: E402, F401
from workshops.exchange.exporters import c3voc_json  # noqa: E402, F401
from workshops.exchange.exporters import ical  # noqa: E402, F401
from workshops.exchange.exporters import csv  # noqa: E402, F401
from workshops.exchange.exporters import pdf  # noqa: E402, F401
# isort: on
