"""The command palette's entries for the whole app, in the person's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual.app import SystemCommand
from textual.screen import Screen

from herotui.i18n import t
from herotui.screens.base import HeroScreen

if TYPE_CHECKING:
    from herotui.app import HeroApp


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
