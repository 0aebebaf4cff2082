"""Who may do what: views, the admin and templates ask these functions, never the roles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.roles import PROGRAM_CHAIRS, STAFF, WORKSHOP_ORGANIZERS
from workshops.models import (
    AgendaItemSpeaker,
    Conference,
    Organizer,
    PaperAuthor,
    Workshop,
    WorkshopOrganizer,
    WorkshopSeries,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    AnyUser = User | AnonymousUser


def _in_group(user: AnyUser, name: str) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    # One query per request and group: the admin asks many times while rendering a page.
    cache = user.__dict__.setdefault("_group_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user.__dict__["_group_names"] = cache
    return name in cache


def is_superuser(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_program_chair(user: AnyUser) -> bool:
    """In the chairs' group (which conferences: see chaired_conferences), or a superuser."""
    return is_superuser(user) or _in_group(user, PROGRAM_CHAIRS)


def is_staff_reader(user: AnyUser) -> bool:
    """Staff read and export every conference, and change nothing."""
    return is_superuser(user) or _in_group(user, STAFF)


def chaired_conferences(user: AnyUser) -> QuerySet[Conference]:
    """The conferences whose whole program this user may edit."""
    if is_superuser(user):
        return Conference.objects.all()
    if not is_program_chair(user):
        return Conference.objects.none()
    return Conference.objects.filter(chairs=user)


def can_edit_program(user: AnyUser, conference: Conference) -> bool:
    """Rooms, slots, publishing and every workshop of the conference."""
    if is_superuser(user):
        return True
    return is_program_chair(user) and conference.chairs.filter(pk=user.pk).exists()


def organized_workshops(user: AnyUser) -> QuerySet[Workshop]:
    """The workshops this user organizes (linked to their Organizer record)."""
    if not _in_group(user, WORKSHOP_ORGANIZERS):
        return Workshop.objects.none()
    return Workshop.objects.filter(organizers__user=user)


def visible_workshops(user: AnyUser) -> QuerySet[Workshop]:
    """Workshops this user may see in the admin, drafts included."""
    if is_superuser(user) or is_staff_reader(user):
        return Workshop.objects.all()
    ids = organized_workshops(user).values("pk")
    return Workshop.objects.filter(pk__in=ids) | Workshop.objects.filter(
        conference__in=chaired_conferences(user)
    )


def can_edit_workshop(user: AnyUser, workshop: Workshop) -> bool:
    """Its abstract, website, organizer order and agenda: its chairs and its organizers."""
    if workshop.conference_id and can_edit_program(user, workshop.conference):
        return True
    return workshop.pk is not None and organized_workshops(user).filter(pk=workshop.pk).exists()


def editable_workshops(user: AnyUser) -> QuerySet[Workshop]:
    """The workshops whose abstract, agenda, papers and links this user edits (as
    can_edit_workshop decides for one)."""
    if is_superuser(user):
        return Workshop.objects.all()
    ids = organized_workshops(user).values("pk")
    return Workshop.objects.filter(Q(pk__in=ids) | Q(conference__in=chaired_conferences(user)))


def can_schedule_workshop(user: AnyUser, workshop: Workshop) -> bool:
    """Its room, slots, status, title and conference: the conference's chairs only."""
    return bool(workshop.conference_id) and can_edit_program(user, workshop.conference)


def can_preview_workshop(user: AnyUser, workshop: Workshop) -> bool:
    """See a draft's public page (with a banner): its editors and the staff."""
    return is_staff_reader(user) or can_edit_workshop(user, workshop)


def can_preview_conference(user: AnyUser, conference: Conference) -> bool:
    """See an unpublished edition's public pages (with a banner): its chairs, the organizers
    of its workshops and the staff."""
    if is_staff_reader(user) or can_edit_program(user, conference):
        return True
    return organized_workshops(user).filter(conference=conference).exists()


def board_conferences(user: AnyUser) -> QuerySet[Conference]:
    """The conferences whose schedule board this user reads (can_preview_conference's)."""
    if is_superuser(user) or is_staff_reader(user):
        return Conference.objects.all()
    organized = organized_workshops(user).values("conference")
    return Conference.objects.filter(pk__in=chaired_conferences(user).values("pk")) | (
        Conference.objects.filter(pk__in=organized)
    )


