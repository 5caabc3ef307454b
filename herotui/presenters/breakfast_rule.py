"""The breakfast rule in words, for the screen and the command line (no Textual, no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from herotui.i18n import t
from herotui.services.calendar_rules import MonthlyRule


def describe_rule(rule: MonthlyRule) -> str:
    """"första fredagen i månaden, 08:00-09:00" / "the first Friday of the month, 08:00-09:00",
    in the current language; the end is the local start time plus `rule.minutes`."""
    end = (datetime.combine(date(2000, 1, 1), rule.start_time) + timedelta(minutes=rule.minutes)).time()
    return t("breakfast.rule.text", nth=t(f"breakfast.rule.nth.{rule.nth}"),
             weekday=t(f"breakfast.rule.weekday.{rule.weekday}"), start=rule.start, end=f"{end:%H:%M}")
