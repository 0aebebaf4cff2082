from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:conference_slug>/", views.workshop_list, name="workshop-list"),
    path(
        "<slug:conference_slug>/workshops/<slug:slug>/",
        views.workshop_detail,
        name="workshop-detail",
    ),
]