def _chairs_cover(user: AnyUser, workshops: QuerySet[Workshop]) -> bool:
    """Every one of these workshops is in a conference this user chairs (true of none)."""
    if is_superuser(user):
        return True
    if not is_program_chair(user):
        return False
    return not workshops.exclude(conference__in=chaired_conferences(user)).exists()


def can_edit_person(user: AnyUser, person: Organizer) -> bool:
    """A person's record is shared by editions: its chairs' conferences must cover all of its
    workshops (a new person, without any, is every chair's to edit)."""
    return _chairs_cover(user, person.workshops.all())


def _belongs_to(conferences: QuerySet[Conference]) -> Q:
    """A person belongs to a conference through a workshop they organize, speak in or wrote a
    paper for in it (a draft too), or through their account being one of its chairs."""
    organizing = WorkshopOrganizer.objects.filter(workshop__conference__in=conferences)
    speaking = AgendaItemSpeaker.objects.filter(agenda_item__workshop__conference__in=conferences)
    writing = PaperAuthor.objects.filter(paper__workshop__conference__in=conferences)
    chairing = Conference.chairs.through.objects.filter(conference__in=conferences)
    return (
        Q(pk__in=organizing.values("organizer"))
        | Q(pk__in=speaking.values("person"))
        | Q(pk__in=writing.values("person"))
        | Q(user__in=chairing.values("user"))
    )


def visible_people(user: AnyUser) -> QuerySet[Organizer]:
    """The people this user finds in the admin (their addresses: people_with_visible_address).
    Superusers and staff, who read every conference, find everyone; a chair, the people of the
    conferences they chair; an organizer, the people of their own workshops (organizers,
    speakers, authors); chairs and organizers also the people who belong to no conference yet
    (just added, to be linked)."""
    if is_superuser(user) or is_staff_reader(user):
        return Organizer.objects.all()
    if not (is_program_chair(user) or _in_group(user, WORKSHOP_ORGANIZERS)):
        return Organizer.objects.none()
    mine = organized_workshops(user).values("pk")
    own = WorkshopOrganizer.objects.filter(workshop__in=mine)
    speakers = AgendaItemSpeaker.objects.filter(agenda_item__workshop__in=mine)
    authors = PaperAuthor.objects.filter(paper__workshop__in=mine)
    return Organizer.objects.filter(
        Q(pk__in=own.values("organizer"))
        | Q(pk__in=speakers.values("person"))
        | Q(pk__in=authors.values("person"))
        | _belongs_to(chaired_conferences(user))
        | ~_belongs_to(Conference.objects.all())
    )


def people_with_visible_address(user: AnyUser) -> QuerySet[Organizer]:
    """Whose private e-mail address this user may read and search by: a superuser everyone's;
    a chair, the people who belong to a conference they chair; anyone else, nobody's."""
    if is_superuser(user):
        return Organizer.objects.all()
    if not is_program_chair(user):
        return Organizer.objects.none()
    return Organizer.objects.filter(_belongs_to(chaired_conferences(user)))


def can_see_address(user: AnyUser, person: Organizer) -> bool:
    """May this user read this person's private e-mail address (see people_with_visible_address)."""
    return people_with_visible_address(user).filter(pk=person.pk).exists()


def visible_series(user: AnyUser) -> QuerySet[WorkshopSeries]:
    """The workshop series this user reads in the admin: superusers and staff every one; a
    chair, those with a workshop in a conference they chair, and the unused ones."""
    if is_superuser(user) or is_staff_reader(user):
        return WorkshopSeries.objects.all()
    if not is_program_chair(user):
        return WorkshopSeries.objects.none()
    chaired = Workshop.objects.filter(conference__in=chaired_conferences(user))
    used = Workshop.objects.filter(series__isnull=False)
    return WorkshopSeries.objects.filter(
        Q(pk__in=chaired.values("series")) | ~Q(pk__in=used.values("series"))
    )


def can_edit_series(user: AnyUser, series: WorkshopSeries) -> bool:
    """A series spans editions, as a person does: its chairs' conferences must cover all of its
    workshops (an unused series is every chair's to rename or delete)."""
    return _chairs_cover(user, series.workshops.all())
