import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

import pytest

from tests.workshops.exchange.importers.conftest import DATA, without_columns
from workshops.exchange.importers import ImportFileError, parse_program, sniff_format
from workshops.exchange.importers.agenda_text import parse_agenda_line, parse_agenda_text
from workshops.exchange.importers.plan import STOPS

BERLIN = ZoneInfo("Europe/Berlin")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def plan_of(name: str):
    return parse_program((DATA / name).read_bytes(), filename=name)


def error_of(content: bytes, **kwargs) -> str:
    """What stops the file: the error that keeps it from being read at all, else the one
    problem it lists as stopping it (the rest of the file read on)."""
    try:
        plan = parse_program(content, **kwargs)
    except ImportFileError as error:
        return str(error)
    (stopper,) = [problem for problem in plan.problems if problem.group == STOPS]
    return stopper.message


# pretalx's schedule.json ----------------------------------------------------------------------


def test_pretalx_json_conference_rooms_and_people():
    plan = plan_of("pretalx-schedule.json")

    assert plan.format == "c3voc schedule JSON"
    conference = plan.conference
    assert (conference.slug, conference.name) == ("edgeml24", "EdgeML Workshop Days 2024")
    assert (conference.start_date, conference.end_date) == (
        dt.date(2024, 5, 14),
        dt.date(2024, 5, 15),
    )
    assert conference.timezone == "Europe/Berlin"
    assert [(r.name, str(r.guid), r.slug, r.capacity) for r in plan.rooms] == [
        ("Hörsaal 1", "b9f3ab1b-d142-4ec9-8f60-4aa137dfb043", "horsaal-1", 120),
        ("Seminarraum B", "cf906211-a2ed-4a09-9bf2-f69334a35a18", "seminarraum-b", None),
    ]
    # PretalxPerson with or without a GUID; the same person twice is one person.
    assert [(p.name, p.guid and str(p.guid)) for p in plan.people] == [
        ("Deniz Altınbüken", "edc16454-e6e0-4d00-af38-672e6d177f47"),
        ("Zoë Ålander-Ngũgĩ", "5b3aa698-3838-4881-bb7d-10196426e02d"),
        ("Navid NaderiAlizadeh", "a4e5ee52-ab70-4bc5-8a63-18ce7a6b25aa"),
        ("M. Hadi Amini", None),
    ]


def test_pretalx_json_talks_become_workshops_with_their_slots():
    plan = plan_of("pretalx-schedule.json")

    assert [(w.slug, w.title, [p.name for p in w.organizers]) for w in plan.workshops] == [
        ("tiny-models-on-tiny-devices", "Tiny models on tiny devices",
         ["Deniz Altınbüken", "Zoë Ålander-Ngũgĩ"]),
        ("federated-learning-over-wireless-links", "Federated learning over wireless links",
         ["Navid NaderiAlizadeh", "M. Hadi Amini"]),
        ("schedulers-that-learn", "Schedulers that learn 🧠⚙️", ["Deniz Altınbüken"]),
    ]  # fmt: skip
    federated = plan.workshops[1]
    # Subtitle, abstract and description all go into the abstract; nothing is dropped.
    assert federated.abstract == (
        "*Part one: the channel*\n\nWhat scarce bandwidth and fading channels do to federated "
        "training, and what to do about it."
    )
    assert federated.website == "https://cfp.example.org/edgeml24/talk/LW3KZP/"
    assert federated.status == "published"
    # The two slots of one submission (one code) are one workshop's two slots.
    slots = [(s.workshop.slug, s.room.name, s.start, s.end) for s in plan.slots]
    assert slots[1] == (
        "federated-learning-over-wireless-links", "Seminarraum B",
        dt.datetime(2024, 5, 14, 14, tzinfo=BERLIN),
        dt.datetime(2024, 5, 14, 15, 30, tzinfo=BERLIN),
    )  # fmt: skip
    assert slots[3][:2] == ("federated-learning-over-wireless-links", "Seminarraum B")
    assert plan.slots[3].guid == uuid.UUID("185f214b-1f97-4bd8-a00b-f000ec75b7c7")
    assert plan.plenary == []


def test_pretalx_json_fixture_is_valid_against_the_public_schema(formats_dir):
    import jsonschema

    schema = json.loads((formats_dir / "schema.json").read_text())
    document = json.loads((DATA / "pretalx-schedule.json").read_text())
    checker = jsonschema.Draft6Validator.FORMAT_CHECKER

    jsonschema.Draft6Validator(schema, format_checker=checker).validate(document)


# frab's schedule.xml --------------------------------------------------------------------------


