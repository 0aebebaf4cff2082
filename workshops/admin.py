from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from accounts.models import User
from workshops import validators
from workshops.admin_concurrency import (
    EditConflictAdminMixin,
    SlotRoomLockForm,
    TimeSlotAdminForm,
)
from workshops.admin_exports import ConferenceExportsMixin, download_calendar
from workshops.admin_imports import ConferenceImportMixin
from workshops.admin_program import (
    ConferenceProgramMixin,
    ReleaseAdminMixin,
    WorkshopHistoryMixin,
    cancel,
    move,
    publish,
    unpublish,
)
from workshops.admin_scope import (
    ConferenceScopedMixin,
    WorkshopPartInlineMixin,
    WorkshopScopedMixin,
)
from workshops.db import is_slot_overlap_violation
from workshops.models import (
    AgendaItem,
    Conference,
    Organizer,
    Release,
    Room,
    TimeSlot,
    Workshop,
    WorkshopOrganizer,
    WorkshopSeries,
)
from workshops.services import SLOT_TAKEN_MESSAGE
from workshops.templatetags.workshop_tags import slot_time


class SlotRaceMixin:
    """Turn PostgreSQL's refusal of a double booking (two chairs at once) into a message."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except IntegrityError as error:
            # The admin's transaction was rolled back whole: nothing was half-saved.
            if not is_slot_overlap_violation(error):
                raise
            self.message_user(request, SLOT_TAKEN_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class VenueTimeMixin:
    """Show and read a program's times in its conference's time zone, never the server's (UTC)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        conference = self._conference_of_request(request, object_id)
        if conference is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        heading = str(self.get_object(request, object_id) or "") if object_id else ""
        note = f"Times in {conference.timezone}, the venue's time zone"
        extra_context = {
            **(extra_context or {}),
            "subtitle": " · ".join(filter(None, [heading, note])),
        }
        with timezone.override(conference.tz):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # the widgets convert times while the zone is active
            return response

    def _conference_of_request(self, request, object_id) -> Conference | None:
        # A posted (or preset) conference wins: it is the one the times will belong to.
        chosen = request.POST.get("conference") or request.GET.get("conference")
        if chosen and chosen.isdigit():
            return Conference.objects.filter(pk=chosen).first()
        if object_id and str(object_id).isdigit():
            pk = self.model.objects.filter(pk=object_id).values_list("conference", flat=True)
            return Conference.objects.filter(pk__in=pk).first()
        return Conference.objects.order_by("-start_date").first()


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "capacity", "position"]


