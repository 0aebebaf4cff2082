"""The admin's "Import accepted papers" page on a workshop: upload an OpenReview or CMT CSV,
preview what it would change, confirm to apply it, all or nothing. Reading and applying are
workshops.exchange.importers.papers_csv's; the workshop's chairs and organizers may use it."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts import permissions
from workshops.backoffice.imports import MAX_UPLOAD_BYTES, ProgramUploadForm, stash, unstash
from workshops.exchange.importers import refusal
from workshops.exchange.importers.papers_csv import papers_import, parse_papers_csv
from workshops.exchange.importers.plan import ImportFileError
from workshops.models import Workshop

_SESSION_KEY = "papers-import-{pk}"


class PapersUploadForm(forms.Form):
    file = ProgramUploadForm.base_fields["file"].__class__(
        help_text="A CSV of accepted papers, as OpenReview or CMT export it: Title, Authors, "
        "Author Affiliations or Author Emails, Abstract, Decision or Track, Link."
    )
    clean_file = ProgramUploadForm.clean_file


class WorkshopPapersImportMixin:
    """An "Import accepted papers" page for each workshop, linked from its change page."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import_papers"
        view = self.admin_site.admin_view(self.import_papers_view)
        return [path("<path:object_id>/import-papers/", view, name=name)] + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and permissions.can_edit_workshop(request.user, obj):
            context["import_papers_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_import_papers", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def import_papers_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        object_id = unquote(object_id)
        if not object_id.isdigit():
            raise Http404("No workshop has that number.")
        workshop = get_object_or_404(Workshop.objects.select_related("conference"), pk=object_id)
        if not permissions.can_edit_workshop(request.user, workshop):
            raise PermissionDenied
        key = _SESSION_KEY.format(pk=workshop.pk)
        if request.method == "POST" and "confirm" in request.POST:
            stashed = unstash(request, key, request.POST.get("token", ""))
            if stashed is None:
                problem = "That preview has expired or was already imported; upload the file again."
                return self._papers_page(request, workshop, PapersUploadForm(), None, "", problem)
            try:
                report = papers_import(plan=parse_papers_csv(stashed["content"]), workshop=workshop)
            except (ImportFileError, ValidationError) as error:
                problem = refusal(stashed["name"], error)
                return self._papers_page(request, workshop, PapersUploadForm(), None, "", problem)
            self.message_user(request, f"Imported {stashed['name']}: {report.summary}")
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[workshop.pk]
                )
            )
        form = PapersUploadForm(request.POST or None, request.FILES or None)
        report, token, problem = None, "", ""
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                report = papers_import(
                    plan=parse_papers_csv(content), workshop=workshop, dry_run=True
                )
            except (ImportFileError, ValidationError) as error:
                problem = refusal(upload.name, error)
            else:
                token = stash(request, key, upload.name, "papers-csv", content)
        return self._papers_page(request, workshop, form, report, token, problem)

    def _papers_page(self, request, workshop, form, report, token, problem) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import accepted papers into {workshop}",
            "workshop": workshop,
            "form": form,
            "report": report,
            "token": token,
            "problem": problem,
            "max_size": MAX_UPLOAD_BYTES,
            "opts": self.opts,
            "original": workshop,
        }
        return TemplateResponse(request, "admin/workshops/workshop/import_papers.html", context)
