"""The admin's "Import a program" page on a conference: upload a file, preview what a dry run
would change, confirm to apply it. Parsing and applying are the importers' business
(workshops.exchange.importers)."""

from __future__ import annotations

import base64
import secrets
import zlib

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts import permissions
from workshops.exchange import importers
from workshops.models import Conference

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_SESSION_KEY = "program-import-{pk}"


class ProgramUploadForm(forms.Form):
    file = forms.FileField(
        help_text=f"At most {filesizeformat(MAX_UPLOAD_BYTES)}: a schedule.xml or schedule.json "
        "(this site's, pretalx's or frab's) or this site's CSV."
    )
    format = forms.ChoiceField(
        choices=[("", "Detect from the file"), *importers.FORMAT_LABELS.items()],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; at most "
                f"{filesizeformat(MAX_UPLOAD_BYTES)} can be imported."
            )
        return upload


def stash(request: HttpRequest, key: str, name: str, fmt: str, content: bytes) -> str:
    """Keep the previewed file in the session under `key`, compressed, until confirmed: no
    file on disk."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {
        "token": token,
        "name": name,
        "format": fmt,
        "content": base64.b64encode(zlib.compress(content)).decode(),
    }
    return token


def unstash(request: HttpRequest, key: str, token: str) -> dict | None:
    """The file stash() kept under `key` with this token, once; None when there is none."""
    stashed = request.session.get(key)
    if not stashed or not secrets.compare_digest(stashed["token"], token or ""):
        return None
    del request.session[key]
    return {**stashed, "content": zlib.decompress(base64.b64decode(stashed["content"]))}


class ConferenceImportMixin:
    """An "Import a program" page for each conference, linked from its change page."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("<path:object_id>/import/", view, name=name)] + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and permissions.can_edit_program(request.user, obj):
            context["import_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_import", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def import_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        object_id = unquote(object_id)
        if not object_id.isdigit():  # such as "1/change": no such page, not a server error
            raise Http404("No conference has that number.")
        conference = get_object_or_404(Conference, pk=object_id)
        if not permissions.can_edit_program(request.user, conference):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirm(request, conference)
        form = ProgramUploadForm(request.POST or None, request.FILES or None)
        report, token, problem = None, "", ""
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            fmt = form.cleaned_data["format"] or importers.sniff_format(content, upload.name)
            try:
                plan = importers.parse_program(content, filename=upload.name, format=fmt)
                report = importers.program_import(
                    plan=plan, conference=conference, dry_run=True, user=request.user
                )
            except (importers.ImportFileError, ValidationError) as error:
                problem = importers.refusal(upload.name, error)
            else:
                key = _SESSION_KEY.format(pk=conference.pk)
                token = stash(request, key, upload.name, fmt, content)
        return self._import_page(request, conference, form, report, token, problem)

    def _import_confirm(self, request: HttpRequest, conference: Conference) -> HttpResponse:
        key = _SESSION_KEY.format(pk=conference.pk)
        stashed = unstash(request, key, request.POST.get("token", ""))
        if stashed is None:
            problem = "That preview has expired or was already imported; upload the file again."
            return self._import_page(request, conference, ProgramUploadForm(), None, "", problem)
        try:
            plan = importers.parse_program(
                stashed["content"], filename=stashed["name"], format=stashed["format"]
            )
            report = importers.program_import(
                plan=plan,
                conference=conference,
                apply_status=request.POST.get("apply_status") == "1",
                user=request.user,
            )
        except (importers.ImportFileError, ValidationError) as error:
            # The program changed since the preview; nothing was saved.
            problem = importers.refusal(stashed["name"], error)
            return self._import_page(request, conference, ProgramUploadForm(), None, "", problem)
        self.message_user(
            request, f"Imported {stashed['name']}: {report.summary} {report.status_summary}".strip()
        )
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[conference.pk]
            )
        )

    def _import_page(self, request, conference, form, report, token, problem) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import a program into {conference}",
            "conference": conference,
            "form": form,
            "report": report,
            "token": token,
            "problem": problem,
            "max_size": MAX_UPLOAD_BYTES,
            "opts": self.opts,
            "original": conference,
        }
        return TemplateResponse(request, "admin/workshops/conference/import.html", context)
