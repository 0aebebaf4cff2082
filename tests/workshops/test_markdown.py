"""Markdown rendered once, when its row is saved, and stored beside its source."""

from django.template import Context, Template

from tests.factories import ConferenceFactory, WorkshopFactory
from workshops.models import Workshop
from workshops.models.markdown import plain_text, render_markdown

# render_markdown


def test_render_markdown_renders_markdown():
    html = render_markdown("Some **bold** text.\n\n- one\n- two")

    assert html == (
        "<p>Some <strong>bold</strong> text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


def test_render_markdown_removes_script_tags_and_their_content():
    html = render_markdown("Before\n\n<script>alert(1)</script>\n\nAfter")

    assert "<script" not in html
    assert "alert(1)" not in html
    assert "<p>Before</p>" in html
    assert "<p>After</p>" in html


def test_render_markdown_removes_javascript_links():
    html = render_markdown("[x](javascript:alert(1))")

    assert html == '<p><a rel="noopener noreferrer nofollow">x</a></p>'


def test_render_markdown_removes_images_and_event_handlers():
    html = render_markdown('Text <img src=x onerror=alert(1)> <b onclick="alert(1)">b</b>')

    assert "<img" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<b>b</b>" in html


def test_render_markdown_keeps_safe_links_with_rel():
    html = render_markdown("[site](https://example.org/w?a=1)")

    assert html == (
        '<p><a href="https://example.org/w?a=1" rel="noopener noreferrer nofollow">site</a></p>'
    )


# plain_text


def test_plain_text_strips_markdown_and_joins_paragraphs_on_one_line():
    text = "**Bold** and _italic_\n\nA [link](https://example.org) &amp; more.\n\n- one\n- two"

    assert plain_text(render_markdown(text)) == "Bold and italic A link & more. one two"


def test_plain_text_drops_script_content():
    assert plain_text(render_markdown("Hello <script>alert(1)</script> world")) == "Hello world"


def test_plain_text_of_an_empty_text_is_empty():
    assert plain_text("") == ""


# MarkdownHTMLField


def test_a_saved_abstract_is_stored_as_sanitized_html_and_shown_as_is(db):
    workshop = WorkshopFactory(abstract="*hi* <script>x()</script>")

    shown = Template("{{ workshop.abstract_html }}").render(
        Context({"workshop": Workshop.objects.get(pk=workshop.pk)})
    )

    assert shown == "<p><em>hi</em> </p>"


def test_saving_only_the_abstract_renders_its_html_too(db):
    workshop = WorkshopFactory(abstract="old")
    workshop.abstract = "**new**"

    workshop.save(update_fields=["abstract"])

    workshop.refresh_from_db()
    assert workshop.abstract_html == "<p><strong>new</strong></p>"


def test_workshops_created_in_bulk_have_their_html(db):
    conference = ConferenceFactory()

    Workshop.objects.bulk_create(
        [Workshop(conference=conference, title="A", slug="a", abstract="- one\n- two")]
    )

    assert Workshop.objects.get(slug="a").abstract_html == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_a_conference_description_is_stored_as_html(db):
    conference = ConferenceFactory(description="A [site](https://example.org)")

    conference.refresh_from_db()
    assert conference.description_html == (
        '<p>A <a href="https://example.org" rel="noopener noreferrer nofollow">site</a></p>'
    )
