"""The admin of people (organizers) and of workshop series."""

from django.contrib import admin

from accounts import permissions
from workshops.models import (
    Organizer,
    WorkshopSeries,
)


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "email"]
    search_fields = ["name", "affiliation", "email"]
    prepopulated_fields = {"slug": ["name"]}

    def get_exclude(self, request, obj=None):
        # Only a superuser links a person to an account (it grants rights).
        return [] if permissions.is_superuser(request.user) else ["user"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit_person(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.can_edit_person(request.user, obj))


@admin.register(WorkshopSeries)
class WorkshopSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "guid"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
