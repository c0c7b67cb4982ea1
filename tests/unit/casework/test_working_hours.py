"""Working hours: only 08:30-12:00 and 13:30-17:30 on weekdays count (China time)."""

from __future__ import annotations

import datetime as dt

from app.working_hours import CHINA_TIME, DESK_HOURS


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=CHINA_TIME)  # 2026-11-27 is a Friday


def test_a_morning_counts_from_opening_and_lunch_does_not() -> None:
    assert DESK_HOURS.elapsed(at(26, 9), at(26, 11, 30)) == dt.timedelta(hours=2, minutes=30)
    assert DESK_HOURS.elapsed(at(26, 11), at(26, 14)) == dt.timedelta(hours=1, minutes=30)


def test_before_opening_and_after_closing_count_nothing() -> None:
    assert DESK_HOURS.elapsed(at(26, 7), at(26, 8, 30)) == dt.timedelta(0)
    assert DESK_HOURS.elapsed(at(26, 17, 30), at(26, 23)) == dt.timedelta(0)
    assert DESK_HOURS.elapsed(at(26, 12), at(26, 9)) == dt.timedelta(0)


def test_friday_afternoon_reaches_the_target_on_monday_morning() -> None:
    used = DESK_HOURS.elapsed(at(27, 16), at(30, 11))
    assert used == DESK_HOURS.target == dt.timedelta(hours=4)


def test_utc_moments_are_read_in_china_time() -> None:
    start = dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shouguang
    assert DESK_HOURS.elapsed(start, start + dt.timedelta(hours=1)) == dt.timedelta(hours=1)


def test_day_and_date_bounds_are_local_days_in_utc() -> None:
    start, end = DESK_HOURS.day_bounds(dt.datetime(2026, 11, 26, 20, 0, tzinfo=dt.UTC))  # 04:00 on the 27th
    assert start == dt.datetime(2026, 11, 26, 16, 0, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(days=1)
    first, until = DESK_HOURS.date_bounds(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert first == dt.datetime(2026, 10, 31, 16, 0, tzinfo=dt.UTC)
    assert until == dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)
    assert DESK_HOURS.date_bounds(None, None) == (None, None)


def test_the_deadline_is_four_working_hours_later_skipping_lunch_nights_and_weekends() -> None:
    assert DESK_HOURS.deadline(at(26, 9)) == at(26, 14, 30)  # 3 h in the morning, 1 h after lunch
    assert DESK_HOURS.deadline(at(26, 8)) == at(26, 14)  # before opening: 3.5 h from 08:30, then 0.5 h
    assert DESK_HOURS.deadline(at(26, 12, 45)) == at(26, 17, 30)  # at lunch: from 13:30
    assert DESK_HOURS.deadline(at(26, 16)) == at(27, 11)  # 1.5 h, then overnight
    assert DESK_HOURS.deadline(at(27, 16)) == at(30, 11)  # Friday afternoon: Monday morning
    assert DESK_HOURS.deadline(at(28, 10)) == at(30, 14)  # a Saturday acceptance: Monday


def test_the_deadline_agrees_with_the_elapsed_clock_of_the_board() -> None:
    for day, hour in ((26, 9), (26, 11), (27, 17), (29, 3)):
        start = at(day, hour)
        assert DESK_HOURS.elapsed(start, DESK_HOURS.deadline(start)) == DESK_HOURS.target


def test_the_hours_read_as_the_founder_reads_them() -> None:
    assert DESK_HOURS.describe() == "周一至周五 08:30-12:00、13:30-17:30"
