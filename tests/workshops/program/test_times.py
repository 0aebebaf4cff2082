import datetime as dt
from zoneinfo import ZoneInfo

from workshops.program.times import shift_to

NEW_YORK = ZoneInfo("America/New_York")


def test_shift_to_a_venue_day_keeps_the_venue_clock_time():
    moment = dt.datetime(2023, 6, 8, 9, tzinfo=NEW_YORK)

    shift = shift_to(moment, day=dt.date(2023, 6, 6), start=None, tz=NEW_YORK)

    assert shift == dt.timedelta(days=-2)


def test_shift_to_a_venue_clock_time_keeps_the_day():
    moment = dt.datetime(2023, 6, 8, 13, tzinfo=dt.UTC)  # 9:00 in New York

    shift = shift_to(moment, day=None, start=dt.time(14, 15), tz=NEW_YORK)

    assert shift == dt.timedelta(hours=5, minutes=15)


def test_shift_to_a_day_across_a_clock_change_lands_on_the_same_venue_time():
    moment = dt.datetime(2023, 3, 11, 9, tzinfo=NEW_YORK)  # EST; the clocks go forward on the 12th

    shift = shift_to(moment, day=dt.date(2023, 3, 13), start=None, tz=NEW_YORK)

    assert (moment.astimezone(dt.UTC) + shift).astimezone(NEW_YORK).time() == dt.time(9)
    assert shift == dt.timedelta(days=2, hours=-1)
