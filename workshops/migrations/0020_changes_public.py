from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0019_speakers_from_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='conference',
            name='changes_public',
            field=models.CharField(choices=[('at-once', 'at once'), ('released', 'when released')], default='at-once', help_text='At once: every saved change is public. When released: the public site shows the last release, and chairs, organizers and staff see the working copy until the next.', max_length=10, verbose_name='changes go public'),
        ),
    ]
