"""The schedule, rooms and organizers pages, the filters of the listing and the schedule, and
the program links in the header."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import time_machine

from tests.factories import (
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    local,
)
from workshops.models import TimeSlot, Workshop

THURSDAY = dt.date(2023, 6, 8)
FRIDAY = dt.date(2023, 6, 9)
MLSYS_2023_ROOMS = [
    "Room 241",
    "Room 238",
    "Room 239",
    "Room 247",
    "Room 242",
    "Room 248",
    "Room 246",
    "Room 240",
]


class _Tables(HTMLParser):
    """Every <table>: rows of (tag, attributes worth checking, text) per cell."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            kept = {k: v for k, v in attrs.items() if k in ("scope", "rowspan", "colspan")}
            self._cell = [tag, kept, ""]
            self.tables[-1][-1].append(self._cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell[2] = " ".join(self._cell[2].split())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def tables(html: str) -> list[list[list]]:
    parser = _Tables()
    parser.feed(html)
    return [[[tuple(cell) for cell in row] for row in table] for table in parser.tables]


def th(text: str, **attrs) -> tuple:
    return ("th", attrs, text)


def td(text: str = "", **attrs) -> tuple:
    return ("td", {k: str(v) for k, v in attrs.items()}, text)


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def texts(pattern: str, html: str) -> list[str]:
    """The text inside each match of `pattern`'s group, tags removed and spaces collapsed."""
    return [
        " ".join(re.sub(r"<[^>]+>", "", m).split()) for m in re.findall(pattern, html, flags=re.S)
    ]


def list_items(html: str) -> list[str]:
    return texts(r'<li class="schedule-item[^"]*">(.*?)</li>', html)


def card_titles(html: str) -> list[str]:
    return texts(r'<h2 class="workshop-card__title"[^>]*>\s*<a [^>]*>(.*?)</a>', html)


def count_line(html: str) -> str:
    [line] = texts(r'<p class="count">(.*?)</p>', html)
    return line


def items_in(html: str, css_class: str) -> list[str]:
    """The text of each <li> of the <ul class="css_class">."""
    [block] = re.findall(rf'<ul class="{css_class}">(.*?)</ul>', html, flags=re.S)
    return texts(r"<li>(.*?)</li>", block)


def links_in(html: str, css_class: str) -> list[str]:
    [block] = re.findall(rf'<ul class="{css_class}">(.*?)</ul>', html, flags=re.S)
    return re.findall(r'<a href="([^"]+)"', block)


def day_links(html: str) -> list[tuple[str, str, str]]:
    """The day navigation's links: (address, text, aria-current)."""
    [nav] = re.findall(r'<nav class="day-nav"[^>]*>(.*?)</nav>', html, flags=re.S)
    return [
        (href.replace("&amp;", "&"), text, current)
        for href, current, text in re.findall(
            r'<a href="([^"]+)"(?: data-day="[^"]+")?(?: aria-current="([^"]+)")?>([^<]+)</a>', nav
        )
    ]


def field_errors(html: str) -> list[str]:
    return texts(r'<div id="id_\w+_error" class="invalid-feedback">(.*?)</div>', html)


def with_organizers(workshop, *organizers):
    for position, organizer in enumerate(organizers):
        WorkshopOrganizerFactory(workshop=workshop, organizer=organizer, position=position)
    return workshop


def slot(conference, room, title, start, end, **workshop_fields):
    workshop = WorkshopFactory(conference=conference, title=title, **workshop_fields)
    return TimeSlotFactory(workshop=workshop, room=room, start=start, end=end)


# The schedule


def test_schedule_grid_has_rooms_as_columns_and_slots_over_their_rows(client, conference):
    r241 = RoomFactory(conference=conference, name="Room 241", slug="room-241", position=1)
    r238 = RoomFactory(conference=conference, name="Room 238", slug="room-238", position=2)
    slot(conference, r238, "Morning", local(THURSDAY, 8), local(THURSDAY, 12), slug="morning")
    slot(conference, r241, "All day", local(THURSDAY, 8), local(THURSDAY, 17), slug="all-day")
    slot(conference, r238, "Afternoon", local(THURSDAY, 13), local(THURSDAY, 17))

    html = html_of(client.get("/mlsys-2023/schedule/"))

    [grid] = tables(html)
    assert grid == [
        [th("Time", scope="col"), th("Room 241", scope="col"), th("Room 238", scope="col")],
        # A row each hour (drawn to scale), and at each start and end between them.
        [
            th("8:00", scope="row"),
            td("All day 8:00–17:00", rowspan=9),
            td("Morning 8:00–12:00", rowspan=4),
        ],
        [th("9:00", scope="row")],
        [th("10:00", scope="row")],
        [th("11:00", scope="row")],
        [th("12:00", scope="row"), td()],
        [th("13:00", scope="row"), td("Afternoon 13:00–17:00", rowspan=4)],
        [th("14:00", scope="row")],
        [th("15:00", scope="row")],
        [th("16:00", scope="row")],
    ]
    assert re.findall(r'<tr class="([^"]+)">', html) == ["steps-12 is-hour"] * 9
    assert '<a href="/mlsys-2023/workshops/all-day/">All day</a>' in html
    assert '<a href="/mlsys-2023/rooms/room-241/">Room 241</a>' in html
    assert re.search(
        r'<caption id="day-2023-06-08-caption"[^>]*>Thursday 8 June: rooms across, times down, '
        r"in EDT \(America/New_York\)</caption>",
        html,
    )


def test_schedule_list_has_the_same_slots_in_time_order(client, conference):
    r241 = RoomFactory(conference=conference, name="Room 241", position=1)
    r238 = RoomFactory(conference=conference, name="Room 238", position=2)
    morning = slot(conference, r238, "Morning", local(THURSDAY, 8), local(THURSDAY, 12))
    with_organizers(morning.workshop, OrganizerFactory(name="Deniz Altınbüken"))
    slot(conference, r241, "All day", local(THURSDAY, 8), local(THURSDAY, 17))
    TimeSlot.objects.create(
        conference=conference, title="Lunch", start=local(THURSDAY, 12), end=local(THURSDAY, 13)
    )

    html = html_of(client.get("/mlsys-2023/schedule/"))

    assert list_items(html) == [
        "8:00–17:00 All day Room 241",
        "8:00–12:00 Morning Room 238 Deniz Altınbüken",
        "12:00–13:00 Lunch All rooms",
    ]


def test_schedule_of_the_demo(client, demo):
    html = html_of(client.get("/mlsys-2023/schedule/"))

    [grid] = tables(html)
    assert [cell[2] for cell in grid[0]] == ["Time", *MLSYS_2023_ROOMS]
    assert [row[0] for row in grid[1:]] == [
        th("8:00", scope="row"),
        th("9:00", scope="row"),
        th("9:50", scope="row"),
        th("10:00", scope="row"),
        th("11:00", scope="row"),
        # Lunch lies inside workshops that run through it: a note in the time column.
        th("12:00 Lunch (all rooms) until 13:30", scope="row"),
        th("13:00", scope="row"),
        th("13:30", scope="row"),
        th("14:00", scope="row"),
        th("15:00", scope="row"),
        th("16:00", scope="row"),
        th("16:40", scope="row"),
    ]
    # To scale: each row as many 5-minute steps tall as it lasts, a line at each full hour.
    assert re.findall(r'<tr class="([^"]+)">', html) == [
        "steps-12 is-hour", "steps-10 is-hour", "steps-2", "steps-12 is-hour",
        "steps-12 is-hour", "steps-12 is-hour", "steps-6 is-hour", "steps-6",
        "steps-12 is-hour", "steps-12 is-hour", "steps-8 is-hour", "steps-4",
    ]  # fmt: skip
    assert grid[1][1:] == [
        # Each cell names its workshop's topics after the time (colour beside a name).
        td(
            "Benchmarking Machine Learning Workloads on Emerging Hardware 8:00–16:40 "
            "Benchmarks and measurement Systems and hardware",
            rowspan=11,
        ),
        td(
            "Practical Adoption Challenges of ML for Systems 8:00–12:00 Systems and hardware",
            rowspan=5,
        ),
        td(
            "Algorithmic Efficiency and Scalability of Machine Learning 8:00–17:00 Efficient ML",
            rowspan=12,
        ),
        td(
            "Decentralized and Collaborative Learning 8:00–17:00 "
            "Federated and decentralized learning",
            rowspan=12,
        ),
        td(
            "Federated Learning Systems 8:00–17:00 Federated and decentralized learning "
            "Systems and hardware",
            rowspan=12,
        ),
        td("On-Device Intelligence 8:00–17:00 Efficient ML Edge and wireless", rowspan=12),
        td(
            "Machine Learning for and over Resource-Constrained Wireless Networks 8:00–17:00 "
            "Edge and wireless",
            rowspan=12,
        ),
        td(),
    ]
    assert grid[2][1:] == [td()]  # Room 240 before 9:50
    assert grid[3][1:] == [
        td(
            "Next-Generation AI Methods and Systems: Analog, Neuromorphic, Photonic and Quantum "
            "9:50–17:00 Systems and hardware",
            rowspan=10,
        )
    ]
    assert grid[6][1:] == grid[7][1:] == [td()]  # Room 238 between PACMI's two slots
    assert grid[8][1:] == [
        td(
            "Practical Adoption Challenges of ML for Systems 13:30–17:00 Systems and hardware",
            rowspan=5,
        )
    ]
    assert grid[12][1:] == [td()]  # Room 241 after 16:40
    assert texts(r'<nav class="day-nav"[^>]*>(.*?)</nav>', html) == ["Thu 8 Jun All days"]
    assert day_links(html) == [
        ("/mlsys-2023/schedule/2023-06-08/", "Thu 8 Jun", "page"),
        ("/mlsys-2023/schedule/all/", "All days", ""),
    ]
    assert list_items(html)[8] == "12:00–13:30 Lunch All rooms"
    assert len(list_items(html)) == 10
    assert "Cross-Community Federated Learning" not in html  # the 2022 edition's


def test_schedule_plenary_item_in_free_time_spans_all_rooms(client, conference):
    r241 = RoomFactory(conference=conference, name="Room 241", position=1)
    r238 = RoomFactory(conference=conference, name="Room 238", position=2)
    slot(conference, r241, "Morning", local(THURSDAY, 8), local(THURSDAY, 12))
    slot(conference, r238, "Afternoon", local(THURSDAY, 13), local(THURSDAY, 17))
    TimeSlot.objects.create(
        conference=conference, title="Lunch", start=local(THURSDAY, 12), end=local(THURSDAY, 13)
    )

    [grid] = tables(html_of(client.get("/mlsys-2023/schedule/")))

    assert grid[1:] == [
        [th("8:00", scope="row"), td("Morning 8:00–12:00", rowspan=4), td()],
        *[[th(f"{hour}:00", scope="row"), td()] for hour in (9, 10, 11)],
        [th("12:00", scope="row"), td("Lunch 12:00–13:00", colspan=2)],
        [th("13:00", scope="row"), td(), td("Afternoon 13:00–17:00", rowspan=4)],
        *[[th(f"{hour}:00", scope="row"), td()] for hour in (14, 15, 16)],
    ]


def test_schedule_marks_cancelled_and_hides_drafts(client, conference):
    room = RoomFactory(conference=conference, name="Room 241")
    slot(
        conference, room, "Called off", local(THURSDAY, 8), local(THURSDAY, 10), status="cancelled"
    )
    slot(conference, room, "Secret draft", local(THURSDAY, 10), local(THURSDAY, 12), status="draft")

    html = html_of(client.get("/mlsys-2023/schedule/"))

    [grid] = tables(html)
    assert grid[1:] == [
        [th("8:00", scope="row"), td("Called off Cancelled 8:00–10:00", rowspan=2)],
        [th("9:00", scope="row")],
    ]
    assert list_items(html) == ["8:00–10:00 Called off Cancelled Room 241"]
    assert '<td rowspan="2" class="grid__slot is-cancelled">' in html
    assert "Secret draft" not in html


def test_schedule_of_all_days_shows_each_day_with_a_nav_of_in_page_links(client, conference):
    room = RoomFactory(conference=conference, name="Room 241")
    slot(conference, room, "Friday session", local(FRIDAY, 9), local(FRIDAY, 10))
    slot(conference, room, "Thursday session", local(THURSDAY, 9), local(THURSDAY, 10))
    slot(
        conference, room, "Sunday's", local(dt.date(2023, 6, 4), 9), local(dt.date(2023, 6, 4), 10)
    )

    html = html_of(client.get("/mlsys-2023/schedule/all/"))

    assert texts(r"<h2 id=\"day-[^\"]+-title\">(.*?)</h2>", html) == [
        "Sunday 4 June 2023",
        "Thursday 8 June 2023",
        "Friday 9 June 2023",
    ]
    assert day_links(html) == [
        ("#day-2023-06-04", "Sun 4 Jun", ""),
        ("#day-2023-06-08", "Thu 8 Jun", ""),
        ("#day-2023-06-09", "Fri 9 Jun", ""),
        ("/mlsys-2023/schedule/", "One day at a time", ""),
    ]
    assert [len(table) for table in tables(html)] == [2, 2, 2]


def test_schedule_times_are_in_the_venue_time_zone(client, db):
    conference = ConferenceFactory(slug="euro", timezone="Europe/Berlin")
    room = RoomFactory(conference=conference, name="Saal 1")
    berlin = conference.tz
    slot(conference, room, "Late", local(THURSDAY, 22, tz=berlin), local(THURSDAY, 23, tz=berlin))

    html = html_of(client.get("/euro/schedule/"))

    assert list_items(html) == ["22:00–23:00 Late Saal 1"]
    assert "in CEST (Europe/Berlin)</caption>" in html
    assert '<time datetime="2023-06-08T20:00:00Z">22:00</time>' in html  # UTC for the browser
    assert "Times are in the venue's time zone (Europe/Berlin)." in html


def test_schedule_rows_on_the_night_the_clocks_go_back_keep_their_instants(client, db):
    """1:30 comes twice on 2 November 2025 in New York: 5:30 and 6:30 UTC."""
    conference = ConferenceFactory(
        slug="night", start_date=dt.date(2025, 11, 1), end_date=dt.date(2025, 11, 3)
    )
    room = RoomFactory(conference=conference, name="Hall")
    utc = dt.UTC
    moments = [dt.datetime(2025, 11, 2, hour, minute, tzinfo=utc) for hour, minute in
               [(5, 0), (5, 30), (6, 30), (7, 0)]]  # fmt: skip
    for number, (start, end) in enumerate(zip(moments, moments[1:], strict=False)):
        slot(conference, room, f"Part {number + 1}", start, end)

    html = html_of(client.get("/night/schedule/"))

    rows = re.findall(r'<th scope="row" class="grid__time"><time datetime="([^"]+)">([^<]+)', html)
    assert rows == [
        ("2025-11-02T05:00:00Z", "1:00"),
        ("2025-11-02T05:30:00Z", "1:30"),
        ("2025-11-02T06:00:00Z", "1:00"),  # the hour 1:00 again, now EST
        ("2025-11-02T06:30:00Z", "1:30"),
    ]
    assert re.findall(r'<tr class="([^"]+)">', html) == [
        "steps-6 is-hour", "steps-6", "steps-6 is-hour", "steps-6",
    ]  # fmt: skip


def test_schedule_without_slots_says_so(client, conference):
    html = html_of(client.get("/mlsys-2023/schedule/"))

    assert "The schedule of MLSys 2023 has not been published yet." in html
    assert tables(html) == []


@pytest.mark.parametrize("url", ["/nope/schedule/", "/hidden/schedule/"])
def test_schedule_of_an_unknown_or_unpublished_conference_is_404(client, db, url):
    ConferenceFactory(slug="hidden", published=False)

    assert client.get(url).status_code == 404


def test_schedule_filtered_by_room_shows_that_column_only(client, demo):
    html = html_of(client.get("/mlsys-2023/schedule/?room=room-238"))

    [grid] = tables(html)
    assert grid == [
        [th("Time", scope="col"), th("Room 238", scope="col")],
        [
            th("8:00", scope="row"),
            td(
                "Practical Adoption Challenges of ML for Systems 8:00–12:00 Systems and hardware",
                rowspan=4,
            ),
        ],
        *[[th(f"{hour}:00", scope="row")] for hour in (9, 10, 11)],
        [th("12:00", scope="row"), td("Lunch 12:00–13:30", rowspan=2)],
        [th("13:00", scope="row")],
        [
            th("13:30", scope="row"),
            td(
                "Practical Adoption Challenges of ML for Systems 13:30–17:00 Systems and hardware",
                rowspan=4,
            ),
        ],
        *[[th(f"{hour}:00", scope="row")] for hour in (14, 15, 16)],
    ]
    assert '<option value="room-238" selected>Room 238</option>' in html
    assert '<a href="/mlsys-2023/schedule/">Clear filters</a>' in html


def test_schedule_filtered_by_text_keeps_matching_workshops(client, demo):
    html = html_of(client.get("/mlsys-2023/schedule/?q=ALTINBÜKEN"))

    assert list_items(html) == [
        "8:00–12:00 Practical Adoption Challenges of ML for Systems Room 238 "
        "Deniz Altınbüken · Lyric Doshi · Milad Hashemi · Martin Maas",
        "13:30–17:00 Practical Adoption Challenges of ML for Systems Room 238 "
        "Deniz Altınbüken · Lyric Doshi · Milad Hashemi · Martin Maas",
    ]


def test_schedule_filtered_by_day_and_matching_nothing(client, demo):
    html = html_of(client.get("/mlsys-2023/schedule/?day=2023-06-08&q=zzzz"))

    assert "Nothing in the schedule matches these filters." in html
    assert tables(html) == []


def test_schedule_ignores_bad_filters_with_a_note(client, demo):
    html = html_of(client.get("/mlsys-2023/schedule/?room=room-999&day=2023-02-30"))

    assert field_errors(html) == [
        "There is no room “room-999”; showing all rooms.",
        "“2023-02-30” is not a day of the program; showing all days.",
    ]
    assert len(list_items(html)) == 10
    assert '<a href="/mlsys-2023/schedule/">Clear filters</a>' in html


def test_schedule_never_shows_emails(client, demo):
    html = html_of(client.get("/mlsys-2023/schedule/"))

    assert "@" not in html


def test_schedule_day_filter_offers_the_venue_days_of_public_slots(client, conference):
    """The days the schedule's filter offers come from the slots it reads (no query of their
    own) and are those of the listing's: venue days on which a public slot starts."""
    room = RoomFactory(conference=conference)
    # 23:00 in New York is the next day in UTC; it stays Thursday here.
    slot(conference, room, "Late", local(THURSDAY, 23), local(FRIDAY, 0, 30))
    saturday = dt.date(2023, 6, 10)
    slot(conference, room, "Draft", local(saturday, 9), local(saturday, 10), status="draft")
    TimeSlot.objects.create(
        conference=conference, title="Breakfast", start=local(FRIDAY, 8), end=local(FRIDAY, 9)
    )

    schedule = client.get("/mlsys-2023/schedule/").context["form"].fields["day"].choices
    listing = client.get("/mlsys-2023/").context["form"].fields["day"].choices

    assert (
        schedule
        == listing
        == [
            ("", "All days"),
            ("2023-06-08", "Thu 8 Jun"),
            ("2023-06-09", "Fri 9 Jun"),
        ]
    )


@pytest.mark.parametrize("n", [1, 3])
def test_schedule_query_count(client, django_assert_num_queries, conference, n):
    for i in range(n):
        room = RoomFactory(conference=conference)
        workshop = with_organizers(
            WorkshopFactory(conference=conference), OrganizerFactory(), OrganizerFactory()
        )
        TimeSlotFactory(workshop=workshop, room=room, start=local(THURSDAY, 8 + i))
        TimeSlot.objects.create(
            conference=conference,
            title=f"Break {i}",
            start=local(FRIDAY, 8 + i),
            end=local(FRIDAY, 8 + i, 30),
        )

    # + the edition's topics, the workshops' topics and their papers' text
    with django_assert_num_queries(9):  # with the cache's version
        response = client.get("/mlsys-2023/schedule/?q=workshop")

    assert len(list_items(html_of(response))) == n
    assert [len(day.columns) for day in response.context["page"].days] == [n]


def three_days(conference):
    """One workshop on each of Sunday, Thursday and Friday, in one room."""
    room = RoomFactory(conference=conference, name="Room 241", slug="room-241")
    sunday = dt.date(2023, 6, 4)
    slot(conference, room, "Sunday session", local(sunday, 9), local(sunday, 10))
    slot(conference, room, "Thursday session", local(THURSDAY, 9), local(THURSDAY, 10))
    slot(conference, room, "Friday session", local(FRIDAY, 9), local(FRIDAY, 10))


def shown_days(html: str) -> list[str]:
    return texts(r"<h2 id=\"day-[^\"]+-title\">(.*?)</h2>", html)


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        # Before the conference (4-9 June, New York) and after it: its first day.
        (dt.datetime(2023, 6, 1, 12, tzinfo=dt.UTC), "Sunday 4 June 2023"),
        (dt.datetime(2023, 6, 10, 12, tzinfo=dt.UTC), "Sunday 4 June 2023"),
        # While it runs: today in New York (3:00 UTC on the 9th is still the 8th there).
        (dt.datetime(2023, 6, 9, 3, tzinfo=dt.UTC), "Thursday 8 June 2023"),
        (dt.datetime(2023, 6, 9, 4, 30, tzinfo=dt.UTC), "Friday 9 June 2023"),
        # A day of the conference without slots: its first day.
        (dt.datetime(2023, 6, 6, 12, tzinfo=dt.UTC), "Sunday 4 June 2023"),
    ],
)
def test_schedule_shows_today_while_the_conference_runs_else_its_first_day(client, db, now, shown):
    conference = ConferenceFactory(slug="mlsys-2023", end_date=FRIDAY)
    three_days(conference)

    with time_machine.travel(now, tick=False):
        html = html_of(client.get("/mlsys-2023/schedule/"))

    assert shown_days(html) == [shown]
    assert len(list_items(html)) == 1


