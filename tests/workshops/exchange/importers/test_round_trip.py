"""The round trip, proven: any program exported, imported into an empty database and exported
again gives the same document (frab XML and c3voc JSON), and importing it once more changes
nothing. Only the database's own numbers may differ (see conftest.normalised_*)."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.workshops.exchange.importers.conftest import (
    export,
    normalised_json,
    normalised_xml,
    wipe_program,
)
from workshops.exchange.importers import parse_program, program_import
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program.bundle import ALL_ROOMS_NAME
from workshops.program.validators import RESERVED_SLUGS

# Zones with odd offsets and summer time on either hemisphere, all of them names that the
# c3voc JSON schema accepts (so the JSON carries time_zone_name).
ZONES = [
    "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu",
    "America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham",
]  # fmt: skip
NAMES = [
    "Deniz Altınbüken", "M. Hadi Amini", "Navid NaderiAlizadeh", "Zoë Ålander",
    "Jose\u0301 Mu\u0303noz",  # combining acute and tilde
    "👩🏽‍🔬 Ada", "𝔊𝔬𝔱𝔥𝔦𝔠 Name", "李雷", "Ngũgĩ wa Thiong'o", "A & B <C> \"D\"", "  Spaced  Out ",
]  # fmt: skip
# Letters, combining marks, digits, punctuation, symbols (emoji, outside the BMP too) and
# spaces: what people type into a name, never a control character.
TEXT = st.characters(
    codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\x85"
)


def names(max_size: int = 40):
    typed = st.text(TEXT, min_size=1, max_size=max_size)
    return st.one_of(st.sampled_from(NAMES), typed).filter(lambda text: text.strip())


abstracts = st.lists(st.text(TEXT, max_size=30), max_size=4).flatmap(
    lambda parts: st.sampled_from(["\n", "\r\n", "\n\n"]).map(lambda nl: nl.join(parts))
)


@dataclass
class Booking:
    room: int | None  # index into the rooms; None: a plenary item for every room
    gap: int  # minutes after the room's previous booking
    length: int  # minutes
    workshop: int | None  # index into the workshops; None: a plenary item
    title: str


@dataclass
class ProgramSpec:
    slug: str
    name: str
    zone: str
    start_date: dt.date
    days: int
    website: str
    rooms: list[tuple[str, str, int | None, int]]  # name, slug, capacity, position
    people: list[str]
    workshops: list[dict]
    bookings: list[Booking] = field(default_factory=list)


@st.composite
def programs(draw) -> ProgramSpec:
    slug = draw(
        st.from_regex(r"[a-z][a-z0-9]{1,8}(-[a-z0-9]{1,5})?", fullmatch=True).filter(
            lambda s: s not in RESERVED_SLUGS
        )
    )
    room_names = draw(
        st.lists(
            names(30).filter(lambda n: n.casefold() != ALL_ROOMS_NAME.casefold()),
            min_size=1,
            max_size=3,
            unique_by=(str.casefold, str.lower),
        )
    )
    room_slugs = draw(
        st.lists(
            st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True),
            min_size=len(room_names),
            max_size=len(room_names),
            unique=True,
        )
    )
    rooms = [
        (name, room_slug, draw(st.none() | st.integers(1, 500)), draw(st.integers(0, 3)))
        for name, room_slug in zip(room_names, room_slugs, strict=True)
    ]
    people = draw(st.lists(names(), min_size=1, max_size=5))
    workshops = []
    for slug_ in draw(
        st.lists(
            st.from_regex(r"[-a-zA-Z0-9_]{1,12}", fullmatch=True),
            min_size=1,
            max_size=4,
            unique=True,
        )
    ):
        workshops.append(
            {
                "slug": slug_,
                "title": draw(names(60)),
                "acronym": draw(
                    st.sampled_from(["", "PACMI", " SysML ", "🧪ML"]) | st.text(TEXT, max_size=8)
                ),
                "abstract": draw(abstracts),
                "website": draw(st.sampled_from(["", "https://example.org/w?x=1&y=ü"])),
                "status": draw(st.sampled_from(["published"] * 6 + ["draft", "cancelled"])),
                "organizers": draw(
                    st.lists(st.integers(0, len(people) - 1), max_size=3, unique=True)
                ),
                "agenda": draw(
                    st.lists(
                        st.tuples(
                            st.integers(0, 100),  # start, % of the slot
                            st.integers(1, 100),  # length, % of the rest
                            names(30),
                            st.lists(st.tuples(names(20), st.none() | names(15)), max_size=2),
                        ),
                        max_size=3,
                    )
                ),
            }
        )
    # Every workshop gets one or two slots, some plenary items come with or without a room,
    # all in a random order: adjacent (gap 0), odd lengths, past midnight, over several days.
    gaps = st.sampled_from([0, 0, 5, 30]) | st.integers(0, 240)
    lengths = st.integers(1, 300)
    room_index = st.integers(0, len(rooms) - 1)
    bookings = [
        Booking(room=draw(room_index), gap=draw(gaps), length=draw(lengths), workshop=index,
                title="")
        for index in range(len(workshops))
        for _ in range(draw(st.integers(1, 2)))
    ]  # fmt: skip
    bookings += draw(
        st.lists(
            st.builds(
                Booking,
                room=st.none() | room_index,
                gap=gaps,
                length=lengths,
                workshop=st.none(),
                title=names(30),
            ),
            max_size=3,
        )
    )
    bookings = draw(st.permutations(bookings))
    return ProgramSpec(
        slug=slug,
        name=draw(names(60)),
        zone=draw(st.sampled_from(ZONES)),
        start_date=draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
        days=draw(st.integers(1, 3)),
        website=draw(st.sampled_from(["", "https://conference.example.org/2026/"])),
        rooms=rooms,
        people=people,
        workshops=workshops,
        bookings=bookings,
    )


def saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def build(spec: ProgramSpec) -> Conference:
    """The program in the database, every row through full_clean."""
    conference = saved(
        Conference(
            slug=spec.slug, name=spec.name, year=spec.start_date.year, timezone=spec.zone,
            start_date=spec.start_date,
            end_date=spec.start_date + dt.timedelta(days=spec.days - 1),
            website=spec.website, published=True,
        )
    )  # fmt: skip
    rooms = [
        saved(Room(conference=conference, name=n, slug=s, capacity=c, position=p))
        for n, s, c, p in spec.rooms
    ]
    people = [
        saved(Organizer(name=name, slug=f"person-{index}", email=f"p{index}@example.org"))
        for index, name in enumerate(spec.people)
    ]
    workshops = []
    for data in spec.workshops:
        workshop = saved(
            Workshop(
                conference=conference,
                **{k: data[k] for k in ("slug", "title", "acronym", "abstract", "website")},
                status=data["status"],
            )
        )
        for position, index in enumerate(data["organizers"]):
            WorkshopOrganizer.objects.create(
                workshop=workshop, organizer=people[index], position=position
            )
        workshops.append(workshop)
    _book(conference, spec, rooms, workshops)
    return conference


def _book(conference, spec, rooms, workshops) -> None:
    first, last = conference.local_bounds()
    cursors: dict[int | None, dt.datetime] = {}
    for booking in spec.bookings:
        start = cursors.get(booking.room, first + dt.timedelta(hours=6)) + dt.timedelta(
            minutes=booking.gap
        )
        end = start + dt.timedelta(minutes=booking.length)
        if end > last:
            continue
        cursors[booking.room] = end
        workshop = workshops[booking.workshop] if booking.workshop is not None else None
        slot = TimeSlot(
            conference=conference,
            room=rooms[booking.room] if booking.room is not None else None,
            workshop=workshop,
            title="" if workshop else booking.title,
            start=start,
            end=end,
        )
        saved(slot)
        if workshop is not None and not workshop.agenda_items.exists():
            _agenda(workshop, slot, spec.workshops[booking.workshop]["agenda"], conference.tz)


def _agenda(workshop, slot, items, tz: ZoneInfo) -> None:
    # HH:MM is all an agenda line shows: no items across a change of the clocks.
    if slot.start.astimezone(tz).utcoffset() != slot.end.astimezone(tz).utcoffset():
        return
    minutes = int(slot.duration.total_seconds() // 60)
    used = set()
    for start_share, length_share, title, speakers in items:
        offset = minutes * start_share // 100
        length = max(1, (minutes - offset) * length_share // 100)
        if offset + length > minutes or (offset, length) in used:
            continue
        used.add((offset, length))
        start = slot.start + dt.timedelta(minutes=offset)
        saved(
            AgendaItem(
                workshop=workshop,
                start=start,
                end=start + dt.timedelta(minutes=length),
                title=title,
                speakers="\n".join(f"{n} ({a})" if a else n for n, a in speakers),
            )
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("identifier", "normalised"),
    [("schedule.xml", normalised_xml), ("schedule.json", normalised_json)],
)
@settings(
    max_examples=25,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the work tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=programs())
# A workshop in two rooms at once, its agenda item inside both slots: one event, not two.
@example(
    spec=ProgramSpec(
        slug="a0", name="Deniz Altınbüken", zone="UTC", start_date=dt.date(2020, 1, 1),
        days=1, website="",
        rooms=[("Deniz Altınbüken", "00", None, 0), ("M. Hadi Amini", "05", None, 0)],
        people=["Deniz Altınbüken"],
        workshops=[{"slug": "00", "title": "Deniz Altınbüken", "acronym": "", "abstract": "",
                    "website": "", "status": "published", "organizers": [],
                    "agenda": [(0, 1, "Deniz Altınbüken", [])]}],
        bookings=[Booking(room=0, gap=0, length=1, workshop=0, title=""),
                  Booking(room=1, gap=0, length=1, workshop=0, title="")],
    )
)  # fmt: skip
def test_export_import_export_gives_the_same_document(identifier, normalised, spec):
    # Each example in a transaction of its own, rolled back: the next starts from nothing.
    with transaction.atomic():
        first = export(identifier, build(spec))
        wipe_program()
        plan = parse_program(first, filename=identifier)

        program_import(plan=plan)
        conference = Conference.objects.get(slug=spec.slug)
        conference.published = True  # imports create conferences unpublished
        conference.save()
        second = export(identifier, conference)
        again = program_import(plan=parse_program(second, filename=identifier))

        transaction.set_rollback(True)
    assert normalised(second) == normalised(first)
    assert again.change_count == 0, again.as_text()
    assert Conference.objects.count() == 0
