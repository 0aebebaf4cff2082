"""The admin: one module per model admin; importing this package registers them all."""

from workshops.backoffice import conference, people, slot, workshop

__all__ = ["conference", "people", "slot", "workshop"]
