"""Calendar arithmetic for rules like "the first Friday of every month" (no database).

Everything here works on dates and local wall times; the services turn a wall time in the
organisation's zone into a UTC moment with `local_to_utc`, which is what keeps 08:00 at 08:00
on both sides of a daylight-saving change.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Mapping

from herotui.isoweek import monday_of, week_number


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The `nth` (1-5, or -1 for the last) `weekday` (ISO: Monday 1 ... Sunday 7) of a month.

    A fifth weekday that the month does not have falls back to the last one.
    """
    if nth == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7)
    candidate = day + timedelta(weeks=nth - 1)
    if candidate.month != month:
        return nth_weekday(year, month, -1, weekday)
    return candidate


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def parse_hhmm(text: str) -> time:
    """"08:00" or "8:30" as a `time`; ValueError for anything else."""
    hours, sep, minutes = str(text).strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"not a time of day: {text!r}")
    return time(int(hours), int(minutes))


def local_to_utc(day: date, at: time, zone: tzinfo) -> datetime:
    """The UTC moment of wall time `at` on `day` in `zone`.

    Offsets come from the zone for that very date, so a breakfast at 08:00 is 07:00 UTC in
    winter and 06:00 UTC in summer. A wall time that falls in the spring-forward gap resolves
    with fold=0 (the offset before the change), which is what the zoneinfo module defines.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(timezone.utc)


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def parse_month_key(key: str) -> tuple[int, int]:
    year, _, month = key.partition("-")
    return int(year), int(month)


@dataclass(frozen=True)
class MonthlyRule:
    """"The `nth` `weekday` of every month, from `start` for `minutes`" (nth -1 is the last)."""

    nth: int = 1
    weekday: int = 5
    start: str = "08:00"
    minutes: int = 60

    @classmethod
    def from_setting(cls, value: object) -> "MonthlyRule":
        """Read the stored setting; ValueError says what is wrong with it."""
        if not isinstance(value, dict):
            raise ValueError("rule must be an object")
        nth = value.get("nth", 1)
        weekday = value.get("weekday", 5)
        start = value.get("start", "08:00")
        minutes = value.get("minutes", 60)
        if isinstance(nth, bool) or not isinstance(nth, int) or nth not in (-1, 1, 2, 3, 4, 5):
            raise ValueError("nth")
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 1 <= weekday <= 7:
            raise ValueError("weekday")
        parsed = parse_hhmm(start)  # raises ValueError("not a time of day")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 15 <= minutes <= 240:
            raise ValueError("minutes")
        return cls(nth, weekday, f"{parsed:%H:%M}", minutes)

    def as_setting(self) -> dict[str, object]:
        return {"nth": self.nth, "weekday": self.weekday, "start": self.start, "minutes": self.minutes}

    @property
    def start_time(self) -> time:
        return parse_hhmm(self.start)

    def day_in(self, year: int, month: int) -> date:
        return nth_weekday(year, month, self.nth, self.weekday)

    def start_in(self, year: int, month: int, zone: tzinfo) -> datetime:
        """The UTC start of this rule's breakfast in a month."""
        return local_to_utc(self.day_in(year, month), self.start_time, zone)


ON_HOLIDAY = ("next", "skip")
"""What the rule does when its day is a public holiday: the same weekday a week later (or, when
that leaves the month, a week earlier), or no breakfast that month."""


@dataclass(frozen=True)
class BreakfastPlan:
    """The rule plus the days it must avoid: public holidays and months an admin left out.

    `holidays` maps local dates to their names (see `herotui.services.public_holidays`); `months_off`
    holds month numbers 1-12 without a breakfast (e.g. July).
    """

    rule: MonthlyRule
    holidays: Mapping[date, str] = field(default_factory=dict)
    on_holiday: str = "next"
    months_off: frozenset[int] = frozenset()

    def day_in(self, year: int, month: int) -> date | None:
        """The breakfast day of a month, or None when the month has none."""
        if month in self.months_off:
            return None
        day = self.rule.day_in(year, month)
        if day not in self.holidays:
            return day
        if self.on_holiday != "next":
            return None
        # Keep the weekday people are used to: a week later, else a week earlier, inside the month.
        for step in (1, 2, 3, 4, -1, -2, -3, -4):
            candidate = day + timedelta(weeks=step)
            if candidate.month == month and candidate not in self.holidays:
                return candidate
        return None

    def start_in(self, year: int, month: int, zone: tzinfo) -> datetime | None:
        """The UTC start of the month's breakfast, or None when the month has none."""
        day = self.day_in(year, month)
        return None if day is None else local_to_utc(day, self.rule.start_time, zone)


def planned_months(rule: "MonthlyRule | BreakfastPlan", now: datetime, zone: tzinfo,
                   count: int = 12) -> list[tuple[str, datetime]]:
    """(`YYYY-MM`, UTC start) of the rule breakfasts in the next `count` months that start after `now`.

    This month counts when its breakfast is still ahead; otherwise the window starts next month.
    Months a plan leaves out (holiday with `skip`, `months_off`) take a place in the window but
    yield no entry, so the list may be shorter than `count`.
    """
    plan = rule if isinstance(rule, BreakfastPlan) else BreakfastPlan(rule)
    today = now.astimezone(zone).date()
    result: list[tuple[str, datetime]] = []
    months = 0
    offset = 0
    while months < count:
        year, month = add_months(today.year, today.month, offset)
        offset += 1
        starts = plan.start_in(year, month, zone)
        if starts is None:
            if offset > 1 or plan.rule.start_in(year, month, zone) > now:
                months += 1
            continue
        if starts > now:
            result.append((month_key(year, month), starts))
            months += 1
    return result


@dataclass(frozen=True)
class GridWeek:
    """One row of a month grid: the ISO week number and its seven days, Monday first."""

    week: int
    days: tuple[date, ...]


def month_grid(year: int, month: int) -> list[GridWeek]:
    """The weeks that touch a month (4 to 6 rows); days outside the month are included."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    monday = monday_of(first)
    weeks: list[GridWeek] = []
    while monday <= last:
        days = tuple(monday + timedelta(days=i) for i in range(7))
        weeks.append(GridWeek(week_number(monday), days))
        monday += timedelta(weeks=1)
    return weeks
