"""The share feed's "already shared" dialog (pick and confirm come from `herotui.dialogs`).

Every label that may hold text a person typed arrives here as `Content` (see `widgets/safe.py`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t


class ShareDuplicateScreen(HeroDialog[str]):
    """"Already shared by Anna Berg on 12 March": open that share, post anyway, or go back."""

    CSS_PATH = "share_dialogs.tcss"
    BINDINGS = [Binding("escape", "back", "bind.close")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

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
