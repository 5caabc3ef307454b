"""What every main screen shares: the frame, translated key bindings and database calls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, TypeVar

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer

# Shared with the dialogs (dialogs/base.py) from one module below both; re-exported here.
import herotui.textual_fixes  # noqa: F401 - see the module
from herotui.stylesheet import mark_styles_current
from herotui.ui_work import DbCallFailed, TranslatedKeys, WorkErrors, translate_bindings  # noqa: F401
from herotui.widgets.chrome import HeroFooter, NavBar, StatusBar

if TYPE_CHECKING:
    from herotui.app import HeroApp
    from herotui.services.hero import Hero

T = TypeVar("T")


class HeroScreen(WorkErrors, TranslatedKeys, Screen):
    """A main screen: tabs, a body from `compose_body`, the status line and the footer.

    How a screen does UI work: a key's action checks what it can without the database and starts
    a worker (`@work(exclusive=True, group=..., exit_on_error=False)`), then returns. The worker
    awaits `self.db(...)` and applies the result on the UI thread. A failed call raises
    `DbCallFailed` out of the worker; `WorkErrors` (this class) has already had the person told
    why (`dialogs.base.explain`, via `HeroApp.db`) and calls `work_failed(group, cause)`.
    Screens never catch `DbCallFailed` themselves.
    """

    TAB = ""

    app: "HeroApp"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        mark_styles_current(self)

    def compose(self) -> ComposeResult:
        yield NavBar(self.TAB)
        with Vertical(id="body"):
            yield from self.compose_body()
        yield StatusBar()
        footer = HeroFooter()
        # Compact below 100 columns (see `on_resize`); set here too, because a language switch
        # composes the screen again without a resize.
        footer.compact = self.app.size.width < 100
        yield footer

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_resize(self) -> None:
        # Below 100 columns the footer drops its padding so that the last key and the palette's
        # "^p" both fit (at 80 columns the last key was cut in half).
        for footer in self.query(Footer):
            footer.compact = self.size.width < 100

    def on_mount(self) -> None:
        self.app.register_hero_screen(self)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Command palette entries for this screen's main actions."""
        yield from ()

    @property
    def hero(self) -> "Hero | None":
        return self.app.hero

    def data_shown(self) -> None:
        """Tell the app this screen shows data from the database now (the first time lets it
        build the other screens in the background: `HeroApp.first_data`)."""
        first_data = getattr(self.app, "first_data", None)
        if first_data is not None:
            first_data.set()

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on the database thread. Problems are shown to the person, then `DbCallFailed`
        is raised (let it end the worker; see the class docstring). The shown screen's calls go
        ahead of background work (the change poll, loads of screens not shown); a hidden
        screen's (built in the background at start) wait behind everything else."""
        if self.is_shown:
            return await self.app.db(fn, *args, **kwargs)
        return await self.app.db_background(fn, *args, **kwargs)

    # Work a hidden screen put off: "ready" (first load) or "changed" (reload). The single
    # database thread answers in the order it is asked, so hidden screens must not queue
    # loads ahead of the screen the person is looking at; they catch up when shown.
    _deferred: str | None = None

    @property
    def is_shown(self) -> bool:
        """On screen, perhaps under a dialog: in the current mode's stack. A screen of another mode
        is hidden; one beneath a dialog is not (it shows around the dialog, and must not wait for
        the dialog to close before it loads: that left "Loading..." under the welcome dialog)."""
        return self in self.app.screen_stack

    def deliver_ready(self) -> None:
        """The app has its services (`app.hero`): load now if shown, else when shown (not named
        `notify_*`, which is Textual's word for a toast)."""
        if self.is_shown:
            self.hero_ready()
        else:
            self._deferred = "ready"

    def deliver_change(self) -> None:
        """Another computer changed the database: reload now if shown, else when shown."""
        if self.is_shown:
            self.database_changed()
        elif self._deferred is None:
            self._deferred = "changed"

    # What the app's styling depended on when this screen stopped being shown (see `on_screen_resume`).
    _styled_for: tuple | None = None

    def _style_context(self) -> tuple:
        app = self.app
        return (app._css_update_count, frozenset(app.classes), frozenset(app.get_pseudo_classes()))

    def on_screen_suspend(self) -> None:
        self._styled_for = self._style_context()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every node of a screen each time it is shown again (a switch of tab),
        # in case the app's look changed meanwhile: ~45 ms on a full screen, on every tab key.
        # While a screen is not shown, its own class changes still restyle it at once; only the
        # app's stylesheet (`_css_update_count`, raised by a theme change) and the app's classes
        # and pseudo-classes (:dark, :focus, ...) can leave it stale. When none of those changed
        # since it was last shown, the restyle is skipped. (Textual calls this handler before
        # `Screen._on_screen_resume`, which reads the flag: subclasses' handlers come first.)
        if self._styled_for is not None and self._styled_for == self._style_context():
            event.refresh_styles = False
        if not self.is_shown:
            # Resumed while being built in the background (warm-up): not on screen, so nothing
            # is loaded yet (a feed loaded now would count as visited).
            return
        deferred, self._deferred = self._deferred, None
        # After the next refresh: a screen built in the background is resumed by Textual before
        # its panes are composed, and a load needs them.
        if deferred == "ready":
            self.call_after_refresh(self.hero_ready)
        elif deferred == "changed":
            self.call_after_refresh(self.database_changed)

    def hero_ready(self) -> None:
        """Called once the database is open (and again after a language change). Load data here."""

    def database_changed(self) -> None:
        """A colleague committed something. Screens reload what they show, quietly."""

    def relabel(self) -> None:
        """The language changed: translate the keys, compose the screen anew, then let
        `after_relabel` restore what the new widgets show. In a worker that awaits the recompose:
        restoring into widgets about to be replaced (a busy machine) lost what they showed."""
        translate_bindings(self)
        self.refresh_bindings()
        self.run_worker(self._relabel, group="relabel", exclusive=True, exit_on_error=False)

    async def _relabel(self) -> None:
        await self.recompose()
        self.after_relabel()
        self.refresh_bindings()  # the footer was composed anew: give it the translated keys

    def after_relabel(self) -> None:
        """Show again, in the new widgets, what the screen showed before a language switch."""
