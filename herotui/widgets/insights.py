"""The insights table: one line per focus area, drawn as text so it fits 80 columns.

Columns drop out from the least needed when the terminal is narrow. The trend column is drawn
by `widgets.learning.sparkline`, the same eighth-block bars as the learning screen's chart.
Area names are text an admin typed: they go through `safe()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from herotui.i18n import format_count, t
from herotui.widgets.learning import sparkline
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.services.insights import AreaInsight, Insights, Totals

# (column, header key, width, sort key it shows); dropped right to left in DROP_ORDER when narrow.
COLUMNS = (
    ("priority", "insights.col.priority", 7, None),
    ("minutes", "insights.col.minutes", 8, "minutes"),
    ("sessions", "insights.col.sessions", 6, None),
    ("learners", "insights.col.learners", 9, "learners"),
    ("shares", "insights.col.shares", 7, "shares"),
    ("useful", "insights.col.useful", 8, "useful"),
    ("breakfasts", "insights.col.breakfasts", 9, "breakfasts"),
)
DROP_ORDER = ("sessions", "useful", "priority", "shares")
NAME_MIN = 19
TREND_MAX = 14


def fit_values(values: list[int], width: int) -> list[int]:
    """At most `width` values: neighbours averaged together when there are more weeks than cells."""
    if len(values) <= width:
        return values
    out = []
    for cell in range(width):
        chunk = values[cell * len(values) // width:(cell + 1) * len(values) // width]
        out.append(int(round(sum(chunk) / len(chunk))) if chunk else 0)
    return out


def _count(value: int | None, n: int) -> str:
    return f"<{n}" if value is None else format_count(value)


class InsightsTable(Static):
    """Draws what `show` gives it; never touches the database."""

    _last: tuple | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, insights: "Insights", rows: "list[AreaInsight]", sort: str) -> None:
        from herotui.services.insights import trend_per_week

        self._last = (insights, rows, sort)
        width = max(40, (self.size.width or 80))
        n = insights.min_group
        trend_w = min(TREND_MAX, max(len(insights.period.buckets), 1))
        columns = list(COLUMNS)
        fixed = lambda: sum(c[2] for c in columns) + trend_w + 1 + 2  # noqa: E731 - marker + gap
        for name in DROP_ORDER:
            if width - fixed() >= NAME_MIN + 2:
                break
            columns = [c for c in columns if c[0] != name]
        name_w = max(NAME_MIN, min(28, width - fixed()))

        header: list = [("  ", ""), (f"{t('insights.col.name')[:name_w]:<{name_w}}", "bold underline" if sort == "name" else "bold")]
        for key, head, w, sort_key in columns:
            mark = "▼" if sort_key == sort else ""
            header.append((f"{(t(head) + mark)[:w - 1]:>{w}}", "bold underline" if mark else "bold"))
        header.append((" " + f"{t('insights.col.trend_short')[:trend_w]:<{trend_w}}", "bold"))
        lines = [Content.assemble(*header)]
        for row in rows:
            values = fit_values(trend_per_week(row.trend), trend_w)
            spark = sparkline(values) if row.trend else "·" * trend_w
            marker = ("● ", "$error") if row.is_gap else ("  ", "")
            name = safe(row.name, width=name_w) if row.area_id is not None else Content.styled(t("insights.no_area"), "dim")
            cells: list = [marker, name.truncate(name_w, ellipsis=True, pad=True)]
            for key, _, w, _ in columns:
                cells.append(self._cell(row, key, w, n))
            cells.append((" " + f"{spark:<{trend_w}}", "$secondary"))
            lines.append(Content.assemble(*cells))
        lines.extend(self._totals(insights, columns, name_w, n))
        self.update(Content("\n").join(lines))

    def _cell(self, row: "AreaInsight", key: str, w: int, n: int):
        if key == "priority":
            if row.area_id is None:
                return " " * w
            style = {"high": "bold $warning", "low": "dim"}.get(row.priority, "")
            return (f"{t('insights.prio.' + row.priority)[:w - 1]:>{w}}", style)
        if key == "breakfasts":
            text = f"{row.breakfasts}·{_count(row.attendance, n)}" if row.breakfasts else "0"
            return (f"{text:>{w}}", "")
        value = getattr(row, key)
        return (f"{_count(value, n):>{w}}", "dim" if value is None else "")

    def _totals(self, insights: "Insights", columns, name_w: int, n: int) -> list[Content]:
        out = []
        for which, totals in (("other", insights.other), ("total", insights.total)):
            if which == "other" and not totals.rows:
                continue
            cells: list = ["  ", (f"{t('insights.' + which)[:name_w]:<{name_w}}", "bold" if which == "total" else "italic")]
            for key, _, w, _ in columns:
                cells.append((f"{self._total_text(insights, totals, which, key, n):>{w}}", "bold" if which == "total" else ""))
            out.append(Content.assemble(*cells))
        return out

    @staticmethod
    def _total_text(insights: "Insights", totals: "Totals", which: str, key: str, n: int) -> str:
        if key == "priority" or key in totals.empty:
            return ""
        if key == "learners":
            return _count(insights.learners, n) if which == "total" else ""
        if key == "breakfasts":
            if which == "other":
                return "" if "attendance" in totals.empty else f"·{_count(totals.attendance, n)}"
            return f"{totals.breakfasts}·{_count(totals.attendance, n)}" if totals.breakfasts else "0"
        return _count(getattr(totals, key), n)
