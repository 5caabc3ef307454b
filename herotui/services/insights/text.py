"""Insights in words: cells, period names and the plain sentence per gap (Swedish and English).

Shared by the screen and the exports so that both say exactly the same. No textual import.
"""

from __future__ import annotations

from herotui.i18n import format_count, format_date, format_minutes, t
from herotui.services.insights.periods import Period
from herotui.services.insights.service import AreaInsight, Insights


def period_phrase(period: Period) -> str:
    """"det här kvartalet" / "this quarter", "i år", "under 2026-Q3" ..."""
    if period.kind == "named":
        return t("insights.phrase.named", label=period.label)
    return t(f"insights.phrase.{period.kind}")


def period_title(period: Period) -> str:
    """"Det här kvartalet (2026-Q4)" / "Last 12 weeks (v. 37–48)"."""
    if period.kind == "12w":
        return t("insights.title.12w", first=period.weeks[0][1], last=period.weeks[-1][1])
    if period.kind == "named":
        return t("insights.title.named", label=period.label)
    return t(f"insights.title.{period.kind}", label=period.label)


def hidden_text(min_group: int, *, short: bool = False) -> str:
    """"<5" in a narrow cell, "färre än 5" / "fewer than 5" elsewhere."""
    return f"<{min_group}" if short else t("insights.fewer", n=min_group)


def count_cell(value: int | None, min_group: int, *, short: bool = True) -> str:
    return hidden_text(min_group, short=short) if value is None else format_count(value)


def minutes_cell(value: int | None, min_group: int, *, short: bool = True) -> str:
    return hidden_text(min_group, short=short) if value is None else format_minutes(value)


def priority_label(priority: str) -> str:
    return t(f"insights.priority.{priority}")


def area_name(row: AreaInsight) -> str:
    return row.name if row.area_id is not None else t("insights.no_area")


def gap_sentence(row: AreaInsight, insights: Insights) -> str:
    """"Arbetsrätt: hög prioritet, 40 min det här kvartalet, ingen frukost på ett år"."""
    phrase = period_phrase(insights.period)
    parts = [priority_label(row.priority)]
    if row.minutes is None:
        parts.append(t("insights.gap.few_learners", n=insights.min_group, period=phrase))
    else:
        parts.append(t("insights.gap.minutes", minutes=format_minutes(row.minutes), period=phrase))
    reasons = row.gap.reasons if row.gap else ()
    if "below_target" in reasons and row.expected_minutes is not None:
        parts.append(t("insights.gap.below_target", target=format_minutes(row.target_minutes or 0),
                       expected=format_minutes(row.expected_minutes)))
    if "no_breakfast" in reasons:
        if row.last_breakfast is None:
            parts.append(t("insights.gap.no_breakfast"))
        else:
            parts.append(t("insights.gap.breakfast_since", day=format_date(row.last_breakfast, with_year=True)))
    return f"{area_name(row)}: " + ", ".join(parts)
