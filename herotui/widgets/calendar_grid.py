"""A month grid, Monday first, with ISO week numbers in the margin and marked days.

The grid knows nothing about breakfasts: it gets `marks` (day -> a style) and the selected
day, draws them, and says which day (or arrow) was clicked.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from herotui.i18n import month_name, t, weekday_short
from herotui.services.calendar_rules import add_months, month_grid

WEEK_WIDTH = 4  # "v.49" / " 49 "
CELL_WIDTH = 4
GRID_WIDTH = WEEK_WIDTH + 7 * CELL_WIDTH
HEADER_ROWS = 2  # the month title and the weekday names


class MonthGrid(Widget):
    """`‹ december 2026 ›` over a Monday-first grid of weeks."""

    DEFAULT_CSS = """
    MonthGrid { width: 34; height: auto; padding: 0 1; }
    """

    year: reactive[int] = reactive(2000, layout=True)
    month: reactive[int] = reactive(1, layout=True)

    class DayClicked(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class MonthStepped(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks: dict[date, str] = {}
        self.holidays: frozenset[date] = frozenset()
        self.selected: date | None = None
        self.today: date | None = None
        self._drawn: Content | None = None

    def show(self, year: int, month: int, marks: dict[date, str], selected: date | None, today: date,
             holidays: Iterable[date] = ()) -> None:
        """Draw a month; `holidays` (public holidays) get a `*` after the day number."""
        holidays = frozenset(holidays)
        changed = (year, month, marks, selected, today, holidays) != (
            self.year, self.month, self.marks, self.selected, self.today, self.holidays)
        self.marks = dict(marks)
        self.holidays = holidays
        self.selected = selected
        self.today = today
        self.year, self.month = year, month
        if changed or self._drawn is None:
            self._drawn = None
            self.refresh(layout=True)

    def step(self, months: int) -> tuple[int, int]:
        return add_months(self.year, self.month, months)

    def render(self) -> Content:
        # Drawn once per change, not on every repaint (the list beside it repaints often).
        if self._drawn is None:
            weeks = month_grid(self.year, self.month)
            lines = [self._title(), self._weekdays()]
            for week in weeks:
                cells: list = [(f"{week.week:>2}".rjust(WEEK_WIDTH - 1) + " ", "dim")]
                for day in week.days:
                    cells.append(self._cell(day))
                lines.append(Content.assemble(*cells))
            self._drawn = Content("\n").join(lines)
        return self._drawn

    def _watch_year(self) -> None:
        self._drawn = None

    def _watch_month(self) -> None:
        self._drawn = None

    def notify_style_update(self) -> None:
        # The theme (light/dark) changed: draw again with the new colours.
        self._drawn = None
        super().notify_style_update()

    def _title(self) -> Content:
        title = f"{month_name(self.month)} {self.year}"
        inner = GRID_WIDTH - 4
        return Content.assemble(("‹ ", "bold $primary"), (title.center(inner), "bold"), (" ›", "bold $primary"))

    def _weekdays(self) -> Content:
        head = [(t("date.week_short").rjust(WEEK_WIDTH - 1) + " ", "dim")]
        for iso in range(1, 8):
            head.append((f"{weekday_short(iso)[:3]:>3} ", "dim"))
        return Content.assemble(*head)

    def _cell(self, day: date) -> Content:
        text = f"{day.day:>3} "
        if day.month != self.month or day.year != self.year:
            return Content.styled(text, "dim")
        style = self.marks.get(day, "")
        # A holiday keeps its colour from the marks but is told apart without colour too.
        after = ("*", "$error") if day in self.holidays else " "
        if day in self.holidays and not style:
            style = "$error"
        if day == self.today:
            style = f"{style} underline".strip()
        if day == self.selected:
            style = f"{style} reverse".strip()
        return Content.assemble((text[:-1], style), after) if style else Content(text)

    def get_content_width(self, container, viewport) -> int:
        return GRID_WIDTH

    def get_content_height(self, container, viewport, width: int) -> int:
        return HEADER_ROWS + len(month_grid(self.year, self.month))  # 4-6 weeks: cheap

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x, y = offset
        if y == 0:
            if x <= 2:
                self.post_message(self.MonthStepped(-1))
            elif x >= GRID_WIDTH - 3:
                self.post_message(self.MonthStepped(1))
            return
        weeks = month_grid(self.year, self.month)
        row = y - HEADER_ROWS
        column = (x - WEEK_WIDTH) // CELL_WIDTH
        if 0 <= row < len(weeks) and x >= WEEK_WIDTH and 0 <= column < 7:
            day = weeks[row].days[column]
            if day.month == self.month:
                self.post_message(self.DayClicked(day))
