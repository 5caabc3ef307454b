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
        """One line per action: its keys (the shortest first: "q/^q") and what it does."""
        keys_of: dict[tuple[str, str], list[str]] = {}
        for key, bindings in node._bindings.key_to_bindings.items():
            for binding in bindings:
                if not binding.description:
                    continue
                shown = binding.key_display or self.app.get_key_display(binding)
                keys = keys_of.setdefault((binding.action, binding.description), [])
                if shown not in keys:
                    keys.append(shown)
        if not keys_of:
            return Content(t("help.none"))
        lines = [Content.assemble((f"{'/'.join(sorted(keys, key=len)):>10}", "bold"), "  ", description)
                 for (_, description), keys in keys_of.items()]
        return Content("\n").join(lines)
