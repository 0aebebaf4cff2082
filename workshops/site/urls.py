import datetime as dt

from django.urls import path, register_converter

from workshops.site import views


class DayConverter:
    """A day as YYYY-MM-DD; a date that does not exist (2023-02-30) matches no URL: a 404."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> dt.date:
        return dt.date.fromisoformat(value)  # its ValueError makes Django try the next URL

    def to_url(self, value: dt.date | str) -> str:
        return value.isoformat() if isinstance(value, dt.date) else value


register_converter(DayConverter, "day")

app_name = "workshops"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:conference_slug>/", views.workshop_list, name="workshop-list"),
    path(
        "<slug:conference_slug>/workshops/<slug:slug>/",
        views.workshop_detail,
        name="workshop-detail",
    ),
    path(
        "<slug:conference_slug>/workshops/<slug:slug>/papers/<int:pk>/",
        views.paper_detail,
        name="paper-detail",
    ),
    path("<slug:conference_slug>/schedule/", views.schedule, name="schedule"),
    path("<slug:conference_slug>/schedule/all/", views.schedule_all, name="schedule-all"),
    path("<slug:conference_slug>/schedule/<day:day>/", views.schedule_day, name="schedule-day"),
    # The attendee's stars, their calendar feed and link, QR codes and the offline worker.
    path("<slug:conference_slug>/my/", views.my_schedule, name="my-schedule"),
    path(
        "<slug:conference_slug>/my/program.json",
        views.favourites_program,
        name="favourites-program",
    ),
    path("<slug:conference_slug>/my/link.json", views.favourites_link, name="favourites-link"),
    path(
        "<slug:conference_slug>/feed/<str:token>.ics",
        views.favourites_feed,
        name="favourites-feed",
    ),
    path("<slug:conference_slug>/qr.svg", views.qr_code, name="qr-code"),
    path("<slug:conference_slug>/sw.js", views.service_worker, name="service-worker"),
    path("<slug:conference_slug>/manifest.webmanifest", views.manifest, name="web-app-manifest"),
    path("<slug:conference_slug>/changelog/", views.changelog, name="changelog"),
    path("<slug:conference_slug>/changelog/feed.xml", views.changelog_feed, name="changelog-feed"),
    path("<slug:conference_slug>/rooms/", views.room_list, name="room-list"),
    path("<slug:conference_slug>/rooms/<slug:slug>/", views.room_detail, name="room-detail"),
    path("<slug:conference_slug>/organizers/", views.organizer_list, name="organizer-list"),
    path(
        "<slug:conference_slug>/organizers/<slug:slug>/",
        views.organizer_detail,
        name="organizer-detail",
    ),
    path("<slug:conference_slug>/embed/", views.embed_listing, name="embed-listing"),
    path("<slug:conference_slug>/embed/schedule/", views.embed_schedule, name="embed-schedule"),
    path("<slug:conference_slug>/export/", views.export_list, name="export-list"),
    path("<slug:conference_slug>/export/<str:identifier>", views.export, name="export"),
    path(
        "<slug:conference_slug>/workshops/<slug:slug>/calendar.ics",
        views.workshop_calendar,
        name="workshop-calendar",
    ),
    path(
        "<slug:conference_slug>/talks/<uuid:guid>.ics",
        views.item_calendar,
        name="item-calendar",
    ),
    path(
        "<slug:conference_slug>/rooms/<slug:room_slug>/calendar.ics",
        views.room_calendar,
        name="room-calendar",
    ),
]
