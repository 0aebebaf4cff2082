import datetime as dt
import re

import pytest

from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    TimeSlotFactory,
    WorkshopFactory,
    WorkshopOrganizerFactory,
    WorkshopSeriesFactory,
    local,
)
from workshops.models import Workshop

THURSDAY = dt.date(2023, 6, 8)

# The MLSys 2023 workshops of FACTS.md: room, organizers in their order.
MLSYS_2023 = [
    ("Room 241", ["Tom St John", "Murali Emani", "Wenqian Dong"]),
    ("Room 238", ["Deniz Altınbüken", "Lyric Doshi", "Milad Hashemi", "Martin Maas"]),
    ("Room 239", ["Zhaozhuo Xu", "Aditya Desai", "Anshumali Shrivastava"]),
    ("Room 247", ["Binhang Yuan", "Beidi Chen", "Virginia Smith", "Ce Zhang", "Christopher Re"]),
    (
        "Room 242",
        [
            "Dimitris Stripelis",
            "Chaoyang He",
            "Hongyi Wang",
            "Tian Li",
            "Praneeth Vepakomma",
            "Bo Li",
            "Eric Xing",
        ],
    ),
    (
        "Room 248",
        [
            "Vijay Janapa Reddi",
            "Paul Whatmough",
            "Vikas Chandra",
            "Pete Warden",
            "Brian Plancher",
            "Colby Banbury",
            "Matthew Stewart",
        ],
    ),
    (
        "Room 246",
        [
            "Navid NaderiAlizadeh",
            "M. Hadi Amini",
            "Virginia Smith",
            "Ahmed Alkhateeb",
            "Ravikumar Balakrishnan",
            "Arash Behboodi",
            "Jakob Hoydis",
            "Christoph Studer",
        ],
    ),
    (
        "Room 240",
        ["Jason Yik", "Brian Anderson", "Charlotte Frenkel", "Vijay Janapa Reddi", "Zergham Ahmed"],
    ),
]
MLSYS_2022_ORGANIZERS = [
    "Tianyi Chen",
    "Pin-Yu Chen",
    "Nathalie Baracaldo Angel",
    "Carlee Joe-Wong",
]

XSS_ABSTRACT = (
    "Intro paragraph.\n\n"
    "<script>alert(1)</script>\n\n"
    "[x](javascript:alert(1))\n\n"
    "<img src=x onerror=alert(1)>\n\n"
    "Outro paragraph."
)


def html_of(response) -> str:
    return response.content.decode()


def cards(html: str) -> list[str]:
    """The workshop cards of a listing, in page order."""
    return re.findall(r'<article class="workshop-card.*?</article>', html, flags=re.S)


def card_titles(html: str) -> list[str]:
    return [
        re.search(r'<h2 class="workshop-card__title"[^>]*>\s*<a href="[^"]*">([^<]*)</a>', c)[1]
        for c in cards(html)
    ]


def slot_line(room: str, when: str) -> tuple[str, str]:
    return (room, when)


def slot_lines(html: str) -> list[tuple[str, str]]:
    """(room, when) of each slot line, the <time> markup of its moments taken out."""
    found = re.findall(
        r'<a class="room" href="[^"]+">(.*?)</a> <span class="when">(.*?)</span>', html
    )
    return [(room, re.sub(r"<[^>]+>", "", when)) for room, when in found]


# The page's own scripts and JSON data blocks (json_script escapes "<" in them); what a test of
# escaping looks at is the rest.
_OUR_SCRIPTS = re.compile(
    r'<script src="/static/js/[\w.-]+\.js" defer></script>'
    r'|<script id="[\w-]+" type="application/json">.*?</script>',
    flags=re.S | re.I,
)


def without_our_scripts(html: str) -> str:
    return _OUR_SCRIPTS.sub("", html)


def organizer_lines(html: str) -> list[str]:
    return re.findall(r'<p class="organizers">(.*?)</p>', html, flags=re.S)


def with_organizers(workshop: Workshop, *organizers) -> Workshop:
    for position, organizer in enumerate(organizers):
        WorkshopOrganizerFactory(workshop=workshop, organizer=organizer, position=position)
    return workshop


# /


def test_home_redirects_to_the_most_recent_published_conference(client, db):
    ConferenceFactory(
        slug="mlsys-2022", year=2022, start_date=dt.date(2022, 8, 29), end_date=dt.date(2022, 9, 1)
    )
    ConferenceFactory(slug="mlsys-2023", year=2023)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/mlsys-2023/"