def test_schedule_day_page_shows_that_day_and_links_the_others(client, conference):
    three_days(conference)

    html = html_of(client.get("/mlsys-2023/schedule/2023-06-09/"))

    assert shown_days(html) == ["Friday 9 June 2023"]
    assert list_items(html) == ["9:00–10:00 Friday session Room 241"]
    assert day_links(html) == [
        ("/mlsys-2023/schedule/2023-06-04/", "Sun 4 Jun", ""),
        ("/mlsys-2023/schedule/2023-06-08/", "Thu 8 Jun", ""),
        ("/mlsys-2023/schedule/2023-06-09/", "Fri 9 Jun", "page"),
        ("/mlsys-2023/schedule/all/", "All days", ""),
    ]
    assert 'data-day="2023-06-09"' in re.findall(r"<div class=\"program-results\"[^>]*>", html)[0]
    assert "<title>Schedule · Fri 9 Jun · MLSys 2023</title>" in html


def test_schedule_day_links_keep_the_filters_but_the_day(client, conference):
    three_days(conference)

    html = html_of(client.get("/mlsys-2023/schedule/2023-06-08/?q=day&room=room-241"))

    assert list_items(html) == ["9:00–10:00 Thursday session Room 241"]
    assert day_links(html) == [
        ("/mlsys-2023/schedule/2023-06-04/?q=day&room=room-241", "Sun 4 Jun", ""),
        ("/mlsys-2023/schedule/2023-06-08/?q=day&room=room-241", "Thu 8 Jun", "page"),
        ("/mlsys-2023/schedule/2023-06-09/?q=day&room=room-241", "Fri 9 Jun", ""),
        ("/mlsys-2023/schedule/all/?q=day&room=room-241", "All days", ""),
    ]


