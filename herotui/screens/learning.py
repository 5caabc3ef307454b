"""The learning hour: a timer nobody loses, the week's goal, the streak, the history and the team pulse.

The timer itself lives in the team database (see `herotui.services.learning`); this screen keeps a
copy to draw from. While it runs, one interval redraws the elapsed time once a second from the
injected clock, without touching the database; when nothing runs, that interval is paused.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Iterable

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static

from herotui.i18n import format_datetime, format_elapsed, format_minutes, t, week_label
from herotui.screens.base import HeroScreen, translate_bindings
from herotui.widgets.learning import BreakdownView, ElapsedDisplay, HistoryChart, PulseView, SessionList, WeekProgress
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.screens.learning_forms import FormResult
    from herotui.services.learning import Overview, SessionInfo, TimerInfo

CELEBRATION_SECONDS = 12



def _forms():
    """The dialogs, imported on first use: they pull in the services and the database layer,
    which the first frame does not need."""
    from herotui.screens import learning_forms

    return learning_forms

class LearningScreen(HeroScreen):
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
        self.overview: "Overview | None" = None
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
                with Vertical(id="timer-panel", classes="panel"):
                    yield ElapsedDisplay("0:00:00", id="elapsed")
                    yield Static(Content.styled(t("learn.loading"), "dim"), id="timer-state")
                    yield Static("", id="timer-detail")
                with Vertical(id="week-panel", classes="panel"):
                    yield WeekProgress(Content.styled(t("learn.loading"), "dim"), id="week-progress")
                    yield Static("", id="celebrate")
            with Horizontal(id="learn-middle"):
                with Vertical(id="history-panel", classes="panel"):
                    yield HistoryChart(id="history")
                with Vertical(id="pulse-panel", classes="panel"):
                    yield PulseView(Content.styled(t("learn.loading"), "dim"), id="pulse")
            with Horizontal(id="learn-bottom"):
                with Vertical(id="sessions-panel", classes="panel"):
                    yield SessionList(id="sessions")
                    yield Static(Content.styled(t("learn.sessions.empty"), "dim"), id="sessions-empty")
                with VerticalScroll(id="breakdown-panel", classes="panel"):
                    yield BreakdownView("", id="breakdown")

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

    def relabel(self) -> None:
        translate_bindings(self)
        self.refresh_bindings()
        self.run_worker(self._recompose, group="learn-relabel", exclusive=True, exit_on_error=False)

    async def _recompose(self) -> None:
        await self.recompose()
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
        self._load()

    def _load_blocking(self, day):
        hero = self.hero
        return hero.learning.overview(day), [a.name for a in hero.areas.list()]

    @work(exclusive=True, group="learn-load", exit_on_error=False)
    async def _load(self) -> None:
        if self.hero is None:
            return
        overview, areas = await self.db(self._load_blocking, self.week_day)
        self.apply(overview, areas)

    def apply(self, overview: "Overview", areas: list[str] | None = None) -> None:
        self.overview = overview
        if areas is not None:
            self.area_names = areas
        loaded = overview.timer
        keep_local = (loaded is None and self.timer is not None and self.timer.pending
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
        return self.app.clock.now()

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        now = self.now()
        self._draw_timer(now)
        overview = self.overview
        if overview is not None:
            self._draw_week(now)
            chart = self.query_one("#history", HistoryChart)
            chart.goal = overview.goal
            chart.weeks = overview.history
            sessions = self.query_one("#sessions", SessionList)
            sessions.show(overview.week.sessions)
            sessions.display = bool(overview.week.sessions)
            empty = self.query_one("#sessions-empty", Static)
            empty.display = not overview.week.sessions
            # An earlier week has nothing to start: say only that it was empty.
            empty.update(Content.styled(t("learn.sessions.empty_past" if self.week_day else "learn.sessions.empty"),
                                        "dim"))
            self.query_one("#pulse", PulseView).show(overview.pulse, overview.named_in_pulse)
            self.query_one("#breakdown", BreakdownView).show(overview.breakdown)
        if self._ticker is not None:
            if self.timer is not None and self.timer.running:
                self._ticker.resume()
            else:
                self._ticker.pause()
        self.refresh_bindings()

    def _draw_timer(self, now: datetime) -> None:
        timer = self.timer
        self.query_one("#elapsed", ElapsedDisplay).show(timer, now)
        state = self.query_one("#timer-state", Static)
        detail = self.query_one("#timer-detail", Static)
        if timer is None:
            state.update(Content.styled(t("learn.timer.idle") if self.overview else t("learn.loading"), "dim"))
            detail.update("")
            return
        since = self._moment(timer.paused_at if timer.paused and timer.paused_at else timer.started_at, now)
        if timer.needs_review(now):
            line = Content.styled(t("learn.timer.long", limit=format_minutes(timer.limit_minutes)), "bold $warning")
        elif timer.paused:
            line = Content.styled(t("learn.timer.paused", since=since), "$warning")
        else:
            line = Content.styled(t("learn.timer.running", since=since), "$success")
        extras = []
        if timer.paused_seconds:
            extras.append(t("learn.timer.paused_total", pauses=format_minutes(timer.paused_seconds // 60)))
        if timer.pending:
            extras.append(t("learn.timer.pending"))
        if extras:
            line = Content.assemble(line, ("  · " + " · ".join(extras), "dim"))
        state.update(line)
        if timer.title:
            detail.update(Content.assemble((t("kind." + timer.kind) + " · ", "$secondary"), safe(timer.title, width=80)))
        else:
            detail.update("")

    def _moment(self, moment: datetime, now: datetime) -> str:
        """"today 09:12", or "24 November 09:12" for another day, in the organisation's time zone."""
        zone = self.overview.zone if self.overview else None
        local, today = (moment.astimezone(zone), now.astimezone(zone)) if zone else (moment, now)
        if local.date() == today.date():
            return t("learn.timer.today", time=f"{local:%H:%M}")
        return format_datetime(local)

    def _draw_week(self, now: datetime) -> None:
        overview = self.overview
        if overview is None:
            return
        done = overview.week.minutes_with(self.timer, now, overview.zone)
        self._shown_minutes = done
        self.query_one("#week-progress", WeekProgress).show(overview.week, done)

    def _tick(self) -> None:
        """Once a second while the timer runs: the elapsed time, and the week's bar when a minute passes."""
        if self.timer is None or not self.is_mounted:
            return
        now = self.now()
        self.query_one("#elapsed", ElapsedDisplay).show(self.timer, now)
        if self.overview is not None:
            done = self.overview.week.minutes_with(self.timer, now, self.overview.zone)
            if done != self._shown_minutes:
                self._draw_week(now)
        if self.timer.needs_review(now):
            self._draw_timer(now)
            self._maybe_ask_review()

    def celebrate(self) -> None:
        overview = self.overview
        if overview is None:
            return
        week = overview.week
        banner = self.query_one("#celebrate", Static)
        streak = t("learn.week.streak", n=week.streak) if week.streak != 1 else t("learn.week.streak_one")
        streak = streak.split(":", 1)[-1].strip() if ":" in streak else streak
        banner.update(Content.styled("🎉 " + t("learn.celebrate", done=week.minutes, goal=week.goal, streak=streak),
                                     "bold"))
        banner.add_class("-show")
        self.set_timer(CELEBRATION_SECONDS, lambda: banner.remove_class("-show"), name="celebration")

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

    def action_stop(self) -> None:
        timer = self.timer
        if timer is None or self.hero is None:
            self.notify(t("learn.no_timer"))
            return
        now = self.now()
        if timer.needs_review(now):
            self._ask_review(timer)
            return
        if not self._saving():
            self._write_stop(timer)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_stop(self, timer: "TimerInfo") -> None:
        was_running = timer.running
        if was_running:
            # The stop moment is recorded now, so a crash while the form is open loses nothing.
            timer = await self.db(self.hero.learning.pause, timer)
            self._use_timer(timer)
        self._open_stop_form(timer, timer.counted_minutes(self.now()), resume_on_cancel=was_running)

    def _open_stop_form(self, timer: "TimerInfo", minutes: int, *, resume_on_cancel: bool) -> None:
        values = _forms().FormValues(minutes=minutes, kind=timer.kind, title=timer.title, link=timer.link,
                                     areas=timer.areas, note=timer.note)

        async def submit(result: FormResult) -> None:
            if result.action == "discard":
                await self.db(self.hero.learning.discard, timer)
                self._saved = (None, result)
                return
            session = await self.db(self.hero.learning.stop, result.draft, minutes=result.minutes, timer=timer)
            self._saved = (session, result)

        def closed(result: FormResult | None) -> None:
            if result is None:
                if resume_on_cancel and self.timer is not None and self.timer.paused:
                    self.action_resume()
                return
            self._after_form()

        form = _forms().SessionForm("stop", values, areas=self.area_names, today=self._today(), on_submit=submit,
                                    elapsed=format_elapsed(timer.elapsed_seconds(self.now())))
        self.app.push_screen(form, closed)

    def _today(self):
        if self.overview is not None:
            return self.now().astimezone(self.overview.zone).date()
        return self.now().date()

    # -- the long-timer question -----------------------------------------------------------------

    def _maybe_ask_review(self) -> None:
        timer = self.timer
        if timer is None or self.overview is None or not timer.needs_review(self.now()):
            return
        key = (timer.uuid, timer.confirmed_minutes)
        if key in self._asked_review or self.app.screen is not self:
            return
        self._asked_review.add(key)
        self._ask_review(timer)

    def _ask_review(self, timer: "TimerInfo") -> None:
        now = self.now()
        elapsed_minutes = int(timer.elapsed_seconds(now) // 60)
        since = self._moment(timer.started_at, now)
        body = t("learn.long.body", elapsed=format_minutes(elapsed_minutes), since=since,
                 limit=format_minutes(timer.limit_minutes))
        default = min(self.overview.goal if self.overview else 60, elapsed_minutes, 600)

        def answered(answer: tuple[str, int] | None) -> None:
            if answer is not None:
                self._write_review(timer, *answer)

        self.app.push_screen(_forms().LongTimerScreen(body, max(1, default)), answered)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_review(self, timer: "TimerInfo", choice: str, minutes: int) -> None:
        if choice == "keep":
            self._use_timer(await self.db(self.hero.learning.keep, timer))
            self.notify(t("learn.kept", limit=format_minutes(timer.limit_minutes)))
        elif choice == "discard":
            await self.db(self.hero.learning.discard, timer)
            self._use_timer(None)
            self.notify(t("learn.discarded"))
            self.reload()
        elif choice == "trim":
            if timer.running:
                timer = await self.db(self.hero.learning.pause, timer)
                self._use_timer(timer)
            self._open_stop_form(timer, minutes, resume_on_cancel=False)

    # -- logging, editing, deleting --------------------------------------------------------------

    def action_log(self) -> None:
        if self.hero is None:
            return

        async def submit(result: FormResult) -> None:
            session = await self.db(self.hero.learning.log, result.minutes, result.draft, day=result.day)
            self._saved = (session, result)

        self.app.push_screen(
            _forms().SessionForm("log", _forms().FormValues(day=self._today()), areas=self.area_names,
                                 today=self._today(), on_submit=submit),
            self._form_closed,
        )

    def _selected(self) -> "SessionInfo | None":
        if self.overview is None:
            return None
        uuid = self.query_one("#sessions", SessionList).selected_uuid
        for session in self.overview.week.sessions:
            if session.uuid == uuid:
                return session
        return None

    def action_edit(self) -> None:
        session = self._selected()
        if session is None or self.hero is None:
            self.notify(t("learn.select_session"))
            return

        async def submit(result: FormResult) -> None:
            saved = await self.db(self.hero.learning.edit, session.uuid, result.draft, minutes=result.minutes,
                                  day=result.day)
            self._saved = (saved, result)

        values = _forms().FormValues(minutes=session.minutes, day=session.day, kind=session.kind,
                                     title=session.title, link=session.link, areas=session.areas, note=session.note)
        self.app.push_screen(
            _forms().SessionForm("edit", values, areas=self.area_names, today=self._today(), on_submit=submit),
            self._form_closed,
        )

    @on(OptionList.OptionSelected, "#sessions")
    def _session_chosen(self) -> None:
        self.action_edit()

    def action_session_up(self) -> None:
        self.query_one("#sessions", SessionList).action_cursor_up()

    def action_session_down(self) -> None:
        self.query_one("#sessions", SessionList).action_cursor_down()

    def action_delete(self) -> None:
        session = self._selected()
        if session is None or self.hero is None:
            self.notify(t("learn.select_session"))
            return
        template = t("learn.confirm.delete", title="\x00", minutes=format_minutes(session.minutes)).split("\x00")
        question = Content.assemble(template[0], safe(session.title, width=80), template[1])

        def answered(yes: bool | None) -> None:
            if yes:
                self._write_delete(session)

        from herotui.dialogs.confirm import Confirm

        # Deleting loses the session: the default answer is Cancel.
        self.app.push_screen(Confirm(question, t("learn.delete.yes"), default="no"), answered)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_delete(self, session: "SessionInfo") -> None:
        await self.db(self.hero.learning.delete, session.uuid)
        self.notify(t("learn.deleted"))
        self.reload()

    def _form_closed(self, result: FormResult | None) -> None:
        if result is not None:
            self._after_form()

    def _after_form(self) -> None:
        saved, self._saved = self._saved, None
        if saved is not None:
            self._after_save(*saved)

    @work(group="learn-after-save", exit_on_error=False)
    async def _after_save(self, session, result: FormResult) -> None:
        from herotui.services.learning import SessionInfo

        before = self.overview.week.minutes if self.overview else 0
        goal = self.overview.goal if self.overview else 0
        if result.action == "discard":
            self._use_timer(None)
            self.notify(t("learn.discarded"))
        elif isinstance(session, SessionInfo):
            self.notify(Content.assemble(t("learn.saved", minutes=format_minutes(session.minutes), title="")
                                         .rstrip(), " ", safe(session.title, width=60)).plain, markup=False)
        if result.action != "discard" and self.timer is not None and session is not None:
            if getattr(session, "uuid", None) == self.timer.uuid:
                self._use_timer(None)
        overview, areas = await self.db(self._load_blocking, self.week_day)
        self.apply(overview, areas)
        if self.overview is not None and before < goal <= self.overview.week.minutes:
            self.celebrate()
        if isinstance(session, SessionInfo) and result.action == "share":
            self._write_share(session.uuid)

    @work(exclusive=True, group="learn-share", exit_on_error=False)
    async def _write_share(self, uuid: str, force: bool = False) -> None:
        self._sharing = uuid
        await self.db(self.hero.learning.share, uuid, force=force)
        self.notify(t("learn.shared"))
        self.app.changed_here(self)  # the share feed shows it at once
        self.reload()  # the session now shows "shared"

    # -- weeks, pulse, goal ----------------------------------------------------------------------

    def action_week(self, step: int) -> None:
        """Show the week before (-1) or after (+1) the one shown; 0 goes back to this week.
        Never past the current week: the future has no sessions yet."""
        from datetime import timedelta

        if self.overview is None:
            return
        this_week = self._today()
        shown = self.week_day or this_week
        day = None if step == 0 else shown + timedelta(days=7 * step)
        if day is not None and day.isocalendar()[:2] >= this_week.isocalendar()[:2]:
            day = None
        if day == self.week_day:
            return
        self.week_day = day
        self.reload()

    def action_holiday(self) -> None:
        if self.hero is None or self.overview is None:
            return
        from herotui.dialogs.prompt import Prompt, PromptAnswer
        from herotui.services.errors import ValidationError
        from herotui.services.weeks import parse_week

        def check(value: str) -> None:
            try:
                parse_week(value)
            except ValueError:
                raise ValidationError("learn.error.date_format", value=value[:20]) from None

        def answered(answer: PromptAnswer | None) -> None:
            if answer is not None:
                self._write_holiday(answer.value, answer.choice == "mark")

        self.app.push_screen(
            Prompt(t("learn.holiday.title"), t("learn.holiday.body"), self.overview.week.week_start.isoformat(),
                   [("mark", t("learn.holiday.mark")), ("unmark", t("learn.holiday.unmark"))], validate=check),
            answered,
        )

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_holiday(self, value: str, on: bool) -> None:
        from herotui.services.weeks import parse_week

        await self.db(self.hero.learning.set_holiday, value, on=on)
        self.notify(t("learn.holiday_on" if on else "learn.holiday_off", week=week_label(parse_week(value))))
        self.reload()

    def action_toggle_named(self) -> None:
        if self.hero is None or self.overview is None or self._saving():
            return
        self._write_named(not self.overview.named_in_pulse)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_named(self, named: bool) -> None:
        await self.db(self.hero.people.set_named_in_pulse, named)
        self.notify(t("learn.named_on" if named else "learn.named_off"))
        self.reload()

    def action_goal(self) -> None:
        if self.hero is None or self.overview is None:
            return
        if not getattr(self.app, "person_is_admin", False):
            self.notify(t("learn.admin_only"), severity="warning")
            return
        from herotui.dialogs.prompt import Prompt, PromptAnswer
        from herotui.services.errors import ValidationError

        def check(value: str) -> None:
            if not value.isdigit() or not 10 <= int(value) <= 600:
                raise ValidationError("error.goal_range", low=10, high=600)

        def answered(answer: PromptAnswer | None) -> None:
            if answer is not None:
                self._write_goal(int(answer.value))

        self.app.push_screen(
            Prompt(t("learn.goal.title"), t("learn.goal.body"), str(self.overview.goal),
                   [("save", t("word.save"))], validate=check),
            answered,
        )

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_goal(self, goal: int) -> None:
        await self.db(self.hero.org.set, "weekly_goal_minutes", goal)
        self.notify(t("learn.goal_set", goal=goal))
        self.reload()
