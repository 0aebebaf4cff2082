"""The querysets, prefetches and value reads that the readers share."""

from __future__ import annotations

from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)

from workshops.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Conference,
    Link,
    Paper,
    PaperAuthor,
    TimeSlot,
    Topic,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program.schedule import (
    ScheduleWorkshop,
)


def organizer_links_qs() -> QuerySet[WorkshopOrganizer]:
    return WorkshopOrganizer.objects.select_related("organizer").order_by("position", "id")


def slots_qs() -> QuerySet[TimeSlot]:
    return TimeSlot.objects.select_related("room").order_by("start", "id")


def organizer_links() -> Prefetch:
    return Prefetch("organizer_links", queryset=organizer_links_qs())


def slots() -> Prefetch:
    return Prefetch("slots", queryset=slots_qs())


def topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("position", "name", "id"))


def speaker_links_qs() -> QuerySet[AgendaItemSpeaker]:
    return AgendaItemSpeaker.objects.select_related("person").order_by("position", "id")


def author_links_qs() -> QuerySet[PaperAuthor]:
    return PaperAuthor.objects.select_related("person").order_by("position", "id")


def agenda_items() -> Prefetch:
    """The agenda in order, with each item's speakers (people) and links."""
    return Prefetch(
        "agenda_items",
        queryset=AgendaItem.objects.order_by("start", "end", "id").prefetch_related(
            Prefetch("speaker_links", queryset=speaker_links_qs()),
            Prefetch("links", queryset=Link.objects.order_by("kind", "id")),
        ),
    )


def papers() -> Prefetch:
    """The papers with their authors in order; a poster's board orders it in its session."""
    return Prefetch(
        "papers",
        queryset=Paper.objects.order_by("board", "title", "id").prefetch_related(
            Prefetch("author_links", queryset=author_links_qs())
        ),
    )


def workshop_links() -> Prefetch:
    return Prefetch(
        "links", queryset=Link.objects.filter(agenda_item__isnull=True).order_by("kind", "id")
    )


def public_slots_only(
    *, conference: Conference, shown: QuerySet[Workshop] | None = None
) -> QuerySet[TimeSlot]:
    """An edition's plenary items and the slots of its `shown` workshops, by default those its
    pages list (drafts' slots stay out)."""
    shown = Workshop.objects.listed() if shown is None else shown
    return TimeSlot.objects.filter(conference=conference).filter(
        Q(workshop__isnull=True) | Q(workshop__in=shown)
    )


def public_slots(*, conference: Conference) -> QuerySet[TimeSlot]:
    """The public slots with what the pages show of them."""
    return (
        public_slots_only(conference=conference)
        .select_related("room", "workshop__conference")
        .prefetch_related(Prefetch("workshop__organizer_links", queryset=organizer_links_qs()))
        .order_by("start", "end", "id")
    )


def attach_organizer_names(
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


def attach_topics_and_papers(
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