def test_schedule_day_filter_picks_the_day_shown(client, conference):
    """The form without JavaScript sends ?day= to the page it is on."""
    three_days(conference)

    html = html_of(client.get("/mlsys-2023/schedule/2023-06-04/?day=2023-06-09"))

    assert shown_days(html) == ["Friday 9 June 2023"]
    assert day_links(html)[2] == ("/mlsys-2023/schedule/2023-06-09/", "Fri 9 Jun", "page")
    # What filters.js fetches to filter this day in place: the day's own page.
    assert 'data-unfiltered="/mlsys-2023/schedule/2023-06-09/"' in html


def test_schedule_day_matching_nothing_keeps_the_day_links(client, conference):
    three_days(conference)

    html = html_of(client.get("/mlsys-2023/schedule/2023-06-08/?q=sunday"))

    assert "Nothing in the schedule matches these filters." in html
    assert tables(html) == []
    assert day_links(html)[0] == ("/mlsys-2023/schedule/2023-06-04/?q=sunday", "Sun 4 Jun", "")


@pytest.mark.parametrize(
    "url",
    [
        "/mlsys-2023/schedule/2023-06-05/",  # a day of the conference without slots
        "/mlsys-2023/schedule/2023-02-30/",  # no such date
        "/mlsys-2023/schedule/2023-6-8/",
        "/mlsys-2023/schedule/20230608/",
        "/mlsys-2023/schedule/thursday/",
        "/mlsys-2023/schedule/2023-06-08/extra/",
        "/nope/schedule/2023-06-08/",
        "/nope/schedule/all/",
    ],
)
def test_schedule_day_page_of_a_bad_or_empty_day_is_404(client, conference, url):
    three_days(conference)

    assert client.get(url).status_code == 404