def test_frab_xml_conference_rooms_and_events():
    plan = plan_of("frab-schedule.xml")

    assert plan.format == "frab schedule XML"
    conference = plan.conference
    assert (conference.slug, conference.name, conference.timezone) == (
        "sysml-camp", "Systems for ML Camp 2024", "Europe/Amsterdam",
    )  # fmt: skip
    assert [(r.name, str(r.guid)) for r in plan.rooms] == [
        ("Saal Ada", "2e33ddd7-465d-47c9-bb2e-c479c955f0b8"),
        ("Raum Grace", "93f1ee78-3d9a-4374-a45d-7fb3bcd24508"),
    ]
    assert [(w.slug, [p.name for p in w.organizers]) for w in plan.workshops] == [
        ("compilers-for-sparse-tensors", ["Navid NaderiAlizadeh", "Amélie Dubois-Nguyễn"]),
        ("night-hack-on-neuromorphic-chips", ["M. Hadi Amini"]),
        ("profiling-on-a-budget", ["Deniz Altınbüken"]),
    ]
    assert plan.workshops[0].abstract == (
        "*From formats to fused kernels*\n\nSparse tensor algebra compilers turn a format "
        "description into fused kernels & this hour shows how.\n\n"
        "Slides and notebooks follow after the talk."
    )


def test_frab_xml_honours_each_offset_and_the_duration():
    plan = plan_of("frab-schedule.xml")

    night = plan.slots[1]
    # Written in UTC (…Z): 23:00 in Amsterdam, for an hour and a half, past midnight.
    assert night.start == dt.datetime(2024, 9, 2, 23, 0, tzinfo=AMSTERDAM)
    assert night.end == dt.datetime(2024, 9, 3, 0, 30, tzinfo=AMSTERDAM)
    assert plan.slots[2].end - plan.slots[2].start == dt.timedelta(minutes=37)


def test_frab_xml_fixture_is_valid_against_the_public_xsd(formats_dir):
    from lxml import etree

    xsd = etree.XMLSchema(etree.parse(str(formats_dir / "schedule.xml.xsd")))

    assert xsd.validate(etree.parse(str(DATA / "frab-schedule.xml"))), str(xsd.error_log)


