"""Every non-trivial read: the queryset behind each public page, with a fixed query count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import permissions
from workshops.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Conference,
    Link,
    Organizer,
    Paper,
    PaperAuthor,
    Room,
    TimeSlot,
    Topic,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import times
from workshops.program.bundle import SCHEDULE_FIELDS, Program, schedule_hash
from workshops.program.schedule import (
    PAGE_FIELDS,
    Schedule,
    ScheduleSlot,
    ScheduleWorkshop,
)


def conference_for_public(*, slug: str, user=None) -> Conference:
    """A conference by slug: a published one for everybody, an unpublished one for those who
    may preview it (accounts.permissions), otherwise 404."""
    conference = get_object_or_404(Conference.objects.select_related("current_release"), slug=slug)
    if not conference.published and not (
        user is not None and permissions.can_preview_conference(user, conference)
    ):
        raise Http404("No such conference.")
    return conference


def cancelled_workshop_count(*, conference: Conference) -> int:
    """How many of a conference's workshops are cancelled (copy-forward leaves them behind)."""
    return conference.workshops.filter(status=Workshop.Status.CANCELLED).count()


def slots_for_move(*, workshops: Iterable[Workshop]) -> list[TimeSlot]:
    """The slots a move of these workshops moves, earliest first, with their rooms."""
    return list(
        TimeSlot.objects.filter(workshop__in=list(workshops))
        .select_related("room", "workshop")
        .order_by("start", "room__position", "pk")
    )


def conference_current() -> Conference | None:
    """The most recent published edition: the one `/` sends attendees to."""
    return Conference.objects.published().order_by("-start_date", "-year", "name").first()


def conferences_for_switcher() -> list[Conference]:
    """Every published edition, newest first, for the year switcher."""
    return list(
        Conference.objects.published()
        .only("name", "slug", "year", "start_date")
        .order_by("-start_date", "name")
    )


def _organizer_links() -> Prefetch:
    return Prefetch("organizer_links", queryset=_organizer_links_qs())


def _slots() -> Prefetch:
    return Prefetch("slots", queryset=_slots_qs())


def workshops_for_listing(
    *, conference: Conference, with_topics_and_papers: bool = True
) -> list[Workshop]:
    """The public workshops of an edition in program order: first slot, then room, then title;
    with their slots and rooms, their organizers' names (`organizer_names`) and, unless told
    otherwise, their topics and papers' text (_attach_topics_and_papers)."""
    first_room = (
        TimeSlot.objects.filter(workshop=OuterRef("pk"))
        .order_by("start", "room__position")
        .values("room__position")[:1]
    )
    public = Workshop.objects.listed().filter(conference=conference)
    workshops = list(
        public.annotate(first_start=Min("slots__start"), first_room=Subquery(first_room))
        .prefetch_related(_slots())
        .order_by("first_start", "first_room", "title", "id")
    )
    for workshop in workshops:
        workshop.conference = conference  # one edition: no copy of it per workshop
    _attach_organizer_names(workshops, among=public.values("id"))
    if with_topics_and_papers:
        _attach_topics_and_papers(workshops, among=public.values("id"))
    return workshops


def _topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("position", "name", "id"))


def _speaker_links_qs() -> QuerySet[AgendaItemSpeaker]:
    return AgendaItemSpeaker.objects.select_related("person").order_by("position", "id")


def _author_links_qs() -> QuerySet[PaperAuthor]:
    return PaperAuthor.objects.select_related("person").order_by("position", "id")


def _agenda_items() -> Prefetch:
    """The agenda in order, with each item's speakers (people) and links."""
    return Prefetch(
        "agenda_items",
        queryset=AgendaItem.objects.order_by("start", "end", "id").prefetch_related(
            Prefetch("speaker_links", queryset=_speaker_links_qs()),
            Prefetch("links", queryset=Link.objects.order_by("kind", "id")),
        ),
    )


def _papers() -> Prefetch:
    """The papers with their authors in order; a poster's board orders it in its session."""
    return Prefetch(
        "papers",
        queryset=Paper.objects.order_by("board", "title", "id").prefetch_related(
            Prefetch("author_links", queryset=_author_links_qs())
        ),
    )


def _workshop_links() -> Prefetch:
    return Prefetch(
        "links", queryset=Link.objects.filter(agenda_item__isnull=True).order_by("kind", "id")
    )


