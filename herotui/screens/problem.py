"""Shown instead of the app when the database cannot be used at all (missing, foreign, too new),
or the settings file cannot be used."""

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

    def __init__(self, message: str, *, settings: bool = False) -> None:
        """`settings`: the problem is the settings file, not the database (other title and hint)."""
        super().__init__()
        self.message = message
        self.settings = settings
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        title, hint = ("problem.settings_title", "problem.settings_hint") if self.settings \
            else ("problem.title", "problem.hint")
        with Vertical(id="problem-box"):
            yield Static(Content.styled(t(title), "bold"), id="problem-title")
            yield Static(Content(self.message), id="problem-message")
            yield Static(t(hint), id="problem-hint")
        yield Footer()
