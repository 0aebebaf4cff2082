"""Workshops: the listing, a workshop's page and its papers."""

from __future__ import annotations

from django.db.models import (
    Min,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import permissions
from workshops.models import (
    Conference,
    Paper,
    TimeSlot,
    Workshop,
)
from workshops.program.selectors import shared


def workshops_for_listing(
    *, conference: Conference, with_topics_and_papers: bool = True
) -> list[Workshop]:
    """The public workshops of an edition in program order: first slot, then room, then title;
    with their slots and rooms, their organizers' names (`organizer_names`) and, unless told
    otherwise, their topics and papers' text (shared.attach_topics_and_papers)."""
    first_room = (
        TimeSlot.objects.filter(workshop=OuterRef("pk"))
        .order_by("start", "room__position")
        .values("room__position")[:1]
    )
    public = Workshop.objects.listed().filter(conference=conference)
    workshops = list(
        public.annotate(first_start=Min("slots__start"), first_room=Subquery(first_room))
        .prefetch_related(shared.slots())
        .order_by("first_start", "first_room", "title", "id")
    )
    for workshop in workshops:
        workshop.conference = conference  # one edition: no copy of it per workshop
    shared.attach_organizer_names(workshops, among=public.values("id"))
    if with_topics_and_papers:
        shared.attach_topics_and_papers(workshops, among=public.values("id"))
    return workshops


def workshop_for_detail(*, conference: Conference, slug: str, user=None) -> Workshop:
    """One workshop with its organizers, slots, topics, agenda (speakers, links), papers
    (authors) and links: a public one for everybody, a draft for those who may preview it
    (accounts.permissions), otherwise 404."""
    queryset = Workshop.objects.filter(conference=conference).prefetch_related(
        shared.organizer_links(),
        shared.slots(),
        shared.topics(),
        shared.agenda_items(),
        shared.papers(),
        shared.workshop_links(),
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
        .prefetch_related(Prefetch("author_links", queryset=shared.author_links_qs()))
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
