"""One factory per model, each building the smallest valid object with aware datetimes."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import PROGRAM_CHAIRS, STAFF, WORKSHOP_ORGANIZERS
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
    WorkshopSeries,
)

NEW_YORK = ZoneInfo("America/New_York")


def local(day: dt.date, hour: int, minute: int = 0, tz: ZoneInfo = NEW_YORK) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Conference {2000 + n}")
    slug = factory.Sequence(lambda n: f"conference-{2000 + n}")
    year = 2023
    timezone = "America/New_York"
    start_date = dt.date(2023, 6, 4)
    end_date = dt.date(2023, 6, 8)
    city = "Miami, Florida"
    published = True


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Room {200 + n}")
    slug = factory.Sequence(lambda n: f"room-{200 + n}")
    position = factory.Sequence(lambda n: n)


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizer

    name = factory.Sequence(lambda n: f"Organizer {n}")
    slug = factory.Sequence(lambda n: f"organizer-{n}")
    affiliation = "Example University"
    email = factory.Sequence(lambda n: f"organizer-{n}@private.example")


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    abstract = "A workshop about systems for machine learning."
    status = Workshop.Status.PUBLISHED


class WorkshopSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSeries

    name = factory.Sequence(lambda n: f"Workshop series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


class WorkshopOrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopOrganizer

    workshop = factory.SubFactory(WorkshopFactory)
    organizer = factory.SubFactory(OrganizerFactory)
    position = factory.Sequence(lambda n: n)


class TimeSlotFactory(factory.django.DjangoModelFactory):
    """A workshop's slot on the conference's last day, 8:00 to 12:00 venue time."""

    class Meta:
        model = TimeSlot

    workshop = factory.SubFactory(WorkshopFactory)
    conference = factory.SelfAttribute("workshop.conference")
    room = factory.SubFactory(RoomFactory, conference=factory.SelfAttribute("..conference"))
    start = factory.LazyAttribute(lambda o: local(o.conference.end_date, 8, tz=o.conference.tz))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=4))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    workshop = factory.SubFactory(WorkshopFactory)
    start = factory.LazyAttribute(
        lambda o: local(o.workshop.conference.end_date, 8, tz=o.workshop.conference.tz)
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=30))
    title = factory.Sequence(lambda n: f"Talk {n}")
    kind = AgendaItem.Kind.TALK


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a-long-test-password")


class ChairFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def chairs_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=PROGRAM_CHAIRS))


def organizer_of(workshop: Workshop, **person) -> User:
    """A user in the organizers' group, linked to a person who organizes `workshop`."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=WORKSHOP_ORGANIZERS))
    WorkshopOrganizerFactory(
        workshop=workshop,
        organizer=OrganizerFactory(**{"name": "Tom St John", **person}, user=user),
    )
    return user


def chair_of(conference: Conference) -> User:
    user = ChairFactory()
    conference.chairs.add(user)
    return user


def staff_reader() -> User:
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF))
    return user