@admin.register(Conference)
class ConferenceAdmin(
    EditConflictAdminMixin,
    ConferenceScopedMixin,
    ConferenceProgramMixin,
    ConferenceImportMixin,
    ConferenceExportsMixin,
    admin.ModelAdmin,
):
    conference_field = ""
    list_display = ["name", "year", "start_date", "end_date", "city", "timezone", "published"]
    list_filter = ["published", "year"]
    search_fields = ["name", "slug", "city", "venue"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "start_date"
    inlines = [RoomInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "year", "published", "chairs"]}),
        (
            "When and where",
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "timezone",
                    "venue",
                    "city",
                    ("venue_opens", "venue_closes"),
                ]
            },
        ),
        ("About", {"fields": ["website", "description"]}),
        ("Program", {"fields": ["program_tools", "unreleased", "exports"]}),
    ]
    readonly_fields = ["program_tools", "unreleased", "exports"]
    filter_horizontal = ["chairs"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "chairs":
            kwargs["queryset"] = User.objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and not permissions.is_superuser(request.user):
            form.instance.chairs.add(request.user)  # whoever starts an edition chairs it


@admin.register(Room)
class RoomAdmin(ConferenceScopedMixin, admin.ModelAdmin):
    list_display = ["name", "conference", "capacity", "position"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name", "conference__name"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["conference", "position", "name"]


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


class WorkshopOrganizerInline(WorkshopPartInlineMixin, admin.TabularInline):
    model = WorkshopOrganizer
    extra = 0
    autocomplete_fields = ["organizer"]
    fields = ["position", "organizer"]
    verbose_name_plural = "organizers (in the order they are listed)"


class TimeSlotFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        try:
            validators.check_slots_apart(self.pending_instances())
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def pending_instances(self) -> list[TimeSlot]:
        """The slots as they will be once this form is saved (without the deleted ones)."""
        return [
            form.instance
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.instance.pk or form.has_changed())
            and not form.errors
        ]


class TimeSlotInline(WorkshopPartInlineMixin, admin.TabularInline):
    model = TimeSlot
    needs_schedule_rights = True
    form = SlotRoomLockForm
    formset = TimeSlotFormSet
    extra = 0
    fields = ["room", "start", "end"]
    fk_name = "workshop"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        room_field = formset.form.base_fields.get("room")
        if room_field is None:  # read-only for this user
            return formset
        if obj is not None and obj.conference_id:
            room_field.queryset = Room.objects.filter(conference=obj.conference_id)
        else:
            chaired = permissions.chaired_conferences(request.user)
            room_field.queryset = Room.objects.filter(conference__in=chaired).select_related(
                "conference"
            )
            room_field.label_from_instance = lambda room: f"{room.name} ({room.conference})"
        return formset


class AgendaItemFormSet(BaseInlineFormSet):
    slot_formset: TimeSlotFormSet | None = None

    def clean(self):
        super().clean()
        if self.slot_formset is None or not self.slot_formset.is_valid():
            return  # the slots' own errors come first
        slots = self.slot_formset.pending_instances()
        for form in self.forms:
            if self._should_delete_form(form) or form.errors:
                continue
            if not (form.instance.pk or form.has_changed()):
                continue
            try:
                validators.check_agenda_item_in_slots(form.instance, slots)
            except ValidationError as error:
                form.add_error(None, error)


class AgendaItemInline(WorkshopPartInlineMixin, admin.TabularInline):
    model = AgendaItem
    formset = AgendaItemFormSet
    extra = 0
    fields = ["start", "end", "kind", "title", "speakers"]


@admin.register(Workshop)
class WorkshopAdmin(
    EditConflictAdminMixin,
    WorkshopScopedMixin,
    WorkshopHistoryMixin,
    SlotRaceMixin,
    VenueTimeMixin,
    SimpleHistoryAdmin,
):
    list_display = ["title", "acronym", "conference", "status", "rooms"]
    list_filter = ["conference", "status", "slots__room"]
    list_select_related = ["conference"]
    search_fields = ["title", "acronym", "organizers__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [WorkshopOrganizerInline, TimeSlotInline, AgendaItemInline]
    actions = [publish, unpublish, cancel, move, download_calendar]
    fieldsets = [
        (None, {"fields": ["conference", "title", "slug", "acronym", "status"]}),
        ("About", {"fields": ["abstract", "website"]}),
        ("Planning", {"fields": ["series", "expected_attendance"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("slots__room")

    @admin.display(description="rooms")
    def rooms(self, obj: Workshop) -> str:
        return ", ".join(sorted({slot.room.name for slot in obj.slots.all() if slot.room}))

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # The agenda is checked against the slots as they are in this same form.
        slot_formsets = [f for f in formsets if isinstance(f, TimeSlotFormSet)]
        for formset in formsets:
            if isinstance(formset, AgendaItemFormSet) and slot_formsets:
                formset.slot_formset = slot_formsets[0]
        return formsets, inline_instances


@admin.register(TimeSlot)
class TimeSlotAdmin(
    EditConflictAdminMixin, ConferenceScopedMixin, SlotRaceMixin, VenueTimeMixin, admin.ModelAdmin
):
    form = TimeSlotAdminForm
    list_display = ["label", "room", "venue_time", "conference"]
    list_filter = ["conference", "room"]
    list_select_related = ["conference", "room", "workshop"]
    search_fields = ["title", "workshop__title", "room__name"]
    autocomplete_fields = ["workshop"]
    date_hierarchy = "start"
    fields = ["conference", "workshop", "title", "room", "start", "end"]

    @admin.display(description="time (venue)", ordering="start")
    def venue_time(self, obj: TimeSlot) -> str:
        return slot_time(obj, obj.conference)


@admin.register(Release)
class ReleaseAdmin(ConferenceScopedMixin, ReleaseAdminMixin, admin.ModelAdmin):
    pass


@admin.register(WorkshopSeries)
class WorkshopSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "guid"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
