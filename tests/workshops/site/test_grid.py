"""The schedule grid (workshops.site.grid): unsaved objects in, rows and cells out, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

from workshops.models import Room, TimeSlot, Workshop
from workshops.site.grid import Cell, items_by_day, schedule_days

NEW_YORK = ZoneInfo("America/New_York")
THURSDAY = dt.date(2023, 6, 8)
FRIDAY = dt.date(2023, 6, 9)


def at(hour: int, minute: int = 0, day: dt.date = THURSDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=NEW_YORK)


def rooms(*names: str) -> list[Room]:
    return [
        Room(pk=index, name=name, slug=name.lower().replace(" ", "-"), position=index)
        for index, name in enumerate(names, start=1)
    ]


_ids = iter(range(1, 10_000))


def workshop_slot(room: Room, title: str, start: dt.datetime, end: dt.datetime) -> TimeSlot:
    pk = next(_ids)
    workshop = Workshop(pk=pk, title=title, slug=f"w{pk}", status=Workshop.Status.PUBLISHED)
    return TimeSlot(pk=pk, room=room, workshop=workshop, start=start, end=end)


def plenary(title: str, start: dt.datetime, end: dt.datetime, room: Room | None = None):
    return TimeSlot(pk=next(_ids), room=room, title=title, start=start, end=end)


def matrix(day) -> list[list[str]]:
    """The grid as the browser lays it out: each row's columns, named by the slot that covers
    them ("" when empty). Fails if two cells claim one place or a row is short or long."""
    grid = [[None] * day.width for _ in day.rows]
    for r, row in enumerate(day.rows):
        column = 0
        for cell in row.cells:
            while column < day.width and grid[r][column] is not None:
                column += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert grid[r + dr][column + dc] is None, f"overlap at row {r}"
                    grid[r + dr][column + dc] = cell.slot.label if cell.slot else ""
            column += cell.colspan
    assert all(None not in row for row in grid), grid
    return grid


def clocks(day) -> list[str]:
    return [f"{row.start:%H:%M}" for row in day.rows]


def hour_lines(day) -> list[str]:
    return [f"{row.start:%H:%M}" for row in day.rows if row.is_hour]


def height(day, slot) -> int:
    """The 5-minute steps of the rows a slot's cell spans: its drawn height."""
    for index, row in enumerate(day.rows):
        for cell in row.cells:
            if cell.slot is slot:
                return sum(r.steps for r in day.rows[index : index + cell.rowspan])
    raise AssertionError(f"{slot.label} has no cell")


def test_schedule_days_one_slot_is_one_row_of_one_cell():
    [room] = rooms("Room 241")
    slot = workshop_slot(room, "Benchmarking", at(8), at(12))

    [day] = schedule_days([slot], [room], NEW_YORK)

    assert day.date == THURSDAY
    assert day.anchor == "day-2023-06-08"
    assert day.columns == [room]
    assert clocks(day) == ["08:00", "09:00", "10:00", "11:00"]  # a row per hour it covers
    assert day.rows[-1].end == at(12)
    assert day.rows[0].cells == [Cell(slot, rowspan=4, colspan=1)]
    assert [row.cells for row in day.rows[1:]] == [[], [], []]
    assert [row.steps for row in day.rows] == [12, 12, 12, 12]
    assert height(day, slot) == 48  # 4 hours of 5-minute steps
    assert day.items == [slot]


def test_schedule_days_rows_are_as_tall_as_they_last_with_a_line_each_hour():
    # The demo's ends: 16:40-17:00 is a quarter as tall as an hour, not as tall as 13:30-16:40.
    r241, r238 = rooms("Room 241", "Room 238")
    long = workshop_slot(r241, "Benchmarking", at(8), at(16, 40))
    short = workshop_slot(r238, "Short", at(9, 50), at(10, 10))
    late = workshop_slot(r238, "Late", at(13, 30), at(17))

    [day] = schedule_days([long, short, late], [r241, r238], NEW_YORK)

    assert hour_lines(day) == [f"{hour:02}:00" for hour in range(8, 17)]
    assert clocks(day) == [
        "08:00", "09:00", "09:50", "10:00", "10:10", "11:00", "12:00", "13:00", "13:30",
        "14:00", "15:00", "16:00", "16:40",
    ]  # fmt: skip
    assert [row.steps for row in day.rows] == [12, 10, 2, 2, 10, 12, 12, 6, 6, 12, 12, 8, 4]
    assert sum(row.steps for row in day.rows) == 9 * 12  # 8:00 to 17:00 to scale
    assert (height(day, long), height(day, short), height(day, late)) == (104, 4, 42)


def test_schedule_days_start_at_the_hour_of_the_first_slot():
    [room] = rooms("Room 240")
    slot = workshop_slot(room, "Next-Generation AI", at(9, 50), at(11))

    [day] = schedule_days([slot], [room], NEW_YORK)

    assert clocks(day) == ["09:00", "09:50", "10:00"]
    assert [row.is_hour for row in day.rows] == [True, False, True]
    assert matrix(day) == [[""], ["Next-Generation AI"], ["Next-Generation AI"]]
    assert height(day, slot) == 14