def test_schedule_day_page_of_an_unpublished_program_is_404(client, conference):
    assert client.get("/mlsys-2023/schedule/2023-06-08/").status_code == 404
    assert "has not been published yet" in html_of(client.get("/mlsys-2023/schedule/all/"))


def test_schedule_of_all_days_is_filtered_in_place_by_the_day_filter(client, conference):
    three_days(conference)

    html = html_of(client.get("/mlsys-2023/schedule/all/?day=2023-06-08"))

    assert shown_days(html) == ["Thursday 8 June 2023"]
    results = re.findall(r"<div class=\"program-results\"[^>]*>", html)[0]
    assert "data-day=" not in results
    assert 'data-unfiltered="/mlsys-2023/schedule/all/"' in results
    assert day_links(html)[-1] == ("/mlsys-2023/schedule/?day=2023-06-08", "One day at a time", "")


@pytest.mark.parametrize("url", ["/mlsys-2023/schedule/2023-06-09/", "/mlsys-2023/schedule/all/"])
@pytest.mark.parametrize("n", [1, 3])
def test_schedule_day_and_all_days_query_count(
    client, django_assert_num_queries, conference, url, n
):
    for i in range(n):
        room = RoomFactory(conference=conference)
        workshop = with_organizers(WorkshopFactory(conference=conference), OrganizerFactory())
        TimeSlotFactory(workshop=workshop, room=room, start=local(FRIDAY, 8 + i))

    # + the edition's topics, the workshops' topics and their papers' text
    with django_assert_num_queries(9):  # with the cache's version
        response = client.get(url)

    assert len(list_items(html_of(response))) == n


