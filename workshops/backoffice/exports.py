"""The admin's downloads: every export format on a conference's page, and a calendar of the
workshops a chair selects. They use the same registry as the export page and export_program."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from workshops.exchange import exporters
from workshops.exchange.exporters import ical
from workshops.models import Conference
from workshops.program import selectors


class ConferenceExportsMixin:
    """A "downloads" field with one link per format, served by the admin's own export view."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        view = self.admin_site.admin_view(self.export_view)
        return [
            path("<path:object_id>/export/<str:identifier>", view, name=name)
        ] + super().get_urls()

    def export_view(self, request: HttpRequest, object_id: str, identifier: str) -> HttpResponse:
        conference = self.get_object(request, unquote(object_id))
        if conference is None:
            raise Http404("No such conference.")
        if not self.has_view_permission(request, conference):
            raise PermissionDenied
        try:
            exporter = exporters.get_exporter(identifier, request.GET)
        except exporters.UnknownFormat as error:
            raise Http404(str(error)) from error
        program = selectors.program_live(conference, base_url=request.build_absolute_uri("/"))
        return exporter.response(program)

    @admin.display(description="downloads")
    def exports(self, obj: Conference) -> str:
        if obj.pk is None:
            return "Save the conference to download its program."
        links = format_html_join(
            " · ",
            '<a href="{}" download>{}</a>',
            (
                (reverse("admin:workshops_conference_export", args=[obj.pk, e.identifier]), e.label)
                for e in exporters.EXPORTERS.values()
            ),
        )
        if obj.published:
            return links
        return format_html(
            "{}<br>This conference is not published: its exports hold only the plenary items. "
            "Workshops are exported once the conference is published.",
            links,
        )


@admin.action(description="Download a calendar (.ics) of the selected workshops")
def download_calendar(modeladmin, request, queryset):
    conference_ids = set(queryset.values_list("conference", flat=True))
    if len(conference_ids) != 1:
        modeladmin.message_user(
            request,
            "Select workshops of one conference: a calendar holds one conference's program.",
            messages.ERROR,
        )
        return None
    conference = Conference.objects.get(pk=conference_ids.pop())
    program = selectors.program_live(conference, base_url=request.build_absolute_uri("/"))
    slots = ical.workshop_slots(program, queryset.values_list("pk", flat=True))
    if not slots:
        modeladmin.message_user(
            request,
            "None of the selected workshops is public and scheduled; drafts are never exported.",
            messages.WARNING,
        )
        return None
    content = ical.render_calendar(program, slots, name=f"{conference.name}: selected workshops")
    return ical.calendar_response(content, filename=f"{conference.slug}-workshops.ics")
