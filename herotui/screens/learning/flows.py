"""The learning screen's flows: everything that opens a form or a question and then writes.

`LearningFlows` is mixed into `LearningScreen` (it uses the screen's `overview`, `timer`,
`db(...)`, `reload()` and friends). Every key checks what it can from what is on screen, starts a
worker and returns; the worker opens the dialog, awaits the service call on the database thread
and draws the result. A refused or failed call ends the worker with `DbCallFailed` after the
person was told (see `herotui.screens.base.HeroScreen`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.content import Content

from herotui.i18n import format_elapsed, format_minutes, t, week_label
from herotui.screens.learning.panes import SessionsPane
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.screens.learning_forms import FormResult, ReviewChoice
    from herotui.services.learning import SessionInfo, TimerInfo


def _forms():
    """The dialogs, imported on first use: they pull in the services and the database layer,
    which the first frame does not need."""
    from herotui.screens import learning_forms

    return learning_forms


class LearningFlows:
    """Stop, the long-timer question, log, edit, delete, share, weeks, holidays, the pulse and the
    goal: the learning screen's dialogs and writes (a mixin for `LearningScreen`)."""

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

        def answered(answer: "tuple[ReviewChoice, int] | None") -> None:
            if answer is not None:
                self._write_review(timer, *answer)

        self.app.push_screen(_forms().LongTimerScreen(body, max(1, default)), answered)

    @work(exclusive=True, group="learn-write", exit_on_error=False)
    async def _write_review(self, timer: "TimerInfo", choice: "ReviewChoice", minutes: int) -> None:
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
        """The highlighted session of the week shown, or None."""
        if self.overview is None:
            return None
        uuid = self.query_one(SessionsPane).selected_uuid
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

    def action_session_up(self) -> None:
        self.query_one(SessionsPane).move(-1)

    def action_session_down(self) -> None:
        self.query_one(SessionsPane).move(1)

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