# Rooms


def test_room_list_links_every_room_in_order(client, conference):
    RoomFactory(conference=conference, name="Room 238", slug="room-238", position=2)
    RoomFactory(conference=conference, name="Room 241", slug="room-241", position=1, capacity=80)
    RoomFactory(name="Elsewhere")  # another conference's

    html = html_of(client.get("/mlsys-2023/rooms/"))

    assert items_in(html, "room-index") == ["Room 241 · 80 seats", "Room 238"]
    assert links_in(html, "room-index") == [
        "/mlsys-2023/rooms/room-241/",
        "/mlsys-2023/rooms/room-238/",
    ]


def test_room_list_says_what_is_on_now_and_next_in_each_room(client, conference):
    first = RoomFactory(conference=conference, name="Room 241", slug="room-241", position=1)
    second = RoomFactory(conference=conference, name="Room 238", slug="room-238", position=2)
    RoomFactory(conference=conference, name="Room 239", slug="room-239", position=3)
    day = dt.date(2023, 6, 8)
    for slug, room, start, end in [
        ("done", first, 8, 9),
        ("running", first, 9, 12),
        ("after", first, 13, 15),
        ("later", second, 14, 16),
        ("last", second, 16, 17),
    ]:
        workshop = WorkshopFactory(conference=conference, slug=slug, title=slug.title())
        TimeSlotFactory(workshop=workshop, room=room, start=local(day, start), end=local(day, end))
    hidden = WorkshopFactory(conference=conference, slug="draft", status=Workshop.Status.DRAFT)
    TimeSlotFactory(workshop=hidden, room=second, start=local(day, 10), end=local(day, 11))

    with time_machine.travel(local(day, 10, 30), tick=False):
        html = html_of(client.get("/mlsys-2023/rooms/"))

    assert items_in(html, "room-index") == [
        "Room 241 Now Running, until 12:00 Next After, Thu 8 Jun · 13:00–15:00 EDT",
        "Room 238 Next Later, Thu 8 Jun · 14:00–16:00 EDT",
        "Room 239",
    ]