def test_schedule_days_rowspans_cover_the_rows_a_slot_spans():
    r241, r238 = rooms("Room 241", "Room 238")
    long = workshop_slot(r241, "Long", at(8), at(17))
    morning = workshop_slot(r238, "Morning", at(8), at(12))
    afternoon = workshop_slot(r238, "Afternoon", at(13, 30), at(17))

    [day] = schedule_days([afternoon, long, morning], [r241, r238], NEW_YORK)

    assert clocks(day)[3:9] == ["11:00", "12:00", "13:00", "13:30", "14:00", "15:00"]
    assert day.rows[0].cells == [Cell(long, rowspan=10), Cell(morning, rowspan=4)]
    assert day.rows[4].cells == [Cell()]  # Room 238 is free between its two slots
    assert day.rows[5].cells == [Cell()]
    assert day.rows[6].cells == [Cell(afternoon, rowspan=4)]
    assert matrix(day) == [
        *[["Long", "Morning"]] * 4,
        *[["Long", ""]] * 2,
        *[["Long", "Afternoon"]] * 4,
    ]
    assert (height(day, long), height(day, morning), height(day, afternoon)) == (108, 48, 42)


def test_schedule_days_adjacent_slots_in_one_room_take_consecutive_rows():
    [room] = rooms("Room 241")
    first = workshop_slot(room, "First", at(8), at(10))
    second = workshop_slot(room, "Second", at(10), at(12))

    [day] = schedule_days([first, second], [room], NEW_YORK)

    assert clocks(day) == ["08:00", "09:00", "10:00", "11:00"]
    assert [row.cells for row in day.rows] == [[Cell(first, 2)], [], [Cell(second, 2)], []]


def test_schedule_days_odd_start_splits_the_rows_of_the_other_rooms():
    r241, r240 = rooms("Room 241", "Room 240")
    full = workshop_slot(r241, "Benchmarking", at(8), at(16, 40))
    late = workshop_slot(r240, "Next-Generation AI", at(9, 50), at(17))

    [day] = schedule_days([full, late], [r241, r240], NEW_YORK)

    assert clocks(day)[:4] == ["08:00", "09:00", "09:50", "10:00"]
    assert clocks(day)[-2:] == ["16:00", "16:40"]
    assert day.rows[0].cells == [Cell(full, rowspan=10), Cell()]
    assert day.rows[2].cells == [Cell(late, rowspan=9)]
    assert day.rows[-1].cells == [Cell()]
    assert matrix(day) == [
        *[["Benchmarking", ""]] * 2,
        *[["Benchmarking", "Next-Generation AI"]] * 8,
        ["", "Next-Generation AI"],
    ]


def test_schedule_days_plenary_item_in_a_free_time_spans_all_rooms():
    r241, r238, r239 = rooms("Room 241", "Room 238", "Room 239")
    slots = [
        workshop_slot(r241, "A morning", at(8), at(12)),
        workshop_slot(r238, "B morning", at(9), at(12)),
        workshop_slot(r241, "A afternoon", at(13), at(17)),
    ]
    lunch = plenary("Lunch", at(12), at(13))

    [day] = schedule_days([*slots, lunch], [r241, r238, r239], NEW_YORK)

    assert clocks(day) == [f"{hour:02}:00" for hour in range(8, 17)]
    band = day.rows[4]
    assert band.cells == [Cell(lunch, rowspan=1, colspan=2)]  # the rooms in use: not Room 239
    assert band.cells[0].is_band
    assert band.notes == []
    assert matrix(day) == [
        ["A morning", ""],
        *[["A morning", "B morning"]] * 3,
        ["Lunch", "Lunch"],
        *[["A afternoon", ""]] * 4,
    ]


def test_schedule_days_plenary_item_during_workshops_is_a_note_of_its_row():
    # The demo: Lunch 12:00-13:30 inside workshops running 8:00-17:00.
    r241, r238 = rooms("Room 241", "Room 238")
    long = workshop_slot(r241, "Benchmarking", at(8), at(16, 40))
    morning = workshop_slot(r238, "PACMI", at(8), at(12))
    afternoon = workshop_slot(r238, "PACMI", at(13, 30), at(17))
    lunch = plenary("Lunch", at(12), at(13, 30))

    [day] = schedule_days([long, morning, afternoon, lunch], [r241, r238], NEW_YORK)

    assert clocks(day)[4:7] == ["12:00", "13:00", "13:30"]
    assert [row.notes for row in day.rows] == [[]] * 4 + [[lunch]] + [[]] * 6
    assert matrix(day) == [
        *[["Benchmarking", "PACMI"]] * 4,
        *[["Benchmarking", ""]] * 2,
        *[["Benchmarking", "PACMI"]] * 4,
        ["", "PACMI"],
    ]
    assert day.items == [long, morning, lunch, afternoon]


