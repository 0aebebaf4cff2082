"""The speakers typed as free text ("Name (Affiliation)" lines) become people: each name is
matched to the person of exactly that name (an organizer, an earlier speaker), or added once;
the text stays as the agenda's entry form."""

from django.db import migrations

from workshops.models.workshop import parse_speakers
from workshops.program import people


def speakers_to_people(apps, schema_editor):
    AgendaItem = apps.get_model("workshops", "AgendaItem")
    Organizer = apps.get_model("workshops", "Organizer")
    AgendaItemSpeaker = apps.get_model("workshops", "AgendaItemSpeaker")
    for item in AgendaItem.objects.exclude(speakers="").order_by("pk").iterator():
        people.set_speakers(
            item,
            parse_speakers(item.speakers),
            person_model=Organizer,
            speaker_model=AgendaItemSpeaker,
        )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0018_topics_papers_speakers_links")]

    operations = [migrations.RunPython(speakers_to_people, migrations.RunPython.noop)]