def test_room_detail_is_the_rooms_program_by_day(client, demo):
    html = html_of(client.get("/mlsys-2023/rooms/room-238/"))

    assert texts(r'<h1 class="room-sign__name">(.*?)</h1>', html) == ["Room 238"]
    assert texts(r'<h2 id="day-[^"]+" class="room-sign__date">(.*?)</h2>', html) == [
        "Thursday 8 June"
    ]
    assert texts(r'<li class="room-sign__item[^"]*">(.*?)</li>', html) == [
        "8:00–12:00 Practical Adoption Challenges of ML for Systems "
        "Deniz Altınbüken · Lyric Doshi · Milad Hashemi · Martin Maas",
        "12:00–13:30 Lunch For everyone, all rooms",
        "13:30–17:00 Practical Adoption Challenges of ML for Systems "
        "Deniz Altınbüken · Lyric Doshi · Milad Hashemi · Martin Maas",
    ]
    assert re.search(r'<link rel="stylesheet" href="/static/css/room-sign[.\w]*\.css">', html)
    assert "Times in America/New_York (EDT)." in html
    assert "@" not in html


def test_room_detail_marks_cancelled_hides_drafts_and_other_rooms(client, conference):
    room = RoomFactory(conference=conference, slug="room-241")
    other = RoomFactory(conference=conference)
    slot(conference, room, "Called off", local(THURSDAY, 8), local(THURSDAY, 9), status="cancelled")
    slot(conference, room, "Secret draft", local(THURSDAY, 9), local(THURSDAY, 10), status="draft")
    slot(conference, other, "Next door", local(THURSDAY, 8), local(THURSDAY, 9))
    TimeSlot.objects.create(  # a plenary item on a day the room is unused
        conference=conference, title="Reception", start=local(FRIDAY, 18), end=local(FRIDAY, 20)
    )

    html = html_of(client.get("/mlsys-2023/rooms/room-241/"))

    assert texts(r'<li class="room-sign__item[^"]*">(.*?)</li>', html) == [
        "8:00–9:00 Called off Cancelled"
    ]
    assert '<li class="room-sign__item is-cancelled">' in html
    assert "Secret draft" not in html
    assert "Next door" not in html
    assert "Reception" not in html


def test_room_without_slots_says_so(client, conference):
    RoomFactory(conference=conference, name="Room 250", slug="room-250")

    html = html_of(client.get("/mlsys-2023/rooms/room-250/"))

    assert "Nothing is scheduled in Room 250." in html


