"""Calendar arithmetic for rules like "the first Friday of every month" (no database)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


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


def monday_of(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1
