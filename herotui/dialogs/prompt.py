"""One value and a choice of what to do with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from herotui.dialogs.base import HeroDialog
from herotui.dialogs.form import AsksBeforeDiscarding
from herotui.i18n import t
from herotui.widgets.one_line import OneLineInput


@dataclass(frozen=True)
class PromptAnswer:
    """What the person chose: `choice` is a button id from `Prompt`'s `choices`; `value` is trimmed."""

    choice: str
    value: str


class Prompt(AsksBeforeDiscarding, HeroDialog[PromptAnswer | None]):
    """Ask for one value. Enter takes the first choice (the default); Esc cancels (None), after
    asking when the value was changed (`AsksBeforeDiscarding`).

    `validate(value)` may raise a `HeroError`; its message is shown and the dialog stays open.
    """

    BINDINGS = [Binding("escape", "cancel", "word.cancel")]

    def __init__(self, title: str, body: str, value: str, choices: Sequence[tuple[str, str]],
                 *, validate: Callable[[str], object] | None = None, max_length: int = 40) -> None:
        if not choices:
            raise ValueError("a prompt needs at least one choice")
        super().__init__()
        self.title_text = title
        self.body = body
        self.value = value
        self.choices = list(choices)
        self.validate = validate
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content.styled(self.title_text, "bold"), classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            yield OneLineInput(self.value, id="prompt-value")
            yield Static("", id="prompt-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                for index, (button_id, label) in enumerate(self.choices):
                    yield Button(label, id=f"prompt-{button_id}", variant="primary" if index == 0 else "default")
                yield Button(t("word.cancel"), id="prompt-cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-value", Input).focus()

    def choose(self, choice: str) -> None:
        from herotui.services.errors import HeroError

        value = self.query_one("#prompt-value", Input).value.strip()
        if len(value) > self.max_length:
            self.query_one("#prompt-error", Static).update(
                Content.styled(t("error.too_long", limit=self.max_length, length=len(value)), "$error"))
            return
        if self.validate is not None:
            try:
                self.validate(value)
            except HeroError as exc:
                self.query_one("#prompt-error", Static).update(Content.styled(exc.message(), "$error"))
                return
        self.dismiss(PromptAnswer(choice, value))

    def action_cancel(self) -> None:
        self.leave()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removeprefix("prompt-")
        if choice == "cancel":
            self.action_cancel()
        else:
            self.choose(choice)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.choose(self.choices[0][0])
