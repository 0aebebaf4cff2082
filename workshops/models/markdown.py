"""Markdown as the site shows it: converted once, when its row is saved, into HTML that is safe
to show (raw HTML sanitized, scripts never survive), and stored beside its source
(`MarkdownHTMLField`). Pages and exports read the stored HTML; nothing converts while a page
renders."""

from __future__ import annotations

import html
import re
import threading

import markdown as markdown_lib
import nh3
from django.db import models
from django.utils.safestring import SafeString, mark_safe

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
_parsers = threading.local()


def _markdown_parser() -> markdown_lib.Markdown:
    # A parser keeps state while it converts: one per thread, reset for each text.
    parser = getattr(_parsers, "markdown", None)
    if parser is None:
        parser = _parsers.markdown = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    return parser


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: raw HTML is sanitized, scripts never survive."""
    rendered = _markdown_parser().reset().convert(text or "")
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(rendered: str) -> str:
    """The words of rendered HTML without its markup, on one line."""
    return " ".join(html.unescape(nh3.clean(rendered or "", tags=set())).split())


# Where rendered HTML breaks a line in plain text: a blank line after a block, a line break
# after a list item, a row or <br>, "- " before a list item.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|pre|blockquote|ul|ol|table)>|<hr\s*/?>", re.I)
_LINE_END = re.compile(r"</(?:li|tr)>|<br\s*/?>", re.I)
_ITEM = re.compile(r"<li(?:\s[^>]*)?>", re.I)
_CELL_END = re.compile(r"</t[dh]>", re.I)
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def plain_text_blocks(rendered: str) -> str:
    """Rendered HTML as plain text that keeps its paragraphs and list items (for formats that
    carry text, such as a calendar's DESCRIPTION): no markup, entities decoded."""
    # A line break in HTML is a space (a soft break inside a paragraph, or between tags).
    text = _BLOCK_END.sub("\n\n", (rendered or "").replace("\n", " "))
    text = _ITEM.sub("- ", _LINE_END.sub("\n", text))
    text = _CELL_END.sub(" ", text)
    text = html.unescape(nh3.clean(text, tags=set()))
    lines = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()


class MarkdownHTMLField(models.TextField):
    """The HTML of the row's Markdown field `source`, rendered by render_markdown whenever the
    row is saved (save(), bulk_create(), the admin, the importers) and read back as safe HTML.
    A QuerySet.update() of the source bypasses it: write the source through save()."""

    def __init__(self, *args, source: str = "", **kwargs) -> None:
        self.source = source
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs.pop("blank", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        rendered = mark_safe(render_markdown(getattr(model_instance, self.source)))  # noqa: S308
        setattr(model_instance, self.attname, rendered)
        return rendered

    def from_db_value(self, value, expression, connection) -> SafeString | None:
        return None if value is None else mark_safe(value)  # noqa: S308 - sanitized when saved


class RendersMarkdown(models.Model):
    """A model with MarkdownHTMLFields: a save() that updates only some fields renders the HTML
    of the sources among them too."""

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs) -> None:
        if update_fields is not None:
            rendered = {
                field.name
                for field in self._meta.concrete_fields
                if isinstance(field, MarkdownHTMLField) and field.source in update_fields
            }
            update_fields = {*update_fields, *rendered}
        super().save(*args, update_fields=update_fields, **kwargs)
