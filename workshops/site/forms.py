"""Forms of the public pages. They only check input; selectors and services act on it."""

from __future__ import annotations

import datetime as dt

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms

from workshops.program.times import day_label
from workshops.site.filters import FilterOptions, ProgramFilters


class ProgramFilterForm(forms.Form):
    """The GET form above the listing and the schedule: text, room, day.

    A value that is not a choice (an old bookmark, a typo in the address) is reported under its
    field and left out of the filters, so the page still shows, never an error page.
    """

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Title, organizer, topic"}),
        error_messages={"max_length": "The search text is too long (at most 200 characters)."},
    )
    room = forms.ChoiceField(
        label="Room",
        required=False,
        error_messages={"invalid_choice": "There is no room “%(value)s”; showing all rooms."},
    )
    day = forms.ChoiceField(
        label="Day",
        required=False,
        error_messages={
            "invalid_choice": "“%(value)s” is not a day of the program; showing all days."
        },
    )

    topic = forms.ChoiceField(
        label="Topic",
        required=False,
        error_messages={"invalid_choice": "There is no topic “%(value)s”; showing all topics."},
    )

    def __init__(self, data=None, *, options: FilterOptions, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["room"].choices = [
            ("", "All rooms"),
            *((room.slug, room.name) for room in options.rooms),
        ]
        self.fields["day"].choices = [
            ("", "All days"),
            *((day.isoformat(), day_label(day)) for day in options.days),
        ]
        self.fields["topic"].choices = [
            ("", "All topics"),
            *((topic.slug, topic.name) for topic in options.topics),
        ]
        shown = [Field("q"), Field("room"), Field("day")]
        if options.topics:
            shown.append(Field("topic"))
        else:  # an edition without topics: no empty choice to offer
            del self.fields["topic"]
        self.helper = FormHelper(self)
        self.helper.form_method = "get"
        self.helper.form_class = "filters"
        self.helper.attrs = {"role": "search", "aria-label": "Filter the program"}
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(*shown, css_class="filters__fields"),
            Div(StrictButton("Filter", type="submit"), css_class="filters__go"),
        )

    def clean_day(self) -> dt.date | None:
        value = self.cleaned_data["day"]
        return dt.date.fromisoformat(value) if value else None

    def filters(self) -> ProgramFilters:
        """The valid part of the input: a field with an error does not narrow anything."""
        if not self.is_bound:
            return ProgramFilters()
        self.is_valid()
        data = self.cleaned_data
        return ProgramFilters(
            room=data.get("room") or "",
            day=data.get("day"),
            q=(data.get("q") or "").strip(),
            topic=data.get("topic") or "",
        )
