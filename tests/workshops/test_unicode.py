import importlib
import unicodedata

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from tests.factories import ConferenceFactory, OrganizerFactory, RoomFactory, WorkshopFactory
from workshops.models import Conference, Organizer, Room, Workshop
from workshops.models.fields import one_line

COMPOSED = "Deniz Altınbüken"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_names_are_stored_composed_whichever_way_they_were_typed(db):
    organizer = OrganizerFactory(name=DECOMPOSED, affiliation="Universit\u0065\u0301")

    stored = Organizer.objects.values_list("name", "affiliation").get(pk=organizer.pk)

    assert DECOMPOSED != COMPOSED
    assert stored == (COMPOSED, "Université")
    assert organizer.name == COMPOSED


def test_lookups_find_a_name_typed_the_other_way(db):
    OrganizerFactory(name=COMPOSED)

    assert Organizer.objects.filter(name=DECOMPOSED).count() == 1


def test_workshop_text_is_stored_composed(db):
    workshop = WorkshopFactory(title="Cafe\u0301 systems", abstract="Zu\u0308rich")

    assert Workshop.objects.values_list("title", "abstract").get(pk=workshop.pk) == (
        "Café systems",
        "Zürich",
    )


# Names and titles hold one line.

fold_migration = importlib.import_module("workshops.migrations.0012_one_line_names")


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Line one\nline two", "Line one line two"),
        ("Wrapped \r\n   in a file", "Wrapped in a file"),
        ("\nEdges\u2028\u2029", "Edges"),
        ("NEL\x85and\u2028LS", "NEL and LS"),
        ("  Spaced  Out ", "  Spaced  Out "),
    ],
)
def test_one_line_folds_line_breaks_into_one_space(typed, folded):
    assert one_line(typed) == folded


def test_one_line_field_refuses_a_line_break_saying_so(db):
    workshop = WorkshopFactory.build(title="Line one\nline two")

    with pytest.raises(ValidationError) as refused:
        workshop.full_clean(exclude=["conference"])

    assert refused.value.message_dict == {
        "title": ["Enter this on one line: it cannot hold line breaks."]
    }


def test_text_fields_keep_their_lines(db):
    workshop = WorkshopFactory(abstract="Para one\n\nPara two")

    workshop.full_clean()

    assert Workshop.objects.get(pk=workshop.pk).abstract == "Para one\n\nPara two"


def test_migration_folds_names_stored_on_several_lines(db):
    conference = ConferenceFactory()
    RoomFactory(conference=conference, name="Room 1", slug="room-1")
    room = RoomFactory(conference=conference, slug="room-one")
    workshop = WorkshopFactory(conference=conference, abstract="Keeps\nits lines")
    organizer = OrganizerFactory()
    Room.objects.filter(pk=room.pk).update(name="Room\n1")  # the same name once folded
    Workshop.objects.filter(pk=workshop.pk).update(title="Line one\r\nline two")
    Organizer.objects.filter(pk=organizer.pk).update(name="Ada\u2028Lovelace")
    Conference.objects.filter(pk=conference.pk).update(name="Conf\n2023")

    fold_migration.fold_line_breaks(django_apps, None)

    assert Room.objects.get(pk=room.pk).name == "Room 1 (2)"
    assert Workshop.objects.values_list("title", "abstract").get(pk=workshop.pk) == (
        "Line one line two",
        "Keeps\nits lines",
    )
    assert Organizer.objects.get(pk=organizer.pk).name == "Ada Lovelace"
    assert Conference.objects.get(pk=conference.pk).name == "Conf 2023"
