from django.contrib import admin
from django.urls import include, path

from config.health import healthz

admin.site.site_header = "Workshop program"
admin.site.site_title = "Workshop program admin"
admin.site.index_title = "Program administration"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("workshops.urls")),
]
