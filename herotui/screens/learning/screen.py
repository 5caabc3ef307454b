"""The learning hour: a timer nobody loses, the week's goal, the streak, the history and the team pulse.

The timer itself lives in the team database (see `herotui.services.learning`); this screen keeps a
copy to draw from. While it runs, one interval redraws the elapsed time once a second from the
injected clock, without touching the database; when nothing runs, that interval is paused.

The panes (`herotui.screens.learning.panes`) draw; the dialogs and writes are in
`herotui.screens.learning.flows`; this module holds the layout, the loading and the timer keys.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Iterable

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from herotui.i18n import t, week_label
from herotui.screens.base import HeroScreen
from herotui.screens.learning.flows import LearningFlows
from herotui.screens.learning.messages import SessionChosen
from herotui.screens.learning.panes import (
    CELEBRATION_SECONDS,
    BreakdownPane,
    HistoryPane,
    PulsePane,
    SessionsPane,
    TimerPane,
    WeekPane,
    moment_text,
)

if TYPE_CHECKING:
    from herotui.screens.learning_forms import FormResult
    from herotui.services.learning import WeekOverview, TimerInfo

__all__ = ["CELEBRATION_SECONDS", "LearningScreen"]


class LearningScreen(LearningFlows, HeroScreen):
    """The learning tab: timer, week, history, pulse, this week's sessions and the breakdown."""

    TAB = "learn"
    CSS_PATH = "learning.tcss"
    BINDINGS = [
        # The footer shows one key for the timer (space); s, p and r work too and are in help.
        # Fewer keys in the footer is what lets it fit 80 columns in Swedish.
        Binding("space", "toggle", "learn.bind.toggle", key_display="space"),
        Binding("s", "start", "learn.bind.start", show=False),
        Binding("p", "pause", "learn.bind.pause", show=False),
        Binding("r", "resume", "learn.bind.resume", show=False),
        Binding("x", "stop", "learn.bind.stop"),
        Binding("l", "log", "learn.bind.log"),
        Binding("e", "edit", "learn.bind.edit"),
        Binding("d,delete", "delete", "learn.bind.delete"),
        Binding("h", "holiday", "learn.bind.holiday", show=False),
        Binding("v", "toggle_named", "learn.bind.named", show=False),
        Binding("g", "goal", "learn.bind.goal", show=False),
        Binding("left_square_bracket", "week(-1)", "learn.bind.week_back", key_display="[", show=False),
        Binding("right_square_bracket", "week(1)", "learn.bind.week_next", key_display="]", show=False),
        Binding("t", "week(0)", "learn.bind.week_now", show=False),
        # Arrow keys move the session selection wherever the focus is (the panel scrolls with PgUp/PgDn).
        Binding("up", "session_up", "", show=False, priority=True),
        Binding("down", "session_down", "", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: "WeekOverview | None" = None
        self.timer: "TimerInfo | None" = None
        self.area_names: list[str] = []
        self._asked_review: set[tuple[str, int]] = set()
        self._ticker = None
        self._shown_minutes: int | None = None
        self._saved: tuple[object, FormResult] | None = None
        self._sharing: str | None = None
        self.week_day = None
        """A day in the week shown, or None for the current week."""

    # -- layout ----------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="learn-scroll"):
            with Horizontal(id="learn-top"):
                yield TimerPane(id="timer-panel", classes="panel")
                yield WeekPane(id="week-panel", classes="panel")
            with Horizontal(id="learn-middle"):
                yield HistoryPane(id="history-panel", classes="panel")
                yield PulsePane(id="pulse-panel", classes="panel")
            with Horizontal(id="learn-bottom"):
                yield SessionsPane(id="sessions-panel", classes="panel")
                yield BreakdownPane(id="breakdown-panel", classes="panel")

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1.0, self._tick, pause=True, name="learning-timer")
        self._titles()
        super().on_mount()

    def _titles(self) -> None:
        week = self.overview.week.week_start if self.overview else None
        self.query_one("#timer-panel").border_title = t("learn.timer.title")
        self.query_one("#week-panel").border_title = (
            t("learn.week.title", week=week_label(week)) if week else t("learn.week.title", week="")
        )
        self.query_one("#history-panel").border_title = t("learn.history.title")
        goal = self.overview.goal if self.overview else 60
        self.query_one("#history-panel").border_subtitle = t("learn.history.goal", goal=goal)
        self.query_one("#pulse-panel").border_title = t("learn.pulse.title")
        if self.week_day is None or week is None:
            self.query_one("#sessions-panel").border_title = t("learn.sessions.title")
        else:
            self.query_one("#sessions-panel").border_title = t("learn.sessions.title_week", week=week_label(week))
        self.query_one("#sessions-panel").border_subtitle = t("learn.sessions.weeks_hint")
        self.query_one("#breakdown-panel").border_title = t("learn.breakdown.title")

    def after_relabel(self) -> None:
        self._titles()
        self._draw()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("learn.bind.start"), t("cmd.learn.help"), self.action_start)
        yield SystemCommand(t("learn.bind.pause"), t("cmd.learn.help"), self.action_pause)
        yield SystemCommand(t("learn.bind.resume"), t("cmd.learn.help"), self.action_resume)
        yield SystemCommand(t("learn.bind.stop"), t("cmd.learn.help"), self.action_stop)
        yield SystemCommand(t("learn.bind.log"), t("cmd.learn.help"), self.action_log)
        yield SystemCommand(t("learn.bind.holiday"), t("learn.holiday.title"), self.action_holiday)
        yield SystemCommand(t("learn.bind.named"), t("learn.pulse.title"), self.action_toggle_named)
        if getattr(self.app, "person_is_admin", False):
            yield SystemCommand(t("learn.bind.goal"), t("learn.goal.title"), self.action_goal)

    # -- loading ---------------------------------------------------------------------------------

    def hero_ready(self) -> None:
        self.reload()

    def database_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the overview of the week shown again, in a worker (a newer load replaces an older one)."""
        self._load()

    def _load_blocking(self, day):
        # One read transaction for the week, the pulse and the area names (issue 16): each
        # statement is a round trip on a network drive.
        return self.hero.learning.overview_and_areas(day)

    @work(exclusive=True, group="learn-load", exit_on_error=False)
    async def _load(self) -> None:
        if self.hero is None:
            return
        overview, areas = await self.db(self._load_blocking, self.week_day)
        self.apply(overview, areas)
        self.data_shown()

    def apply(self, overview: "WeekOverview", areas: list[str] | None = None) -> None:
        """Show a loaded `overview` (and the focus-area names, when given). A timer started while
        offline is kept on screen until the outbox has sent it."""
        self.overview = overview
        if areas is not None:
            self.area_names = areas
        loaded = overview.timer
        keep_local = (loaded is None and self.timer is not None and self.timer.saved_offline
                      and getattr(self.app, "pending", 0))
        if not keep_local:
            self.timer = loaded
        self._titles()
        self._draw()
        self._maybe_ask_review()

    def _use_timer(self, timer: "TimerInfo | None") -> None:
        self.timer = timer
        self._draw()

    def work_failed(self, group: str, error: BaseException | None) -> None:
        """A write was refused or the drive failed (the person has been told): show what is true now.
        A share refused because the session was already shared offers to share it again."""
        from herotui.services.errors import Conflict

        if group == "learn-share" and isinstance(error, Conflict) and error.key == "share.error.already_shared":
            uuid = self._sharing
            if uuid is not None:
                def answered(yes: bool | None) -> None:
                    if yes:
                        self._write_share(uuid, force=True)

                from herotui.dialogs.confirm import Confirm

                self.app.push_screen(Confirm(t("learn.confirm.already_shared", reason=error.message()),
                                             default="no", destructive=False), answered)
            return
        if group.startswith("learn-write") or group == "learn-share":
            self.reload()

    def _saving(self) -> bool:
        """True (and the person is told) while an earlier change is still on its way to the drive."""
        if any(w.group == "learn-write" and not w.is_finished for w in self.workers if w.node is self):
            self.notify(t("learn.still_saving"))
            return True
        return False

    # -- drawing ---------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The app's clock (aware; the injected `FakeClock` in tests)."""
        return self.app.clock.now()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        now = self.now()
        self._draw_timer(now)
        overview = self.overview
        if overview is not None:
            self._draw_week(now)
            self.query_one(HistoryPane).show(overview.goal, overview.history)
            # An earlier week has nothing to start: its empty list says only that it was empty.
            self.query_one(SessionsPane).show(overview.week.sessions, past=bool(self.week_day))
            self.query_one(PulsePane).show(overview.pulse, overview.named_in_pulse)
            self.query_one(BreakdownPane).show(overview.breakdown)
        if self._ticker is not None:
            if self.timer is not None and self.timer.running:
                self._ticker.resume()
            else:
                self._ticker.pause()
        self.refresh_bindings()

    def _draw_timer(self, now: datetime) -> None:
        self.query_one(TimerPane).show(self.timer, now, loaded=self.overview is not None,
                                       zone=self.overview.zone if self.overview else None)

    def _moment(self, moment: datetime, now: datetime) -> str:
        """"today 09:12", or "24 November 09:12" for another day, in the organisation's time zone."""
        return moment_text(moment, now, self.overview.zone if self.overview else None)

    def _draw_week(self, now: datetime) -> None:
        overview = self.overview
        if overview is None:
            return
        done = overview.week.minutes_with(self.timer, now, overview.zone)
        self._shown_minutes = done
        self.query_one(WeekPane).show(overview.week, done)

    def _tick(self) -> None:
        """Once a second while the timer runs: the elapsed time, and the week's bar when a minute passes."""
        if self.timer is None or not self.is_mounted:
            return
        now = self.now()
        self.query_one(TimerPane).show_elapsed(self.timer, now)
        if self.overview is not None:
            done = self.overview.week.minutes_with(self.timer, now, self.overview.zone)
            if done != self._shown_minutes:
                self._draw_week(now)
        if self.timer.needs_review(now):
            self._draw_timer(now)
            self._maybe_ask_review()

    def celebrate(self) -> None:
        """The week's goal was just reached: show the banner."""
        if self.overview is not None:
            self.query_one(WeekPane).celebrate(self.overview.week)

    @on(SessionChosen)
    def _session_chosen(self) -> None:
        # Enter or a click on a session opens it to edit.
        self.action_edit()

    # -- which keys apply ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        timer = self.timer
        if action == "pause":
            return True if timer is not None and timer.running else None
        if action == "resume":
            return True if timer is not None and timer.paused else None
        if action == "stop":
            return True if timer is not None else None
        if action in ("edit", "delete"):
            return True if self.overview is not None and self.overview.week.sessions else None
        if action == "week" and parameters and parameters[0] != -1:
            return True if self.week_day is not None else None
        return True

    # -- the timer -------------------------------------------------------------------------------
    # Every key below checks what it can from what is on screen, starts a worker and returns: the
    # drive may take seconds, and keys (switching screens, quitting) must keep answering meanwhile.

    def action_start(self) -> None:
        if self.hero is None:
            return
        if self.timer is not None:
            if self.timer.paused:
                self.action_resume()
            else:
                self.notify(t("learn.already_running"))
            return
        if not self._saving():
            self._write_start()

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_start(self) -> None:
        timer = await self.db(self.hero.learning.start)
        self._use_timer(timer)
        self.notify(t("learn.started"))
        self.reload()

    def action_pause(self) -> None:
        if self.timer is None or self.hero is None:
            self.notify(t("learn.no_timer"))
            return
        if self.timer.paused:
            self.notify(t("learn.already_paused"))
            return
        if not self._saving():
            self._write_pause(self.timer)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_pause(self, timer: "TimerInfo") -> None:
        self._use_timer(await self.db(self.hero.learning.pause, timer))
        self.notify(t("learn.paused"))

    def action_resume(self) -> None:
        if self.timer is None or self.hero is None:
            self.notify(t("learn.no_timer"))
            return
        if not self.timer.paused:
            self.notify(t("learn.not_paused"))
            return
        if not self._saving():
            self._write_resume(self.timer)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_resume(self, timer: "TimerInfo") -> None:
        self._use_timer(await self.db(self.hero.learning.resume, timer))
        self.notify(t("learn.resumed"))

    def action_toggle(self) -> None:
        if self.timer is None:
            self.action_start()
        elif self.timer.running:
            self.action_pause()
        else:
            self.action_resume()

