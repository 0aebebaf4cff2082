from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts.views import PasswordResetView
from config.health import healthz
from workshops.site import views as site_views

admin.site.site_header = "Workshop program"
admin.site.site_title = "Workshop program admin"
admin.site.index_title = "Program administration"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", site_views.sitemap, name="sitemap"),
    path("robots.txt", site_views.robots, name="robots"),
    path("admin/", admin.site.urls),
    # One sign-in page, the admin's (throttled by axes); /accounts/ serves the password reset,
    # Django's, with its first page throttled by ours.
    path(
        "accounts/login/",
        RedirectView.as_view(pattern_name="admin:login", query_string=True),
        name="login",
    ),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("workshops.site.urls")),
]