PENTABARF = b"""<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>Old Style Con</title>
    <start>2018-02-03</start>
    <end>2018-02-04</end>
    <time_zone_name>Europe/Brussels</time_zone_name>
  </conference>
  <day index="1" date="2018-02-03">
    <room name="Janson">
      <event id="6245">
        <start>10:00</start>
        <duration>00:50</duration>
        <room>Janson</room>
        <title>Keynote on consensus</title>
        <type>keynote</type>
        <abstract/>
        <persons><person id="228">Simon Example</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_frab_xml_without_guid_and_date_reads_the_day_and_start():
    first = parse_program(PENTABARF)
    again = parse_program(PENTABARF)

    slot = first.slots[0]
    assert slot.start == dt.datetime(2018, 2, 3, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    assert slot.end == slot.start + dt.timedelta(minutes=50)
    # A GUID derived from the file, so that a second import finds the slot again.
    assert slot.guid == again.slots[0].guid
    assert first.conference.slug == ""  # no acronym: the command asks for --conference


# Sniffing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b'\xef\xbb\xbf<?xml version="1.0"?><schedule/>', "anything.txt", "xml"),
        (b'  {"schedule": {}}', "", "json"),
        (b"Date,Start,End\r\n", "program.csv", "csv"),
        (b"Date,Start,End\r\n", "", "csv"),
        (b"garbage", "schedule.json", "json"),
    ],
)
def test_sniff_format(content, filename, expected):
    assert sniff_format(content, filename) == expected


# Malformed files: the error names the place and the problem ----------------------------------


def test_bad_xml_names_the_line():
    message = error_of(b"<?xml version='1.0'?>\n<schedule>\n  <conference>\n</schedule>\n")

    assert message.startswith("line 4: this is not well-formed XML: ")
    assert "conference" in message


def test_xml_with_another_root_is_refused():
    assert error_of(b"<?xml version='1.0'?>\n<html/>") == (
        "line 2, <html>: the document is a <html>, not a frab <schedule>."
    )


def test_xml_missing_the_conference_names_the_schedule():
    assert error_of(b"<schedule>\n<version>1</version>\n</schedule>") == (
        "line 1, <schedule>: the element <conference> is missing."
    )


def test_xml_event_missing_its_title_names_the_event_line():
    broken = PENTABARF.replace(b"<title>Keynote on consensus</title>", b"")

    assert error_of(broken) == "line 11, <event>: the element <title> is missing."


def test_xml_event_missing_its_duration_names_the_event():
    broken = PENTABARF.replace(b"<duration>00:50</duration>", b"")

    assert error_of(broken) == (
        "line 11, <event> of “Keynote on consensus”: the element <duration> is missing."
    )


def test_xml_event_with_a_bad_date_names_it():
    content = (DATA / "frab-schedule.xml").read_bytes()
    broken = content.replace(b"2024-09-03T13:15:00+02:00", b"3 September, 13:15")

    assert error_of(broken) == (
        "line 78, <event> “Profiling on a budget”, <date>: “3 September, 13:15” is not a date "
        "and time (such as 2023-06-08T08:00:00-04:00)."
    )


def test_xml_with_a_bad_guid_or_time_zone_is_refused():
    content = (DATA / "frab-schedule.xml").read_bytes()

    plan = parse_program(content.replace(b"e1104d32-eb6f-4b32-8c3e-681232747c78", b"1234"))
    assert [problem.message for problem in plan.problems] == [
        "line 20, <event> “Compilers for sparse tensors”: the GUID “1234” is not a UUID; it was "
        f"read as {plan.slots[0].guid}, derived from it (the same GUID gives the same UUID on "
        "every import)."
    ]
    assert (
        plan.slots[0].guid
        == parse_program(content.replace(b"e1104d32-eb6f-4b32-8c3e-681232747c78", b"1234"))
        .slots[0]
        .guid
    )
    assert error_of(content.replace(b"Europe/Amsterdam", b"Mars/Olympus")) == (
        "line 14, <time_zone_name>: “Mars/Olympus” is not an IANA time zone name "
        "(such as Europe/Berlin)."
    )


def test_xml_with_a_dtd_is_refused():
    content = b'<?xml version="1.0"?>\n<!DOCTYPE schedule [<!ENTITY x "boom">]>\n<schedule/>'

    assert error_of(content) == "line 1: a schedule must not carry a DTD."


def test_xml_with_a_guid_twice_gives_the_second_slot_its_own():
    content = (DATA / "frab-schedule.xml").read_bytes()
    shared = uuid.UUID("e1104d32-eb6f-4b32-8c3e-681232747c78")
    broken = content.replace(b"f4c19244-3c0b-4eec-b2d7-e902541cfa97", str(shared).encode())

    plan = parse_program(broken)

    first, second = (
        slot for slot in plan.slots if slot.source in ("line 20, <event>", "line 48, <event>")
    )
    assert first.guid == shared and second.guid == uuid.uuid5(shared, "line 48, <event>")
    assert [problem.message for problem in plan.problems] == [
        f"line 48, <event>: “{second.label}” shares its GUID with the event at line 20, "
        f"<event>; this slot got a GUID of its own derived from it ({second.guid}), the same on "
        "every import."
    ]


def test_json_that_is_not_json_names_line_and_column():
    assert error_of(b'{\n  "schedule": {\n    "version": 1,,\n', format="json") == (
        "line 3, column 18: this is not valid JSON: Expecting property name enclosed in double "
        "quotes."
    )


def json_with(change) -> bytes:
    document = json.loads((DATA / "pretalx-schedule.json").read_text())
    change(document)
    return json.dumps(document).encode()


def first_event(document) -> dict:
    return document["schedule"]["conference"]["days"][0]["rooms"]["Hörsaal 1"][0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d.pop("schedule"),
            "schedule: missing (the schema requires it).",
        ),
        (
            lambda d: d["schedule"]["conference"].pop("days"),
            "schedule.conference.days: missing (the schema requires it).",
        ),
        (
            lambda d: d["schedule"]["conference"].update(title=["EdgeML"]),
            "schedule.conference.title: expected a string, found a list.",
        ),
        (
            lambda d: first_event(d).update(date=20240514),
            'schedule.conference.days[0].rooms["Hörsaal 1"][0].date: expected a string, '
            "found a number.",
        ),
        (
            lambda d: first_event(d).pop("guid"),
            'schedule.conference.days[0].rooms["Hörsaal 1"][0].guid: missing (the schema '
            "requires it).",
        ),
        (
            lambda d: first_event(d).update(persons={"name": "Deniz"}),
            'schedule.conference.days[0].rooms["Hörsaal 1"][0].persons: expected a list, '
            "found an object.",
        ),
        (
            lambda d: (
                first_event(d)["persons"][1].pop("name")
                and first_event(d)["persons"][1].pop("public_name")
            ),
            'schedule.conference.days[0].rooms["Hörsaal 1"][0].persons[1]: a person needs a '
            "name (or public_name).",
        ),
        (
            lambda d: first_event(d).update(end="tomorrow"),
            'schedule.conference.days[0].rooms["Hörsaal 1"][0].end: “tomorrow” is not a date '
            "and time (such as 2023-06-08T08:00:00-04:00).",
        ),
        (
            lambda d: d["schedule"]["conference"]["rooms"][0].update(capacity=-3),
            "schedule.conference.rooms[0].capacity: expected a whole number of seats, found -3.",
        ),
    ],
)
def test_json_not_matching_the_schema_names_the_path(change, expected):
    assert error_of(json_with(change)) == expected


def test_json_that_is_a_list_is_refused():
    assert error_of(b"[1, 2]", format="json") == "(top level): expected an object, found a list."


# Our CSV --------------------------------------------------------------------------------------

CSV_HEADER = "Date,Start,End,Room,Workshop,Organizers,Affiliations,URL,Status,GUID\r\n"
CSV_ROWS = (
    "2023-06-08,08:00,12:00,Room 238,Practical Adoption Challenges of ML for Systems,"
    "Deniz Altınbüken; Lyric Doshi,Google,"
    "https://program.example.org/mlsys-2023/workshops/pacmi/,scheduled,"
    "032f8c9c-5caf-4ecb-aff3-f5ca2c66001c\r\n"
    "2023-06-08,12:00,13:30,All rooms,Lunch,,,https://program.example.org/mlsys-2023/,"
    "scheduled,\r\n"
    "2023-06-08,23:30,2023-06-09 00:15,Room 238,'=Formula workshop,M. Hadi Amini,,"
    "https://program.example.org/mlsys-2023/workshops/formula/,cancelled,\r\n"
)


def venue(text: str) -> dt.datetime:
    """A naive venue time: what a CSV holds until the conference's zone is known."""
    return dt.datetime.fromisoformat(text)


