"""Each role sees and changes its own part of the program in the admin. The decisions are
accounts.permissions'; these mixins only ask them, in querysets, forms and permissions."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP

from accounts import permissions
from workshops.models import Conference, Room, Workshop


def sees_everything(user) -> bool:
    return permissions.is_superuser(user) or permissions.is_staff_reader(user)


class EditionListFilter(admin.SimpleListFilter):
    """One edition at a time: the newest conference the user chairs unless they choose
    another, or "All" (editions copied forward share their workshops' titles)."""

    title = "conference"
    parameter_name = "conference"
    every = "all"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        if self.value() is None:
            chaired = permissions.chaired_conferences(request.user)
            newest = chaired.order_by("-start_date", "-year", "-pk")
            self.used_parameters[self.parameter_name] = str(
                newest.values_list("pk", flat=True).first() or self.every
            )

    def lookups(self, request, model_admin):
        shown = model_admin.get_queryset(request).values("conference")
        editions = Conference.objects.filter(pk__in=shown).order_by("-start_date", "name")
        return [(str(conference.pk), str(conference)) for conference in editions]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.every:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(conference_id=value)

    def choices(self, changelist):
        yield {
            "selected": self.value() == self.every,
            "query_string": changelist.get_query_string({self.parameter_name: self.every}),
            "display": "All",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class ConferenceScopedMixin:
    """Rows of the conferences a chair chairs; staff see every row and (by their model
    permissions) change none. `conference_field` leads from the row to its conference."""

    conference_field = "conference"

    def conference_of(self, obj: Model) -> Conference:
        return obj if not self.conference_field else getattr(obj, self.conference_field)

    def scope(self, request, queryset: QuerySet) -> QuerySet:
        if sees_everything(request.user):
            return queryset
        chaired = permissions.chaired_conferences(request.user)
        lookup = f"{self.conference_field}__in" if self.conference_field else "pk__in"
        return queryset.filter(**{lookup: chaired})

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and (
            permissions.is_superuser(request.user)
            or permissions.chaired_conferences(request.user).exists()
            or self.conference_field == ""  # a chair may start a new edition
        )

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None or sees_everything(request.user):
            return allowed
        return permissions.can_edit_program(request.user, self.conference_of(obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or not getattr(obj, "pk", None):
            return allowed
        return permissions.can_edit_program(request.user, self.conference_of(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.can_edit_program(request.user, self.conference_of(obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        chaired = permissions.chaired_conferences(request.user)
        if db_field.name == "conference":
            kwargs["queryset"] = chaired
        elif db_field.name == "room":
            kwargs["queryset"] = Room.objects.filter(conference__in=chaired).select_related(
                "conference"
            )
        elif db_field.name == "workshop":
            kwargs["queryset"] = Workshop.objects.filter(conference__in=chaired)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WorkshopScopedMixin:
    """Chairs edit their conferences' workshops; organizers edit their own workshops' abstract,
    website, organizer order and agenda, and nothing of the schedule."""

    schedule_fields = (
        "conference", "title", "slug", "acronym", "status", "series", "expected_attendance",
        "topics",
    )  # fmt: skip

    def get_queryset(self, request):
        visible = permissions.visible_workshops(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=visible)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            permissions.is_superuser(request.user)
            or permissions.chaired_conferences(request.user).exists()
        )

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.visible_workshops(request.user).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.can_edit_workshop(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.can_schedule_workshop(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and not permissions.can_schedule_workshop(request.user, obj):
            fields += [name for name in self.schedule_fields if name not in fields]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        readonly = self.get_readonly_fields(request, obj)
        prepopulated = super().get_prepopulated_fields(request, obj)
        return {field: sources for field, sources in prepopulated.items() if field not in readonly}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "conference":
            kwargs["queryset"] = permissions.chaired_conferences(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WorkshopPartInlineMixin:
    """An inline of a workshop: editable by whoever may edit (or, for slots, schedule) it."""

    needs_schedule_rights = False

    def _may(self, request, obj) -> bool:
        if obj is None:
            return True
        if self.needs_schedule_rights:
            return permissions.can_schedule_workshop(request.user, obj)
        return permissions.can_edit_workshop(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)


class SharedAcrossEditionsMixin:
    """A record that editions share (a person, a series): each user finds the rows `visible`
    gives them, and changes or deletes one only if `may_edit` says so."""

    visible: Callable[..., QuerySet]
    may_edit: Callable[..., bool]

    def get_queryset(self, request):
        rows = self.visible(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=rows)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.may_edit(request.user, obj))


class PersonScopedMixin(SharedAcrossEditionsMixin):
    """People, and their private addresses only where permissions.people_with_visible_address
    allows: in the list, its search (which the admin's autocomplete runs too) and its filters,
    and in the form; an address typed into a new person's form is the one exception."""

    visible = staticmethod(permissions.visible_people)
    may_edit = staticmethod(permissions.can_edit_person)

    def get_queryset(self, request):
        addressable = permissions.people_with_visible_address(request.user)
        return (
            super()
            .get_queryset(request)
            .annotate(address_visible=Exists(addressable.filter(pk=OuterRef("pk"))))
        )

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if permissions.is_program_chair(request.user):
            return shown
        return [name for name in shown if name != "address"]

    @admin.display(description="e-mail address")
    def address(self, obj) -> str | None:
        return obj.email if obj.address_visible else None

    def get_search_results(self, request, queryset, search_term):
        found, _ = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if not term:
            return found, False
        by_address = permissions.people_with_visible_address(request.user).filter(
            email__icontains=term
        )
        matches = Q(pk__in=found.values("pk")) | Q(pk__in=by_address.values("pk"))
        return queryset.filter(matches), False

    def lookup_allowed(self, lookup, value, request):
        # A filter in the address bar (?email__startswith=a) would answer, a letter at a time,
        # who has which address: the admin refuses it (400) to all but superusers.
        if lookup.split(LOOKUP_SEP)[0] == "email" and not permissions.is_superuser(request.user):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is not None and not permissions.can_see_address(request.user, obj):
            excluded.append("email")
        return excluded


class OfWorkshopScopedMixin:
    """A row that belongs to one workshop (a paper): seen by whoever sees the workshop, added,
    changed and deleted by whoever may edit it (its chairs and its organizers)."""

    def get_queryset(self, request):
        visible = permissions.visible_workshops(request.user).values("pk")
        return super().get_queryset(request).filter(workshop__in=visible)

    # Adding is the model permission's (chairs and organizers have it): the form's workshop
    # field offers only the workshops this user may edit (formfield_for_foreignkey).

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.visible_workshops(request.user).filter(pk=obj.workshop_id).exists()

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (
            obj is None or permissions.can_edit_workshop(request.user, obj.workshop)
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (
            obj is None or permissions.can_edit_workshop(request.user, obj.workshop)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "workshop":
            kwargs["queryset"] = permissions.editable_workshops(request.user).select_related(
                "conference"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
