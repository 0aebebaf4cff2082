from django.urls import path

from workshops.site import views

app_name = "workshops"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:conference_slug>/", views.workshop_list, name="workshop-list"),
    path(
        "<slug:conference_slug>/workshops/<slug:slug>/",
        views.workshop_detail,
        name="workshop-detail",
    ),
    path("<slug:conference_slug>/schedule/", views.schedule, name="schedule"),
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
    path("<slug:conference_slug>/changelog/", views.changelog, name="changelog"),
    path("<slug:conference_slug>/rooms/", views.room_list, name="room-list"),
    path("<slug:conference_slug>/rooms/<slug:slug>/", views.room_detail, name="room-detail"),
    path("<slug:conference_slug>/organizers/", views.organizer_list, name="organizer-list"),
    path(
        "<slug:conference_slug>/organizers/<slug:slug>/",
        views.organizer_detail,
        name="organizer-detail",
    ),
    path("<slug:conference_slug>/export/", views.export_list, name="export-list"),
    path("<slug:conference_slug>/export/<str:identifier>", views.export, name="export"),
    path(
        "<slug:conference_slug>/workshops/<slug:slug>/calendar.ics",
        views.workshop_calendar,
        name="workshop-calendar",
    ),
    path(
        "<slug:conference_slug>/rooms/<slug:room_slug>/calendar.ics",
        views.room_calendar,
        name="room-calendar",
    ),
]
