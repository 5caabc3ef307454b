"""The periods the insights screen looks at, in local dates of the organisation's time zone.

`quarter` (this calendar quarter so far), `12w` (the last twelve ISO weeks, this one included),
`year` (this calendar year so far) and `YYYY-Qn` (a whole past or the current quarter).
Trend buckets follow ISO weeks (ISO 8601: weeks start on Monday); a period that does not begin on
a Monday starts with a partial week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from herotui.services.errors import ValidationError
from herotui.services.calendar_rules import monday_of
from herotui.services.weeks import day_start_utc

PERIOD_KEYS = ("quarter", "12w", "year")
"""The periods the screen's period key cycles through, in order."""
AVERAGE_QUARTER_DAYS = 365.25 / 4
_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[QqKk]\s*([1-4])\s*$")


@dataclass(frozen=True)
class Period:
    """A span of local days [first_day, end_day); figures count up to `to_day` (exclusive).

    `buckets` are the first local day of each trend bucket (the first day, then every Monday),
    only up to `to_day`; `weeks` are their ISO (year, week) numbers.
    """

    key: str
    kind: str
    """quarter, 12w, year or a named quarter (named)."""
    first_day: date
    end_day: date
    to_day: date
    buckets: tuple[date, ...]
    weeks: tuple[tuple[int, int], ...]
    quarter_days: float
    """Days in the quarter a target (minutes per quarter) is spread over, for pro-rata targets."""

    @property
    def label(self) -> str:
        """2026-Q4, 2026 or "2026-09-07–2026-11-29" (a machine-friendly name)."""
        if self.kind in ("quarter", "named"):
            return f"{self.first_day.year}-Q{(self.first_day.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.first_day.year)
        return f"{self.first_day.isoformat()}–{(self.to_day - timedelta(days=1)).isoformat()}"

    @property
    def covered_days(self) -> int:
        return max(0, (self.to_day - self.first_day).days)

    def range_utc(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        return day_start_utc(self.first_day, zone), day_start_utc(self.to_day, zone)

    def bucket_bounds_utc(self, zone: ZoneInfo) -> list[datetime]:
        """The UTC start of every bucket after the first (used to place a moment in its bucket)."""
        return [day_start_utc(day, zone) for day in self.buckets[1:]]

    def expected(self, target_per_quarter: int | None) -> int | None:
        """A quarterly target spread pro rata over the days this period covers so far."""
        if target_per_quarter is None:
            return None
        return int(round(target_per_quarter * self.covered_days / self.quarter_days))


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(start: date) -> date:
    return date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)


def _build(key: str, kind: str, first: date, end: date, today: date, quarter_days: float) -> Period:
    to_day = min(end, today + timedelta(days=1))
    buckets = [first]
    monday = monday_of(first) + timedelta(weeks=1)
    while monday < to_day:
        buckets.append(monday)
        monday += timedelta(weeks=1)
    weeks = tuple((d.isocalendar().year, d.isocalendar().week) for d in buckets)
    return Period(key, kind, first, end, to_day, tuple(buckets), weeks, quarter_days)


def parse_period(text: str | None, today: date) -> Period:
    """The period named by `text` as of the local day `today`.

    Raises ValidationError (insights.error.period) for anything else and
    (insights.error.future_quarter) for a quarter that has not begun.
    """
    key = (text or "quarter").strip().lower()
    if key in ("quarter", "q", "kvartal"):
        first = _quarter_start(today)
        end = _next_quarter(first)
        return _build("quarter", "quarter", first, end, today, (end - first).days)
    if key in ("12w", "12v", "weeks"):
        monday = monday_of(today)
        first = monday - timedelta(weeks=11)
        return _build("12w", "12w", first, monday + timedelta(weeks=1), today, AVERAGE_QUARTER_DAYS)
    if key in ("year", "år", "ar"):
        first = date(today.year, 1, 1)
        return _build("year", "year", first, date(today.year + 1, 1, 1), today, AVERAGE_QUARTER_DAYS)
    match = _QUARTER.match(key)
    if match is None:
        raise ValidationError("insights.error.period", value=(text or "")[:40])
    year, number = int(match.group(1)), int(match.group(2))
    if not 2000 <= year <= 2200:
        raise ValidationError("insights.error.period", value=(text or "")[:40])
    first = date(year, 3 * (number - 1) + 1, 1)
    if first > today:
        raise ValidationError("insights.error.future_quarter", quarter=f"{year}-Q{number}")
    end = _next_quarter(first)
    return _build(f"{year}-Q{number}", "named", first, end, today, (end - first).days)


def next_period_key(key: str) -> str:
    """The period after `key` in the screen's cycle (a named quarter goes back to the first)."""
    if key not in PERIOD_KEYS:
        return PERIOD_KEYS[0]
    return PERIOD_KEYS[(PERIOD_KEYS.index(key) + 1) % len(PERIOD_KEYS)]
