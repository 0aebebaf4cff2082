"""The admin site: Django's, with an autocomplete whose labels a model admin may word.

A model admin with autocomplete_label(obj) words each result's text (Django's is str(obj)),
and with get_autocomplete_queryset(request, queryset) prefetches what that label reads, so
the search keeps a fixed number of queries."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from accounts import permissions


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def get_queryset(self):
        rows = super().get_queryset()
        prepare = getattr(self.model_admin, "get_autocomplete_queryset", None)
        return rows if prepare is None else prepare(self.request, rows)

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        return result if label is None else {**result, "text": label(obj)}


class ProgramAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        # The chair tools' first stop: each conference's schedule board this user may read.
        boards = permissions.board_conferences(request.user).order_by("-start_date", "name")
        return super().index(request, {**(extra_context or {}), "boards": boards})

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)