def workshop_for_detail(*, conference: Conference, slug: str, user=None) -> Workshop:
    """One workshop with its organizers, slots, topics, agenda (speakers, links), papers
    (authors) and links: a public one for everybody, a draft for those who may preview it
    (accounts.permissions), otherwise 404."""
    queryset = Workshop.objects.filter(conference=conference).prefetch_related(
        _organizer_links(),
        _slots(),
        _topics(),
        _agenda_items(),
        _papers(),
        _workshop_links(),
    )
    workshop = get_object_or_404(queryset, slug=slug)
    if workshop.status == Workshop.Status.DRAFT and not (
        user is not None and permissions.can_preview_workshop(user, workshop)
    ):
        raise Http404("No such workshop.")
    return workshop


def paper_for_detail(*, workshop: Workshop, pk: int) -> Paper:
    """One paper of a workshop the caller may see (workshop_for_detail), with its authors
    and its session, or 404."""
    queryset = (
        Paper.objects.filter(workshop=workshop)
        .select_related("session")
        .prefetch_related(Prefetch("author_links", queryset=_author_links_qs()))
    )
    paper = get_object_or_404(queryset, pk=pk)
    paper.workshop = workshop
    return paper


def workshop_other_editions(*, workshop: Workshop) -> list[Workshop]:
    """The same workshop in other published editions (its series), newest first."""
    if workshop.series_id is None:
        return []
    return list(
        Workshop.objects.public()
        .filter(series=workshop.series_id)
        .exclude(pk=workshop.pk)
        .select_related("conference")
        .order_by("-conference__start_date")
    )


# The schedule, the day filter's choices, rooms and organizers.


def _public_slots_only(
    *, conference: Conference, shown: QuerySet[Workshop] | None = None
) -> QuerySet[TimeSlot]:
    """An edition's plenary items and the slots of its `shown` workshops, by default those its
    pages list (drafts' slots stay out)."""
    shown = Workshop.objects.listed() if shown is None else shown
    return TimeSlot.objects.filter(conference=conference).filter(
        Q(workshop__isnull=True) | Q(workshop__in=shown)
    )


def _public_slots(*, conference: Conference) -> QuerySet[TimeSlot]:
    """The public slots with what the pages show of them."""
    return (
        _public_slots_only(conference=conference)
        .select_related("room", "workshop__conference")
        .prefetch_related(Prefetch("workshop__organizer_links", queryset=_organizer_links_qs()))
        .order_by("start", "end", "id")
    )


def _organizer_links_qs() -> QuerySet[WorkshopOrganizer]:
    return WorkshopOrganizer.objects.select_related("organizer").order_by("position", "id")


def _slots_qs() -> QuerySet[TimeSlot]:
    return TimeSlot.objects.select_related("room").order_by("start", "id")


def rooms_for_program(*, conference: Conference) -> list[Room]:
    """An edition's rooms in their listed order: the schedule's columns and the rooms index."""
    return list(Room.objects.filter(conference=conference).order_by("position", "name", "id"))


def days_for_program(*, conference: Conference) -> list[dt.date]:
    """The venue days on which a public slot starts, in order: the day filter's choices."""
    starts = _public_slots_only(conference=conference).order_by().values_list("start", flat=True)
    return times.venue_days(starts.distinct(), conference.tz)


def schedule_for_program(*, conference: Conference) -> Schedule:
    """The schedule's rooms, days, version and rows in two queries: the filter form's days
    come from the rows read for the page."""
    public = _public_slots_only(conference=conference).order_by("start", "end", "id")
    # The version's fields first (they are hashed as they come), then what the page shows.
    rows = list(public.values_list(*SCHEDULE_FIELDS, *PAGE_FIELDS))
    return Schedule(
        conference=conference,
        topics=topics_for_program(conference=conference),
        rooms=rooms_for_program(conference=conference),
        days=times.venue_days({row[1] for row in rows}, conference.tz),  # as days_for_program
        version=conference.version_label(
            schedule_hash(row[: len(SCHEDULE_FIELDS)] for row in rows)
        ),
        rows=rows,
    )


