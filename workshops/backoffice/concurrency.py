"""Two chairs at once in the admin. A change form carries the fingerprint of what it showed,
and a save over someone else's change since is refused (fingerprints.check_unchanged_since); a
slot's form holds its room while it is checked (services.slot_hold_rooms). The rules are
theirs; these forms only hand them the input, inside the admin's transaction."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import flatten_fieldsets

from workshops.program import fingerprints, services
from workshops.program.locking import lock_for_edit

OPENED_FIELD = "opened_fingerprint"


class EditConflictForm(forms.ModelForm):
    """A change form that refuses to save over a change made since it was opened."""

    opened_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    edit_conflict_parts: tuple[str, ...] = ()  # set by EditConflictAdminMixin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding and not self.is_bound:
            self.initial[OPENED_FIELD] = fingerprints.fingerprint(
                self.instance, parts=self.edit_conflict_parts
            )

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance._state.adding:
            fingerprints.check_unchanged_since(
                lock_for_edit(self.instance),
                name=self.instance._meta.verbose_name,
                opened=cleaned_data.get(OPENED_FIELD, ""),
                parts=self.edit_conflict_parts,
            )
        return cleaned_data


class EditConflictAdminMixin:
    """The change form of a ModelAdmin, with its inlines, as an EditConflictForm."""

    form = EditConflictForm

    def edit_conflict_parts(self) -> tuple[str, ...]:
        """The reverse relations the page edits: those of its inlines."""
        return tuple(_accessor(self.model, inline) for inline in self.inlines)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.edit_conflict_parts = self.edit_conflict_parts()
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or OPENED_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], OPENED_FIELD]}), *rest]


def _accessor(parent, inline) -> str:
    fk = next(
        field
        for field in inline.model._meta.fields
        if field.many_to_one
        and field.related_model is parent
        and inline.fk_name in (None, field.name)
    )
    return fk.remote_field.get_accessor_name()


class SlotForm(forms.ModelForm):
    """A time slot's form, checked as services.slot_save checks it: a changed slot holds its
    room (services.slot_hold_rooms) before the model's validation, which follows clean(), so a
    booking racing it waits, then sees it and is refused by the same check. The admin then
    saves it with services.slot_save."""

    def clean(self):
        cleaned_data = super().clean()
        if self.has_changed():
            services.slot_hold_rooms(rooms=[cleaned_data.get("room")])
        return cleaned_data


class TimeSlotAdminForm(SlotForm, EditConflictForm):
    pass
