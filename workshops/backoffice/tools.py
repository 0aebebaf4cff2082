"""The chairs' program tools in the admin: the conflicts dashboard, releases, copy-forward
and bulk actions on workshops. Decisions live in services, releases and conflicts."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from accounts import permissions
from workshops.backoffice.mixins import message_refusal
from workshops.exchange import notices
from workshops.models import (
    Conference,
    Release,
    Room,
    Workshop,
)
from workshops.models.conference import FIRST_YEAR, LAST_YEAR
from workshops.program import releases, selectors, services, validators
from workshops.program.conflicts import conflicts_for
from workshops.program.times import shift_to


def admin_change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


class CopyForwardForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="Such as MLSys 2024.")
    slug = forms.SlugField(max_length=60)
    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    continue_series = forms.BooleanField(
        required=False,
        initial=True,
        help_text="Add each workshop as a draft of the new edition, linked in its series.",
    )


class ConferenceProgramMixin:
    """On a conference: its conflicts, unreleased changes, releases and the next edition."""

    def get_urls(self):
        opts = self.opts
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/conflicts/",
                wrap(self.conflicts_view),
                name=f"{opts.app_label}_{opts.model_name}_conflicts",
            ),
            path(
                "<path:object_id>/copy-forward/",
                wrap(self.copy_forward_view),
                name=f"{opts.app_label}_{opts.model_name}_copy_forward",
            ),
        ] + super().get_urls()

    def conflicts_view(self, request, object_id: str):
        conference = self.get_object(request, unquote(object_id))
        if conference is None:  # absent, as for the admin's own pages
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, conference):
            raise PermissionDenied
        rows = [(c, admin_change_url(c.target)) for c in conflicts_for(conference)]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Program checks: {conference}",
            "conference": conference,
            "rows": rows,
            "opts": self.opts,
            "original": conference,
        }
        return TemplateResponse(request, "admin/workshops/conflicts.html", context)

    def copy_forward_view(self, request, object_id: str):
        conference = self.get_object(request, unquote(object_id))
        if conference is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (self.has_add_permission(request) and self.has_view_permission(request, conference)):
            raise PermissionDenied
        year = conference.year + 1
        form = CopyForwardForm(
            request.POST or None,
            initial={
                "name": conference.name.replace(str(conference.year), str(year)),
                "slug": conference.slug.replace(str(conference.year), str(year)),
                "year": year,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                edition = services.conference_copy_forward(
                    conference=conference, **form.cleaned_data
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                if not permissions.is_superuser(request.user):
                    edition.chairs.add(request.user)
                self.message_user(
                    request, f"{edition} is ready, unpublished, with the rooms of {conference}."
                )
                left = selectors.cancelled_workshop_count(conference=conference)
                if form.cleaned_data["continue_series"] and left:
                    self.message_user(
                        request, f"{left} cancelled workshop(s) of {conference} left behind."
                    )
                return HttpResponseRedirect(admin_change_url(edition))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Start the next edition after {conference}",
            "form": form,
            "conference": conference,
            "opts": self.opts,
            "original": conference,
        }
        return TemplateResponse(request, "admin/workshops/copy_forward.html", context)

    @admin.display(description="checks and releases")
    def program_tools(self, obj: Conference) -> str:
        if obj.pk is None:
            return "Save the conference first."
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        links = [
            (reverse(f"{prefix}_board", args=[obj.pk]), "Open the schedule board"),
            (reverse(f"{prefix}_conflicts", args=[obj.pk]), "Check the program for conflicts"),
            (
                f"{reverse('admin:workshops_release_add')}?conference={obj.pk}",
                "Release the schedule",
            ),
            (reverse(f"{prefix}_copy_forward", args=[obj.pk]), "Start the next edition"),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description="changes since the last release")
    def unreleased(self, obj: Conference) -> str:
        if obj.pk is None:
            return "—"
        changes = releases.unreleased_changes(obj)
        if not changes:
            return "None: the public program is as last released."
        items = format_html_join("", "<li>{}: {}</li>", ((c.title, c.text) for c in changes))
        return format_html("<ul>{}</ul>", items)


class ReleaseForm(forms.ModelForm):
    class Meta:
        model = Release
        fields = ["conference", "version", "comment"]


RELEASE_SHOWN = ["conference", "version", "comment", "created", "created_by", "changes", "told"]


class ReleaseAdminMixin:
    """A release is made once (with the program's snapshot) and never edited."""

    form = ReleaseForm
    list_display = ["version", "conference", "created", "created_by"]
    list_filter = ["conference"]
    list_select_related = ["conference", "created_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["conference", "version", "comment"]
        return RELEASE_SHOWN

    def get_readonly_fields(self, request, obj=None):
        return RELEASE_SHOWN if obj is not None else []

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def add_view(self, request, form_url="", extra_context=None):
        chosen = request.POST.get("conference") or request.GET.get("conference") or ""
        conference = (
            permissions.chaired_conferences(request.user).filter(pk=chosen).first()
            if chosen.isdigit()
            else None
        )
        extra_context = {
            **(extra_context or {}),
            "preview_conference": conference,
            "preview_changes": releases.unreleased_changes(conference) if conference else None,
        }
        return super().add_view(request, form_url, extra_context)

    @admin.display(description="what changed")
    def changes(self, obj: Release) -> str:
        if not obj.pk:
            return "—"
        changes = releases.changes_for(obj)
        if not changes:
            return "No change to the workshops (or the first release)."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}: {}</li>", ((c.title, c.text) for c in changes)),
        )

    @admin.display(description="organizers told")
    def told(self, obj: Release) -> str:
        notices = obj.notices.select_related("workshop", "organizer").order_by(
            "workshop__title", "organizer__name", "id"
        )
        return render_to_string("admin/workshops/release/notices.html", {"notices": notices})

    def save_model(self, request, obj, form, change):
        notices.release_publish(release=obj, user=request.user)

    def delete_model(self, request, obj):
        releases.release_delete(release=obj)

    def delete_queryset(self, request, queryset):
        for release in queryset.select_related("conference"):
            releases.release_delete(release=release)