def schedule_slots(*, schedule: Schedule, day: dt.date | None) -> list[ScheduleSlot]:
    """The slots starting on `day` (venue time; None: every day) with their workshops and
    the organizers' names (one query): a page of one day makes only that day's objects."""
    conference, tz = schedule.conference, schedule.conference.tz
    among = _public_slots_only(conference=conference)
    if day is not None:
        midnight = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
        after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        among = among.filter(start__gte=midnight, start__lt=after)
    rooms_by_id = {room.pk: room for room in schedule.rooms}
    workshops: dict[int, ScheduleWorkshop] = {}
    slots = []
    for (
        guid, start, end, _, title, slug, workshop_title, status,  # SCHEDULE_FIELDS
        pk, room_id, workshop_id, acronym, abstract,  # PAGE_FIELDS
    ) in schedule.rows:  # fmt: skip
        if day is not None and start.astimezone(tz).date() != day:
            continue
        room = rooms_by_id.get(room_id)
        if room_id is not None and room is None:
            continue  # a room of another edition: no column to show it in
        workshop = None
        if workshop_id is not None:
            workshop = workshops.get(workshop_id)
            if workshop is None:
                workshop = workshops[workshop_id] = ScheduleWorkshop(
                    workshop_id, slug, workshop_title, acronym, abstract, status
                )
        slots.append(
            ScheduleSlot(pk, str(guid), start, end, title, room_id, room, workshop_id, workshop)
        )
    _attach_organizer_names(list(workshops.values()), among=among.values("workshop_id"))
    _attach_topics_and_papers(list(workshops.values()), among=among.values("workshop_id"))
    return slots


def _attach_organizer_names(
    workshops: list[Workshop] | list[ScheduleWorkshop], among: QuerySet
) -> None:
    """Give each of `workshops` `organizer_names` (see filters.organizer_names) from one query
    of plain values: thousands of slots would otherwise load as many link and person objects.
    `among` selects the workshops' ids in SQL (a subquery, not a list of thousands of ids)."""
    if not workshops:
        return
    names: dict[int, list[str]] = {workshop.pk: [] for workshop in workshops}
    links = (
        WorkshopOrganizer.objects.filter(workshop__in=among)
        .order_by("position", "id")
        .values_list("workshop_id", "organizer__name")
    )
    for workshop_id, name in links:
        shown = names.get(workshop_id)
        if shown is not None:
            shown.append(name)
    for workshop in workshops:
        workshop.organizer_names = names[workshop.pk]


def _attach_topics_and_papers(
    workshops: list[Workshop] | list[ScheduleWorkshop], among: QuerySet
) -> None:
    """Give each of `workshops` `topic_list` (its topics in order) and `paper_text` (its
    papers' titles and authors' names, which the search reads), in two queries."""
    if not workshops:
        return
    topics: dict[int, list[Topic]] = {workshop.pk: [] for workshop in workshops}
    papers: dict[int, list[str]] = {workshop.pk: [] for workshop in workshops}
    tagged = (
        Workshop.topics.through.objects.filter(workshop__in=among)
        .select_related("topic")
        .order_by("topic__position", "topic__name", "topic_id")
    )
    for row in tagged:
        if row.workshop_id in topics:
            topics[row.workshop_id].append(row.topic)
    rows = (
        Paper.objects.filter(workshop__in=among)
        .order_by("id", "author_links__position")
        .values_list("workshop_id", "id", "title", "author_links__person__name")
    )
    last_paper = None
    for workshop_id, paper_id, title, author in rows:
        words = papers.get(workshop_id)
        if words is None:
            continue
        if paper_id != last_paper:
            words.append(title)
            last_paper = paper_id
        if author:
            words.append(author)
    for workshop in workshops:
        workshop.topic_list = topics[workshop.pk]
        workshop.paper_text = " ".join(papers[workshop.pk])


def topics_for_program(*, conference: Conference) -> list[Topic]:
    """An edition's topics in their order: the topic filter's choices."""
    return list(Topic.objects.filter(conference=conference).order_by("position", "name", "id"))


def room_slots_for_sign(*, conference: Conference, slug: str) -> tuple[Room, list[TimeSlot]]:
    """A room and its public slots with the plenary items, by time, or 404."""
    room = get_object_or_404(Room, conference=conference, slug=slug)
    slots = _public_slots(conference=conference).filter(Q(room=room) | Q(room__isnull=True))
    return room, list(slots)


def room_slots_after(*, conference: Conference, moment: dt.datetime) -> list[TimeSlot]:
    """The public slots held in a room that end after `moment`, by time: the rooms index's
    "now" and "next"."""
    slots = _public_slots_only(conference=conference).filter(room__isnull=False, end__gt=moment)
    return list(slots.select_related("room", "workshop__conference").order_by("start", "end", "id"))


