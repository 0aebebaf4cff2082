import datetime as dt

import pytest
from lxml import etree

from tests.factories import OrganizerFactory, WorkshopOrganizerFactory
from tests.workshops.exchange.exporters.conftest import BASE_URL, DEMO_NAMES, render
from workshops.models import AgendaItem, Room, TimeSlot, Workshop
from workshops.program import services

pytestmark = pytest.mark.django_db
UTC = dt.UTC
EVENT_TAGS = [
    "room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug",
    "track", "persons", "description", "links", "url",
]  # fmt: skip


def parse(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def assert_valid(xsd, content: bytes) -> None:
    document = etree.fromstring(content)
    assert xsd.validate(document), "\n".join(str(error) for error in xsd.error_log)


def event_of(root, title: str) -> etree._Element:
    """The first event of that title (PACMI has two: morning and afternoon)."""
    return next(e for e in root.iter("event") if e.findtext("title") == title)


def test_frab_xml_is_valid_against_the_xsd(demo, xsd):
    assert_valid(xsd, render("schedule.xml", demo))


def test_frab_xml_schema_check_rejects_a_broken_document(demo, xsd):
    # The validator really validates: a GUID that is no UUID fails.
    root = parse(render("schedule.xml", demo))
    next(root.iter("event")).set("guid", "not-a-uuid")

    assert not xsd.validate(root)
    assert "guid" in str(xsd.error_log)


def test_frab_xml_puts_the_conference_near_the_top(demo):
    content = render("schedule.xml", demo)
    root = parse(content)

    assert [child.tag for child in root][:4] == ["generator", "url", "version", "conference"]
    assert content.index(b"<conference>") < 600
    conference = root.find("conference")
    assert conference.findtext("title") == "MLSys 2023"
    assert conference.findtext("acronym") == "mlsys_2023"
    assert conference.findtext("start") == "2023-06-04"
    assert conference.findtext("end") == "2023-06-08"
    assert conference.findtext("days") == "5"
    assert conference.findtext("time_zone_name") == "America/New_York"
    assert conference.findtext("base_url") == f"{BASE_URL}/mlsys-2023/"
    assert root.findtext("url") == f"{BASE_URL}/mlsys-2023/export/schedule.xml"


def test_frab_xml_event_ids_and_guids_are_the_slots(demo):
    root = parse(render("schedule.xml", demo))

    events = list(root.iter("event"))
    exported = {
        (int(e.get("id")), e.get("guid")) for e in events if e.findtext("type") != "agenda item"
    }
    public = TimeSlot.objects.filter(conference=demo).exclude(workshop__status="draft")
    assert exported == {(slot.pk, str(slot.guid)) for slot in public}
    assert len(exported) == 10  # nine workshop slots and lunch


def test_frab_xml_carries_each_agenda_item_as_an_event_inside_its_slot(demo):
    root = parse(render("schedule.xml", demo))

    items = {e.get("guid"): e for e in root.iter("event") if e.findtext("type") == "agenda item"}
    public = AgendaItem.objects.filter(workshop__conference=demo).exclude(workshop__status="draft")
    assert set(items) == {str(item.guid) for item in public} and items
    item = public.exclude(speakers="").first()
    event = items[str(item.guid)]
    assert event.findtext("title") == item.title
    assert event.findtext("date") == item.start.astimezone(demo.tz).isoformat()
    assert [p.text for p in event.iter("person")] == [s.name for s in item.speaker_list]
    assert int(event.get("id")) == 1_000_000_000 + item.pk


def test_frab_xml_guids_stay_when_the_program_changes(demo):
    before = parse(render("schedule.xml", demo))
    slot = TimeSlot.objects.get(workshop__slug="algorithmic-efficiency")
    slot.start += dt.timedelta(minutes=30)
    services.slot_save(slot=slot)

    after = parse(render("schedule.xml", demo))

    guids = {e.findtext("title"): (e.get("id"), e.get("guid")) for e in before.iter("event")}
    assert {e.findtext("title"): (e.get("id"), e.get("guid")) for e in after.iter("event")} == (
        guids
    )
    rooms = [(r.get("name"), r.get("guid")) for r in before.find("day").iter("room")]
    assert [(r.get("name"), r.get("guid")) for r in after.find("day").iter("room")] == rooms
    assert ("Room 241", str(Room.objects.get(conference=demo, slug="room-241").guid)) in rooms


def test_frab_xml_is_the_same_document_when_nothing_changed(demo):
    assert render("schedule.xml", demo) == render("schedule.xml", demo)


def test_frab_xml_version_changes_when_a_slot_moves_and_only_then(demo):
    first = parse(render("schedule.xml", demo)).findtext("version")
    slot = TimeSlot.objects.get(workshop__slug="algorithmic-efficiency")
    original = slot.start

    slot.start = original + dt.timedelta(minutes=5)
    services.slot_save(slot=slot)
    moved = parse(render("schedule.xml", demo)).findtext("version")
    slot.start = original
    services.slot_save(slot=slot)
    back = parse(render("schedule.xml", demo)).findtext("version")

    # The demo's release "1.0", then the moved slot: "1.0+<12 hex digits>" until it is back.
    assert first == "1.0"
    assert moved.startswith("1.0+") and len(moved) == len("1.0+") + 12
    assert back == first


def test_frab_xml_version_names_the_schedule_not_its_people(demo):
    first = parse(render("schedule.xml", demo)).findtext("version")
    organizer = OrganizerFactory(name="Someone New")
    WorkshopOrganizerFactory(workshop=Workshop.objects.get(slug="pacmi"), organizer=organizer)
    with_organizer = parse(render("schedule.xml", demo)).findtext("version")
    Workshop.objects.filter(slug="pacmi").update(title="PACMI, renamed")

    renamed = parse(render("schedule.xml", demo)).findtext("version")

    assert (first, with_organizer) == ("1.0", "1.0")
    assert renamed.startswith("1.0+")


def test_frab_xml_times_are_in_venue_time(demo):
    event = event_of(parse(render("schedule.xml", demo)), "Benchmarking Machine Learning "
                     "Workloads on Emerging Hardware")  # fmt: skip

    assert event.findtext("date") == "2023-06-08T08:00:00-04:00"
    assert dt.datetime.fromisoformat(event.findtext("date")).astimezone(UTC) == dt.datetime(
        2023, 6, 8, 12, 0, tzinfo=UTC
    )
    assert event.findtext("start") == "08:00"
    assert event.findtext("duration") == "08:40"
    assert event.findtext("room") == "Room 241"


def test_frab_xml_days_cover_the_conference(demo):
    days = parse(render("schedule.xml", demo)).findall("day")

    assert [(d.get("index"), d.get("date")) for d in days] == [
        ("1", "2023-06-04"),
        ("2", "2023-06-05"),
        ("3", "2023-06-06"),
        ("4", "2023-06-07"),
        ("5", "2023-06-08"),
    ]
    assert days[0].get("start") == "2023-06-04T00:00:00-04:00"
    assert (days[4].get("start"), days[4].get("end")) == (
        "2023-06-08T08:00:00-04:00",
        "2023-06-08T17:00:00-04:00",
    )


def test_frab_xml_event_has_the_elements_readers_expect_even_when_empty(demo):
    root = parse(render("schedule.xml", demo))

    for event in root.iter("event"):
        for tag in EVENT_TAGS:
            assert event.find(tag) is not None, (tag, event.findtext("title"))
    lunch = event_of(root, "Lunch")
    assert lunch.find("persons") is not None
    assert list(lunch.find("persons")) == []
    assert lunch.findtext("subtitle") == ""
    assert lunch.findtext("room") == "All rooms"
    assert lunch.findtext("type") == "plenary"


def test_frab_xml_persons_are_the_organizers_in_order(demo):
    root = parse(render("schedule.xml", demo))

    pacmi = event_of(root, "Practical Adoption Challenges of ML for Systems")
    persons = [(p.text, p.get("guid")) for p in pacmi.find("persons")]
    workshop = Workshop.objects.get(slug="pacmi")
    assert persons == [
        (link.organizer.name, str(link.organizer.guid))
        for link in workshop.organizer_links.order_by("position")
    ]
    assert persons[0][0] == "Deniz Altınbüken"
    assert pacmi.findtext("subtitle") == "PACMI"
    names = {p.text for p in root.iter("person")}
    assert set(DEMO_NAMES) <= names


def test_frab_xml_describes_the_agenda_of_the_slot(demo):
    event = event_of(parse(render("schedule.xml", demo)), "Benchmarking Machine Learning "
                     "Workloads on Emerging Hardware")  # fmt: skip

    lines = event.findtext("description").splitlines()
    assert lines[0] == "08:00–08:10 Introduction"
    assert lines[1] == "08:10–08:55 Invited talk: Yingyan (Celine) Lin (Georgia Tech)"
    assert len(lines) == 10


def test_frab_xml_leaves_out_cancelled_workshops(demo, xsd):
    Workshop.objects.filter(slug="pacmi").update(status=Workshop.Status.CANCELLED)

    content = render("schedule.xml", demo)

    assert b"Practical Adoption Challenges" not in content
    assert_valid(xsd, content)


def test_frab_xml_survives_characters_xml_forbids(demo, xsd):
    workshop = Workshop.objects.get(slug="pacmi")
    workshop.abstract = "Page one\x0cpage two & <three> \x1b"
    workshop.website = "https://example.org/pacmi?a=1&b=2"
    workshop.save()

    content = render("schedule.xml", demo)

    assert_valid(xsd, content)
    event = event_of(parse(content), "Practical Adoption Challenges of ML for Systems")
    # The model keeps no such character (a form feed becomes a space); the exporter drops any.
    assert event.findtext("abstract") == "Page one page two & <three> "
    assert [(a.get("href"), a.text) for a in event.find("links")] == [
        ("https://example.org/pacmi?a=1&b=2", "Workshop website")
    ]
