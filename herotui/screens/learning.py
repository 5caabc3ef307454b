"""The learn screen (built out by its own issue)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from herotui.i18n import t
from herotui.screens.base import HeroScreen


class LearningScreen(HeroScreen):
    TAB = "learn"
    CSS_PATH = "learning.tcss"

    def compose_body(self) -> ComposeResult:
        yield Static(t("empty.learn"), classes="empty-state")
