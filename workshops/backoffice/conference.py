"""The admin of conferences, their rooms and their releases."""

from django.contrib import admin

from accounts import permissions
from accounts.models import User
from workshops.backoffice.board import ConferenceBoardMixin
from workshops.backoffice.concurrency import (
    EditConflictAdminMixin,
)
from workshops.backoffice.exports import ConferenceExportsMixin
from workshops.backoffice.imports import ConferenceImportMixin
from workshops.backoffice.scope import (
    ConferenceScopedMixin,
)
from workshops.backoffice.tools import (
    ConferenceProgramMixin,
    ReleaseAdminMixin,
)
from workshops.models import (
    Conference,
    Release,
    Room,
    Topic,
)
from workshops.program import releases


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "capacity", "position"]


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["position", "name", "slug", "colour"]
    prepopulated_fields = {"slug": ["name"]}
    verbose_name_plural = "topics (the tracks of the exports; shown with their colour)"


@admin.register(Conference)
class ConferenceAdmin(
    EditConflictAdminMixin,
    ConferenceScopedMixin,
    ConferenceProgramMixin,
    ConferenceBoardMixin,
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
    inlines = [RoomInline, TopicInline]
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
        # Published with changes that go public when released: the first publication is a
        # release, made with the rest of the form's save.
        releases.conference_publish_released(conference=form.instance, user=request.user)


@admin.register(Room)
class RoomAdmin(ConferenceScopedMixin, admin.ModelAdmin):
    list_display = ["name", "conference", "capacity", "position"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    search_fields = ["name", "conference__name"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["conference", "position", "name"]


@admin.register(Release)
class ReleaseAdmin(ConferenceScopedMixin, ReleaseAdminMixin, admin.ModelAdmin):
    pass