@pytest.mark.parametrize(
    "url", ["/mlsys-2023/rooms/room-999/", "/mlsys-2022/rooms/room-241/", "/nope/rooms/"]
)
def test_unknown_rooms_are_404(client, demo, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_room_list_query_count(client, django_assert_num_queries, conference, n):
    for room in RoomFactory.create_batch(n, conference=conference):
        TimeSlotFactory(workshop=WorkshopFactory(conference=conference), room=room)

    with django_assert_num_queries(5):  # with the cache's version, and the slots now and next
        response = client.get("/mlsys-2023/rooms/")

    assert len(response.context["rooms"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_room_detail_query_count(client, django_assert_num_queries, conference, n):
    room = RoomFactory(conference=conference, slug="room-241")
    for i in range(n):
        workshop = with_organizers(
            WorkshopFactory(conference=conference), OrganizerFactory(), OrganizerFactory()
        )
        start = local(dt.date(2023, 6, 4 + i), 8)
        TimeSlotFactory(workshop=workshop, room=room, start=start)
        TimeSlot.objects.create(
            conference=conference,
            title="Lunch",
            start=start.replace(hour=12),
            end=start.replace(hour=13),
        )

    with django_assert_num_queries(7):  # with the program's version, the cache's version
        response = client.get("/mlsys-2023/rooms/room-241/")

    assert [len(day.items) for day in response.context["sign"].days] == [2] * n


# Organizers


def test_organizer_list_is_alphabetical_with_affiliation_and_count(client, conference):
    deniz = OrganizerFactory(name="Deniz Altınbüken", slug="deniz", affiliation="Google")
    virginia = OrganizerFactory(name="Virginia Smith", slug="virginia", affiliation="")
    drafter = OrganizerFactory(name="Only Drafts", slug="drafter")
    elsewhere = OrganizerFactory(name="Elsewhere", slug="elsewhere")
    with_organizers(WorkshopFactory(conference=conference), virginia, deniz)
    with_organizers(WorkshopFactory(conference=conference, status="cancelled"), virginia)
    with_organizers(WorkshopFactory(conference=conference, status="draft"), drafter, virginia)
    with_organizers(WorkshopFactory(), elsewhere)  # another conference's

    html = html_of(client.get("/mlsys-2023/organizers/"))

    assert items_in(html, "people-index") == [
        "Deniz Altınbüken, Google · 1 workshop",
        "Virginia Smith · 2 workshops",
    ]
    assert links_in(html, "people-index") == [
        "/mlsys-2023/organizers/deniz/",
        "/mlsys-2023/organizers/virginia/",
    ]
    assert count_line(html) == "2 organizers"
    assert "Only Drafts" not in html
    assert "Elsewhere" not in html
    assert "@" not in html


def test_organizer_list_of_the_demo(client, demo):
    html = html_of(client.get("/mlsys-2023/organizers/"))

    names = texts(r'<li>\s*<a href="/mlsys-2023/organizers/[^"]+">(.*?)</a>', html)
    assert len(names) == 40
    assert names == sorted(names, key=str.lower)
    assert names[:3] == ["Aditya Desai", "Ahmed Alkhateeb", "Anshumali Shrivastava"]
    assert "Tianyi Chen" not in names  # 2022 only
    assert 'Vijay Janapa Reddi</a>, <span class="affiliation">Harvard University</span>' in html
    assert "@" not in html


def test_organizer_detail_shows_all_public_workshops_newest_first(client, db):
    old = ConferenceFactory(
        name="MLSys 2022",
        slug="mlsys-2022",
        start_date=dt.date(2022, 8, 29),
        end_date=dt.date(2022, 9, 1),
        timezone="America/Los_Angeles",
    )
    new = ConferenceFactory(name="MLSys 2023", slug="mlsys-2023")
    hidden = ConferenceFactory(name="Hidden 2024", slug="hidden", published=False)
    person = OrganizerFactory(
        name="Virginia Smith",
        slug="virginia-smith",
        affiliation="Carnegie Mellon University",
        homepage="https://example.org/virginia",
        email="virginia@private.example",
    )
    first = slot(
        old,
        RoomFactory(conference=old, name="MR2"),
        "Old one",
        local(dt.date(2022, 9, 1), 8, tz=old.tz),
        local(dt.date(2022, 9, 1), 17, tz=old.tz),
        slug="old-one",
    )
    second = slot(
        new,
        RoomFactory(conference=new, name="Room 246"),
        "New B",
        local(THURSDAY, 9),
        local(THURSDAY, 17),
        slug="new-b",
    )
    third = slot(
        new,
        RoomFactory(conference=new, name="Room 247"),
        "New A",
        local(THURSDAY, 8),
        local(THURSDAY, 17),
        slug="new-a",
        status="cancelled",
    )
    for s in (first, second, third):
        with_organizers(s.workshop, person)
    with_organizers(WorkshopFactory(conference=new, title="Draft one", status="draft"), person)
    with_organizers(WorkshopFactory(conference=hidden, title="Unpublished edition's"), person)

    html = html_of(client.get("/mlsys-2023/organizers/virginia-smith/"))

    assert texts(r"<h1>(.*?)</h1>", html) == ["Virginia Smith"]
    assert '<p class="lede affiliation">Carnegie Mellon University</p>' in html
    assert '<a href="https://example.org/virginia" rel="noopener">Homepage</a>' in html
    assert texts(r'<li class="person__workshop[^"]*">(.*?)</ul>\s*</li>', html) == [
        "MLSys 2023 New A Cancelled Room 247 Thu 8 Jun · 8:00–17:00 EDT",
        "MLSys 2023 New B Room 246 Thu 8 Jun · 9:00–17:00 EDT",
        "MLSys 2022 Old one MR2 Thu 1 Sep · 8:00–17:00 PDT",
    ]
    assert '<a href="/mlsys-2022/workshops/old-one/">Old one</a>' in html
    assert "Draft one" not in html
    assert "Unpublished edition" not in html
    assert "virginia@private.example" not in html
    assert "@" not in html


def test_organizer_detail_from_another_edition_lists_the_same_workshops(client, demo):
    html = html_of(client.get("/mlsys-2022/organizers/virginia-smith/"))

    assert texts(r'<p class="person__title">(.*?)</p>', html) == [
        "Decentralized and Collaborative Learning",
        "Machine Learning for and over Resource-Constrained Wireless Networks",
    ]


def test_organizer_with_only_drafts_is_404(client, conference):
    person = OrganizerFactory(slug="drafter")
    with_organizers(WorkshopFactory(conference=conference, status="draft"), person)
    OrganizerFactory(slug="nobody")

    assert client.get("/mlsys-2023/organizers/drafter/").status_code == 404
    assert client.get("/mlsys-2023/organizers/nobody/").status_code == 404
    assert client.get("/mlsys-2023/organizers/unknown/").status_code == 404
    assert client.get("/unknown/organizers/").status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_organizer_list_query_count(client, django_assert_num_queries, conference, n):
    for _ in range(n):
        with_organizers(
            WorkshopFactory(conference=conference), OrganizerFactory(), OrganizerFactory()
        )

    with django_assert_num_queries(4):  # with the cache's version
        response = client.get("/mlsys-2023/organizers/")

    assert len(response.context["organizers"]) == 2 * n


@pytest.mark.parametrize("n", [1, 3])
def test_organizer_detail_query_count(client, django_assert_num_queries, conference, n):
    person = OrganizerFactory(slug="person")
    for i in range(n):
        edition = ConferenceFactory(
            start_date=dt.date(2023 - i, 6, 4), end_date=dt.date(2023 - i, 6, 8)
        )
        workshop = with_organizers(WorkshopFactory(conference=edition), person)
        TimeSlotFactory.create_batch(2, workshop=workshop, start=local(edition.start_date, 8))

    # + the talks they give and the papers they wrote
    with django_assert_num_queries(8):  # with the cache's version
        response = client.get("/mlsys-2023/organizers/person/")

    assert len(response.context["program"].workshops) == n


# Filters on the listing


@pytest.mark.parametrize("q", ["altınbüken", "ALTINBÜKEN", "Altinbuken", "deniz altınbüken"])
def test_listing_search_finds_an_organizer_unicode_safe(client, demo, q):
    html = html_of(client.get("/mlsys-2023/", {"q": q}))

    assert card_titles(html) == ["Practical Adoption Challenges of ML for Systems"]
    assert count_line(html) == "1 of 8 workshops"
    assert '<a href="/mlsys-2023/">Clear filters</a>' in html
    assert f'value="{q}"' in html


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("hashing sketching", ["Abstract match"]),  # every word, anywhere in the abstract
        ("pacmi", ["Acronym match"]),
        ("NEUROMORPHIC", ["Title match: Neuromorphic"]),
        ("Ré", ["Organizer match"]),
        ("systems", ["Abstract match", "Acronym match", "Organizer match"]),
    ],
)
def test_listing_search_matches_title_acronym_organizer_and_abstract(client, conference, q, found):
    abstract = "About systems."
    WorkshopFactory(conference=conference, title="Title match: Neuromorphic", abstract="")
    WorkshopFactory(
        conference=conference, title="Acronym match", acronym="PACMI", abstract=abstract
    )
    WorkshopFactory(
        conference=conference, title="Abstract match", abstract="Hashing and sketching systems."
    )
    with_organizers(
        WorkshopFactory(conference=conference, title="Organizer match", abstract=abstract),
        OrganizerFactory(name="Christopher Re"),
    )

    html = html_of(client.get("/mlsys-2023/", {"q": q}))

    assert card_titles(html) == found


def test_listing_filtered_by_room_and_day(client, conference):
    r241 = RoomFactory(conference=conference, name="Room 241", slug="room-241")
    r238 = RoomFactory(conference=conference, name="Room 238", slug="room-238")
    slot(conference, r241, "Thursday in 241", local(THURSDAY, 8), local(THURSDAY, 9))
    slot(conference, r238, "Thursday in 238", local(THURSDAY, 10), local(THURSDAY, 11))
    slot(conference, r241, "Friday in 241", local(FRIDAY, 8), local(FRIDAY, 9))
    WorkshopFactory(conference=conference, title="Not yet scheduled")

    by_room = html_of(client.get("/mlsys-2023/?room=room-241"))
    by_day = html_of(client.get("/mlsys-2023/?day=2023-06-08"))
    both = html_of(client.get("/mlsys-2023/?room=room-241&day=2023-06-09"))
    none = html_of(client.get("/mlsys-2023/?room=room-238&day=2023-06-09"))

    assert card_titles(by_room) == ["Thursday in 241", "Friday in 241"]
    assert count_line(by_room) == "2 of 4 workshops"
    assert card_titles(by_day) == ["Thursday in 241", "Thursday in 238"]
    assert card_titles(both) == ["Friday in 241"]
    assert card_titles(none) == []
    assert count_line(none) == "0 of 4 workshops"
    assert "No workshop matches these filters." in none
    assert texts(r'<select name="day"[^>]*>(.*?)</select>', by_room) == [
        "All days Thu 8 Jun Fri 9 Jun"
    ]


def test_listing_unfiltered_counts_all_without_clear_link(client, demo):
    html = html_of(client.get("/mlsys-2023/"))

    assert count_line(html) == "8 workshops"
    assert "Clear filters" not in html
    [form] = re.findall(r"<form [^>]*>", html)
    assert 'role="search"' in form
    assert 'method="get"' in form
    assert field_errors(html) == []


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("room=nope", ["There is no room “nope”; showing all rooms."]),
        ("day=2023-13-45", ["“2023-13-45” is not a day of the program; showing all days."]),
        ("day=not-a-date", ["“not-a-date” is not a day of the program; showing all days."]),
        ("day=2023-06-05", ["“2023-06-05” is not a day of the program; showing all days."]),
        ("q=" + "x" * 201, ["The search text is too long (at most 200 characters)."]),
    ],
)
def test_listing_ignores_bad_filters_with_a_visible_note(client, demo, query, errors):
    html = html_of(client.get(f"/mlsys-2023/?{query}"))

    assert field_errors(html) == errors
    assert count_line(html) == "8 workshops"
    assert '<a href="/mlsys-2023/">Clear filters</a>' in html


