"""Hostile input: what a careless paste or a malicious chair may put into any text field.

`ACCEPTED` holds values every text field must store and show as they are (escaped, never run);
`REFUSED_TEXT` holds what no text may hold (a form refuses NUL; the model and the importers drop
the rest: never a 500, never invalid XML); `fit()` shapes a value to a field's length. The checks
(`dom_problems`, `formula_cells`) tell what a page or an export must not contain, and
`build_program()` types the corpus into every text field a chair fills, through the admin.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse
from lxml import html as lxml_html

from tests.admin_forms import form_values
from workshops.models import Conference, Organizer, Room

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
SVG_ONLOAD = "<svg onload=alert(1)>"
RAW_HTML = "<b>bold</b><iframe src=//evil.example></iframe><style>*{display:none}</style>"
QUOTES = "'; alert(1); //\\\" </title></textarea>{{ 7*7 }}{% now 'Y' %}"
MARKDOWN_LINKS = (
    "[click](javascript:alert(1)) [doc](data:text/html,<script>alert(1)</script>) "
    "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) "
    "<a href='javascript:alert(1)'>raw link</a> [ok](JaVaScRiPt:alert(1))"
)
BIDI = "\u202eevil\u202c and \u2067isolated\u2069 text"
RTL = "ورشة عمل التعلم الآلي · סדנה ללמידת מכונה"
EMOJI = "👩🏽‍💻 🏳️‍🌈 👨‍👩‍👧‍👦 🇺🇦 🧑‍🔬"
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,1)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)"]
# Whitespace before a formula: spreadsheets skip a leading tab or carriage return. Form fields
# strip it; imported files keep the tab (a name's carriage return goes: names are one line).
WHITESPACE_FORMULAS = ["\t=1+1", '\r=HYPERLINK("https://evil.example")']

ACCEPTED: dict[str, str] = {
    "script": SCRIPT,
    "attribute": ATTRIBUTE_BREAKOUT,
    "svg": SVG_ONLOAD,
    "html": RAW_HTML,
    "quotes": QUOTES,
    "markdown": MARKDOWN_LINKS,
    "bidi": BIDI,
    "rtl": RTL,
    "emoji": EMOJI,
    **{f"formula{index}": formula for index, formula in enumerate(FORMULAS)},
}

# Characters that XML 1.0 forbids, databases refuse (NUL in PostgreSQL) or Python cannot
# encode (a lone surrogate): no text field may store them.
REFUSED_TEXT: dict[str, str] = {
    "nul": "Null\x00byte",
    "vertical-tab": "Vertical\x0btab",
    "escape": "ANSI \x1b[31mred\x1b[0m",
    "bell": "Bell\x07",
    "surrogate": "Lone \ud800 surrogate",
}

# Hostile web addresses: refused by URL fields, never turned into a live link.
REFUSED_URLS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://example.org/\x00",
]


def fit(value: str, max_length: int | None) -> str:
    """The value cut to a field's length (whole characters), so that it is stored whole."""
    return value if max_length is None else value[:max_length]


def longest(max_length: int) -> str:
    """A value exactly as long as the field allows, of wide characters and emoji."""
    return ("Ünïcödé 👩🏽‍💻 " * max_length)[:max_length]


def too_long(max_length: int) -> str:
    return "x" * (max_length + 1)


# What a page must not contain --------------------------------------------------------------

_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "img", "style", "base", "form"}
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


def dom_problems(page_html: str) -> list[str]:
    """What in a page would run or inject if the corpus had gone through unescaped: tags it
    could open, event handler attributes, links to script URLs. Our own scripts (with a src or
    JSON data) and the admin's own forms are allowed."""
    document = lxml_html.fromstring(page_html)
    problems = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in _DANGEROUS_TAGS and not _ours(element):
            problems.append(f"<{tag} {dict(element.attrib)}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"<{tag} {name}={value!r}>")
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"} and (
                "".join(value.split()).lower().startswith(_DANGEROUS_SCHEMES)
            ):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def _ours(element) -> bool:
    tag = element.tag.lower()
    if tag == "script":
        # data blocks, never run: json_script's, and a workshop's JSON-LD
        return bool(element.get("src")) or element.get("type") in (
            "application/json",
            "application/ld+json",
        )
    if tag == "form":
        return "alert" not in (element.get("action") or "")
    if tag == "img":  # our QR codes: a path of this site, or filled in by our script
        return element.get("src", "/").startswith("/")
    if tag == "svg":  # the admin's icons: hidden from screen readers, or its sprite sheet
        return element.get("aria-hidden") == "true" or element.get("class") == "base-svgs"
    return False


