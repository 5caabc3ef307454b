"""ISO 8601 weeks, Monday first, in the organisation's time zone: the one place for week math.

A week is Monday to Sunday and numbered the ISO way (ISO 8601 section 3.2.2, `date.isocalendar`):
week 1 is the week holding the year's first Thursday, so 2026 ends in week 53 and 2027-W01 starts
on Monday 4 January 2027. A learning session belongs to the week, and the day, on which it
started in the organisation's zone. Moments are stored in UTC, so a week becomes a UTC range
before it is queried; that range is 167 or 169 hours long in the weeks when clocks change.
No database, no Textual: services, screens, the command line and i18n all use these.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


def monday_of(day: date) -> date:
    """The Monday of the ISO week holding local date `day`."""
    return day - timedelta(days=day.isoweekday() - 1)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The local date of an aware `moment` in `zone`."""
    return moment.astimezone(zone).date()


def week_start(moment_or_day: datetime | date, zone: ZoneInfo) -> date:
    """The Monday (a local date) of the ISO week that holds this moment (in `zone`) or this day."""
    if isinstance(moment_or_day, datetime):
        moment_or_day = local_day(moment_or_day, zone)
    return monday_of(moment_or_day)


def day_start_utc(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight at the start of `day` in `zone`, as an aware UTC datetime."""
    return datetime.combine(day, time(0, 0), zone).astimezone(timezone.utc)


def week_range_utc(monday: date, zone: ZoneInfo, weeks: int = 1) -> tuple[datetime, datetime]:
    """[start, end) in UTC of `weeks` ISO weeks beginning with the week of `monday`."""
    return day_start_utc(monday, zone), day_start_utc(monday + timedelta(weeks=weeks), zone)


def iso_week(day: date) -> tuple[int, int]:
    """(ISO year, ISO week number) of local date `day`: 31 December 2026 is (2026, 53)."""
    calendar = day.isocalendar()
    return calendar.year, calendar.week


def week_number(day: date) -> int:
    """The ISO week number (1-53) of local date `day`."""
    return day.isocalendar().week


def parse_week(text: str) -> date:
    """The Monday of `2026-W48`, or of the week holding `2026-11-25`.

    Raises ValueError for text in neither form, or a week the year does not have (`2027-W53`).
    """
    text = text.strip()
    if "W" in text.upper():
        year, _, week = text.upper().partition("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    return monday_of(date.fromisoformat(text))
