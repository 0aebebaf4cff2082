"""Multi-line texts are stored with LF line ends, however they came: a browser's textarea
sends CRLF, an exported file carries LF, and both must store the same text."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.forms import modelform_factory

from tests.workshops.exchange.importers.conftest import export
from workshops.exchange.importers import parse_program, program_import
from workshops.models import AgendaItem, Conference, Release, Workshop
from workshops.models.fields import nfc_lines

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\r\n\r\ntwo\r\n", "one\n\ntwo\n"),
        ("one\n\ntwo", "one\n\ntwo"),
        ("cafe\u0301\r\n", "café\n"),
    ],
)
def test_text_fields_store_lf(typed, stored):
    assert nfc_lines(typed) == stored


def test_a_form_posting_crlf_stores_lf(demo):
    workshop = Workshop.objects.filter(conference=demo).order_by("pk").first()
    form_class = modelform_factory(Workshop, fields=["abstract"])
    form = form_class(
        {"abstract": "First **line**.\r\nSecond line.\r\n\r\nNext"}, instance=workshop
    )

    assert form.is_valid(), form.errors
    form.save()

    workshop.refresh_from_db()
    assert workshop.abstract == "First **line**.\nSecond line.\n\nNext"
    assert "<strong>line</strong>" in workshop.abstract_html


def test_every_text_field_stores_lf(demo):
    item = AgendaItem.objects.filter(workshop__conference=demo).first()
    item.speakers = "Ada Lovelace\r\nAlan Turing"
    item.save()
    demo.description = "A\r\nB"
    demo.save()
    release = Release.objects.create(conference=demo, version="lf", comment="x\r\ny")

    assert AgendaItem.objects.get(pk=item.pk).speakers == "Ada Lovelace\nAlan Turing"
    assert Conference.objects.get(pk=demo.pk).description == "A\nB"
    assert Release.objects.get(pk=release.pk).comment == "x\ny"


@pytest.mark.parametrize("identifier", ["schedule.xml", "schedule.json"])
def test_reimporting_the_export_of_a_workshop_typed_with_crlf_changes_nothing(demo, identifier):
    workshop = Workshop.objects.filter(conference=demo, status="published").first()
    form_class = modelform_factory(Workshop, fields=["abstract"])
    form = form_class({"abstract": "Typed in the admin.\r\n\r\nTwo paragraphs."}, instance=workshop)
    assert form.is_valid(), form.errors
    form.save()

    content = export(identifier, demo)
    report = program_import(
        plan=parse_program(content, filename=identifier), conference=demo, dry_run=True
    )

    assert report.change_count == 0, report.as_text()
    assert report.updated == []


lf_migration = importlib.import_module("workshops.migrations.0014_text_lf")


def test_migration_turns_stored_crlf_into_lf(demo):
    workshop = Workshop.objects.filter(conference=demo).first()
    item = AgendaItem.objects.filter(workshop__conference=demo).first()
    Workshop.objects.filter(pk=workshop.pk).update(abstract="One\r\nTwo\rThree")
    AgendaItem.objects.filter(pk=item.pk).update(speakers="Ada\r\nAlan")
    Conference.objects.filter(pk=demo.pk).update(description="A\r\n\r\nB")

    lf_migration.lf_line_ends(django_apps, None)

    assert Workshop.objects.get(pk=workshop.pk).abstract == "One\nTwo\nThree"
    assert AgendaItem.objects.get(pk=item.pk).speakers == "Ada\nAlan"
    assert Conference.objects.get(pk=demo.pk).description == "A\n\nB"