def test_csv_rows_become_slots_in_venue_time():
    plan = parse_program((CSV_HEADER + CSV_ROWS).encode())

    assert plan.conference.slug == "mlsys-2023"
    assert [(s.label, s.room and s.room.name, s.start, s.end) for s in plan.slots] == [
        ("Practical Adoption Challenges of ML for Systems", "Room 238",
         venue("2023-06-08 08:00"), venue("2023-06-08 12:00")),
        ("Lunch", None, venue("2023-06-08 12:00"), venue("2023-06-08 13:30")),
        ("=Formula workshop", "Room 238", venue("2023-06-08 23:30"), venue("2023-06-09 00:15")),
    ]  # fmt: skip
    pacmi, formula = plan.workshops
    assert (pacmi.slug, [p.name for p in pacmi.organizers]) == (
        "pacmi", ["Deniz Altınbüken", "Lyric Doshi"],
    )  # fmt: skip
    assert (formula.slug, formula.status) == ("formula", "cancelled")
    # A CSV carries no abstract: the import leaves it alone.
    assert pacmi.abstract is None


def test_csv_with_a_bom_reads_the_same():
    with_bom = parse_program(("\ufeff" + CSV_HEADER + CSV_ROWS).encode())

    assert [s.label for s in with_bom.slots][0] == "Practical Adoption Challenges of ML for Systems"


def test_csv_bad_date_on_line_4_names_line_and_column():
    rows = CSV_ROWS.replace("2023-06-08,23:30", "2023-06-31,23:30")

    assert error_of((CSV_HEADER + rows).encode()) == (
        "line 4, column Date: the date “2023-06-31” is not a date (YYYY-MM-DD)."
    )


def test_csv_in_latin_1_is_refused_with_the_line():
    content = (CSV_HEADER + CSV_ROWS).encode("latin-1", errors="replace")

    assert error_of(content) == (
        "line 2: the file is not UTF-8 text (byte 0xfc); save it as “CSV UTF-8” and import it "
        "again."
    )


def test_csv_with_another_header_is_refused():
    assert error_of(b"Name,When\r\nx,y\r\n", format="csv") == (
        "line 1: the header lacks the column(s) Date, Start, End, Room, Workshop; expected "
        "Date, Start, End, Room, Workshop, Organizers, Affiliations, URL, Status, GUID."
    )


def test_csv_bad_time_and_guid_are_named():
    bad_time = CSV_ROWS.replace("08:00,12:00", "8h,12:00")
    bad_guid = CSV_ROWS.replace("032f8c9c-5caf-4ecb-aff3-f5ca2c66001c", "nope")

    assert error_of((CSV_HEADER + bad_time).encode()) == (
        "line 2, column Start: the time “8h” is not a time of day (HH:MM)."
    )
    assert error_of((CSV_HEADER + bad_guid).encode()) == (
        "line 2, column GUID: the GUID “nope” is not a UUID."
    )


