"""Fixtures shared by the program's tests: a workshop and its two slots on the last day."""

import datetime as dt

import pytest

from tests.factories import TimeSlotFactory, WorkshopFactory, local

LAST_DAY = dt.date(2023, 6, 8)  # the `conference` fixture's last day


@pytest.fixture
def workshop(conference):
    return WorkshopFactory(conference=conference, title="PACMI")


@pytest.fixture
def morning_and_afternoon(workshop, room):
    """PACMI on the last day from 8:00 to 12:00 and from 13:30 to 17:00, in Room 241."""
    return [
        TimeSlotFactory(
            workshop=workshop, room=room, start=local(LAST_DAY, 8), end=local(LAST_DAY, 12)
        ),
        TimeSlotFactory(
            workshop=workshop, room=room, start=local(LAST_DAY, 13, 30), end=local(LAST_DAY, 17)
        ),
    ]
