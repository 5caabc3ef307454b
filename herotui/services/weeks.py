"""ISO weeks in the organisation's time zone (no database).

A learning session belongs to the week, and the day, on which it started in the organisation's
time zone. Moments are stored in UTC, so a week is turned into a UTC range before it is queried;
that range is 167 or 169 hours long in the weeks when clocks change.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from herotui.services.calendar_rules import monday_of


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def week_start(moment_or_day: datetime | date, zone: ZoneInfo) -> date:
    """The Monday of the ISO week that holds this moment (in `zone`) or this day."""
    if isinstance(moment_or_day, datetime):
        moment_or_day = local_day(moment_or_day, zone)
    return monday_of(moment_or_day)


def day_start_utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), zone).astimezone(timezone.utc)


def week_range_utc(monday: date, zone: ZoneInfo, weeks: int = 1) -> tuple[datetime, datetime]:
    """[start, end) in UTC of `weeks` ISO weeks beginning with the week of `monday`."""
    return day_start_utc(monday, zone), day_start_utc(monday + timedelta(weeks=weeks), zone)


def iso_week(monday: date) -> tuple[int, int]:
    """(ISO year, ISO week number)."""
    calendar = monday.isocalendar()
    return calendar.year, calendar.week


def parse_week(text: str) -> date:
    """The Monday of `2026-W48`, or of the week holding `2026-11-25`."""
    text = text.strip()
    if "W" in text.upper():
        year, _, week = text.upper().partition("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return monday_of(date.fromisoformat(text))
