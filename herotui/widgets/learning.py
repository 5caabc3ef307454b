"""Widgets of the learning-hour screen. They draw what they are given; none touches the database.

Every piece of text a person typed goes through `safe()`; everything else is our own text.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits, OptionList, Static
from textual.widgets.option_list import Option

from herotui.i18n import format_elapsed, format_minutes, t, week_label, weekday_short
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.services.learning import Breakdown, Pulse, SessionInfo, TimerInfo, WeekBar, WeekSummary

EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar(fraction: float, width: int) -> tuple[str, str]:
    """A horizontal bar in eighths of a cell: (filled part, empty part)."""
    width = max(1, width)
    fraction = min(1.0, max(0.0, fraction))
    eighths = int(round(fraction * width * 8))
    full, rest = divmod(eighths, 8)
    filled = "█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else "")
    return filled, "░" * (width - len(filled))


def column_glyph(level: float) -> str:
    """The glyph of one cell of a vertical bar: full when `level` >= 1, eighths below, "" at 0.

    `level` is the bar's height in cells minus the cell's row. The 12-week chart and the insights
    screen's sparklines both draw with this, so the two read the same way.
    """
    if level >= 1:
        return "█"
    if level > 0:
        return EIGHTHS[max(1, int(level * 8))]
    return ""


def sparkline(values: "list[int | None]", top: int | None = None, hidden: str = "·") -> str:
    """One line of eighth-high bars, one cell per value; `hidden` where a value is None (withheld).

    A value above 0 always shows at least the lowest bar, so some activity never reads as none.
    """
    shown = [v for v in values if v is not None]
    top = top or max(shown, default=0) or 1
    cells = []
    for value in values:
        if value is None:
            cells.append(hidden)
        else:
            cells.append(column_glyph(value / top) or ("▁" if value > 0 else " "))
    return "".join(cells)


class ElapsedDisplay(Digits):
    """The large, calm elapsed time: 0:42:13."""

    DEFAULT_CLASSES = "-idle"

    def show(self, timer: "TimerInfo | None", now: datetime) -> None:
        seconds = timer.elapsed_seconds(now) if timer is not None else 0
        text = format_elapsed(seconds)
        if text != self.value:
            self.update(text)
        self.set_class(timer is None, "-idle")
        self.set_class(timer is not None and timer.paused, "-paused")
        self.set_class(timer is not None and timer.needs_review(now), "-long")


class WeekProgress(Static):
    """"38 of 60 min this week, v. 48" with a progress bar toward the goal."""

    _shown: "tuple[WeekSummary, int] | None" = None

    def on_resize(self) -> None:
        # The bar is drawn to the width it had: a narrower terminal would wrap it.
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, week: "WeekSummary", done: int) -> None:
        self._shown = (week, done)
        width = max(10, (self.size.width or 40) - 2)
        filled, empty = bar(done / week.goal if week.goal else 0, width)
        style = "$success" if done >= week.goal else "$primary"
        lines = [
            Content.assemble((filled, style), (empty, "$foreground 30%")),
            Content.styled(t("learn.week.progress", done=done, goal=week.goal, week=week_label(week.week_start)),
                           "bold"),
        ]
        if week.goal_met:
            lines.append(Content.styled(t("learn.week.met"), "$success"))
        elif done >= week.goal:
            lines.append(Content.styled(t("learn.week.met_on_stop"), "$success"))
        else:
            lines.append(Content.styled(t("learn.week.left", left=week.goal - done), "dim"))
        if week.holiday:
            lines.append(Content.styled(t("learn.week.holiday"), "italic $secondary"))
        if week.streak >= 1:
            lines.append(Content.assemble(("🔥 ", ""), t("learn.week.streak", n=week.streak)))
        else:
            lines.append(Content.styled(t("learn.week.streak_none"), "dim"))
        self.update(Content("\n").join(lines))


class HistoryChart(Widget):
    """Minutes per week for the last twelve weeks as vertical bars, against the goal line."""

    DEFAULT_CSS = """
    HistoryChart { height: 12; }
    """

    weeks: reactive[tuple] = reactive(tuple, layout=False)
    goal: reactive[int] = reactive(60)

    def render(self) -> Content:
        weeks: tuple[WeekBar, ...] = self.weeks
        if not weeks:
            return Content(t("learn.loading"))
        width = self.size.width
        rows = max(3, self.size.height - 2)
        axis = 5
        column = max(3, min(6, (width - axis) // len(weeks)))
        bar_width = max(1, column - 1)
        top = max(self.goal * 1.25, max(w.minutes for w in weeks), 1)
        goal_row = min(rows - 1, int(self.goal / top * rows))
        lines: list[Content] = []
        for row in range(rows - 1, -1, -1):
            label = f"{self.goal:>3} ┤" if row == goal_row else "    │"
            parts: list[tuple[str, str] | str] = [(label + " ", "dim")]
            for index, week in enumerate(weeks):
                glyph = column_glyph(week.minutes / top * rows - row)
                current = index == len(weeks) - 1
                if glyph:
                    style = "$success" if week.goal_met else ("$primary" if current else "$secondary")
                    parts.append((glyph * bar_width, style))
                elif row == goal_row:
                    parts.append(("┄" * bar_width, "$warning 60%"))
                else:
                    parts.append(" " * bar_width)
                parts.append(("┄", "$warning 60%") if row == goal_row else " ")
            lines.append(Content.assemble(*parts))
        labels: list[tuple[str, str] | str] = ["      "]
        marks: list[tuple[str, str] | str] = ["      "]
        for index, week in enumerate(weeks):
            current = index == len(weeks) - 1
            labels.append((f"{week.week:<{column}}"[:column], "bold" if current else "dim"))
            # Always one blank column between marks, so "135" and "60" never read as "13560".
            mark = HOLIDAY_MARK if week.holiday else (format_short(week.minutes, column - 1) if week.minutes else "·")
            marks.append((f"{mark:<{column}}", "italic $secondary" if week.holiday else "dim"))
        lines.append(Content.assemble(*marks))
        lines.append(Content.assemble(*labels))
        return Content("\n").join(lines)


HOLIDAY_MARK = "–"
"""A holiday week in the chart (a letter such as "h" next to a number read as "120h")."""


def format_short(minutes: int, room: int = 3) -> str:
    """Minutes in at most `room` (>= 2) characters: "45", "135", then whole hours: "2h", "16h"."""
    text = str(minutes)
    if len(text) <= room:
        return text
    hours = f"{round(minutes / 60)}h"
    return hours if len(hours) <= room else f"{min(round(minutes / 60), 10 ** (room - 1) - 1)}"


class SessionList(OptionList):
    """This week's sessions, newest first. The option id is the session's uuid."""

    _sessions: tuple = ()

    def on_resize(self) -> None:
        if self._sessions:
            self.show(self._sessions)

    def show(self, sessions: "tuple[SessionInfo, ...]") -> None:
        self._sessions = sessions
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.clear_options()
        width = (self.scrollable_content_region.width or self.size.width or 80) - 1
        options = [Option(session_line(s, width), id=s.uuid) for s in sessions]
        self.add_options(options)
        ids = [s.uuid for s in sessions]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)
        elif ids:
            self.highlighted = 0

    @property
    def selected_uuid(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None


def session_line(session: "SessionInfo", width: int = 80) -> Content:
    """One line: "Tue 24/11    45 min  podcast     Title ... ↗ shared", fitted to `width`."""
    day = f"{weekday_short(session.day.isoweekday())} {session.day.day}/{session.day.month}"
    shared = (("  ↗ " + t("learn.sessions.shared")) if width >= 64 else "  ↗") if session.shared else ""
    kind = t("kind." + session.kind)
    # Narrow panels (80 columns) drop the kind column before the title gets short: the title
    # is what a person recognises a session by (it was cut to 10 characters).
    kind_column = 13 if width >= 64 else 0
    room = max(10, width - 10 - 10 - 2 - kind_column - len(shared))
    parts: list = [
        (f"{day:<10}", "dim"),
        (f"{format_minutes(session.minutes):>10}", "bold"),
        "  ",
    ]
    if kind_column:
        parts.append((f"{kind[:12]:<13}", "$secondary"))
    parts.append(safe(session.title, width=room))
    if shared:
        parts.append((shared, "$success"))
    return Content.assemble(*parts)


class PulseView(Static):
    """The team's pulse: how many had their hour, the team's minutes, and the willing few by name."""

    def show(self, pulse: "Pulse", named_in_pulse: bool) -> None:
        lines = [
            Content.styled(t("learn.pulse.line", n=pulse.colleagues, had=pulse.had_hour, total=pulse.colleagues), "bold"),
            Content(t("learn.pulse.minutes", minutes=format_minutes(pulse.team_minutes))),
        ]
        if pulse.named:
            shown = list(pulse.named[:12])
            names = Content(", ").join([safe(name, width=40) for name in shown])
            if len(pulse.named) > len(shown):
                names = Content.assemble(names, " ", t("learn.pulse.others", n=len(pulse.named) - len(shown)))
            lines.append(Content.assemble(t("learn.pulse.named", names="").rstrip(), " ", names))
        lines.append(Content.styled(t("learn.pulse.you_named" if named_in_pulse else "learn.pulse.you_hidden"),
                                    "dim"))
        self.update(Content("\n").join(lines))


class BreakdownView(Static):
    """Minutes by kind and by focus area over the last twelve weeks."""

    LABEL = 17
    MINUTES = 11

    _breakdown: "Breakdown | None" = None

    def on_resize(self) -> None:
        if self._breakdown is not None:
            self.show(self._breakdown)

    def show(self, breakdown: "Breakdown") -> None:
        self._breakdown = breakdown
        if not breakdown.by_kind:
            self.update(Content.styled(t("learn.breakdown.empty"), "dim"))
            return
        # Every line fits the panel (a wrapped line put "1 h 50 min" on a line of its own at 80
        # columns): the minutes keep their room, the label shrinks to 8, then the bar goes.
        total = max(12, self.size.width or 40)
        minutes_width = max(len(format_minutes(m)) for _, m in (*breakdown.by_kind, *breakdown.by_area))
        label_width = max(8, min(self.LABEL, total - 2 - minutes_width - 1 - 6))
        width = min(24, total - 2 - label_width - 1 - minutes_width - 1)
        width = width if width >= 3 else 0
        lines: list[Content] = [Content.styled(t("learn.breakdown.kind"), "bold")]
        top = max(m for _, m in breakdown.by_kind)
        for kind, minutes in breakdown.by_kind:
            lines.append(self._line(Content(t("kind." + kind)), minutes, top, width, label_width, total))
        lines.append(Content.styled(t("learn.breakdown.area"), "bold"))
        top = max((m for _, m in breakdown.by_area), default=1)
        for name, minutes in breakdown.by_area:
            label = safe(name) if name else Content.styled(t("learn.breakdown.no_area"), "dim")
            lines.append(self._line(label, minutes, top, width, label_width, total))
        self.update(Content("\n").join(lines))

    def _line(self, label: Content, minutes: int, top: int, width: int, label_width: int, total: int) -> Content:
        padded = label.truncate(label_width - 1, ellipsis=True, pad=True)
        parts: list = ["  ", padded, " "]
        if width:
            filled, _ = bar(minutes / top if top else 0, width)
            parts += [(f"{filled:<{width}}", "$secondary"), " "]
        parts.append((format_minutes(minutes), "dim"))
        return Content.assemble(*parts).truncate(total)