def organizers_for_index(*, conference: Conference) -> list[Organizer]:
    """The people organizing an edition's public workshops, by name, with `workshop_count`."""
    public = Workshop.objects.listed().filter(conference=conference)
    return list(
        Organizer.objects.filter(workshop_links__workshop__in=public)
        .annotate(workshop_count=Count("workshop_links"))
        .order_by(Lower("name"), "slug")
    )


@dataclass(frozen=True)
class OrganizerProgram:
    organizer: Organizer
    workshops: list[Workshop]
    talks: list[AgendaItem]  # the agenda items they speak in, by time
    papers: list[Paper]  # the papers they wrote, newest edition first


def organizer_for_detail(*, slug: str) -> OrganizerProgram:
    """A person and, in every published edition, the public workshops they organize (newest
    first), the talks they give and the papers they wrote; 404 for someone with none of these
    (a draft's people stay private)."""
    public = Workshop.objects.public()
    links = (
        WorkshopOrganizer.objects.filter(workshop__in=public)
        .select_related("workshop__conference")
        .prefetch_related(Prefetch("workshop__slots", queryset=_slots_qs()))
    )
    talks = (
        AgendaItemSpeaker.objects.filter(agenda_item__workshop__in=public)
        .select_related("agenda_item__workshop__conference")
        .order_by("-agenda_item__workshop__conference__start_date", "agenda_item__start", "id")
    )
    papers = (
        PaperAuthor.objects.filter(paper__workshop__in=public)
        .select_related("paper__workshop__conference")
        .order_by("-paper__workshop__conference__start_date", "paper__title", "id")
    )
    organizer = get_object_or_404(
        Organizer.objects.prefetch_related(
            Prefetch("workshop_links", queryset=links),
            Prefetch("talk_links", queryset=talks),
            Prefetch("paper_links", queryset=papers),
        ),
        slug=slug,
    )
    workshops = [link.workshop for link in organizer.workshop_links.all()]
    spoken = [link.agenda_item for link in organizer.talk_links.all()]
    written = [link.paper for link in organizer.paper_links.all()]
    if not (workshops or spoken or written):
        raise Http404("No public workshop, talk or paper of this person.")

    def newest_first(workshop: Workshop) -> tuple:
        slots = workshop.slots.all()
        first = slots[0].start if slots else None
        return (-workshop.conference.start_date.toordinal(), first is None, first, workshop.title)

    return OrganizerProgram(
        organizer=organizer,
        workshops=sorted(workshops, key=newest_first),
        talks=spoken,
        papers=written,
    )


def program_for_export(conference: Conference, *, base_url: str | None = None) -> Program:
    """Rooms, plenary items and public workshops' slots with organizers and agenda, and the
    latest release: five queries, whatever the program's size, so exporters never query. Its
    links start with `base_url`, by default the site's configured address (SITE_URL), never a
    request's Host: one cached file then serves every host name."""
    rooms = rooms_for_program(conference=conference)
    # An export is a file that travels (and the booklet is prepared once for everybody): it
    # holds no workshop of an unpublished edition, even for those who preview its pages.
    public = _public_slots_only(conference=conference, shown=Workshop.objects.public())
    slots = list(public.select_related("room", "workshop"))
    # One instance per workshop, however many slots it has: the organizers and agenda are then
    # attached once per workshop, not once per slot.
    workshops: dict[int, Workshop] = {}
    for slot in slots:  # and nothing reaches for the conference with a query of its own
        slot.conference = conference
        if slot.workshop is not None:
            slot.workshop = workshops.setdefault(slot.workshop_id, slot.workshop)
            slot.workshop.conference = conference
    prefetch_related_objects(
        list(workshops.values()),
        _organizer_links(),
        _topics(),
        Prefetch("links", queryset=Link.objects.order_by("kind", "id")),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("start", "end", "id").prefetch_related(
                Prefetch("links", queryset=Link.objects.order_by("kind", "id"))
            ),
        ),
        _papers(),
    )
    # Sorted here, not in SQL: databases disagree on where a NULL room sorts.
    slots.sort(
        key=lambda s: (
            s.start,
            s.room is not None,
            s.room.position if s.room else 0,
            s.room.name if s.room else "",
            s.end,
            s.pk,
        )
    )
    return Program(
        conference=conference,
        rooms=rooms,
        slots=slots,
        base_url=settings.SITE_URL if base_url is None else base_url,
        generated_at=timezone.now(),
        release=conference.current_release,
    )


