"""What the model admins share: venue time in forms, and a refusal at save time as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone

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