class MoveForm(forms.Form):
    day = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The first slot's new day; empty: it keeps its day.",
    )
    start = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="The first slot's new start; empty: it keeps its time. "
        "Every other slot moves with it, and each keeps its length.",
    )
    room = forms.ModelChoiceField(
        queryset=Room.objects.none(), required=False, help_text="Empty: each slot keeps its room."
    )

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = rooms

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in ("day", "start", "room")):
            raise ValidationError("Choose a new day, a new start time or a new room.")
        return cleaned


def _schedulable(modeladmin, request, queryset):
    """The selection, if the user may schedule every workshop in it; else a message."""
    refused = [w for w in queryset if not permissions.can_schedule_workshop(request.user, w)]
    if refused:
        modeladmin.message_user(
            request,
            f"You may not change the schedule of: {', '.join(map(str, refused))}.",
            messages.ERROR,
        )
        return None
    return list(queryset)


def _status_action(status: str, verb: str):
    def action(modeladmin, request, queryset):
        workshops = _schedulable(modeladmin, request, queryset)
        if workshops is None:
            return
        try:
            count = services.workshops_set_status(workshops=workshops, status=status)
        except ValidationError as error:
            message_refusal(modeladmin, request, error, "Nothing was changed.")
            return
        modeladmin.message_user(request, f"{count} workshop(s) {verb}.")

    action.__name__ = f"set_{status}"
    return admin.action(description=f"{verb.capitalize()} the selected workshops")(action)


publish = _status_action(Workshop.Status.PUBLISHED, "published")
unpublish = _status_action(Workshop.Status.DRAFT, "unpublished (back to draft)")
cancel = _status_action(Workshop.Status.CANCELLED, "cancelled")


@admin.action(description="Move the selected workshops (day, time or room)")
def move(modeladmin, request, queryset):
    workshops = _schedulable(modeladmin, request, queryset)
    if workshops is None:
        return None
    try:
        validators.check_one_conference(workshops)
    except ValidationError as error:
        message_refusal(modeladmin, request, error, "Nothing was changed.")
        return None
    conference = workshops[0].conference
    slots = selectors.slots_for_move(workshops=workshops)
    if not slots:
        modeladmin.message_user(
            request, "None of the selected workshops has a slot to move.", messages.WARNING
        )
        return None
    rooms = Room.objects.filter(conference=conference)
    form = MoveForm(request.POST if "apply" in request.POST else None, rooms=rooms)
    if form.is_valid():
        day, start = form.cleaned_data["day"], form.cleaned_data["start"]
        shift = shift_to(slots[0].start, day=day, start=start, tz=conference.tz)
        try:
            count = services.workshops_move(
                workshops=workshops, room=form.cleaned_data["room"], shift=shift
            )
        except ValidationError as error:
            message_refusal(modeladmin, request, error, "Nothing was changed.")
            return None
        modeladmin.message_user(request, f"{count} slot(s) moved.")
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Move workshops",
        "subtitle": f"Days and times in {conference.timezone}, the venue's time zone",
        "conference": conference,
        "workshops": workshops,
        "slots": slots,
        "form": form,
        "opts": modeladmin.opts,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/workshops/move.html", context)
