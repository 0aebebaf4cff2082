"""What the model admins share: venue time in forms, and a refusal at save time as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone

from accounts import permissions
from workshops.models import Conference


def message_refusal(modeladmin, request, error: ValidationError, closing: str) -> None:
    """A service's refusal as error messages, each once, then `closing` (what was not done)."""
    for message in error.messages:
        modeladmin.message_user(request, message, messages.ERROR)
    modeladmin.message_user(request, closing, messages.ERROR)


class ServiceRefusalMixin:
    """A service's refusal at save time (a booking that raced this one past the form's
    checks) as an error message; the admin's transaction was rolled back whole."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ValidationError as error:
            message_refusal(self, request, error, "Nothing was saved.")
            return HttpResponseRedirect(request.get_full_path())


def conference_chosen(request) -> Conference | None:
    """The conference a form's times and rooms belong to, as posted or preset (?conference=),
    among those the user chairs; None until one is chosen."""
    if not hasattr(request, "_conference_chosen"):
        chosen = request.POST.get("conference") or request.GET.get("conference") or ""
        chaired = permissions.chaired_conferences(request.user)
        request._conference_chosen = chaired.filter(pk=chosen).first() if chosen.isdigit() else None
    return request._conference_chosen


class VenueTimeMixin:
    """Show and read a program's times in its conference's time zone, never the server's (UTC);
    a new row's rooms are the chosen conference's. static/js/conference-choice.js reloads an
    add form with ?conference= when its conference changes."""

    class Media:
        js = ["js/conference-choice.js"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        conference = self._conference_of_request(request, object_id)
        heading = str(self.get_object(request, object_id) or "") if object_id else ""
        if conference is None:
            note = "" if object_id else "Choose the conference first: times are in its time zone"
            extra_context = {**(extra_context or {}), "subtitle": note or heading}
            return super().changeform_view(request, object_id, form_url, extra_context)
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        conference = conference_chosen(request)
        if db_field.name == "room" and conference is not None and field is not None:
            field.queryset = field.queryset.filter(conference=conference)
        return field

    def _conference_of_request(self, request, object_id) -> Conference | None:
        # A posted (or preset) conference wins: it is the one the times will belong to.
        chosen = conference_chosen(request)
        if chosen is not None or not (object_id and str(object_id).isdigit()):
            return chosen
        pk = self.model.objects.filter(pk=object_id).values_list("conference", flat=True)
        return Conference.objects.filter(pk__in=pk).first()
