"""Checks and parsing of what people type for breakfasts, and the rule in words.

Every function here raises `ValidationError` (with a catalogue key naming what to fix) for bad
input and never falls back to a default.
"""

from __future__ import annotations

from datetime import date

from herotui.services.calendar_rules import MonthlyRule, parse_hhmm
from herotui.services.errors import ValidationError
from herotui.text import clean_block, clean_line

MAX_TOPIC = 200
"""Characters in a topic, after cleaning."""
MAX_DESCRIPTION = 2000
"""Characters in a description, after cleaning."""
MIN_MINUTES, MAX_MINUTES = 15, 240
"""How long a breakfast may last, in minutes."""


def validate_topic(topic: str | None) -> str:
    """The topic as one clean line. ValidationError when empty or over `MAX_TOPIC` characters."""
    cleaned = clean_line(topic)
    if not cleaned:
        raise ValidationError("breakfast.error.topic_required")
    if len(cleaned) > MAX_TOPIC:
        raise ValidationError("breakfast.error.topic_too_long", max=MAX_TOPIC)
    return cleaned


def validate_description(text: str | None) -> str:
    """The description, cleaned (newlines kept; may be empty). ValidationError when over
    `MAX_DESCRIPTION` characters."""
    cleaned = clean_block(text)
    if len(cleaned) > MAX_DESCRIPTION:
        raise ValidationError("breakfast.error.description_too_long", max=MAX_DESCRIPTION)
    return cleaned


def validate_rule(value: object) -> MonthlyRule:
    """The `breakfast_rule` setting, checked. (OrgService.set may call this for the key too.)

    ValidationError (`breakfast.error.rule_invalid`, with the reason) when it is not a valid rule.
    """
    try:
        return MonthlyRule.from_setting(value)
    except ValueError as exc:
        raise ValidationError("breakfast.error.rule_invalid", reason=str(exc)) from None


def parse_day(text: str) -> date:
    """A local date from ISO text (`2027-01-08`). ValidationError (`breakfast.error.bad_date`) otherwise."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError("breakfast.error.bad_date", value=clean_line(text)) from None


def parse_time(text: str) -> str:
    """A local wall time as `HH:MM` (from `8:00`, `08:00`...). ValidationError (`breakfast.error.bad_time`)
    otherwise."""
    try:
        return f"{parse_hhmm(text):%H:%M}"
    except ValueError:
        raise ValidationError("breakfast.error.bad_time", value=clean_line(text)) from None


def _minutes(value: int) -> int:
    """A duration in minutes, 15 to 240. ValidationError otherwise (a bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_MINUTES <= value <= MAX_MINUTES:
        raise ValidationError("breakfast.error.bad_minutes", low=MIN_MINUTES, high=MAX_MINUTES)
    return value
