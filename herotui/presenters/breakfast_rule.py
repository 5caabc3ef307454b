"""The breakfast rule in words, for the screen and the command line (no Textual, no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from herotui.i18n import format_date, format_datetime, t
from herotui.services.calendar_rules import MonthlyRule
from herotui.text import clean_line


def describe_rule(rule: MonthlyRule) -> str:
    """"första fredagen i månaden, 08:00-09:00" / "the first Friday of the month, 08:00-09:00",
    in the current language; the end is the local start time plus `rule.minutes`."""
    end = (datetime.combine(date(2000, 1, 1), rule.start_time) + timedelta(minutes=rule.minutes)).time()
    return t("breakfast.rule.text", nth=t(f"breakfast.rule.nth.{rule.nth}"),
             weekday=t(f"breakfast.rule.weekday.{rule.weekday}"), start=rule.start, end=f"{end:%H:%M}")


def rule_change_lines(change) -> list[str]:
    """A line per breakfast a plan change (`RuleChange`, or None for none) moved, cancelled (its
    month left out) or kept on its date (claimed, not confirmed: "with --yes it moves to ...")."""
    lines = []
    for item in change.moved if change else ():
        if item.restored:
            lines.append(t("breakfast.said.rule_restored", date=format_date(item.new.date(), with_year=True),
                           new=format_datetime(item.new)))
        elif item.new is None:
            lines.append(t("breakfast.said.rule_cancelled", date=format_date(item.old.date(), with_year=True)))
        else:
            lines.append(t("breakfast.said.rule_moved", date=format_date(item.old.date(), with_year=True),
                           new=format_datetime(item.new)))
    for item in change.kept if change else ():
        key = "breakfast.said.rule_kept" if item.new is not None else "breakfast.said.rule_kept_out"
        lines.append(t(key, date=format_date(item.old.date(), with_year=True), name=clean_line(item.host_name or ""),
                       new=format_datetime(item.new) if item.new else ""))
    return lines