def test_home_ignores_a_newer_unpublished_conference(client, db):
    ConferenceFactory(slug="mlsys-2023", year=2023)
    ConferenceFactory(
        slug="mlsys-2024",
        year=2024,
        start_date=dt.date(2024, 5, 13),
        end_date=dt.date(2024, 5, 16),
        published=False,
    )

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/mlsys-2023/"


def test_home_without_a_published_conference_says_so(client, db):
    ConferenceFactory(slug="mlsys-2024", published=False)

    response = client.get("/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "workshops/no_conference.html"
    assert "<h1>No program published yet</h1>" in html_of(response)
    assert "mlsys-2024" not in html_of(response)


@pytest.mark.parametrize("n", [1, 3])
def test_home_query_count(client, db, django_assert_num_queries, n):
    for year in range(2023, 2023 - n, -1):
        ConferenceFactory(
            slug=f"mlsys-{year}",
            year=year,
            start_date=dt.date(year, 6, 4),
            end_date=dt.date(year, 6, 8),
        )

    with django_assert_num_queries(1):
        response = client.get("/")

    assert response["Location"] == "/mlsys-2023/"


# The listing


def test_workshop_list_shows_title_organizers_room_and_time(client, conference):
    workshop = WorkshopFactory(
        conference=conference, title="Benchmarking Machine Learning Workloads"
    )
    with_organizers(
        workshop,
        OrganizerFactory(name="Tom St John"),
        OrganizerFactory(name="Murali Emani"),
        OrganizerFactory(name="Wenqian Dong"),
    )
    TimeSlotFactory(
        workshop=workshop,
        room=RoomFactory(conference=conference, name="Room 241"),
        start=local(THURSDAY, 8),
        end=local(THURSDAY, 16, 40),
    )

    response = client.get("/mlsys-2023/")

    html = html_of(response)
    assert response.status_code == 200
    assert card_titles(html) == ["Benchmarking Machine Learning Workloads"]
    assert f'<a href="/mlsys-2023/workshops/{workshop.slug}/">' in html
    assert organizer_lines(html) == ["Tom St John · Murali Emani · Wenqian Dong"]
    assert slot_line("Room 241", "Thu 8 Jun · 8:00–16:40 EDT") in slot_lines(html)
    assert "1 workshop</p>" in html


def test_workshop_list_keeps_organizers_in_their_order_not_by_name(client, conference):
    workshop = WorkshopFactory(conference=conference)
    with_organizers(
        workshop,
        OrganizerFactory(name="Zergham Ahmed"),
        OrganizerFactory(name="Aditya Desai"),
        OrganizerFactory(name="Milad Hashemi"),
    )

    response = client.get("/mlsys-2023/")

    assert organizer_lines(html_of(response)) == ["Zergham Ahmed · Aditya Desai · Milad Hashemi"]


def test_workshop_list_keeps_unicode_names_intact(client, conference):
    workshop = WorkshopFactory(conference=conference, title="Practical Adoption Challenges")
    with_organizers(
        workshop,
        OrganizerFactory(name="Deniz Altınbüken"),
        OrganizerFactory(name="M. Hadi Amini"),
        OrganizerFactory(name="Navid NaderiAlizadeh"),
    )

    response = client.get("/mlsys-2023/")

    assert organizer_lines(html_of(response)) == [
        "Deniz Altınbüken · M. Hadi Amini · Navid NaderiAlizadeh"
    ]


def test_workshop_list_cuts_a_long_abstract_at_a_word_boundary(client, conference):
    words = [f"w{i:03d}" for i in range(100)]
    WorkshopFactory(conference=conference, abstract=" ".join(words))

    response = client.get("/mlsys-2023/")

    html = html_of(response)
    teasers = re.findall(r'<p class="teaser">(.*?)</p>', html)
    assert teasers == [" ".join(words[:60]) + " …"]
    assert "w060" not in without_our_scripts(html)  # the filters' data has the whole text


def test_workshop_list_shows_a_short_abstract_whole(client, conference):
    WorkshopFactory(conference=conference, abstract="Systems for *machine learning*, in full.")

    response = client.get("/mlsys-2023/")

    teasers = re.findall(r'<p class="teaser">(.*?)</p>', html_of(response))
    assert teasers == ["Systems for machine learning, in full."]


def test_workshop_list_year_switcher_marks_the_current_edition(client, conference):
    ConferenceFactory(
        slug="mlsys-2022", year=2022, start_date=dt.date(2022, 8, 29), end_date=dt.date(2022, 9, 1)
    )
    ConferenceFactory(
        slug="mlsys-2021", year=2021, start_date=dt.date(2021, 4, 5), end_date=dt.date(2021, 4, 9)
    )
    ConferenceFactory(
        slug="mlsys-2024",
        year=2024,
        start_date=dt.date(2024, 5, 13),
        end_date=dt.date(2024, 5, 16),
        published=False,
    )

    response = client.get("/mlsys-2022/")

    switcher = re.search(r'<nav class="year-switcher".*?</nav>', html_of(response), re.S)[0]
    assert re.findall(r"<a [^>]*>\d+</a>", switcher) == [
        '<a href="/mlsys-2023/">2023</a>',
        '<a href="/mlsys-2022/" aria-current="page">2022</a>',
        '<a href="/mlsys-2021/">2021</a>',
    ]


def test_workshop_list_orders_workshops_by_start_then_room(client, conference):
    room_a = RoomFactory(conference=conference, name="Room 241", position=1)
    room_b = RoomFactory(conference=conference, name="Room 238", position=2)
    for title, room, hour in [
        ("Late", room_a, 13),
        ("Second room", room_b, 8),
        ("First", room_a, 8),
    ]:
        TimeSlotFactory(
            workshop=WorkshopFactory(conference=conference, title=title),
            room=room,
            start=local(THURSDAY, hour),
            end=local(THURSDAY, hour + 4),
        )

    response = client.get("/mlsys-2023/")

    assert card_titles(html_of(response)) == ["First", "Second room", "Late"]


def test_workshop_list_orders_by_the_room_of_the_first_slot(client, conference):
    near = RoomFactory(conference=conference, name="Room 241", position=1)
    middle = RoomFactory(conference=conference, name="Room 238", position=2)
    far = RoomFactory(conference=conference, name="Room 240", position=5)
    split = WorkshopFactory(conference=conference, title="Morning far, afternoon near")
    TimeSlotFactory(workshop=split, room=far, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    TimeSlotFactory(workshop=split, room=near, start=local(THURSDAY, 13), end=local(THURSDAY, 17))
    TimeSlotFactory(
        workshop=WorkshopFactory(conference=conference, title="Morning middle"),
        room=middle,
        start=local(THURSDAY, 8),
        end=local(THURSDAY, 12),
    )

    response = client.get("/mlsys-2023/")

    assert card_titles(html_of(response)) == ["Morning middle", "Morning far, afternoon near"]


def test_workshop_list_hides_draft_workshops(client, conference):
    WorkshopFactory(conference=conference, title="Shown workshop")
    WorkshopFactory(conference=conference, title="Secret draft", status=Workshop.Status.DRAFT)

    response = client.get("/mlsys-2023/")

    assert card_titles(html_of(response)) == ["Shown workshop"]
    assert "Secret draft" not in html_of(response)


def test_workshop_list_marks_a_cancelled_workshop(client, conference):
    WorkshopFactory(conference=conference, title="Called off", status=Workshop.Status.CANCELLED)

    response = client.get("/mlsys-2023/")

    html = html_of(response)
    assert card_titles(html) == ["Called off"]
    assert '<article class="workshop-card is-cancelled"' in html
    assert '<span class="badge badge--cancelled">Cancelled</span>' in html


def test_workshop_list_hides_workshops_of_other_conferences(client, conference):
    WorkshopFactory(conference=conference, title="Ours")
    WorkshopFactory(conference=ConferenceFactory(slug="other"), title="Theirs")

    response = client.get("/mlsys-2023/")

    assert card_titles(html_of(response)) == ["Ours"]


def test_workshop_list_never_shows_organizer_emails(client, conference):
    organizer = OrganizerFactory(name="Tom St John", email="tom.private@secret.example")
    with_organizers(WorkshopFactory(conference=conference), organizer)

    response = client.get("/mlsys-2023/")

    assert "Tom St John" in html_of(response)
    assert "tom.private@secret.example" not in html_of(response)
    assert "secret.example" not in html_of(response)


def test_workshop_list_of_an_unpublished_conference_is_404(client, db):
    conference = ConferenceFactory(slug="mlsys-2024", published=False)
    WorkshopFactory(conference=conference, title="Not yet")

    response = client.get("/mlsys-2024/")

    assert response.status_code == 404
    assert "Not yet" not in html_of(response)
    assert "<h1>Page not found</h1>" in html_of(response)


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-edition/",
        "/mlsys-2023/workshops/no-such-workshop/",
        "/mlsys-2023/workshops/",
        "/mlsys-2023/nothing-here/",
        "/Ünïcode-édition/",
        "/mlsys-2023/workshops/%00/",
    ],
)
def test_unknown_addresses_are_404(client, conference, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html_of(response)


@pytest.mark.parametrize("n", [1, 3])
def test_workshop_list_query_count(client, django_assert_num_queries, conference, n):
    for _ in range(n):
        workshop = with_organizers(
            WorkshopFactory(conference=conference), OrganizerFactory(), OrganizerFactory()
        )
        TimeSlotFactory(workshop=workshop, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
        TimeSlotFactory(workshop=workshop, start=local(THURSDAY, 13), end=local(THURSDAY, 17))

    # conference, editions, filter rooms, days, topics, workshops, organizers, topics, papers,
    # slots, version
    with django_assert_num_queries(12):  # with the cache's version
        response = client.get("/mlsys-2023/")

    assert len(response.context["workshops"]) == n
    assert len(cards(html_of(response))) == n


# The detail page


def test_workshop_detail_shows_the_whole_workshop(client, conference):
    workshop = WorkshopFactory(
        conference=conference,
        title="Benchmarking Machine Learning Workloads",
        slug="benchmarking",
        acronym="BMLW",
        website="https://example.org/benchmarking/",
        abstract="First paragraph with **bold** words.\n\n- one point\n- another point",
    )
    with_organizers(
        workshop,
        OrganizerFactory(name="Tom St John", affiliation="Example Labs"),
        OrganizerFactory(
            name="Deniz Altınbüken", affiliation="Google", homepage="https://example.org/deniz"
        ),
        OrganizerFactory(name="M. Hadi Amini", affiliation=""),
    )
    room = RoomFactory(conference=conference, name="Room 241")
    TimeSlotFactory(workshop=workshop, room=room, start=local(THURSDAY, 8), end=local(THURSDAY, 12))
    TimeSlotFactory(
        workshop=workshop,
        room=RoomFactory(conference=conference, name="Room 238"),
        start=local(THURSDAY, 13, 30),
        end=local(THURSDAY, 16, 40),
    )
    AgendaItemFactory(
        workshop=workshop,
        title="Introduction",
        kind="opening",
        start=local(THURSDAY, 8),
        end=local(THURSDAY, 8, 10),
    )
    AgendaItemFactory(
        workshop=workshop,
        title="Invited talks",
        kind="invited",
        start=local(THURSDAY, 8, 10),
        end=local(THURSDAY, 8, 55),
        speakers="Yingyan (Celine) Lin (Georgia Tech)\nHyoukjun Kwon (UC Irvine)\nA. Nobody",
    )

    response = client.get("/mlsys-2023/workshops/benchmarking/")

    html = html_of(response)
    assert response.status_code == 200
    assert (
        '<h1>Benchmarking Machine Learning Workloads <span class="acronym">(BMLW)</span></h1>'
        in html
    )
    assert organizer_lines(html) == []  # named once, in their section
    people = re.search(r'<ul class="people">(.*?)</ul>', html, re.S)[1]
    slugs = [organizer.slug for organizer in workshop.organizers.order_by("workshop_links")]
    assert [" ".join(p.split()) for p in re.findall(r"<li>(.*?)</li>", people, re.S)] == [
        f'<a href="/mlsys-2023/organizers/{slugs[0]}/">Tom St John</a>, '
        '<span class="affiliation">Example Labs</span>',
        f'<a href="/mlsys-2023/organizers/{slugs[1]}/">Deniz Altınbüken</a>, '
        '<span class="affiliation">Google</span> · '
        '<a href="https://example.org/deniz" rel="noopener">homepage</a>',
        f'<a href="/mlsys-2023/organizers/{slugs[2]}/">M. Hadi Amini</a>',
    ]
    assert slot_lines(html) == [
        ("Room 241", "Thu 8 Jun · 8:00–12:00 EDT"),
        ("Room 238", "Thu 8 Jun · 13:30–16:40 EDT"),
    ]
    assert re.search(r'<a class="room" href="/mlsys-2023/rooms/[^"/]+/">Room 241</a>', html)
    assert '<a href="https://example.org/benchmarking/" rel="noopener">Workshop website</a>' in html
    assert "<p>First paragraph with <strong>bold</strong> words.</p>" in html
    assert "<li>one point</li>\n<li>another point</li>" in html
    agenda = html.split('<table class="agenda">')[1]
    assert re.findall(r"<time [^>]*>([^<]*)</time>", agenda) == ["8:00", "8:10", "8:10", "8:55"]
    assert re.findall(r'<span class="agenda__title">([^<]*)</span>', html) == [
        "Introduction",
        "Invited talks",
    ]
    speakers = re.search(r'<ul class="speakers">(.*?)</ul>', html, re.S)[1]
    assert re.findall(r"<li>(.*?)</li>", speakers) == [
        'Yingyan (Celine) Lin <span class="affiliation">(Georgia Tech)</span>',
        'Hyoukjun Kwon <span class="affiliation">(UC Irvine)</span>',
        "A. Nobody",
    ]


def test_workshop_detail_renders_a_long_abstract_whole(client, conference):
    words = [f"w{i:03d}" for i in range(100)]
    WorkshopFactory(conference=conference, slug="long", abstract=" ".join(words))

    response = client.get("/mlsys-2023/workshops/long/")

    assert f"<p>{' '.join(words)}</p>" in html_of(response)


def test_workshop_detail_sanitizes_the_abstract(client, conference):
    WorkshopFactory(conference=conference, slug="xss", abstract=XSS_ABSTRACT)

    response = client.get("/mlsys-2023/workshops/xss/")

    html = without_our_scripts(html_of(response))
    assert response.status_code == 200
    assert "<p>Intro paragraph.</p>" in html
    assert "<p>Outro paragraph.</p>" in html
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()
    assert "onerror" not in html.lower()
    assert "<img" not in html.lower()


def test_workshop_list_sanitizes_the_teaser(client, conference):
    WorkshopFactory(conference=conference, abstract=XSS_ABSTRACT)

    response = client.get("/mlsys-2023/")

    html = without_our_scripts(html_of(response)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "<img" not in html


def test_workshop_pages_escape_titles_and_names(client, conference):
    workshop = WorkshopFactory(conference=conference, slug="ws", title="<script>x()</script> & co")
    with_organizers(workshop, OrganizerFactory(name="<b>Bold</b> O'Name"))

    listing = html_of(client.get("/mlsys-2023/"))
    detail = html_of(client.get("/mlsys-2023/workshops/ws/"))

    for html in (listing, detail):
        assert "<script" not in without_our_scripts(html)
        assert "&lt;script&gt;x()&lt;/script&gt; &amp; co" in html
        assert "&lt;b&gt;Bold&lt;/b&gt; O&#x27;Name" in html


def test_workshop_detail_of_a_draft_is_404(client, conference):
    WorkshopFactory(
        conference=conference, slug="draft", title="Secret draft", status=Workshop.Status.DRAFT
    )

    response = client.get("/mlsys-2023/workshops/draft/")

    assert response.status_code == 404
    assert "Secret draft" not in html_of(response)


def test_workshop_detail_of_a_cancelled_workshop_says_so(client, conference):
    WorkshopFactory(conference=conference, slug="off", status=Workshop.Status.CANCELLED)

    response = client.get("/mlsys-2023/workshops/off/")

    assert response.status_code == 200
    assert (
        '<p class="notice notice--cancelled" role="status">This workshop has been cancelled.</p>'
        in html_of(response)
    )


def test_workshop_detail_of_an_unpublished_conference_is_404(client, db):
    conference = ConferenceFactory(slug="mlsys-2024", published=False)
    WorkshopFactory(conference=conference, slug="ready", title="Ready early")

    response = client.get("/mlsys-2024/workshops/ready/")

    assert response.status_code == 404
    assert "Ready early" not in html_of(response)


def test_workshop_detail_under_another_conference_is_404(client, conference):
    WorkshopFactory(conference=ConferenceFactory(slug="mlsys-2022"), slug="fl")

    response = client.get("/mlsys-2023/workshops/fl/")

    assert response.status_code == 404


def test_workshop_detail_never_shows_organizer_emails(client, conference):
    workshop = WorkshopFactory(conference=conference, slug="ws")
    with_organizers(
        workshop,
        OrganizerFactory(name="Tom St John", email="tom.private@secret.example"),
        OrganizerFactory(
            name="Murali Emani",
            email="murali@secret.example",
            homepage="https://example.org/murali",
        ),
    )

    response = client.get("/mlsys-2023/workshops/ws/")

    html = html_of(response)
    assert "Tom St John" in html
    assert "Murali Emani" in html
    assert "secret.example" not in html


@pytest.mark.parametrize("n", [1, 3])
def test_workshop_detail_query_count(client, django_assert_num_queries, conference, n):
    # conference, editions, workshop, organizers, slots, agenda, releases; with a series, one
    # more for the other editions, whatever their number.
    series = WorkshopSeriesFactory()
    for year in range(n):
        WorkshopFactory(
            conference=ConferenceFactory(slug=f"past-{year}", year=2000 + year), series=series
        )
    workshop = WorkshopFactory(conference=conference, slug="ws", series=series)
    with_organizers(workshop, *OrganizerFactory.create_batch(n))
    for i in range(n):
        TimeSlotFactory(
            workshop=workshop, start=local(THURSDAY, 8 + 3 * i), end=local(THURSDAY, 10 + 3 * i)
        )
        AgendaItemFactory(
            workshop=workshop,
            start=local(THURSDAY, 8 + 3 * i),
            end=local(THURSDAY, 9 + 3 * i),
            speakers="A (B)\nC (D)",
        )

    # + topics, the items' speakers and links, papers (none: their authors are not read), links
    with django_assert_num_queries(15):  # with the program's version, the cache's version
        response = client.get("/mlsys-2023/workshops/ws/")

    html = html_of(response)
    assert len(response.context["other_editions"]) == n
    assert len(re.findall(r'<tr class="agenda__item', html)) == n
    assert html.count('<a class="room"') == n
    assert len(re.search(r'<ul class="people">(.*?)</ul>', html, re.S)[1].split("<li>")) == n + 1


# The demo program


def test_demo_mlsys_2023_listing_shows_the_eight_workshops_in_room_order(client, demo):
    response = client.get("/mlsys-2023/")

    html = html_of(response)
    first_rooms = [re.search(r'<a class="room" href="[^"]+">(.*?)</a>', c)[1] for c in cards(html)]
    assert first_rooms == [room for room, _ in MLSYS_2023]
    assert organizer_lines(html) == [" · ".join(names) for _, names in MLSYS_2023]


def test_demo_mlsys_2023_listing_shows_every_organizer_and_no_email(client, demo):
    response = client.get("/mlsys-2023/")

    html = html_of(response)
    for _, names in MLSYS_2023:
        for name in names:
            assert name in html
    assert "@example.org" not in html


def test_demo_mlsys_2023_listing_shows_venue_times(client, demo):
    response = client.get("/mlsys-2023/")

    html = html_of(response)
    assert slot_line("Room 241", "Thu 8 Jun · 8:00–16:40 EDT") in slot_lines(html)
    assert slot_line("Room 240", "Thu 8 Jun · 9:50–17:00 EDT") in slot_lines(html)
    assert re.findall(r"<a [^>]*>\d+</a>", html) == [
        '<a href="/mlsys-2023/" aria-current="page">2023</a>',
        '<a href="/mlsys-2022/">2022</a>',
    ]


def test_demo_mlsys_2022_listing_shows_its_one_workshop(client, demo):
    response = client.get("/mlsys-2022/")

    html = html_of(response)
    assert card_titles(html) == [
        "Cross-Community Federated Learning: Algorithms, Systems and Co-designs"
    ]
    assert slot_line("Mission Ballroom MR2", "Thu 1 Sep · 8:00–17:00 PDT") in slot_lines(html)
    assert organizer_lines(html) == [" · ".join(MLSYS_2022_ORGANIZERS)]


def test_demo_home_redirects_to_mlsys_2023(client, demo):
    response = client.get("/")

    assert response["Location"] == "/mlsys-2023/"


def test_demo_benchmarking_detail_shows_the_agenda(client, demo):
    response = client.get("/mlsys-2023/workshops/benchmarking-ml-workloads/")

    html = html_of(response)
    starts = re.findall(r'<td class="agenda__time"><time [^>]*>([^<]*)</time>', html)
    assert starts == [
        "8:00",
        "8:10",
        "8:55",
        "10:10",
        "10:30",
        "12:00",
        "13:30",
        "15:00",
        "15:30",
        "16:30",
    ]
    # Speakers are people, linked to their pages.
    assert (
        '<a href="/mlsys-2023/organizers/wes-brewer/">Wes Brewer</a> '
        '<span class="affiliation">(Oak Ridge National Laboratory)</span>'
    ) in html
    assert (
        '<a href="/mlsys-2023/organizers/yingyan-celine-lin/">Yingyan (Celine) Lin</a> '
        '<span class="affiliation">(Georgia Tech)</span>'
    ) in html
    assert "@example.org" not in html
