"""The admin of papers: a workshop's accepted papers with their authors in order, edited by
the workshop's chairs and organizers (backoffice.scope.OfWorkshopScopedMixin)."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from workshops.backoffice.scope import OfWorkshopScopedMixin
from workshops.models import AgendaItem, Paper, PaperAuthor
from workshops.program import services


class PaperAuthorFormSet(BaseInlineFormSet):
    def authors_in_order(self) -> list:
        """(person, affiliation) of the rows by their positions; a blank position keeps the
        row after the one above it."""
        keyed, key = [], 0
        for form in self.forms:
            person = form.cleaned_data.get("person")
            if person is None or self._should_delete_form(form):
                continue
            key = form.cleaned_data.get("position") or key
            keyed.append((key, person, form.cleaned_data.get("affiliation") or ""))
        return [(person, aff) for _, person, aff in sorted(keyed, key=lambda row: row[0])]


class PaperAuthorInline(admin.TabularInline):
    model = PaperAuthor
    formset = PaperAuthorFormSet
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["position", "person", "affiliation"]
    verbose_name_plural = "authors (in the order the paper lists them)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["queryset"] = permissions.visible_people(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position":
            field.required = False
            field.widget.attrs.update(size=3, placeholder="auto")
        return field


@admin.register(Paper)
class PaperAdmin(OfWorkshopScopedMixin, SimpleHistoryAdmin):
    list_display = ["title", "workshop", "session", "board", "mark"]
    list_filter = ["workshop__conference", "mark"]
    list_select_related = ["workshop__conference", "session"]
    search_fields = ["title", "authors__name", "workshop__title"]
    inlines = [PaperAuthorInline]
    fieldsets = [
        (None, {"fields": ["workshop", "title", "abstract", "mark"]}),
        ("Where it is presented", {"fields": ["session", "board"]}),
        ("Links", {"fields": ["pdf_url", "page_url", "code_url", "video_url"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "session":
            editable = permissions.editable_workshops(request.user)
            kwargs["queryset"] = (
                AgendaItem.objects.filter(
                    workshop__in=editable,
                    kind__in=[AgendaItem.Kind.PAPERS, AgendaItem.Kind.POSTERS],
                )
                .select_related("workshop")
                .order_by("workshop__title", "start")
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "session" and field is not None:
            field.label_from_instance = lambda item: f"{item.workshop.title}: {item.title}"
        return field

    def save_model(self, request, obj, form, change):
        services.paper_save(paper=obj)

    def save_formset(self, request, form, formset, change):
        if isinstance(formset, PaperAuthorFormSet):
            formset.save(commit=False)
            services.paper_set_authors(paper=formset.instance, authors=formset.authors_in_order())
            return None
        return super().save_formset(request, form, formset, change)
