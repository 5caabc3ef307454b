"""The learning screen's panes: the timer, the week, the history chart, the team pulse, this
week's sessions and the breakdown.

Each pane is the bordered panel the screen showed before (same id, same `panel` class, so the
stylesheet and the tests find the same nodes) and draws what it is given with `show(...)`. They
do not load data themselves: the whole screen is one `hero.learning.overview` call, and one
round trip on a slow drive beats six. A choice made in a pane is posted as a message from
`herotui.screens.learning.messages`.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static

from herotui.i18n import format_datetime, format_minutes, t
from herotui.screens.learning.messages import SessionChosen
from herotui.widgets.learning import BreakdownView, ElapsedDisplay, HistoryChart, PulseView, SessionList, WeekProgress
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.services.learning import Breakdown, Pulse, SessionInfo, TimerInfo, WeekBar, WeekSummary

CELEBRATION_SECONDS = 12
"""How long the "goal reached" banner stays, in seconds."""


def moment_text(moment: datetime, now: datetime, zone: tzinfo | None) -> str:
    """"today 09:12", or "24 November 09:12" for another day, in the organisation's time zone
    `zone` (both datetimes aware). With no zone (started offline, before the organisation's
    zone was read) this computer's own zone, never the UTC the moment may be stored in."""
    local, today = moment.astimezone(zone), now.astimezone(zone)  # zone None: the local zone
    if local.date() == today.date():
        return t("learn.timer.today", time=f"{local:%H:%M}")
    return format_datetime(local)


class TimerPane(Vertical):
    """The timer: the elapsed time in big digits, its state ("running since 09:12") and what is
    being learnt. `show` draws all of it; `show_elapsed` only the digits (the once-a-second tick)."""

    def compose(self) -> ComposeResult:
        yield ElapsedDisplay("0:00:00", id="elapsed")
        yield Static(Content.styled(t("learn.loading"), "dim"), id="timer-state")
        yield Static("", id="timer-detail")

    def show_elapsed(self, timer: "TimerInfo | None", now: datetime) -> None:
        """The digits only: `timer` (None for no timer) at `now` (aware)."""
        self.query_one("#elapsed", ElapsedDisplay).show(timer, now)

    def show(self, timer: "TimerInfo | None", now: datetime, *, loaded: bool, zone: tzinfo | None) -> None:
        """The whole pane. `loaded` is False until the first overview came (says "Loading...");
        `zone` is the organisation's time zone for "since" times."""
        self.show_elapsed(timer, now)
        state = self.query_one("#timer-state", Static)
        detail = self.query_one("#timer-detail", Static)
        if timer is None:
            state.update(Content.styled(t("learn.timer.idle") if loaded else t("learn.loading"), "dim"))
            detail.update("")
            return
        since = moment_text(timer.paused_at if timer.paused and timer.paused_at else timer.started_at, now, zone)
        if timer.needs_review(now):
            line = Content.styled(t("learn.timer.long", limit=format_minutes(timer.limit_minutes)), "bold $warning")
        elif timer.paused:
            line = Content.styled(t("learn.timer.paused", since=since), "$warning")
        else:
            line = Content.styled(t("learn.timer.running", since=since), "$success")
        extras = []
        if timer.paused_seconds:
            extras.append(t("learn.timer.paused_total", pauses=format_minutes(timer.paused_seconds // 60)))
        if timer.saved_offline:
            extras.append(t("learn.timer.pending"))
        if extras:
            line = Content.assemble(line, ("  · " + " · ".join(extras), "dim"))
        state.update(line)
        if timer.title:
            detail.update(Content.assemble((t("kind." + timer.kind) + " · ", "$secondary"), safe(timer.title, width=80)))
        else:
            detail.update("")


class WeekPane(Vertical):
    """The week's goal: a progress bar and the streak, and the banner when the goal is reached."""

    def compose(self) -> ComposeResult:
        yield WeekProgress(Content.styled(t("learn.loading"), "dim"), id="week-progress")
        yield Static("", id="celebrate")

    def show(self, week: "WeekSummary", done: int) -> None:
        """The week with `done` minutes counted (the running timer included)."""
        self.query_one("#week-progress", WeekProgress).show(week, done)

    def celebrate(self, week: "WeekSummary") -> None:
        """Show the "goal reached" banner for `CELEBRATION_SECONDS`."""
        banner = self.query_one("#celebrate", Static)
        streak = t("learn.week.streak", n=week.streak)
        streak = streak.split(":", 1)[-1].strip() if ":" in streak else streak
        banner.update(Content.styled("🎉 " + t("learn.celebrate", done=week.minutes, goal=week.goal, streak=streak),
                                     "bold"))
        banner.add_class("-show")
        self.set_timer(CELEBRATION_SECONDS, lambda: banner.remove_class("-show"), name="celebration")


class HistoryPane(Vertical):
    """Minutes per week against the goal, as columns."""

    def compose(self) -> ComposeResult:
        yield HistoryChart(id="history")

    def show(self, goal: int, weeks: "tuple[WeekBar, ...]") -> None:
        """`goal` in minutes a week; `weeks` as `WeekOverview.history` gives them."""
        chart = self.query_one("#history", HistoryChart)
        chart.goal = goal
        chart.weeks = weeks


class PulsePane(Vertical):
    """The team's pulse (never a ranking)."""

    def compose(self) -> ComposeResult:
        yield PulseView(Content.styled(t("learn.loading"), "dim"), id="pulse")

    def show(self, pulse: "Pulse", named_in_pulse: bool) -> None:
        self.query_one("#pulse", PulseView).show(pulse, named_in_pulse)


class SessionsPane(Vertical):
    """The sessions of the week shown, newest first; choosing one posts `SessionChosen`."""

    def compose(self) -> ComposeResult:
        yield SessionList(id="sessions")
        yield Static(Content.styled(t("learn.sessions.empty"), "dim"), id="sessions-empty")

    def show(self, sessions: "tuple[SessionInfo, ...]", *, past: bool) -> None:
        """The list, or a line saying it is empty (`past`: an earlier week, with nothing to start)."""
        listing = self.query_one("#sessions", SessionList)
        listing.show(sessions)
        listing.display = bool(sessions)
        empty = self.query_one("#sessions-empty", Static)
        empty.display = not sessions
        empty.update(Content.styled(t("learn.sessions.empty_past" if past else "learn.sessions.empty"), "dim"))

    @property
    def selected_uuid(self) -> str | None:
        """The highlighted session's uuid, or None."""
        return self.query_one("#sessions", SessionList).selected_uuid

    def move(self, step: int) -> None:
        """Move the highlight one session up (-1) or down (+1)."""
        listing = self.query_one("#sessions", SessionList)
        if step < 0:
            listing.action_cursor_up()
        else:
            listing.action_cursor_down()

    @on(OptionList.OptionSelected, "#sessions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(SessionChosen(event.option.id))


class BreakdownPane(VerticalScroll):
    """Minutes by kind and by focus area over the last twelve weeks."""

    def compose(self) -> ComposeResult:
        yield BreakdownView("", id="breakdown")

    def show(self, breakdown: "Breakdown") -> None:
        self.query_one("#breakdown", BreakdownView).show(breakdown)
