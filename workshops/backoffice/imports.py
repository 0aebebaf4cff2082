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
from workshops.program.validators import validate_timezone_name

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_SESSION_KEY = "program-import-{pk}"


class PreviewChoicesForm(forms.Form):
    """What the chair chooses again on the preview: the zone and what becomes of clashes."""

    time_zone = forms.CharField(validators=[validate_timezone_name])
    clashes = forms.ChoiceField(
        choices=importers.CLASH_CHOICES.items(), widget=forms.RadioSelect, label="Events that clash"
    )


class ProgramUploadForm(forms.Form):
    file = forms.FileField(
        help_text=f"At most {filesizeformat(MAX_UPLOAD_BYTES)}: a schedule.xml or schedule.json "
        "(this site's, pretalx's or frab's) or this site's CSV."
    )
    format = forms.ChoiceField(
        choices=[("", "Detect from the file"), *importers.FORMAT_LABELS.items()],
        required=False,
    )
    time_zone = forms.CharField(
        required=False,
        validators=[validate_timezone_name],
        help_text="The zone of the file's times when the file names none (its times with an "
        "offset keep their instant); the preview says which zone it used.",
    )
    clashes = forms.ChoiceField(
        required=False,
        choices=importers.CLASH_CHOICES.items(),
        initial=importers.LEAVE_OUT,
        widget=forms.RadioSelect,
        label="Events that clash",
        help_text="Events that overlap another in their room without lying inside it; the "
        "preview names each.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; at most "
                f"{filesizeformat(MAX_UPLOAD_BYTES)} can be imported."
            )
        return upload


def stash(
    request: HttpRequest, key: str, name: str, fmt: str, content: bytes, choices: dict | None = None
) -> str:
    """Keep the previewed file in the session under `key`, compressed, until confirmed: no
    file on disk; with the chair's choices for it (a program's zone and clashes), if any."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {
        "token": token,
        "name": name,
        "format": fmt,
        **({"time_zone": choices["time_zone"], "clashes": choices["clashes"]} if choices else {}),
        "content": base64.b64encode(zlib.compress(content)).decode(),
    }
    return token


def unstash(request: HttpRequest, key: str, token: str, *, keep: bool = False) -> dict | None:
    """The file stash() kept under `key` with this token, once (or again, with `keep`); None
    when there is none."""
    stashed = request.session.get(key)
    if not stashed or not secrets.compare_digest(stashed["token"], token or ""):
        return None
    if not keep:
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
        if request.method == "POST" and "again" in request.POST:
            return self._import_again(request, conference)
        initial = {"time_zone": conference.timezone, "clashes": importers.LEAVE_OUT}
        form = ProgramUploadForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            fmt = form.cleaned_data["format"] or importers.sniff_format(content, upload.name)
            stashed = {"name": upload.name, "format": fmt, "content": content}
            choices = {
                "time_zone": form.cleaned_data["time_zone"] or conference.timezone,
                "clashes": form.cleaned_data["clashes"] or importers.LEAVE_OUT,
            }
            return self._preview(request, conference, form, stashed, choices)
        return self._import_page(request, conference, form, None, "", "")

    def _preview(self, request, conference, form, stashed: dict, choices: dict) -> HttpResponse:
        """A dry run of the file with the chair's choices; the file kept for the confirm."""
        report, token, problem = None, "", ""
        try:
            report = _dry_run(request, conference, stashed, choices)
        except (importers.ImportFileError, ValidationError) as error:
            problem = importers.refusal(stashed["name"], error)
        else:
            if report.refused:  # listed in full below; said at the top as a refusal would be
                stoppers = ValidationError([problem.message for problem in report.stoppers])
                problem = importers.refusal(stashed["name"], stoppers)
            key = _SESSION_KEY.format(pk=conference.pk)
            token = stash(
                request, key, stashed["name"], stashed["format"], stashed["content"], choices
            )
        choices_form = PreviewChoicesForm(
            initial={"time_zone": choices["time_zone"], "clashes": choices["clashes"]}
        )
        return self._import_page(
            request, conference, form, report, token, problem, choices_form=choices_form
        )

    def _import_again(self, request: HttpRequest, conference: Conference) -> HttpResponse:
        """The preview of the same file with other choices (a zone, what becomes of clashes)."""
        key = _SESSION_KEY.format(pk=conference.pk)
        stashed = unstash(request, key, request.POST.get("token", ""), keep=True)
        if stashed is None:
            problem = "That preview has expired or was already imported; upload the file again."
            return self._import_page(request, conference, ProgramUploadForm(), None, "", problem)
        choices_form = PreviewChoicesForm(request.POST)
        if not choices_form.is_valid():
            choices = {"time_zone": stashed["time_zone"], "clashes": stashed["clashes"]}
            report = _dry_run(request, conference, stashed, choices)
            return self._import_page(
                request,
                conference,
                ProgramUploadForm(),
                report,
                request.POST.get("token", ""),
                "",
                choices_form=choices_form,
            )
        return self._preview(
            request, conference, ProgramUploadForm(), stashed, choices_form.cleaned_data
        )

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
                time_zone=stashed["time_zone"],
                clashes=stashed["clashes"],
            )
            if report.refused:
                raise ValidationError(" ".join(p.message for p in report.stoppers))
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

    def _import_page(
        self, request, conference, form, report, token, problem, *, choices_form=None
    ) -> TemplateResponse:
        context = {
            "choices_form": choices_form,
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


def _dry_run(request: HttpRequest, conference: Conference, stashed: dict, choices: dict):
    plan = importers.parse_program(
        stashed["content"], filename=stashed["name"], format=stashed["format"]
    )
    return importers.program_import(
        plan=plan,
        conference=conference,
        dry_run=True,
        user=request.user,
        time_zone=choices["time_zone"],
        clashes=choices["clashes"],
    )