def test_schedule_days_plenary_item_with_a_room_stays_in_its_column():
    r241, r238 = rooms("Room 241", "Room 238")
    keynote = plenary("Keynote", at(9), at(10), room=r238)
    workshop = workshop_slot(r241, "Workshop", at(9), at(12))

    [day] = schedule_days([workshop, keynote], [r241, r238], NEW_YORK)

    assert day.rows[0].cells == [Cell(workshop, rowspan=3), Cell(keynote)]
    assert not day.rows[0].cells[1].is_band


def test_schedule_days_two_days_in_date_order_each_with_its_own_rows():
    [room] = rooms("Room 241")
    friday = workshop_slot(room, "Friday", at(13, day=FRIDAY), at(15, day=FRIDAY))
    thursday = workshop_slot(room, "Thursday", at(8), at(12))
    # 20:00-22:00 in New York is already Friday in UTC: it stays on Thursday.
    evening = workshop_slot(room, "Evening", at(20), at(22))

    thursday_day, friday_day = schedule_days([friday, evening, thursday], [room], NEW_YORK)

    assert (thursday_day.date, friday_day.date) == (THURSDAY, FRIDAY)
    assert clocks(thursday_day) == [f"{hour:02}:00" for hour in range(8, 22)]
    assert matrix(thursday_day) == [["Thursday"]] * 4 + [[""]] * 8 + [["Evening"]] * 2
    assert clocks(friday_day) == ["13:00", "14:00"]
    assert friday_day.items == [friday]
    assert friday_day.rows[0].start.tzinfo == NEW_YORK


def test_schedule_days_draw_only_the_rooms_used_that_day():
    r241, empty, r239 = rooms("Room 241", "Room 250", "Room 239")
    a = workshop_slot(r241, "A", at(8), at(10))
    b = workshop_slot(r239, "B", at(9), at(10))
    c = workshop_slot(empty, "C", at(9) + dt.timedelta(days=1), at(10) + dt.timedelta(days=1))

    first, second = schedule_days([a, b, c], [r241, empty, r239], NEW_YORK)

    assert first.columns == [r241, r239]  # Room 250 holds nothing on the first day
    assert first.rows[0].cells == [Cell(a, rowspan=2), Cell()]
    assert first.rows[1].cells == [Cell(b)]
    assert matrix(first) == [["A", ""], ["A", "B"]]
    assert second.columns == [empty]


def test_schedule_days_columns_follow_the_rooms_given_and_drop_other_rooms():
    r241, r238 = rooms("Room 241", "Room 238")
    a = workshop_slot(r241, "A", at(8), at(10))
    b = workshop_slot(r238, "B", at(8), at(10))
    lunch = plenary("Lunch", at(12), at(13))

    [day] = schedule_days([a, b, lunch], [r238], NEW_YORK)

    assert day.columns == [r238]
    assert matrix(day) == [["B"], ["B"], [""], [""], ["Lunch"]]
    assert day.items == [b, lunch]


def test_schedule_days_plenary_only_day_without_rooms_keeps_one_column():
    lunch = plenary("Lunch", at(12), at(13))

    [day] = schedule_days([lunch], [], NEW_YORK)

    assert day.width == 1
    assert day.rows[0].cells == [Cell(lunch, rowspan=1, colspan=1)]


def test_schedule_days_nothing_gives_no_days():
    assert schedule_days([], rooms("Room 241"), NEW_YORK) == []


def test_schedule_days_clashing_slots_of_one_room_do_not_break_the_table():
    [room] = rooms("Room 241")
    first = workshop_slot(room, "First", at(8), at(12))
    clash = workshop_slot(room, "Clash", at(10), at(11))

    [day] = schedule_days([first, clash], [room], NEW_YORK)

    assert matrix(day) == [["First"]] * 4
    assert [row.notes for row in day.rows] == [[], [], [clash], []]


def test_schedule_days_list_puts_plenary_items_first_then_rooms_in_order():
    r241, r238 = rooms("Room 241", "Room 238")
    in_238 = workshop_slot(r238, "In 238", at(12), at(13))
    in_241 = workshop_slot(r241, "In 241", at(12), at(13))
    welcome = plenary("Welcome", at(12), at(12, 30))

    [day] = schedule_days([in_238, in_241, welcome], [r241, r238], NEW_YORK)

    assert [slot.label for slot in day.items] == ["Welcome", "In 241", "In 238"]


def test_items_by_day_groups_by_venue_date_in_time_order():
    [room] = rooms("Room 241")
    late = workshop_slot(room, "Late", at(13), at(14))
    early = workshop_slot(room, "Early", at(8), at(9))
    friday = workshop_slot(room, "Friday", at(8, day=FRIDAY), at(9, day=FRIDAY))

    days = items_by_day([friday, late, early], NEW_YORK)

    assert [(d.date, [s.label for s in d.items]) for d in days] == [
        (THURSDAY, ["Early", "Late"]),
        (FRIDAY, ["Friday"]),
    ]
    assert days[1].anchor == "day-2023-06-09"
