"""A workshop's agenda in the admin: items entered as times of day (their date is that of the
slot that holds them), and agenda lines pasted in to fill the rows for review."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path
from django.utils import timezone

from workshops.backoffice.scope import WorkshopPartInlineMixin
from workshops.exchange.importers.agenda_text import parse_agenda_line
from workshops.models import AgendaItem, Workshop
from workshops.program import selectors, times

MAX_PASTED_LINES = 200


def _venue_zone(workshop: Workshop) -> dt.tzinfo:
    # The admin reads a workshop's times in its conference's zone; a form whose conference is
    # not chosen (yet) reads them in the one VenueTimeMixin made current.
    if workshop.conference_id:
        return workshop.conference.tz
    return timezone.get_current_timezone()


class AgendaItemForm(forms.ModelForm):
    """An agenda item entered as start and end times of day. They take the date of the
    workshop's slot that holds them (and its fold on a night the clocks go back); `day`
    chooses among slots on several days."""

    day = forms.TypedChoiceField(
        coerce=dt.date.fromisoformat, required=False, empty_value=None, choices=[]
    )
    start = forms.TimeField(widget=forms.TimeInput(format="%H:%M", attrs={"size": 5}))
    end = forms.TimeField(widget=forms.TimeInput(format="%H:%M", attrs={"size": 5}))

    class Meta:
        model = AgendaItem
        fields = ["day", "start", "end", "kind", "title", "speakers"]
        widgets = {
            "title": forms.TextInput(attrs={"size": 28}),
            "speakers": forms.Textarea(attrs={"rows": 2, "cols": 26}),
        }

    def __init__(self, *args, days: list[dt.date] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Blank: the day of the slot that holds the times.
        self.fields["day"].choices = [("", "—")] + [
            (day.isoformat(), times.day_label(day)) for day in days or []
        ]
        if self.instance.pk:
            tz = _venue_zone(self.instance.workshop)
            start, end = self.instance.start.astimezone(tz), self.instance.end.astimezone(tz)
            self.initial.update(day=start.date().isoformat(), start=start.time(), end=end.time())

    def clean(self):
        cleaned_data = super().clean()
        workshop = cleaned_data.get("workshop")  # the inline's parent, saved or not yet
        tz = _venue_zone(workshop) if workshop is not None else timezone.get_current_timezone()
        slots = self.instance.slots_as_entered
        if slots is None:
            slots = list(workshop.slots.all()) if workshop is not None and workshop.pk else []
        start, end, day = (cleaned_data.get(name) for name in ("start", "end", "day"))
        spans = []
        if isinstance(start, dt.time) and isinstance(end, dt.time):
            spans = times.span_in_slots(start, end, slots, tz, day=day)
        days = times.venue_days([begins for begins, _ in spans], tz)
        if len(days) > 1:
            self.add_error(
                "start",
                f"{start:%H:%M}–{end:%H:%M} fits slots on "
                f"{' and '.join(times.day_label(d) for d in days)}: save the slots, then choose "
                "the item's day.",
            )
        elif spans:
            cleaned_data["start"], cleaned_data["end"] = spans[0]
            return cleaned_data
        # Outside every slot (AgendaItem.clean() then says so, with the slots' times) or
        # refused: the times of day on the chosen day, the first slot's or the conference's.
        on = day or next(iter(times.venue_days([slot.start for slot in slots], tz)), None)
        if on is None and workshop is not None and workshop.conference_id:
            on = workshop.conference.start_date
        on = on or timezone.localdate(timezone=tz)
        for name in ("start", "end"):
            if isinstance(cleaned_data.get(name), dt.time):
                cleaned_data[name] = dt.datetime.combine(on, cleaned_data[name], tzinfo=tz)
        return cleaned_data


class AgendaItemFormSet(BaseInlineFormSet):
    slot_formset: BaseInlineFormSet | None = None

    def full_clean(self):
        # Each item is checked (AgendaItem.clean) against the slots as they are in this same
        # form; while those have errors of their own, against the saved ones.
        if self.slot_formset is not None and self.is_bound:
            slots = self.slot_formset.pending_instances() if self.slot_formset.is_valid() else None
            for form in self.forms:
                form.instance.slots_as_entered = slots
        super().full_clean()

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "days": self.slot_days}

    @property
    def slot_days(self) -> list[dt.date]:
        if not hasattr(self, "_slot_days"):
            self._slot_days = selectors.slot_days_for_agenda(workshop=self.instance)
        return self._slot_days


class AgendaItemInline(WorkshopPartInlineMixin, admin.TabularInline):
    model = AgendaItem
    form = AgendaItemForm
    formset = AgendaItemFormSet
    extra = 0
    template = "admin/workshops/workshop/agenda_inline.html"

    class Media:
        css = {"all": ["css/admin-workshop.css"]}
        js = ["js/admin-workshop.js"]

    def get_fields(self, request, obj=None):
        # A day to choose only when the workshop's slots lie on several days.
        several = obj is not None and len(selectors.slot_days_for_agenda(workshop=obj)) > 1
        return ["day"] * several + ["start", "end", "kind", "title", "speakers"]


def agenda_rows(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """The agenda inline's rows for pasted agenda lines, and what is wrong with the others."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)]
    lines = [(number, line) for number, line in lines if line]
    if len(lines) > MAX_PASTED_LINES:
        return [], [f"Paste at most {MAX_PASTED_LINES} lines at a time."]
    rows, errors = [], []
    for number, line in lines:
        item = parse_agenda_line(line)
        if item is None or not item.title:
            errors.append(f"Line {number} is not “HH:MM-HH:MM Title: Speaker”: {line}")
            continue
        rows.append(
            {
                "start": f"{item.start:%H:%M}",
                "end": f"{item.end:%H:%M}",
                "kind": item.kind,
                "title": item.title,
                "speakers": item.speakers,
            }
        )
    return ([] if errors else rows), errors


class AgendaPasteMixin:
    """An admin URL that reads pasted agenda lines into rows for the agenda inline to show."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.agenda_lines_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_agenda_lines"
        return [path("agenda-lines/", view, name=name), *super().get_urls()]

    def agenda_lines_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        rows, errors = agenda_rows(request.POST.get("text", ""))
        return JsonResponse({"rows": rows, "errors": errors}, status=400 if errors else 200)
