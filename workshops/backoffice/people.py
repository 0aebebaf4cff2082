"""The admin of people (organizers) and of workshop series: records that editions share, so
each is scoped by accounts.permissions (visible_people, visible_series and their edit rules)."""

from django.contrib import admin
from django.db.models import Prefetch

from accounts import permissions
from workshops.backoffice.scope import PersonScopedMixin, SharedAcrossEditionsMixin
from workshops.models import (
    Organizer,
    WorkshopSeries,
)


@admin.register(Organizer)
class OrganizerAdmin(PersonScopedMixin, admin.ModelAdmin):
    list_display = ["name", "affiliation", "address"]
    search_fields = ["name", "affiliation"]  # and the address, where PersonScopedMixin allows
    prepopulated_fields = {"slug": ["name"]}

    def get_exclude(self, request, obj=None):
        excluded = super().get_exclude(request, obj)
        # Only a superuser links a person to an account (it grants rights).
        return excluded if permissions.is_superuser(request.user) else [*excluded, "user"]

    def get_autocomplete_queryset(self, request, queryset):
        # Only the workshops this user may see: a draft of another conference stays unnamed.
        shown = (
            permissions.visible_workshops(request.user)
            .select_related("conference")
            .order_by("-conference__year", "title", "pk")
        )
        return queryset.prefetch_related(
            Prefetch("workshops", queryset=shown, to_attr="shown_workshops")
        )

    def autocomplete_label(self, person: Organizer) -> str:
        """Name, affiliation and workshops, so that namesakes differ; never the address."""
        details = [person.affiliation] if person.affiliation else []
        details += [f"{w.title} ({w.conference.year})" for w in person.shown_workshops]
        return " — ".join([person.name, " · ".join(details)]) if details else person.name


@admin.register(WorkshopSeries)
class WorkshopSeriesAdmin(SharedAcrossEditionsMixin, admin.ModelAdmin):
    visible = staticmethod(permissions.visible_series)
    may_edit = staticmethod(permissions.can_edit_series)
    list_display = ["name", "slug", "guid"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
