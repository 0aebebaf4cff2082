"""The chairs' schedule board of a conference, one day at a time: drawn by the server
(program/board.py), made draggable by static/js/board.js, whose drops post here and go through
services.slot_place, the rules of the slot form, and the edit-conflict check of the admin's
forms. Chairs change it; the conference's organizers and the staff read it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from accounts import permissions
from workshops.models import Conference, TimeSlot, Workshop
from workshops.program import board, fingerprints, services
from workshops.program.locking import lock_for_edit


def _on_step(value: dt.time | None) -> None:
    if value is not None and (value.minute % board.STEP_MINUTES or value.second):
        raise ValidationError(f"Times on the board go in steps of {board.STEP_MINUTES} minutes.")


class DropForm(forms.Form):
    """What a drop posts: a card (a slot, or a workshop from the side list), where it landed
    (a room, or none for a plenary item across every room), the day and venue clock times,
    and the fingerprint of the card as the board showed it."""

    slot = forms.IntegerField(required=False, min_value=1)
    workshop = forms.IntegerField(required=False, min_value=1)
    room = forms.IntegerField(required=False, min_value=1)
    day = forms.DateField(input_formats=["%Y-%m-%d"])
    start = forms.TimeField(input_formats=["%H:%M"], validators=[_on_step])
    end = forms.TimeField(input_formats=["%H:%M"], validators=[_on_step], required=False)
    opened = forms.CharField(required=False, max_length=64)
    another = forms.BooleanField(required=False)  # a further slot of a scheduled workshop

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if bool(cleaned["slot"]) == bool(cleaned["workshop"]):
            raise ValidationError("Drop one card: a slot or a workshop from the side list.")
        if cleaned["slot"] and not cleaned["opened"]:
            raise ValidationError("A slot's drop says how the board showed it; reload the board.")
        conference = self.conference
        if cleaned["day"] not in conference.days:
            raise ValidationError(f"That day is not one of {conference}'s days.")
        cleaned["room"] = self._room(cleaned["room"])
        if cleaned["slot"]:
            cleaned["slot"] = self._one(conference.slots.select_related("workshop"), "slot")
        else:
            cleaned["workshop"] = self._one(
                conference.workshops.exclude(status=Workshop.Status.CANCELLED), "workshop"
            )
        tz = conference.tz
        cleaned["start"] = dt.datetime.combine(cleaned["day"], cleaned["start"], tzinfo=tz)
        if cleaned["end"] is not None:
            end = dt.datetime.combine(cleaned["day"], cleaned["end"], tzinfo=tz)
            cleaned["end"] = end if end > cleaned["start"] else end + dt.timedelta(days=1)
        return cleaned

    def _room(self, pk: int | None):
        if pk is None:
            return None
        room = self.conference.rooms.filter(pk=pk).first()
        if room is None:
            raise ValidationError(f"That room is not one of {self.conference}'s rooms.")
        return room

    def _one(self, rows, name: str):
        found = rows.filter(pk=self.cleaned_data[name]).first()
        if found is None:
            raise ValidationError(f"That {name} is not on {self.conference}'s board.")
        return found


class ReturnToBoardMixin:
    """A workshop added from a board (its add form opened with ?board=<day>) returns there
    after "Save", to wait in the side list."""

    def response_add(self, request, obj, post_url_continue=None):
        day = request.GET.get("board", "")
        if "_save" in request.POST and obj.conference_id and _is_date(day):
            return HttpResponseRedirect(
                f"{reverse('admin:workshops_conference_board', args=[obj.conference_id])}?day={day}"
            )
        return super().response_add(request, obj, post_url_continue)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _refusal(error: ValidationError, status: int) -> JsonResponse:
    messages = list(dict.fromkeys(error.messages))  # each once, in order
    return JsonResponse({"ok": False, "error": " ".join(messages)}, status=status)


class ConferenceBoardMixin:
    """On a conference: its schedule board and the drops it posts."""

    def get_urls(self):
        opts = self.opts
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/board/drop/",
                wrap(require_POST(self.board_drop_view)),
                name=f"{opts.app_label}_{opts.model_name}_board_drop",
            ),
            path(
                "<path:object_id>/board/",
                wrap(self.board_view),
                name=f"{opts.app_label}_{opts.model_name}_board",
            ),
        ] + super().get_urls()

    def _board_conference(self, request, object_id: str) -> Conference:
        # Organizers read the board of a conference they cannot open in the admin.
        pk = unquote(object_id)
        conference = Conference.objects.filter(pk=pk).first() if pk.isdigit() else None
        if conference is None or not permissions.can_preview_conference(request.user, conference):
            raise PermissionDenied
        return conference

    def board_view(self, request, object_id: str):
        conference = self._board_conference(request, object_id)
        day = request.GET.get("day", "")
        day = dt.date.fromisoformat(day) if _is_date(day) else None
        shown = board.board_for(conference=conference, day=day)
        editable = permissions.can_edit_program(request.user, conference)
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Schedule board: {conference}",
            "subtitle": f"{shown.day_label}, times in {conference.timezone}",
            "board": shown,
            "editable": editable,
            "drop_url": reverse(f"{prefix}_board_drop", args=[conference.pk]),
            "board_url": reverse(f"{prefix}_board", args=[conference.pk]),
            "new_slot_minutes": int(board.NEW_SLOT_LENGTH.total_seconds() // 60),
            "add_url": f"{reverse('admin:workshops_workshop_add')}?conference={conference.pk}"
            f"&board={shown.day:%Y-%m-%d}",
            "opts": self.opts,
            "original": conference if self.has_view_permission(request, conference) else None,
        }
        return TemplateResponse(request, "admin/workshops/conference/board.html", context)

    def board_drop_view(self, request, object_id: str):
        conference = self._board_conference(request, object_id)
        if not permissions.can_edit_program(request.user, conference):
            return JsonResponse(
                {"ok": False, "error": "You may read this board, not change it."}, status=403
            )
        form = DropForm(request.POST, conference=conference)
        if not form.is_valid():
            errors = [message for messages in form.errors.values() for message in messages]
            return _refusal(ValidationError(errors), 400)
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the edit check's lock is held until the slot is saved
                slot = self._place(data)
        except ValidationError as error:
            return _refusal(error, 409)
        return JsonResponse({"ok": True, "slot": slot.pk})

    def _place(self, data) -> TimeSlot:
        """The drop as a slot placed by services.slot_place, once the card is known to be as
        the board showed it."""
        if data["slot"] is not None:
            saved = lock_for_edit(data["slot"])
            label = f"time slot of “{data['slot'].label}”"
            fingerprints.check_unchanged_since(saved, name=label, opened=data["opened"])
            slot = TimeSlot.objects.select_related("workshop", "room", "conference").get(
                pk=saved.pk
            )
            end = data["end"] or data["start"] + slot.duration
        else:
            workshop = lock_for_edit(data["workshop"])
            if not data["another"]:
                fingerprints.check_still_without(workshop, name=f"“{workshop}”", part="slots")
            slot = TimeSlot(workshop=workshop, conference=workshop.conference)
            end = data["end"] or data["start"] + board.NEW_SLOT_LENGTH
        return services.slot_place(slot=slot, room=data["room"], start=data["start"], end=end)
