"""`?`: the keys of the screen you came from and the keys that work everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from herotui.i18n import t
from herotui.dialogs.base import HeroDialog


class HelpScreen(HeroDialog[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", "bind.close"),
        Binding("question_mark", "dismiss", "bind.close", show=False),
        Binding("q", "dismiss", "bind.close", show=False),
    ]

    def __init__(self, origin: Screen) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.styled(t("help.title"), "bold"), id="help-title")
            yield Static(t("help.intro"), id="help-intro")
            yield Static(Content.styled(t("help.this_screen"), "bold"), classes="help-heading")
            yield Static(self._keys(self.origin), classes="help-keys")
            yield Static(Content.styled(t("help.everywhere"), "bold"), classes="help-heading")
            yield Static(self._keys(self.app), classes="help-keys")
            yield Static(t("help.footer"), id="help-footer")

    def _keys(self, node) -> Content:
        lines = []
        seen = set()
        for key, bindings in node._bindings.key_to_bindings.items():
            for binding in bindings:
                if not binding.description or (binding.action, binding.description) in seen:
                    continue
                seen.add((binding.action, binding.description))
                shown = binding.key_display or self.app.get_key_display(binding)
                lines.append(Content.assemble((f"{shown:>10}", "bold"), "  ", binding.description))
        if not lines:
            return Content(t("help.none"))
        return Content("\n").join(lines)
