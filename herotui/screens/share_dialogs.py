"""Small dialogs of the share feed: pick one of a list, confirm, "already shared".

Every label that may hold text a person typed arrives here as `Content` (see `widgets/safe.py`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from herotui.i18n import t
from herotui.screens.base import translate_bindings


class SharePickScreen(ModalScreen[str | None]):
    """One value out of a list; dismisses with it, or None on Escape."""

    CSS_PATH = "share_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "bind.close")]

    def __init__(self, title: str, options: list[tuple[str, Content]], current: str = "") -> None:
        super().__init__()
        self.heading = title
        self.options = options
        self.current = current
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="share-dialog-box"):
            yield Static(Content.styled(self.heading, "bold"), classes="share-dialog-title")
            yield OptionList(*[Option(label, id=f"o{index}") for index, (_, label) in enumerate(self.options)],
                             id="share-pick-list")
            yield Static(t("share.pick.hint"), classes="share-dialog-hint")

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        values = [value for value, _ in self.options]
        pick.highlighted = values.index(self.current) if self.current in values else 0
        pick.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ShareConfirmScreen(ModalScreen[bool]):
    """A yes/no question about one thing (shown literally)."""

    CSS_PATH = "share_dialogs.tcss"
    BINDINGS = [Binding("escape", "no", "bind.close"), Binding("y", "yes", show=False)]

    def __init__(self, question: str, subject: Content, yes_label: str) -> None:
        super().__init__()
        self.question = question
        self.subject = subject
        self.yes_label = yes_label
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="share-dialog-box"):
            yield Static(Content.styled(self.question, "bold"), classes="share-dialog-title")
            yield Static(self.subject, classes="share-dialog-subject")
            with Horizontal(classes="share-dialog-buttons"):
                yield Button(self.yes_label, variant="error", id="share-confirm-yes")
                yield Button(t("word.cancel"), id="share-confirm-no")

    def on_mount(self) -> None:
        self.query_one("#share-confirm-no", Button).focus()

    @on(Button.Pressed, "#share-confirm-yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#share-confirm-no")
    def action_no(self) -> None:
        self.dismiss(False)


class ShareDuplicateScreen(ModalScreen[str]):
    """"Already shared by Anna Berg on 12 March": open that share, post anyway, or go back."""

    CSS_PATH = "share_dialogs.tcss"
    BINDINGS = [Binding("escape", "back", "bind.close")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="share-dialog-box"):
            yield Static(Content.styled(t("share.duplicate.title"), "bold"), classes="share-dialog-title")
            yield Static(Content(self.message), classes="share-dialog-subject")
            with Horizontal(classes="share-dialog-buttons"):
                yield Button(t("share.duplicate.open"), variant="primary", id="share-dup-open")
                yield Button(t("share.duplicate.post"), id="share-dup-post")
                yield Button(t("word.cancel"), id="share-dup-back")

    def on_mount(self) -> None:
        self.query_one("#share-dup-open", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"share-dup-open": "open", "share-dup-post": "post"}.get(event.button.id or "", "back"))

    def action_back(self) -> None:
        self.dismiss("back")