# What the attendee's browser keeps: the program's version and the data of "My schedule".


def schedule_hash_for(*, conference: Conference) -> str:
    """bundle.schedule_hash of the edition's public slots, from one query."""
    return schedule_hash(_public_slots_only(conference=conference).values_list(*SCHEDULE_FIELDS))


def program_version_for(*, conference: Conference) -> str:
    """The program's version as users see it (Conference.version_label), from one query: pages
    carry it so that the browser notices a change, room signs print it."""
    return conference.version_label(schedule_hash_for(conference=conference))


def workshops_for_favourites(*, conference: Conference) -> list[Workshop]:
    """Every public workshop of an edition with its slots, organizers and the agenda items one
    may star (`starrable_items`: talks and sessions, not breaks), in program order: what "My
    schedule" and the change banner compare against (five queries)."""
    workshops = workshops_for_listing(conference=conference, with_topics_and_papers=False)
    starrable = (
        AgendaItem.objects.exclude(kind__in=UNSTARRABLE_KINDS)
        .order_by("start", "end", "id")
        .prefetch_related(Prefetch("speaker_links", queryset=_speaker_links_qs()))
    )
    prefetch_related_objects(
        workshops, Prefetch("agenda_items", queryset=starrable, to_attr="starrable_items")
    )
    return workshops


# Agenda items nobody stars: the breaks and the opening and closing words.
UNSTARRABLE_KINDS = [AgendaItem.Kind.BREAK, AgendaItem.Kind.OPENING]


def workshop_slugs_for_stars(
    *, conference: Conference, slugs: list[str], item_guids: list[str] = ()
) -> list[str]:
    """Those of `slugs` that name a public workshop of the edition, and "item:<guid>" for
    those of `item_guids` that are its agenda items, sorted (two queries)."""
    public = Workshop.objects.listed().filter(conference=conference)
    found = list(public.filter(slug__in=slugs).values_list("slug", flat=True))
    if item_guids:
        guids = AgendaItem.objects.filter(workshop__in=public, guid__in=list(item_guids))
        found += [f"item:{guid}" for guid in guids.values_list("guid", flat=True)]
    return sorted(found)


def slot_days_for_agenda(*, workshop: Workshop) -> list[dt.date]:
    """The venue days the workshop's saved slots start on: the days its agenda items may take
    (from its prefetched slots, when the admin's queryset fetched them)."""
    if workshop.pk is None:
        return []
    return times.venue_days([slot.start for slot in workshop.slots.all()], workshop.conference.tz)


# The sitemap: every published edition's public pages.


@dataclass(frozen=True)
class SitemapEdition:
    conference: Conference
    workshops: list[Workshop]
    room_slugs: list[str]
    organizer_slugs: list[str]


def program_for_sitemap() -> list[SitemapEdition]:
    """Each published edition, newest first, with its listed workshops, its rooms and the
    organizers of those workshops: four queries, whatever the number of editions."""
    conferences = list(Conference.objects.published().order_by("-start_date", "slug"))
    listed = Workshop.objects.listed().filter(conference__in=conferences)
    workshops: dict[int, list[Workshop]] = {conference.pk: [] for conference in conferences}
    for workshop in listed.select_related("conference").order_by("title", "slug"):
        workshops[workshop.conference_id].append(workshop)
    rooms: dict[int, list[str]] = {conference.pk: [] for conference in conferences}
    for conference_id, slug in (
        Room.objects.filter(conference__in=conferences)
        .order_by("position", "name", "id")
        .values_list("conference_id", "slug")
    ):
        rooms[conference_id].append(slug)
    organizers: dict[int, dict[str, None]] = {conference.pk: {} for conference in conferences}
    for conference_id, slug in (
        WorkshopOrganizer.objects.filter(workshop__in=listed)
        .order_by("organizer__slug")
        .values_list("workshop__conference_id", "organizer__slug")
    ):
        organizers[conference_id][slug] = None
    return [
        SitemapEdition(
            conference=conference,
            workshops=workshops[conference.pk],
            room_slugs=rooms[conference.pk],
            organizer_slugs=list(organizers[conference.pk]),
        )
        for conference in conferences
    ]
