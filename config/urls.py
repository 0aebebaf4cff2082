from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Workshop program"
admin.site.site_title = "Workshop program admin"
admin.site.index_title = "Program administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("workshops.urls")),
]
