"""Fixtures shared by the workshops app's tests: an edition, a room, the schedule schemas."""

import json
import os
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from tests.factories import ConferenceFactory, RoomFactory

# shared/ sits beside the repository, here and in CI: /work/main → /work/shared/formats.
FORMATS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "formats"


@pytest.fixture
def conference(db):
    """MLSys 2023, published: 4 to 8 June 2023 in America/New_York (ConferenceFactory's dates)."""
    return ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")


@pytest.fixture
def room(conference):
    return RoomFactory(conference=conference, name="Room 241")


@pytest.fixture(scope="session")
def formats_dir() -> Path:
    if (
        not (FORMATS_DIR / "schedule.xml.xsd").is_file()
        or not (FORMATS_DIR / "schema.json").is_file()
    ):
        message = f"The schedule schemas are missing: expected them in {FORMATS_DIR}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return FORMATS_DIR


@pytest.fixture(scope="session")
def xsd(formats_dir):
    """The frab schedule XML schema."""
    return etree.XMLSchema(etree.parse(str(formats_dir / "schedule.xml.xsd")))


@pytest.fixture(scope="session")
def json_schema(formats_dir) -> dict:
    """The c3voc schedule JSON schema."""
    return json.loads((formats_dir / "schema.json").read_text())


@pytest.fixture(scope="session")
def json_validator(json_schema):
    # FormatChecker() knows every format jsonschema can check (uuid and date are not draft-06's
    # own, so Draft6Validator.FORMAT_CHECKER would let a bad UUID through).
    return jsonschema.Draft6Validator(json_schema, format_checker=jsonschema.FormatChecker())
