"""The admin of time slots (workshops' and plenary ones)."""

from django.contrib import admin

from workshops.backoffice.concurrency import (
    EditConflictAdminMixin,
    TimeSlotAdminForm,
)
from workshops.backoffice.mixins import ServiceRefusalMixin, VenueTimeMixin
from workshops.backoffice.scope import ConferenceScopedMixin, EditionListFilter
from workshops.models import TimeSlot
from workshops.program import services
from workshops.program.times import slot_time


@admin.register(TimeSlot)
class TimeSlotAdmin(
    EditConflictAdminMixin,
    ConferenceScopedMixin,
    ServiceRefusalMixin,
    VenueTimeMixin,
    admin.ModelAdmin,
):
    form = TimeSlotAdminForm
    list_display = ["label", "room", "venue_time", "conference"]
    list_filter = [EditionListFilter, "room"]
    list_select_related = ["conference", "room", "workshop"]
    search_fields = ["title", "workshop__title", "room__name"]
    autocomplete_fields = ["workshop"]
    date_hierarchy = "start"
    fields = ["conference", "workshop", "title", "room", "start", "end"]

    def save_model(self, request, obj, form, change):
        services.slot_save(slot=obj)

    def delete_model(self, request, obj):
        services.slot_delete(slot=obj)

    @admin.display(description="time (venue)", ordering="start")
    def venue_time(self, obj: TimeSlot) -> str:
        return slot_time(obj, obj.conference)
