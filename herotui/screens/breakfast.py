"""The breakfast screen (built out by its own issue)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from herotui.i18n import t
from herotui.screens.base import HeroScreen


class BreakfastScreen(HeroScreen):
    TAB = "breakfast"
    CSS_PATH = "breakfast.tcss"

    def compose_body(self) -> ComposeResult:
        yield Static(t("empty.breakfast"), classes="empty-state")
