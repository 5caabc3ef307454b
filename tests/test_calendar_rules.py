"""The breakfast rule's calendar arithmetic: which day, which UTC moment, which weeks in a grid."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest

from herotui.services.calendar_rules import (
    MonthlyRule,
    add_months,
    local_to_utc,
    month_grid,
    nth_weekday,
    planned_months,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = timezone.utc


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2027, 1, date(2027, 1, 1)),  # the month starts on a Friday: the 1st
        (2027, 5, date(2027, 5, 7)),  # the month starts on a Saturday: the 7th
        (2026, 12, date(2026, 12, 4)),
        (2027, 10, date(2027, 10, 1)),
    ],
)
def test_first_friday_from_the_1st_to_the_7th(year, month, expected):
    assert nth_weekday(year, month, 1, 5) == expected


def test_last_weekday_and_a_missing_fifth_one():
    assert nth_weekday(2026, 10, -1, 5) == date(2026, 10, 30)
    assert nth_weekday(2027, 2, -1, 7) == date(2027, 2, 28)
    # February 2027 has four Fridays; "the fifth" falls back to the last.
    assert nth_weekday(2027, 2, 5, 5) == date(2027, 2, 26)
    assert nth_weekday(2027, 1, 5, 5) == date(2027, 1, 29)


def test_local_wall_time_stays_put_across_daylight_saving():
    winter = local_to_utc(date(2027, 3, 5), time(8, 0), STOCKHOLM)
    summer = local_to_utc(date(2027, 4, 2), time(8, 0), STOCKHOLM)
    assert winter == datetime(2027, 3, 5, 7, 0, tzinfo=UTC)
    assert summer == datetime(2027, 4, 2, 6, 0, tzinfo=UTC)


def test_last_sunday_is_the_day_the_clocks_change():
    rule = MonthlyRule(nth=-1, weekday=7, start="08:00", minutes=60)
    # Clocks go forward at 02:00 on 28 March 2027 and back at 03:00 on 31 October 2027.
    assert rule.day_in(2027, 3) == date(2027, 3, 28)
    assert rule.start_in(2027, 3, STOCKHOLM) == datetime(2027, 3, 28, 6, 0, tzinfo=UTC)
    assert rule.day_in(2027, 10) == date(2027, 10, 31)
    assert rule.start_in(2027, 10, STOCKHOLM) == datetime(2027, 10, 31, 7, 0, tzinfo=UTC)
    # Either way it is 08:00 on the wall.
    for month in (3, 10):
        assert rule.start_in(2027, month, STOCKHOLM).astimezone(STOCKHOLM).time() == time(8, 0)


def test_planned_months_skip_a_breakfast_already_past():
    rule = MonthlyRule()
    before = datetime(2026, 12, 4, 6, 59, tzinfo=UTC)
    after = datetime(2026, 12, 4, 7, 0, tzinfo=UTC)
    assert planned_months(rule, before, STOCKHOLM)[0][0] == "2026-12"
    keys = [key for key, _ in planned_months(rule, after, STOCKHOLM)]
    assert keys[0] == "2027-01" and keys[-1] == "2027-12" and len(keys) == 12


def test_add_months_wraps_years():
    assert add_months(2026, 12, 1) == (2027, 1)
    assert add_months(2027, 1, -1) == (2026, 12)
    assert add_months(2026, 11, 14) == (2028, 1)


def test_month_grid_is_monday_first_with_iso_weeks():
    weeks = month_grid(2027, 1)
    assert weeks[0].week == 53  # 1 January 2027 belongs to ISO week 53 of 2026
    assert weeks[0].days[0] == date(2026, 12, 28) and weeks[0].days[0].isoweekday() == 1
    assert weeks[1].week == 1
    assert all(len(w.days) == 7 for w in weeks)
    assert weeks[-1].days[-1] >= date(2027, 1, 31)
    assert len(month_grid(2021, 2)) == 4  # February 2021: exactly four Monday-first weeks


@pytest.mark.parametrize(
    "value",
    [
        {"nth": 0, "weekday": 5, "start": "08:00", "minutes": 60},
        {"nth": 1, "weekday": 8, "start": "08:00", "minutes": 60},
        {"nth": 1, "weekday": 5, "start": "25:00", "minutes": 60},
        {"nth": 1, "weekday": 5, "start": "8", "minutes": 60},
        {"nth": 1, "weekday": 5, "start": "08:00", "minutes": 5},
        {"nth": True, "weekday": 5, "start": "08:00", "minutes": 60},
        "first friday",
    ],
)
def test_rule_validation_refuses_nonsense(value):
    with pytest.raises(ValueError):
        MonthlyRule.from_setting(value)


def test_rule_round_trip_normalises_the_time():
    rule = MonthlyRule.from_setting({"nth": -1, "weekday": 4, "start": "7:30", "minutes": 45})
    assert rule.as_setting() == {"nth": -1, "weekday": 4, "start": "07:30", "minutes": 45}
