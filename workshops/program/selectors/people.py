"""People: the organizers' index and a person's page across editions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Prefetch,
)
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404

from workshops.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Conference,
    Organizer,
    Paper,
    PaperAuthor,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program.selectors import shared


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
        .prefetch_related(Prefetch("workshop__slots", queryset=shared.slots_qs()))
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
