"""The learning hour's rules: what a valid entry is, and when a logged entry began.

No database here: these functions check what a person typed (the log form, the command line, an
action payload) and raise `ValidationError` (with a message key naming what to do) when it is wrong.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from herotui.services.areas import validate_kind
from herotui.services.errors import ValidationError
from herotui.services.learning.types import MAX_MINUTES, MIN_MINUTES, Draft
from herotui.services.links import check_link
from herotui.isoweek import day_start_utc, local_day
from herotui.text import clean_block, clean_line

MAX_TITLE = 200
MAX_NOTE = 5000
HISTORY_WEEKS = 12
"""ISO weeks in the history chart and the breakdown, the week shown included."""


def validate_minutes(minutes: Any) -> int:
    """`minutes` as an int in [MIN_MINUTES, MAX_MINUTES] (1..600).

    Raises ValidationError `learn.error.minutes_number` when it is not a whole number and
    `learn.error.minutes_range` when it is out of range.
    """
    try:
        value = int(str(minutes).strip())
    except (TypeError, ValueError):
        raise ValidationError("learn.error.minutes_number", value=clean_line(str(minutes))[:20]) from None
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise ValidationError("learn.error.minutes_range", low=MIN_MINUTES, high=MAX_MINUTES)
    return value


def validate_title(title: str | None) -> str:
    """The title cleaned to one line. Raises ValidationError when it is empty
    (`learn.error.title_required`) or longer than MAX_TITLE characters."""
    cleaned = clean_line(title)
    if not cleaned:
        raise ValidationError("learn.error.title_required")
    if len(cleaned) > MAX_TITLE:
        raise ValidationError("learn.error.title_too_long", max=MAX_TITLE)
    return cleaned


def validate_link(link: str | None) -> str:
    """The session's link, checked by the same rule as a share's (`herotui.services.links`), so a
    session that is later shared never carries a link that sharing refuses. "" for no link;
    ValidationError when it is not a web link."""
    return check_link(link)


def validate_note(note: str | None) -> str:
    """The note cleaned (control characters removed, lines kept). ValidationError when it is
    longer than MAX_NOTE characters."""
    cleaned = clean_block(note)
    if len(cleaned) > MAX_NOTE:
        raise ValidationError("learn.error.note_too_long", max=MAX_NOTE)
    return cleaned


def validate_day(day: date | str, today: date) -> date:
    """The local day an entry counts for, from a `date` or ISO text (`2026-11-25`).

    Raises ValidationError `learn.error.date_format` for text that is not an ISO date and
    `learn.error.future` for a day after `today` (a local day).
    """
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day.strip())
        except ValueError:
            raise ValidationError("learn.error.date_format", value=clean_line(day)[:20]) from None
    if day > today:
        raise ValidationError("learn.error.future")
    return day


def make_draft(*, kind: str | None = None, title: str | None = None, link: str | None = None,
               areas: Iterable[str] | None = None, note: str | None = None, require_title: bool = False) -> Draft:
    """Clean and check the fields that were given; `None` means "leave as it is".

    Areas are de-duplicated in order, blank names dropped (they are resolved when written).
    Raises ValidationError from the field's check (`validate_title`, `validate_link`,
    `validate_note`, `validate_kind`); with `require_title` a missing title is refused too.
    """
    if require_title or title is not None:
        title = validate_title(title)
    area_names = None
    if areas is not None:
        area_names = tuple(dict.fromkeys(clean_line(a) for a in areas if clean_line(a)))
    return Draft(
        kind=validate_kind(kind) if kind is not None else None,
        title=title,
        link=validate_link(link) if link is not None else None,
        areas=area_names,
        note=validate_note(note) if note is not None else None,
    )


def manual_start(day: date, minutes: int, now: datetime, zone: ZoneInfo) -> datetime:
    """When (UTC) a logged entry of `minutes` for the local `day` began: noon on an earlier day;
    today, just before `now`.

    It never slips into the day before, so an entry always counts for the day it was given.
    """
    if local_day(now, zone) == day:
        return max(day_start_utc(day, zone), now - timedelta(minutes=minutes))
    return datetime.combine(day, time(12, 0), zone).astimezone(timezone.utc)


def _limit_minutes(settings: dict | None) -> int:
    """The long-timer limit in minutes from the org settings (`long_timer_hours`, default 3)."""
    hours = (settings or {}).get("long_timer_hours", 3)
    return int(round(float(hours) * 60))
