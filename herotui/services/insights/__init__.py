"""Insights: is the company learning what it needs? Group figures per focus area, never per person.

`InsightsService(hero).overview(period)` returns an `Insights` (see `service.py`); `text.py` turns
it into sentences and table cells, `export.py` into Markdown, CSV, HTML or JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from herotui.services.insights.periods import PERIOD_KEYS, Period, next_period_key, parse_period
from herotui.services.insights.service import (
    SORT_KEYS,
    AreaInsight,
    Gap,
    Insights,
    Totals,
    TrendBar,
    read_below_target,
    read_insights,
    sort_rows,
    trend_per_week,
)

if TYPE_CHECKING:
    from datetime import datetime

    from herotui.services.hero import Hero

__all__ = [
    "PERIOD_KEYS", "SORT_KEYS", "AreaInsight", "Gap", "Insights", "InsightsService", "Period", "Totals", "TrendBar",
    "next_period_key", "parse_period", "sort_rows", "trend_per_week",
]


class InsightsService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    def overview(self, period: str | None = None) -> Insights:
        """Figures per focus area for `period` (quarter, 12w, year or YYYY-Qn; default quarter).

        Raises ValidationError for an unknown period, DatabaseUnavailable when the drive is away.
        """
        return read_insights(self.hero, period)

    def below_target(self, now: "datetime | None" = None) -> set[str]:
        """Names of the areas whose learning this quarter (up to `now`, default the hero's now) is
        below their target pro rata. Cheap: one aggregate query. Raises DatabaseUnavailable."""
        return read_below_target(self.hero, now or self.hero.now())

    def gaps(self, period: str | None = None, limit: int | None = None) -> list[AreaInsight]:
        """The areas that need attention, most pressing first."""
        rows = [row for row in self.overview(period).rows if row.is_gap]
        return rows[:limit] if limit is not None else rows
