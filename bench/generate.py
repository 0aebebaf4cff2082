"""Generate a large, valid program, the same for the same seed: for benchmarks and load tests.

    from bench.generate import generate_program
    conference = generate_program(slots=2000, seed=1)

A conference of `days` days and `rooms` rooms (enough for the slots when not given), workshops
of one to three slots of odd lengths placed one after the other in their room (adjacent or
with a gap), 2 to 8 organizers each with Unicode names, an inner agenda with breaks in every
slot, a few drafts and cancelled workshops, and two plenary breaks a day for all rooms.

Every row passes full_clean(): slots are saved through services.slot_save, agenda items are
checked against their slots. An organizer only organizes workshops of one room, so nobody is
in two places at once.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.text import slugify

from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import services, validators

TIMEZONE = "Europe/Berlin"
FIRST_DAY = dt.date(2031, 6, 2)  # a Monday
DAY_START = dt.time(8, 0)
DAY_END = dt.time(20, 0)
SLOTS_PER_ROOM_DAY = 5  # what `rooms` defaults to: the slots fit with room to spare
SLOT_MINUTES = [30, 45, 50, 60, 75, 90, 105, 120, 150, 180]
GAP_MINUTES = [0, 0, 0, 10, 15, 30]  # mostly adjacent
PLENARY = [
    ("Coffee break", dt.time(10, 30), dt.time(11, 0)),
    ("Lunch", dt.time(12, 30), dt.time(13, 30)),
]

FIRST_NAMES = [
    "Deniz", "Ayşe", "Müge", "Jürgen", "Zoë", "Chloé", "Søren", "Łukasz", "Ana", "Wei", "Priya",
    "Navid", "Hadi", "Olúwaseun", "Inés", "Björn", "Mei", "Rafael", "Siobhán", "Kwame", "Yuki",
    "Tomás", "Ingrid", "Arash", "Nadia", "Dmitri", "Fatma", "Émile", "Hyun-woo", "Ravi",
]  # fmt: skip
LAST_NAMES = [
    "Altınbüken", "NaderiAlizadeh", "Amini", "Müller", "Ødegaard", "Kowalczyk", "García", "Chen",
    "Okonkwo", "Sørensen", "Nakamura", "Dubois", "Iyer", "Yılmaz", "O'Brien", "Van der Berg",
    "Petrović", "Łęcki", "Zhang", "St John", "Janapa Reddi", "Nguyễn", "Smith", "Kim", "Rossi",
]  # fmt: skip
AFFILIATIONS = [
    "", "", "Carnegie Mellon University", "ETH Zürich", "Université de Montréal",
    "Boğaziçi Üniversitesi", "Tsinghua University", "Argonne National Laboratory", "Google",
    "NVIDIA", "Universität Tübingen",
]  # fmt: skip
TOPICS = [
    "Federated Learning", "Compilers for ML", "Sparse Training", "Edge Inference",
    "ML for Systems", "Benchmarking", "Quantization", "Graph Learning", "Privacy", "Scheduling",
    "Neuromorphic Hardware", "Data Pipelines", "Serving at Scale", "Robustness",
    "Energy Efficiency", "Distributed Training",
]  # fmt: skip
FORMS = [
    "Workshop on {}",
    "{}: Practice and Theory",
    "Frontiers of {}",
    "{} in the Wild",
    "{} Systems",
]
AGENDA = [
    ("opening", "Opening"),
    ("invited", "Invited talk"),
    ("papers", "Paper session"),
    ("break", "Break"),
    ("posters", "Poster session"),
    ("panel", "Panel discussion"),
    ("talk", "Contributed talks"),
]


@dataclass(frozen=True)
class GeneratedProgram:
    """What generate_program made, counted."""

    conference: Conference
    workshops: int
    workshop_slots: int
    plenary_slots: int
    organizers: int
    agenda_items: int


def default_rooms(slots: int, days: int) -> int:
    """Rooms enough for `slots` workshop slots over `days` days."""
    return max(1, math.ceil(slots / (days * SLOTS_PER_ROOM_DAY)))


def _person(rng: random.Random, index: int, prefix: str) -> Organizer:
    first = rng.choice(FIRST_NAMES)
    if rng.random() < 0.1:
        first = f"{first[0]}. {rng.choice(FIRST_NAMES)}"  # "M. Hadi"
    name = f"{first} {rng.choice(LAST_NAMES)}"
    return Organizer(
        name=name,
        slug=f"{prefix}-{slugify(name) or 'person'}-{index}",
        affiliation=rng.choice(AFFILIATIONS),
        email=f"{prefix}-{index}@generated.example",
    )


def _abstract(rng: random.Random, topic: str) -> str:
    sentences = [
        f"This workshop gathers researchers and practitioners working on {topic.lower()}.",
        "We discuss **open problems**, negative results and what carries over to production.",
        "Contributions range from theory to deployed systems; the day ends with a panel.",
        "Posters and short talks leave room for questions and for newcomers to the field.",
    ]
    return " ".join(rng.sample(sentences, rng.randint(2, 3)))


def _agenda(rng: random.Random, slot: TimeSlot) -> list[AgendaItem]:
    """Two to four items that tile the slot, with a break in the longer ones."""
    minutes = int(slot.duration.total_seconds() // 60)
    pieces = 1 if minutes < 45 else min(4, max(2, minutes // 40))
    cuts = sorted(rng.sample(range(15, minutes - 10, 5), pieces - 1)) if pieces > 1 else []
    bounds = [0, *cuts, minutes]
    items = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        kind, title = rng.choice(AGENDA[1:])
        if number == 0:
            kind, title = AGENDA[0]
        speakers = ""
        if kind in ("invited", "talk"):
            speakers = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (Example University)"
        items.append(
            AgendaItem(
                workshop=slot.workshop,
                start=slot.start + dt.timedelta(minutes=start),
                end=slot.start + dt.timedelta(minutes=end),
                kind=kind,
                title=title,
                speakers=speakers,
            )
        )
    return items


class _RoomClock:
    """Where the next slot of a room may start: day by day, between DAY_START and DAY_END."""

    def __init__(self, tz: ZoneInfo, days: int) -> None:
        self.tz, self.days, self.day = tz, days, 0
        self.at = dt.datetime.combine(FIRST_DAY, DAY_START, tzinfo=tz)

    def place(self, minutes: int, gap: int) -> tuple[dt.datetime, dt.datetime] | None:
        while self.day < self.days:
            date = FIRST_DAY + dt.timedelta(days=self.day)
            start = self.at + dt.timedelta(minutes=gap)
            end = start + dt.timedelta(minutes=minutes)
            if end <= dt.datetime.combine(date, DAY_END, tzinfo=self.tz):
                self.at = end
                return start, end
            self.day += 1
            self.at = dt.datetime.combine(
                FIRST_DAY + dt.timedelta(days=self.day), DAY_START, tzinfo=self.tz
            )
            gap = 0
        return None


@transaction.atomic
def generate_program(
    *,
    slots: int,
    days: int = 5,
    rooms: int | None = None,
    seed: int = 1,
    slug: str | None = None,
) -> GeneratedProgram:
    """A published conference with `slots` workshop slots (plus two plenary breaks a day),
    the same rows for the same arguments; all or nothing."""
    rng = random.Random(seed)
    rooms = rooms or default_rooms(slots, days)
    slug = slug or f"bench-{slots}-{seed}"
    tz = ZoneInfo(TIMEZONE)
    conference = Conference(
        name=f"Generated Conference {slots} (seed {seed})",
        slug=slug,
        year=FIRST_DAY.year,
        timezone=TIMEZONE,
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + dt.timedelta(days=days - 1),
        city="Zürich",
        venue="Kongresshaus",
        description="Generated by bench/generate.py for benchmarks: not a real program.",
        published=True,
    )
    conference.full_clean()
    conference.save()
    room_rows = [
        Room(conference=conference, name=f"Room {100 + n}", slug=f"room-{100 + n}", position=n)
        for n in range(1, rooms + 1)
    ]
    for room in room_rows:
        room.full_clean()
    room_rows = Room.objects.bulk_create(room_rows)

    for day in range(days):
        date = FIRST_DAY + dt.timedelta(days=day)
        for title, start, end in PLENARY:
            plenary = TimeSlot(
                conference=conference,
                title=title,
                start=dt.datetime.combine(date, start, tzinfo=tz),
                end=dt.datetime.combine(date, end, tzinfo=tz),
            )
            services.slot_save(slot=plenary)

    clocks = [_RoomClock(tz, days) for _ in room_rows]
    pools: list[list[Organizer]] = [[] for _ in room_rows]  # each room's own people
    people = 0
    placed = workshops = agenda_count = 0
    while placed < slots:
        # The room whose day is least full, so that the rooms fill evenly.
        room_index = min(range(len(clocks)), key=lambda n: (clocks[n].day, clocks[n].at, n))
        topic = rng.choice(TOPICS)
        status = rng.choices(
            [Workshop.Status.PUBLISHED, Workshop.Status.DRAFT, Workshop.Status.CANCELLED],
            weights=[92, 5, 3],
        )[0]
        workshop = Workshop(
            conference=conference,
            title=f"{rng.choice(FORMS).format(topic)} {workshops + 1}",
            slug=f"w-{workshops + 1}",
            acronym=f"W{workshops + 1}" if rng.random() < 0.3 else "",
            abstract=_abstract(rng, topic),
            status=status,
        )
        workshop.full_clean()
        workshop.save()
        workshops += 1

        pool = pools[room_index]
        count = rng.randint(2, 8)
        while len(pool) < count or (len(pool) < 40 and rng.random() < 0.5):
            person = _person(rng, people, slug)
            person.full_clean()
            person.save()
            pool.append(person)
            people += 1
        organizers = rng.sample(pool, count)
        WorkshopOrganizer.objects.bulk_create(
            WorkshopOrganizer(workshop=workshop, organizer=o, position=n)
            for n, o in enumerate(organizers)
        )

        saved: list[TimeSlot] = []
        for _ in range(min(rng.choices([1, 2, 3], weights=[6, 3, 1])[0], slots - placed)):
            place = clocks[room_index].place(rng.choice(SLOT_MINUTES), rng.choice(GAP_MINUTES))
            if place is None:
                raise ValueError(f"{rooms} rooms over {days} days cannot hold {slots} slots.")
            slot = TimeSlot(
                conference=conference,
                workshop=workshop,
                room=room_rows[room_index],
                start=place[0],
                end=place[1],
            )
            saved.append(services.slot_save(slot=slot))
            placed += 1
        items = [item for slot in saved for item in _agenda(rng, slot)]
        for item in items:
            item.full_clean()
            validators.check_agenda_item_in_slots(item, saved)
        AgendaItem.objects.bulk_create(items)
        agenda_count += len(items)

    return GeneratedProgram(
        conference=conference,
        workshops=workshops,
        workshop_slots=placed,
        plenary_slots=days * len(PLENARY),
        organizers=people,
        agenda_items=agenda_count,
    )
