"""The learning hour's dialogs: the log form and the long-timer question (confirm and prompt come
from `herotui.dialogs`).

The log form checks what it can by itself (the service's own validators, no database) and then
hands the result to the screen's `on_submit`; it closes only when that succeeded, so nothing a
person typed is lost to a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Awaitable, Callable, Literal, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static, TextArea

from herotui.dialogs.form import FormDialog
from herotui.dialogs.base import HeroDialog
from herotui.i18n import t
from herotui.services.errors import HeroError, ValidationError
from herotui.services.kinds import KINDS
from herotui.services.learning import Draft, make_draft, validate_day, validate_minutes
from herotui.widgets.one_line import OneLineInput
from herotui.widgets.safe import safe


FormAction = Literal["save", "share", "discard"]
"""What the person asked the session form to do: save, save and share, or discard the timer."""

ReviewChoice = Literal["keep", "trim", "discard"]
"""The answer to "the timer has run for 9 h": keep it running, trim it to N minutes, or discard it."""

FormMode = Literal["stop", "log", "edit"]
"""Which session form: stopping a timer, logging a session by hand, or changing one."""


@dataclass(frozen=True)
class FormResult:
    """What the session form hands back: the action, `minutes` (1-600), the local `day` (None when
    stopping a timer: the timer's own day) and the checked `draft` (kind, title, link, areas, note)."""

    action: FormAction
    minutes: int = 0
    day: date | None = None
    draft: Draft = Draft()


@dataclass(frozen=True)
class FormValues:
    """What the form starts with."""

    minutes: int | None = None
    day: date | None = None
    kind: str = "other"
    title: str = ""
    link: str = ""
    areas: tuple[str, ...] = ()
    note: str = ""


class SessionForm(FormDialog[FormResult | None]):
    """Stop a timer (mode "stop"), log a session by hand ("log") or change one ("edit").

    Saving runs `on_submit(result)` in a worker (the database may be slow; keys keep working):
    when it returns, the form closes with the result; when it raises (`DbCallFailed`, already
    explained to the person), the form stays open with everything typed.
    """

    CSS_PATH = "learning_forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit('save')", "learn.form.bind.save", priority=True),
        Binding("ctrl+t", "submit('share')", "learn.form.bind.share", priority=True),
        Binding("escape", "cancel", "learn.form.bind.cancel"),
    ]

    def __init__(self, mode: FormMode, values: FormValues, *, areas: Sequence[str], today: date,
                 on_submit: Callable[[FormResult], Awaitable[object]], elapsed: str | None = None) -> None:
        super().__init__()
        self.mode = mode
        self.values = values
        self.area_names = list(dict.fromkeys([*areas, *values.areas]))
        self.today = today
        self.on_submit = on_submit
        self.elapsed = elapsed

    def compose(self) -> ComposeResult:
        v = self.values
        with Vertical(id="form-box"):
            yield Static(Content.styled(t(f"learn.form.{self.mode}_title"), "bold"), id="form-title")
            if self.elapsed:
                yield Static(Content.styled(t("learn.form.counted", elapsed=self.elapsed), "dim"), id="form-elapsed")
            with Horizontal(classes="form-row"):
                yield Label(t("learn.form.minutes"), classes="form-label")
                yield Input(str(v.minutes) if v.minutes else "", id="form-minutes", type="integer",
                            max_length=3, classes="form-short")
                if self.mode != "stop":
                    yield Label(t("learn.form.date"), classes="form-label form-label-2")
                    yield Input((v.day or self.today).isoformat(), id="form-date", max_length=10,
                                classes="form-date")
            with Horizontal(classes="form-row"):
                yield Label(t("learn.form.kind"), classes="form-label")
                yield Select([(t("kind." + k), k) for k in KINDS], value=v.kind if v.kind in KINDS else "other",
                             allow_blank=False, id="form-kind")
            with Horizontal(classes="form-row"):
                yield Label(t("learn.form.title"), classes="form-label")
                yield OneLineInput(v.title, id="form-title-input", placeholder=t("learn.form.title_placeholder"))
            with Horizontal(classes="form-row"):
                yield Label(t("learn.form.link"), classes="form-label")
                yield OneLineInput(v.link, id="form-link", placeholder="https://")
            with Horizontal(classes="form-row form-row-tall"):
                yield Label(t("learn.form.areas"), classes="form-label")
                yield SelectionList[str](
                    *[(safe(name), name, name in v.areas) for name in self.area_names], id="form-areas"
                )
            with Horizontal(classes="form-row form-row-note"):
                yield Label(t("learn.form.note"), classes="form-label")
                yield TextArea(v.note, id="form-note", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(t("learn.form.save"), variant="primary", id="form-save")
                yield Button(t("learn.form.share"), variant="success", id="form-share")
                if self.mode == "stop":
                    yield Button(t("learn.form.discard"), variant="error", id="form-discard")
                yield Button(t("learn.form.cancel"), id="form-cancel")
        yield Footer()

    def on_mount(self) -> None:
        first = "#form-title-input" if self.values.minutes else "#form-minutes"
        if self.mode == "stop" and not self.values.title:
            first = "#form-title-input"
        self.query_one(first).focus()

    # -- collecting ------------------------------------------------------------------------------

    def collect(self, action: FormAction) -> FormResult | None:
        """The form's values, checked; on a problem the message is shown and None returned."""
        field = "#form-minutes"
        try:
            minutes = validate_minutes(self.query_one("#form-minutes", Input).value)
            day = None
            if self.mode != "stop":
                field = "#form-date"
                day = validate_day(self.query_one("#form-date", Input).value, self.today)
            field = "#form-title-input"
            kind = self.query_one("#form-kind", Select).value
            areas = list(self.query_one("#form-areas", SelectionList).selected)
            draft = make_draft(
                kind=str(kind) if kind in KINDS else "other",
                title=self.query_one("#form-title-input", Input).value,
                link=self.query_one("#form-link", Input).value,
                areas=areas,
                note=self.query_one("#form-note", TextArea).text,
                require_title=True,
            )
            if action == "share" and not draft.areas:
                field = "#form-areas"
                raise ValidationError("area.error.need_one")
        except HeroError as exc:
            # The link goes through sharing's own check (`herotui.services.links.check_link`, via
            # `make_draft`), so its refusals are sharing's: a session can always be shared later.
            if exc.key.startswith("share.error.url_"):
                field = "#form-link"
            elif exc.key.startswith("learn.error.note"):
                field = "#form-note"
            self.show_error(exc.message())
            self.query_one(field).focus()
            return None
        return FormResult(action, minutes, day, draft)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Content.styled(message, "$error"))

    def action_submit(self, action: FormAction) -> None:
        # ctrl+s and ctrl+t are priority bindings (a field must not swallow them), so they run
        # as soon as the app reads the key: letters typed just before may still wait in the
        # focused field's queue. Reading the form behind them keeps every letter typed.
        focused = self.focused
        if focused is not None and focused is not self:
            focused.call_later(self._submit_now, action)
        else:
            self._submit_now(action)

    def _submit_now(self, action: FormAction) -> None:
        if any(w.group == "learn-form-save" and not w.is_finished for w in self.workers if w.node is self):
            return  # already saving: a second Enter must not save twice
        result = FormResult("discard") if action == "discard" else self.collect(action)
        if result is None:
            return
        self._submit(result)

    @work(exclusive=True, group="learn-form-save", exit_on_error=False)
    async def _submit(self, result: FormResult) -> None:
        await self.on_submit(result)
        self.dismiss(result)

    @on(Button.Pressed, "#form-save")
    def _save(self) -> None:
        self.action_submit("save")

    @on(Button.Pressed, "#form-share")
    def _share(self) -> None:
        self.action_submit("share")

    @on(Button.Pressed, "#form-discard")
    def _discard(self) -> None:
        self.action_submit("discard")

    @on(Button.Pressed, "#form-cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_submit("save")


class LongTimerScreen(HeroDialog[tuple[ReviewChoice, int] | None]):
    """"The timer has run for 9 h: keep / trim to N minutes / discard" (or decide later)."""

    CSS_PATH = "learning_forms.tcss"
    BINDINGS = [
        Binding("k", "choose('keep')", "learn.long.bind.keep"),
        Binding("t", "choose('trim')", "learn.long.bind.trim"),
        Binding("d", "choose('discard')", "learn.long.bind.discard"),
        Binding("escape", "later", "bind.later"),
    ]

    def __init__(self, body: str, minutes: int) -> None:
        super().__init__()
        self.body = body
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(id="long-box", classes="dialog"):
            yield Static(Content.styled(t("learn.long.title"), "bold"), classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="form-row"):
                yield Label(t("learn.long.minutes"), classes="form-label")
                yield Input(str(self.minutes), id="long-minutes", type="integer", max_length=3, classes="form-short")
            yield Static("", id="long-error")
            with Vertical(id="long-buttons"):
                yield Button(t("learn.long.keep"), id="long-keep")
                yield Button(t("learn.long.trim"), variant="primary", id="long-trim")
                yield Button(t("learn.long.discard"), variant="error", id="long-discard")
                yield Button(t("learn.long.later"), id="long-later")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#long-trim", Button).focus()

    def action_choose(self, choice: ReviewChoice) -> None:
        minutes = 0
        if choice == "trim":
            try:
                minutes = validate_minutes(self.query_one("#long-minutes", Input).value)
            except HeroError as exc:
                self.query_one("#long-error", Static).update(Content.styled(exc.message(), "$error"))
                self.query_one("#long-minutes", Input).focus()
                return
        self.dismiss((choice, minutes))

    def action_later(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removeprefix("long-")
        if choice == "later":
            self.action_later()
        else:
            self.action_choose(choice)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_choose("trim")
