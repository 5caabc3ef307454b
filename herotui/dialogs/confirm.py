"""A yes/no question with an explicit default."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t


class Confirm(HeroDialog[bool]):
    """Ask `question` (plain text or `Content`); dismisses with True (yes) or False.

    `default` is the button that has focus, so Enter answers it: "no" for anything that
    throws work away (the default), "yes" for harmless questions. `y` and `n` answer directly;
    Esc always means no. `destructive` paints the yes button as a warning.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "word.yes"),
        Binding("n", "answer(False)", "word.no"),
        Binding("escape", "answer(False)", "word.cancel"),
    ]

    def __init__(self, question: str | Content, yes_label: str | None = None, *, no_label: str | None = None,
                 default: str = "no", destructive: bool = True, subject: Content | None = None) -> None:
        if default not in ("yes", "no"):
            raise ValueError(f"default must be 'yes' or 'no', not {default!r}")
        super().__init__()
        self.question = question if isinstance(question, Content) else Content(question)
        self.subject = subject
        self.yes_label = yes_label or t("word.yes")
        self.no_label = no_label or t("word.cancel")
        self.default = default
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-question")
            if self.subject is not None:
                yield Static(self.subject, classes="dialog-subject")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes_label, variant="error" if self.destructive else "primary", id="confirm-yes")
                yield Button(self.no_label, id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self.default == "yes" else "#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