def formula_cells(content: str) -> list[str]:
    """The cells of a CSV document that a spreadsheet would run as a formula."""
    rows = csv.reader(io.StringIO(content.removeprefix("\ufeff"), newline=""))
    return [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


# The corpus through the admin's forms -------------------------------------------------------

CONFERENCE_SLUG = "hostile-2024"
PLENARY_DAY = dt.date(2024, 5, 13)
WORKSHOP_DAY = dt.date(2024, 5, 14)
WEBSITE = 'https://example.org/"><script>alert(1)</script>?q=ü'
# One workshop (with its room, organizer, slot, agenda item) and one plenary item per entry;
# "longest" fills every field to its maximum length.
ENTRIES = [*ACCEPTED, "longest"]


def typed(key: str, max_length: int | None = None) -> str:
    """What a chair types for this entry into a field of that length (the form strips ends)."""
    if key == "longest":
        return longest(max_length or 1000).strip()
    return fit(ACCEPTED[key], max_length).strip()


class AdminForms:
    """The admin's add forms, submitted as a browser does: every input of the page, changed."""

    def __init__(self, client) -> None:
        self.client = client
        self._defaults: dict[str, dict] = {}

    def post(self, model: str, values: dict, rows: dict[str, list[dict]] | None = None):
        url = reverse(f"admin:workshops_{model}_add")
        if model not in self._defaults:
            page = self.client.get(url).content.decode()
            self._defaults[model] = form_values(page, f"{model}_form")
        data = {**self._defaults[model], **values}
        for prefix, prefix_rows in (rows or {}).items():
            data[f"{prefix}-TOTAL_FORMS"] = str(len(prefix_rows))
            for index, row in enumerate(prefix_rows):
                data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
        return self.client.post(url, data)

    def save(self, model: str, values: dict, rows: dict[str, list[dict]] | None = None) -> None:
        response = self.post(model, values, rows)
        assert response.status_code == 302, form_errors(response)


def form_errors(response) -> dict:
    """The errors of an admin form page: the form's and its inlines', by field."""
    context = response.context
    errors = dict(context["adminform"].form.errors)
    for inline in context.get("inline_admin_formsets", []):
        for index, form_errors_ in enumerate(inline.formset.errors):
            errors |= {f"{inline.formset.prefix}-{index}-{k}": v for k, v in form_errors_.items()}
        if inline.formset.non_form_errors():
            errors[inline.formset.prefix] = inline.formset.non_form_errors()
    return errors


def at(field: str, day: dt.date, clock: str) -> dict:
    """The two inputs of the admin's split date and time widget."""
    return {f"{field}_0": day.isoformat(), f"{field}_1": clock}


def build_program(client) -> Conference:
    """The corpus in every text field a chair fills, through the admin's forms."""
    forms = AdminForms(client)
    forms.save(
        "conference",
        {
            "name": f"{FORMULAS[0]} {SCRIPT}{ATTRIBUTE_BREAKOUT}",
            "slug": CONFERENCE_SLUG,
            "year": "2024",
            "published": "on",
            "start_date": PLENARY_DAY.isoformat(),
            "end_date": WORKSHOP_DAY.isoformat(),
            "timezone": "Europe/Berlin",
            "venue": f"{SVG_ONLOAD} {RTL}",
            "city": f"{BIDI} {EMOJI}",
            "website": WEBSITE,
            "description": f"{MARKDOWN_LINKS}\n\n{RAW_HTML}",
        },
    )
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    for index, key in enumerate(ENTRIES):
        forms.save(
            "room",
            {"conference": conference.pk, "name": typed(key, 100), "slug": f"room-{key}"},
        )
        forms.save(
            "organizer",
            {
                "name": typed(key, 200),
                "slug": f"person-{key}",
                "affiliation": typed(key, 200),
                "homepage": WEBSITE,
            },
        )
        room = Room.objects.get(conference=conference, slug=f"room-{key}")
        organizer = Organizer.objects.get(slug=f"person-{key}")
        forms.save(
            "workshop",
            {
                "conference": conference.pk,
                "title": typed(key, 300),
                "slug": f"workshop-{key}",
                "acronym": typed(key, 30),
                "status": "published",
                "abstract": f"{typed(key)}\n\n{MARKDOWN_LINKS}\n\n{RAW_HTML}",
                "website": WEBSITE,
            },
            {
                "organizer_links": [{"position": "0", "organizer": organizer.pk}],
                "slots": [
                    {"room": room.pk, **at("start", WORKSHOP_DAY, "08:00")}
                    | at("end", WORKSHOP_DAY, "12:00")
                ],
                "agenda_items": [
                    # Agenda items take times of day: the date is their slot's.
                    {"kind": "talk", "title": typed(key, 300), "speakers": speakers(key)}
                    | {"start": "08:00", "end": "08:30"}
                ],
            },
        )
        start = dt.datetime.combine(PLENARY_DAY, dt.time(8)) + dt.timedelta(minutes=30 * index)
        forms.save(
            "timeslot",
            {"conference": conference.pk, "title": typed(key, 200)}
            | at("start", PLENARY_DAY, f"{start:%H:%M}")
            | at("end", PLENARY_DAY, f"{start + dt.timedelta(minutes=20):%H:%M}"),
        )
    return conference


def speakers(key: str) -> str:
    """Two speakers; each line fits a person's name (200) even where the text's own brackets
    keep the last one from reading as an affiliation."""
    return f"{typed(key, 90)}\n{typed(key, 90)} ({typed(key, 90)})"
