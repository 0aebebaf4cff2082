import datetime as dt
from zoneinfo import ZoneInfo

from django.template import Context, Template

from tests.factories import ConferenceFactory
from workshops.models import TimeSlot
from workshops.models.markdown import render_markdown
from workshops.program.times import slot_time
from workshops.program.times import venue_clock as clock
from workshops.templatetags.workshop_tags import cut_at_word, date_range, teaser

UTC = dt.UTC
NEW_YORK = ZoneInfo("America/New_York")


def conference(timezone="America/New_York", start=dt.date(2023, 6, 4), end=dt.date(2023, 6, 8)):
    """An unsaved edition: the helpers only format what they are given."""
    return ConferenceFactory.build(
        year=start.year, timezone=timezone, start_date=start, end_date=end
    )


def slot(start, end):
    return TimeSlot(start=start, end=end)


# cut_at_word


def test_cut_at_word_keeps_a_text_within_the_length():
    assert cut_at_word("alpha beta gamma", 16) == "alpha beta gamma"


def test_cut_at_word_cuts_at_the_last_space_before_the_length():
    assert cut_at_word("alpha beta gamma", 13) == "alpha beta …"


def test_cut_at_word_keeps_a_word_that_ends_exactly_at_the_length():
    assert cut_at_word("alpha beta gamma", 10) == "alpha beta …"


def test_cut_at_word_drops_trailing_punctuation_before_the_ellipsis():
    assert cut_at_word("alpha, beta; gamma delta", 12) == "alpha, beta …"


def test_cut_at_word_cuts_inside_a_word_when_no_space_lies_in_the_second_half():
    assert cut_at_word("a supercalifragilistic word", 12) == "a supercalif …"


def test_cut_at_word_keeps_non_ascii_letters():
    assert cut_at_word("Deniz Altınbüken and Lyric Doshi", 20) == "Deniz Altınbüken and …"


# teaser


def test_teaser_cuts_the_plain_text_at_a_word_boundary():
    words = [f"w{i:03d}" for i in range(100)]  # 5 characters a word with its space

    assert teaser(render_markdown("**" + " ".join(words) + "**")) == " ".join(words[:60]) + " …"


def test_teaser_keeps_a_short_abstract_whole():
    assert teaser(render_markdown("A *short* abstract.")) == "A short abstract."


def test_teaser_filter_takes_its_length_from_the_template():
    template = Template("{% load workshop_tags %}{{ text|teaser:12 }}")

    rendered = template.render(Context({"text": "<p>alpha beta <b>gamma</b> delta</p>"}))

    assert rendered == "alpha beta …"


def test_teaser_filter_output_is_escaped_by_the_template():
    template = Template("{% load workshop_tags %}{{ text|teaser }}")

    rendered = template.render(Context({"text": "<p>a &lt;b&gt; c</p>"}))

    assert rendered == "a &lt;b&gt; c"


# slot_time and clock


def test_slot_time_same_day_in_venue_time():
    thursday = slot(
        dt.datetime(2023, 6, 8, 12, 0, tzinfo=UTC), dt.datetime(2023, 6, 8, 20, 40, tzinfo=UTC)
    )

    assert slot_time(thursday, conference()) == "Thu 8 Jun · 8:00–16:40 EDT"


def test_slot_time_without_day():
    thursday = slot(
        dt.datetime(2023, 6, 8, 13, 50, tzinfo=UTC), dt.datetime(2023, 6, 8, 21, 0, tzinfo=UTC)
    )

    assert slot_time(thursday, conference(), with_day=False) == "9:50–17:00 EDT"


def test_slot_time_across_midnight_names_the_second_day():
    late = slot(
        dt.datetime(2023, 6, 8, 22, 0, tzinfo=NEW_YORK),
        dt.datetime(2023, 6, 9, 1, 30, tzinfo=NEW_YORK),
    )

    assert slot_time(late, conference()) == "Thu 8 Jun · 22:00 – Fri 9 Jun 1:30 EDT"


def test_slot_time_uses_the_standard_time_abbreviation_in_winter():
    winter = slot(
        dt.datetime(2023, 12, 7, 9, 0, tzinfo=NEW_YORK),
        dt.datetime(2023, 12, 7, 12, 0, tzinfo=NEW_YORK),
    )

    assert slot_time(winter, conference()) == "Thu 7 Dec · 9:00–12:00 EST"


def test_slot_time_names_both_zones_when_the_clocks_change_during_the_slot():
    # 5 Nov 2023: New York falls back from EDT to EST at 2:00.
    night = slot(
        dt.datetime(2023, 11, 5, 0, 0, tzinfo=NEW_YORK),
        dt.datetime(2023, 11, 5, 3, 0, tzinfo=NEW_YORK),
    )

    assert slot_time(night, conference()) == "Sun 5 Nov · 0:00 EDT–3:00 EST"


def test_slot_time_uses_the_venue_zone_not_the_slot_zone():
    utc_slot = slot(
        dt.datetime(2022, 9, 1, 15, 0, tzinfo=UTC), dt.datetime(2022, 9, 2, 0, 0, tzinfo=UTC)
    )
    santa_clara = conference("America/Los_Angeles", dt.date(2022, 8, 29), dt.date(2022, 9, 1))

    assert slot_time(utc_slot, santa_clara) == "Thu 1 Sep · 8:00–17:00 PDT"


def test_slot_time_in_a_european_summer_zone():
    berlin = slot(
        dt.datetime(2024, 7, 11, 7, 0, tzinfo=UTC), dt.datetime(2024, 7, 11, 8, 30, tzinfo=UTC)
    )
    venue = conference("Europe/Berlin", dt.date(2024, 7, 8), dt.date(2024, 7, 12))

    assert slot_time(berlin, venue) == "Thu 11 Jul · 9:00–10:30 CEST"


def test_clock_shows_venue_hour_without_leading_zero():
    assert clock(dt.datetime(2023, 6, 8, 12, 10, tzinfo=UTC), conference()) == "8:10"


def test_clock_shows_minutes_with_two_digits():
    assert clock(dt.datetime(2023, 6, 8, 20, 5, tzinfo=UTC), conference()) == "16:05"


def test_clock_shows_midnight_as_zero():
    assert clock(dt.datetime(2023, 6, 9, 4, 0, tzinfo=UTC), conference()) == "0:00"


# date_range


def test_date_range_in_one_month():
    assert date_range(conference()) == "4–8 June 2023"


def test_date_range_across_months():
    edition = conference("America/Los_Angeles", dt.date(2022, 8, 29), dt.date(2022, 9, 1))

    assert date_range(edition) == "29 August – 1 September 2022"


def test_date_range_across_years():
    edition = conference(start=dt.date(2023, 12, 30), end=dt.date(2024, 1, 2))

    assert date_range(edition) == "30 December 2023 – 2 January 2024"


def test_date_range_of_a_single_day():
    edition = conference(start=dt.date(2023, 6, 8), end=dt.date(2023, 6, 8))

    assert date_range(edition) == "8 June 2023"
