"""The admin of workshops, with their organizers, slots and agenda inline."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from workshops.backoffice.agenda import AgendaItemFormSet, AgendaItemInline, AgendaPasteMixin
from workshops.backoffice.board import ReturnToBoardMixin
from workshops.backoffice.concurrency import EditConflictAdminMixin, SlotForm
from workshops.backoffice.exports import download_calendar
from workshops.backoffice.history import WorkshopHistoryMixin
from workshops.backoffice.mixins import (
    ServiceRefusalMixin,
    VenueTimeMixin,
    conference_chosen,
)
from workshops.backoffice.paper_import import WorkshopPapersImportMixin
from workshops.backoffice.scope import (
    EditionListFilter,
    WorkshopPartInlineMixin,
    WorkshopScopedMixin,
)
from workshops.backoffice.tools import (
    cancel,
    move,
    publish,
    unpublish,
)
from workshops.models import (
    AgendaItem,
    Link,
    Organizer,
    Room,
    TimeSlot,
    Topic,
    Workshop,
    WorkshopOrganizer,
)
from workshops.program import services, validators
from workshops.program.times import day_label, slot_time


class WorkshopOrganizerFormSet(BaseInlineFormSet):
    def organizers_in_order(self) -> list[Organizer]:
        """The rows' people by their positions; a row left at 0 or blank stays where it is,
        after the row above it."""
        keyed, key = [], 0
        for form in self.forms:
            organizer = form.cleaned_data.get("organizer")
            if organizer is None or self._should_delete_form(form):
                continue
            key = form.cleaned_data.get("position") or key
            keyed.append((key, organizer))
        return [organizer for _, organizer in sorted(keyed, key=lambda pair: pair[0])]


class WorkshopOrganizerInline(WorkshopPartInlineMixin, admin.TabularInline):
    model = WorkshopOrganizer
    formset = WorkshopOrganizerFormSet
    extra = 0
    autocomplete_fields = ["organizer"]
    fields = ["position", "organizer"]
    verbose_name_plural = "organizers (in the order they are listed)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only people this user may find: linking anyone else would make them belong to this
        # conference, and so show their address to its chairs.
        if db_field.name == "organizer":
            kwargs["queryset"] = permissions.visible_people(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position":  # left blank: numbered on save
            field.required = False
            field.widget.attrs.update(size=3, placeholder="auto")
        return field


class LinkInline(WorkshopPartInlineMixin, admin.TabularInline):
    """The workshop's and its agenda items' streams, recordings, slides and chat rooms."""

    model = Link
    extra = 0
    fields = ["agenda_item", "kind", "url", "label"]
    verbose_name_plural = "links (stream, recording, slides, chat; no item: the whole workshop)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        item_field = formset.form.base_fields.get("agenda_item")
        if item_field is not None:
            item_field.queryset = AgendaItem.objects.filter(workshop=obj).order_by("start", "pk")
        return formset


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
    form = SlotForm
    formset = TimeSlotFormSet
    extra = 0
    fields = ["room", "start", "end"]
    fk_name = "workshop"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        room_field = formset.form.base_fields.get("room")
        if room_field is None:  # read-only for this user
            return formset
        conference_id = obj.conference_id if obj is not None else None
        chosen = conference_chosen(request)
        if conference_id or chosen:
            room_field.queryset = Room.objects.filter(conference=conference_id or chosen)
        else:
            chaired = permissions.chaired_conferences(request.user)
            room_field.queryset = Room.objects.filter(conference__in=chaired).select_related(
                "conference"
            )
            room_field.label_from_instance = lambda room: f"{room.name} ({room.conference})"
        return formset


@admin.register(Workshop)
class WorkshopAdmin(
    ReturnToBoardMixin,
    WorkshopPapersImportMixin,
    AgendaPasteMixin,
    EditConflictAdminMixin,
    WorkshopScopedMixin,
    WorkshopHistoryMixin,
    ServiceRefusalMixin,
    VenueTimeMixin,
    SimpleHistoryAdmin,
):
    list_display = ["title", "acronym", "conference", "status", "day", "time", "room"]
    list_filter = [EditionListFilter, "status", "slots__room"]
    list_select_related = ["conference"]
    search_fields = ["title", "acronym", "organizers__name"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [WorkshopOrganizerInline, TimeSlotInline, AgendaItemInline, LinkInline]
    actions = [publish, unpublish, cancel, move, download_calendar]
    fieldsets = [
        (None, {"fields": ["conference", "title", "slug", "acronym", "status"]}),
        ("About", {"fields": ["abstract", "website", "topics"]}),
        ("Planning", {"fields": ["series", "expected_attendance"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "topics":  # the topics of the editions this user chairs
            kwargs["queryset"] = Topic.objects.filter(
                conference__in=permissions.chaired_conferences(request.user)
            ).select_related("conference")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "topics" and field is not None:
            field.label_from_instance = lambda topic: f"{topic.name} ({topic.conference})"
        return field

    def get_queryset(self, request):
        slots = TimeSlot.objects.select_related("room").order_by("start", "pk")
        return super().get_queryset(request).prefetch_related(Prefetch("slots", queryset=slots))

    @admin.display(description="day (venue)")
    def day(self, obj: Workshop) -> str:
        slots = obj.slots.all()
        if not slots:
            return "—"
        shown = day_label(slots[0].start.astimezone(obj.conference.tz))
        return shown if len(slots) == 1 else f"{shown} · {len(slots)} slots"

    @admin.display(description="time (venue)")
    def time(self, obj: Workshop) -> str:
        slots = obj.slots.all()
        return slot_time(slots[0], obj.conference, with_day=False) if slots else "—"

    @admin.display(description="room")
    def room(self, obj: Workshop) -> str:
        slots = obj.slots.all()
        return slots[0].room.name if slots and slots[0].room else "—"

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, WorkshopOrganizerFormSet):
            formset.save(commit=False)  # writes nothing; lists the changes for the history
            services.workshop_set_organizers(
                workshop=formset.instance, organizers=formset.organizers_in_order()
            )
            return None
        if formset.model is Link:
            instances = formset.save(commit=False)
            for gone in formset.deleted_objects:
                gone.delete()
            for link in instances:
                services.link_save(link=link)
            return None
        # Slots before the agenda (the inlines' order): each item's check sees them saved.
        if not isinstance(formset, TimeSlotFormSet | AgendaItemFormSet):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for gone in formset.deleted_objects:
            if isinstance(gone, TimeSlot):
                services.slot_delete(slot=gone)
            else:
                gone.delete()
        for instance in instances:
            if isinstance(instance, TimeSlot):
                services.slot_save(slot=instance)
            else:
                services.agenda_item_save(item=instance)
        return None

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # The agenda is checked against the slots as they are in this same form.
        slot_formsets = [f for f in formsets if isinstance(f, TimeSlotFormSet)]
        for formset in formsets:
            if isinstance(formset, AgendaItemFormSet) and slot_formsets:
                formset.slot_formset = slot_formsets[0]
        return formsets, inline_instances