def test_listing_keeps_valid_filters_next_to_a_bad_one(client, demo):
    html = html_of(client.get("/mlsys-2023/?room=nope&q=federated"))

    assert card_titles(html) == ["Federated Learning Systems"]
    assert count_line(html) == "1 of 8 workshops"


@pytest.mark.parametrize("n", [1, 3])
def test_filtered_listing_query_count(client, django_assert_num_queries, conference, n):
    room = RoomFactory(conference=conference, slug="room-1")
    for i in range(n):
        workshop = with_organizers(
            WorkshopFactory(conference=conference), OrganizerFactory(), OrganizerFactory()
        )
        TimeSlotFactory(
            workshop=workshop, room=room, start=local(THURSDAY, 8 + i), end=local(THURSDAY, 9 + i)
        )
        TimeSlotFactory(workshop=workshop, start=local(FRIDAY, 8), end=local(FRIDAY, 9))

    # + three for topics and papers; with the program's version, the cache's version
    with django_assert_num_queries(12):
        response = client.get("/mlsys-2023/?q=workshop&room=room-1&day=2023-06-08")

    assert len(response.context["workshops"]) == n


# The header


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/mlsys-2023/", ("Workshops", "page")),
        ("/mlsys-2023/workshops/pacmi/", ("Workshops", "true")),
        ("/mlsys-2023/schedule/", ("Schedule", "page")),
        ("/mlsys-2023/schedule/2023-06-08/", ("Schedule", "true")),
        ("/mlsys-2023/schedule/all/", ("Schedule", "true")),
        ("/mlsys-2023/rooms/", ("Rooms", "page")),
        ("/mlsys-2023/rooms/room-241/", ("Rooms", "true")),
        ("/mlsys-2023/organizers/", ("Organizers", "page")),
        ("/mlsys-2023/organizers/virginia-smith/", ("Organizers", "true")),
        ("/mlsys-2023/export/", ("Export", "page")),
    ],
)
def test_header_links_the_program_sections_and_marks_the_current(client, demo, url, current):
    html = html_of(client.get(url))

    [nav] = re.findall(r'<nav class="program-nav" aria-label="Program">(.*?)</nav>', html, re.S)
    assert re.findall(r'<a href="([^"]+)"', nav) == [
        "/mlsys-2023/",
        "/mlsys-2023/schedule/",
        "/mlsys-2023/rooms/",
        "/mlsys-2023/organizers/",
        "/mlsys-2023/export/",
        "/mlsys-2023/changelog/",
    ]
    assert re.findall(r'aria-current="(\w+)">(\w+)</a>', nav) == [current[::-1]]
    assert '<nav class="year-switcher" aria-label="Editions">' in html


def test_header_of_a_page_without_conference_has_no_program_links(client, db):
    html = client.get("/").content.decode()

    assert "program-nav" not in html
