"""The command palette for the whole app, in the person's language: its entries, its own
messages and the theme picker (herotui's two themes, not Textual's twenty)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets.option_list import Option

from herotui.i18n import t, textual_text
from herotui.screens.base import HeroScreen

if TYPE_CHECKING:
    from herotui.app import HeroApp

HERO_THEMES = ("hero", "hero-light")
"""herotui's themes (`herotui.theme`), the only ones offered: both are checked for contrast."""


def system_commands(app: "HeroApp", screen: Screen) -> Iterable[SystemCommand]:
    """Switching screens, language and light/dark, Textual's own entries (theme, keys panel),
    help, the shown screen's own actions (`HeroScreen.palette_commands`) and quit."""
    yield SystemCommand(t("cmd.learn"), t("cmd.learn.help"), lambda: app.switch_mode("learn"))
    yield SystemCommand(t("cmd.shares"), t("cmd.shares.help"), lambda: app.switch_mode("shares"))
    yield SystemCommand(t("cmd.breakfast"), t("cmd.breakfast.help"), lambda: app.switch_mode("breakfast"))
    yield SystemCommand(t("cmd.insights"), t("cmd.insights.help"), lambda: app.switch_mode("insights"))
    yield SystemCommand(t("cmd.language"), t("cmd.language.help"), app.action_toggle_language)
    yield SystemCommand(t("cmd.light"), t("cmd.light.help"), app.action_toggle_dark)
    # Textual's own entries, in the person's language.
    yield SystemCommand(t("cmd.theme"), t("cmd.theme.help"), app.action_change_theme)
    if screen.query("HelpPanel"):
        yield SystemCommand(t("cmd.keys"), t("cmd.keys.hide"), app.action_hide_help_panel)
    else:
        yield SystemCommand(t("cmd.keys"), t("cmd.keys.help"), app.action_show_help_panel)
    yield SystemCommand(t("cmd.help"), t("cmd.help.help"), app.action_help)
    if isinstance(screen, HeroScreen):
        yield from screen.palette_commands()
    yield SystemCommand(t("cmd.quit"), t("cmd.quit.help"), app.action_quit)


class HeroPalette(CommandPalette):
    """Textual's command palette, saying "no matches" in the person's language.

    Textual 8 writes "No matches found" in English inside `_start_no_matches_countdown`; this is
    that method with the text translated (`tests/test_palette_settings.py` presses keys and reads
    the list, so a Textual release that changes the method shows up there).
    """

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(textual_text("No matches found"), style="not bold")),
                           disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                # Nothing typed: discovery mode, where an empty list needs no message.
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class HeroThemes(Provider):
    """The theme picker's entries: herotui's dark and light themes, named in the person's language
    ("Mörkt (hero)"), the current one marked."""

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        def use(name: str) -> None:
            self.app.theme = name

        shown = []
        for name in HERO_THEMES:
            label = t("theme.name." + name, name=name)
            if name == self.app.theme:
                label = t("theme.current", label=label)
            shown.append((label, partial(use, name)))
        return shown

    async def discover(self) -> Hits:
        for label, use in self.commands:
            yield DiscoveryHit(label, use)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, use in self.commands:
            if (score := matcher.match(label)) > 0:
                yield Hit(score, matcher.highlight(label), use)
