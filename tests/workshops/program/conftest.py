import pytest

from tests.factories import ConferenceFactory, RoomFactory, WorkshopFactory


@pytest.fixture
def conference(db):
    return ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")


@pytest.fixture
def room(conference):
    return RoomFactory(conference=conference, name="Room 241")


@pytest.fixture
def workshop(conference):
    return WorkshopFactory(conference=conference, title="PACMI")
