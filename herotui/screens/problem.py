"""Shown instead of the app when the database cannot be used at all (missing, foreign, too new)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from herotui.i18n import t
from herotui.screens.base import translate_bindings


class ProblemScreen(Screen[None]):
    CSS_PATH = "problem.tcss"
    BINDINGS = [Binding("q", "app.quit", "bind.quit"), Binding("escape", "app.quit", "bind.quit", show=False)]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="problem-box"):
            yield Static(Content.styled(t("problem.title"), "bold"), id="problem-title")
            yield Static(Content(self.message), id="problem-message")
            yield Static(t("problem.hint"), id="problem-hint")
        yield Footer()
