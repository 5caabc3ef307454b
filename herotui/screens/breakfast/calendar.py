"""The breakfast screen's left side: the month grid, the legend with the rule, the waitlist,
the fair rotation and the topic ideas.

`CalendarPane` is the scrolling column the screen showed before (id `bf-side`), so the stylesheet
and the tests find the same nodes. It draws from the loaded `BreakfastOverview` (one call for the whole
screen; a pane of its own would be a second round trip to a slow drive) and turns the grid's
clicks into `DayChosen` and `MonthStep` from `herotui.screens.breakfast.messages`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from herotui.i18n import t
from herotui.presenters.breakfast_text import STATE_STYLE, ideas_text, legend, rotation_text, waitlist_text
from herotui.screens.breakfast.messages import DayChosen, MonthStep
from herotui.widgets.calendar_grid import MonthGrid

if TYPE_CHECKING:
    from herotui.services.breakfast import BreakfastOverview, SlotInfo

GRID_PRIORITY = {"mine": 0, "free": 1, "claimed": 2, "cancelled": 3, "open": 4}
"""Which state wins when two breakfasts share a day in the grid (lower wins)."""


def grid_marks(overview: "BreakfastOverview", year: int, month: int) -> dict[date, str]:
    """Day -> the style of the breakfast that wins that day (`GRID_PRIORITY`), for one month."""
    marks: dict[date, tuple[int, str]] = {}
    for item in overview.all_slots():
        if item.day.year == year and item.day.month == month:
            rank = GRID_PRIORITY[item.state]
            if item.day not in marks or rank < marks[item.day][0]:
                marks[item.day] = (rank, STATE_STYLE[item.state])
    return {d: style for d, (_, style) in marks.items()}


class CalendarPane(VerticalScroll):
    """The month grid and the side panels under it."""

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: each one costs style work when the screen first appears.
        yield MonthGrid(id="bf-grid")
        yield Static(legend(), id="bf-legend")
        yield Static(id="bf-waitlist", classes="bf-panel")
        yield Static(id="bf-rotation", classes="bf-panel")
        yield Static(id="bf-ideas", classes="bf-panel")

    def show_side(self, overview: "BreakfastOverview") -> None:
        """The legend with the rule in words, the waitlist, the rotation and the ideas."""
        from herotui.presenters.breakfast_rule import describe_rule

        self.query_one("#bf-legend", Static).update(Content("\n").join(
            [legend(overview.today), Content.styled(describe_rule(overview.rule), "dim")]))
        any_free = any(s.is_free for s in overview.upcoming)
        panels = (
            ("#bf-waitlist", "breakfast.heading.waitlist",
             waitlist_text(overview.waitlist, overview.me_login, any_free=any_free)),
            ("#bf-rotation", "breakfast.heading.rotation", rotation_text(overview.rotation)),
            ("#bf-ideas", "breakfast.heading.ideas", ideas_text(overview.ideas)),
        )
        for selector, heading, body in panels:
            self.query_one(selector, Static).update(
                Content("\n").join([Content.styled(t(heading), "bold $secondary"), body]))

    def show_month(self, overview: "BreakfastOverview", year: int, month: int, selected: "SlotInfo | None") -> None:
        """The grid for `year`-`month` with every breakfast marked and `selected`'s day ringed."""
        self.query_one("#bf-grid", MonthGrid).show(
            year, month, grid_marks(overview, year, month),
            selected.day if selected else None, overview.today,
            holidays=[d for d in overview.holidays if d.year == year and d.month == month],
        )

    @on(MonthGrid.MonthStepped)
    def _stepped(self, event: MonthGrid.MonthStepped) -> None:
        event.stop()
        self.post_message(MonthStep(event.step))

    @on(MonthGrid.DayClicked)
    def _clicked(self, event: MonthGrid.DayClicked) -> None:
        event.stop()
        self.post_message(DayChosen(event.day))
