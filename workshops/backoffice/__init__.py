"""The admin: one module per model admin; importing this package registers them all."""

from workshops.backoffice import conference, paper, people, slot, workshop

__all__ = ["conference", "paper", "people", "slot", "workshop"]
