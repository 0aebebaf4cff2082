"""Migration 0015 turns the speakers typed so far into people, merging exact name matches
with the existing records (organizers, earlier speakers)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workshops", "0018_topics_papers_speakers_links")]
AFTER = [("workshops", "0019_speakers_from_text")]


@pytest.mark.django_db(transaction=True)
def test_speakers_text_becomes_people_once():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Conference = apps.get_model("workshops", "Conference")
    Workshop = apps.get_model("workshops", "Workshop")
    AgendaItem = apps.get_model("workshops", "AgendaItem")
    Organizer = apps.get_model("workshops", "Organizer")
    conference = Conference.objects.create(
        name="C", slug="c", year=2023, timezone="UTC",
        start_date=dt.date(2023, 6, 4), end_date=dt.date(2023, 6, 8),
    )  # fmt: skip
    workshop = Workshop.objects.create(conference=conference, title="W", slug="w")
    ana = Organizer.objects.create(name="Ana Lima", slug="ana-lima")
    start = dt.datetime(2023, 6, 8, 9, tzinfo=dt.UTC)
    for hour, text in [(9, "Ana Lima (Uni A)\nBo Chen"), (10, "Bo Chen (Lab B)")]:
        AgendaItem.objects.create(
            workshop=workshop,
            title=f"Talk {hour}",
            start=start.replace(hour=hour),
            end=start.replace(hour=hour, minute=30),
            speakers=text,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Speaker = apps.get_model("workshops", "AgendaItemSpeaker")
    Organizer = apps.get_model("workshops", "Organizer")

    rows = list(
        Speaker.objects.order_by("agenda_item__start", "position").values_list(
            "agenda_item__title", "person__name", "person__slug", "affiliation"
        )
    )
    assert rows == [
        ("Talk 9", "Ana Lima", "ana-lima", "Uni A"),
        ("Talk 9", "Bo Chen", "bo-chen", ""),
        ("Talk 10", "Bo Chen", "bo-chen", "Lab B"),
    ]
    assert Organizer.objects.filter(name="Bo Chen").count() == 1
    assert Speaker.objects.filter(person_id=ana.pk).count() == 1
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