def test_empty_file_is_refused():
    assert error_of(b"  \n", filename="schedule.xml") == "The file is empty."


# The agenda of our own exports ----------------------------------------------------------------


def test_agenda_text_is_read_back_inside_its_slot():
    new_york = ZoneInfo("America/New_York")
    start = dt.datetime(2023, 6, 8, 22, 0, tzinfo=new_york)
    text = "22:00–23:30 Invited talk: Wes Brewer (Oak Ridge); Zhihao Jia\n23:30–00:10 Night: cap"

    items = parse_agenda_text(text, start, start + dt.timedelta(hours=3), new_york)

    assert [(i.start, i.end, i.title, i.speakers) for i in items] == [
        (start, dt.datetime(2023, 6, 8, 23, 30, tzinfo=new_york), "Invited talk",
         "Wes Brewer (Oak Ridge)\nZhihao Jia"),
        (dt.datetime(2023, 6, 8, 23, 30, tzinfo=new_york),
         dt.datetime(2023, 6, 9, 0, 10, tzinfo=new_york), "Night", "cap"),
    ]  # fmt: skip
    assert parse_agenda_text("Bring a laptop.", start, start, new_york) is None


def test_pretalx_xml_slots_of_one_submission_are_one_workshop():
    plan = plan_of("pretalx-schedule.xml")

    assert plan.conference.slug == "edgeml24"
    (workshop,) = plan.workshops
    assert (workshop.slug, workshop.abstract) == (
        "federated-learning-over-wireless-links", "Scarce bandwidth & fading channels.",
    )  # fmt: skip
    assert [(p.name, p.guid and str(p.guid)) for p in workshop.organizers] == [
        ("Navid NaderiAlizadeh", "a4e5ee52-ab70-4bc5-8a63-18ce7a6b25aa"),
        ("M. Hadi Amini", None),
    ]
    assert [(s.workshop, s.start) for s in plan.slots] == [
        (workshop, dt.datetime(2024, 5, 14, 14, tzinfo=BERLIN)),
        (workshop, dt.datetime(2024, 5, 15, 9, tzinfo=BERLIN)),
    ]


def test_frab_json_person_with_only_a_public_name():
    def frab_person(document):
        first_event(document)["persons"] = [{"id": 228, "public_name": "Simon Example"}]

    plan = parse_program(json_with(frab_person))

    assert [p.name for p in plan.workshops[0].organizers] == ["Simon Example"]


def test_csv_without_organizers_and_status_columns_leaves_both_unsaid():
    plan = parse_program(without_columns(CSV_HEADER + CSV_ROWS, "Organizers", "Status").encode())

    assert [(w.slug, w.organizers, w.status) for w in plan.workshops] == [
        ("pacmi", None, None), ("formula", None, None),
    ]  # fmt: skip
    assert plan.people == []
    assert plan.notes == [
        "The file has no Organizers column: the workshops keep their organizers (new ones have "
        "none).",
        "The file has no Status column: the workshops keep their status (new ones are drafts).",
    ]


def test_csv_without_organizers_and_url_columns_tells_plenary_items_by_their_room():
    text = without_columns(CSV_HEADER + CSV_ROWS, "Organizers", "URL")

    plan = parse_program(text.encode())

    assert [(s.label, s.workshop is None) for s in plan.slots] == [
        ("Practical Adoption Challenges of ML for Systems", False),
        ("Lunch", True),
        ("=Formula workshop", False),
    ]


def test_agenda_text_with_minutes_past_59_is_not_an_agenda():
    new_york = ZoneInfo("America/New_York")
    start = dt.datetime(2023, 6, 8, 10, 0, tzinfo=new_york)

    assert (
        parse_agenda_text("10:75–11:00 Odd", start, start + dt.timedelta(hours=3), new_york) is None
    )


def test_agenda_line_reads_a_pasted_line_with_a_hyphen_and_its_kind():
    line = parse_agenda_line("9:30-10:15 Keynote: Wes Brewer (Oak Ridge); Zhihao Jia")

    assert (line.start, line.end, line.title, line.speakers, line.kind) == (
        dt.time(9, 30),
        dt.time(10, 15),
        "Keynote",
        "Wes Brewer (Oak Ridge)\nZhihao Jia",
        "invited",
    )
    assert parse_agenda_line("10:10-10:30 Morning break").kind == "break"
    assert parse_agenda_line("10:30-11:00 Scaling laws").kind == "talk"
