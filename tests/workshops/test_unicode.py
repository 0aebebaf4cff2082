import unicodedata

from tests.factories import OrganizerFactory, WorkshopFactory
from workshops.models import Organizer, Workshop

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
