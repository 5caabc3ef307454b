"""`HeroApp`: the four screens (learning hour, shares, breakfast, insights), the status line and the database thread."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Iterable, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from herotui import i18n
from herotui.connection import Connection, Launch, Opened
from herotui.dbthread import DbThread
from herotui.i18n import t
from herotui.ui_work import warn_at_start
from herotui.modes import MODES
from herotui.screens.base import DbCallFailed, HeroScreen, translate_bindings
from herotui.theme import HERO_DARK, HERO_LIGHT

T = TypeVar("T")


class DatabaseConnected(Message):
    """Posted by the opening worker once the database (or its stand-in while offline) is open."""

    def __init__(self, opened: Opened) -> None:
        super().__init__()
        self.opened = opened


class HeroApp(App[None]):
    TITLE = "herotui"
    # What the first frame needs: the shell, every dialog's frame and the learning screen. The
    # other screens' stylesheets are read in one go once the first data is shown
    # (`herotui.stylesheet.read_every_stylesheet`, from the warm-up).
    CSS_PATH = ["app.tcss", "dialogs/dialogs.tcss", "screens/learning/learning.tcss"]
    MODES = MODES
    BINDINGS = [
        Binding("1", "switch_mode('learn')", "nav.learn", show=False),
        Binding("2", "switch_mode('shares')", "nav.shares", show=False),
        Binding("3", "switch_mode('breakfast')", "nav.breakfast", show=False),
        Binding("4", "switch_mode('insights')", "nav.insights", show=False),
        # Not in the footer: the tab bar shows "? help" at the top right, and 80 columns need the room.
        Binding("question_mark", "help", "bind.help", key_display="?", show=False),
        Binding("f2", "toggle_language", "bind.language", show=False),
        Binding("f3", "toggle_dark", "bind.theme", show=False),
        Binding("q", "quit", "bind.quit"),
    ]

    db_state = reactive("connecting")
    """connecting, online, readonly, offline or problem."""
    pending = reactive(0)
    """Actions waiting in the offline outbox."""
    person_name = reactive("")
    person_is_admin = reactive(False)

    def __init__(self, launch: Launch, *, on_connect: Callable[[Any], None] | None = None) -> None:
        i18n.set_language(launch.lang)
        super().__init__()
        from herotui.stylesheet import HeroStylesheet

        # The theme is chosen before the first parse of the CSS (Textual parses with its default
        # theme's variables, then parses everything again when `theme` changes); and parsed
        # rules are kept across Textual's many `refresh_css` calls (see herotui.stylesheet).
        self.register_theme(HERO_DARK)
        self.register_theme(HERO_LIGHT)
        self.theme = launch.theme if launch.theme in ("hero", "hero-light") else "hero"
        self.stylesheet = HeroStylesheet(variables=self.get_css_variables())
        self.launch = launch
        self.clock = launch.clock
        self.hero = None
        self.dbt = DbThread()
        self.connection = Connection(launch, on_connect)
        """Opening, reconnecting, the outbox and the change poll; its methods run on `dbt`."""
        self._screens: list[HeroScreen] = []
        self._data_version: int | None = None
        self._polling = False
        self.ready = asyncio.Event()
        """Set once the database is open and the services are usable."""
        self.first_data = asyncio.Event()
        """Set once the first screen shows data from the database (see `HeroScreen.data_shown`)."""
        self.screens_built = asyncio.Event()
        """Set once every main screen has been built in the background (see `herotui.warmup`)."""
        self.every_stylesheet_read = False
        """Whether the warm-up has read the stylesheets not needed for the first frame."""
        translate_bindings(self)

    # -- start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        # Watched only after the first choice, so that starting the app never writes the file.
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.switch_mode("learn")
        self.warm_up = [mode for mode in self.MODES if mode != "learn"] if self.launch.warm_screens else []
        """Modes still to build in the background (see `herotui.warmup`)."""

    def on_ready(self) -> None:
        # The first frame is out before the database is touched: opening it imports the store
        # and the services on the database thread, which took the GIL from the first frame
        # (~0.1 s later). The screen fills in when this is done.
        self.run_worker(self._open, group="open", exit_on_error=False)
        # The first frame is out. The other screens are built once the first one shows its data:
        # building them meanwhile took the event loop from it (its data came ~0.5 s later).
        self.run_worker(self._warm_up_after_first_data, group="warm", exit_on_error=False)

    async def _warm_up_after_first_data(self) -> None:
        from herotui.warmup import FIRST_DATA_PATIENCE, STEP_SECONDS, warm_next_screen

        try:
            # At the latest after a while: offline, or on a problem screen, no data comes.
            await asyncio.wait_for(self.first_data.wait(), FIRST_DATA_PATIENCE)
        except asyncio.TimeoutError:
            pass
        # Behind the first screen's data: what the forms offer, kept for offline use.
        self.dbt.submit_background(self.connection.refresh_forms)
        self.set_timer(STEP_SECONDS, lambda: warm_next_screen(self))

    async def _open(self) -> None:
        from herotui.screens.problem import ProblemScreen
        from herotui.store.errors import StoreError

        if self.launch.problem:
            self.db_state = "problem"
            # Only the settings file sets a problem before opening (see cli.core.run_app).
            await self.push_screen(ProblemScreen(self.launch.problem, settings=True))
            return
        try:
            opened = await self.dbt.run(self.connection.open)
        except StoreError as exc:
            self.db_state = "problem"
            await self.push_screen(ProblemScreen(exc.message()))
            return
        except OSError as exc:
            # Nothing below should let one through; if it does, say it rather than hang on
            # "connecting ..." for good.
            self.db_state = "problem"
            await self.push_screen(ProblemScreen(str(exc)))
            return
        self.post_message(DatabaseConnected(opened))

    def on_database_connected(self, message: DatabaseConnected) -> None:
        """Copy what opening found into the app's state, then let the screens load."""
        opened = message.opened
        hero = self.hero = opened.hero
        self._data_version = opened.data_version
        self.pending = opened.pending
        if opened.data_version is None:
            self.db_state = "offline"
            self.notify(t("status.started_offline"), severity="warning", timeout=10)
        else:
            self.db_state = "readonly" if hero.store.known_read_only else "online"
        if hero.store.known_read_only:
            self.notify(hero.store.read_only_error().message(), severity="warning",
                        markup=False, timeout=10)
        warn_at_start(self, opened)
        self.apply_person(opened.me)
        self.ready.set()
        for screen in list(self._screens):
            screen.deliver_ready()
        self.set_interval(self.launch.poll_seconds, self._poll_tick)
        me = opened.me
        if me is not None and not me.named_display_set and not hero.store.known_read_only:
            self._ask_display_name()

    def apply_person(self, me) -> None:
        """Show `me` (a `PersonInfo`, or None: the login) in the status line."""
        if me is None:
            self.person_name = self.launch.login
            self.person_is_admin = False
            return
        self.person_name = me.display_name
        self.person_is_admin = me.is_admin

    def _ask_display_name(self) -> None:
        from herotui.screens.welcome import ask_display_name

        ask_display_name(self)

    def changed_here(self, origin: HeroScreen | None) -> None:
        """This app wrote something other screens show. Our own commits do not move
        `PRAGMA data_version`, so the other screens are told here (they reload when shown)."""
        for screen in list(self._screens):
            if screen is not origin:
                screen.deliver_change()

    def register_hero_screen(self, screen: HeroScreen) -> None:
        # Textual runs `on_mount` of every class in a screen's hierarchy, so this may be called
        # twice for one screen; it must load only once.
        if screen in self._screens:
            return
        self._screens.append(screen)
        if self.hero is not None:
            screen.deliver_ready()

    # -- database calls ------------------------------------------------------------------------

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on the database thread; on failure tell the person plainly (`explain`), then
        raise `DbCallFailed` with the error as its cause. A write kept in the offline outbox
        returns `Queued` and says so. Goes ahead of background work (`db_background`)."""
        return await self._db_call(False, fn, args, kwargs)

    async def db_background(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`db` for work nobody is looking at (a hidden screen's load): it runs only when no
        call the person waits for is queued (`DbThread.run_background`)."""
        return await self._db_call(True, fn, args, kwargs)

    async def _db_call(self, background: bool, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
        from herotui.dialogs.base import explain
        from herotui.services.actions import Queued
        from herotui.services.errors import HeroError
        from herotui.store.errors import StoreError

        if self.hero is None:
            explain(self, None)
            raise DbCallFailed()
        try:
            run = self.dbt.run_background if background else self.dbt.run
            called = await run(self.connection.call, fn, *args, **kwargs)
        except (HeroError, StoreError) as exc:
            after, self.connection.pending_after = self.connection.pending_after, None
            if after is not None:
                self.pending = after
            explain(self, exc)
            raise DbCallFailed() from exc
        result, queued = called.value, called.queued
        if called.pending is not None:
            self.pending = called.pending
        if isinstance(result, Queued) or queued > 0:
            if self.db_state != "readonly":
                self.db_state = "offline"
            # A service may stand in for `Queued` with its own pending result (a timer); a
            # background action (marking the feed visited) is only counted, not announced.
            if isinstance(result, Queued) or getattr(result, "pending", False) is True:
                readonly = self.db_state == "readonly" or getattr(result, "reason", "") == "readonly"
                self.notify(t("store.saved_behind_readonly" if readonly else "store.saved_offline"),
                            severity="warning", markup=False)
        self._notify_clock()
        return result

    def _notify_clock(self) -> None:
        """Warn the person whose computer's clock runs ahead of the database's (once per write)."""
        warning = self.hero.take_clock_warning() if self.hero is not None else None
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=20)

    def _poll_tick(self) -> None:
        if self.hero is None or self._polling:
            return
        self._polling = True
        self.run_worker(self._poll, group="poll", exit_on_error=False)  # the method: no coroutine left un-awaited at quit

    async def _poll(self) -> None:
        from herotui.dbthread import in_daemon_thread
        from herotui.store.errors import DatabaseUnavailable, StoreError

        try:
            if not await in_daemon_thread(self.connection.worth_reconnecting):
                return  # a server that went away still does not answer: stay offline
            try:
                # Behind any screen's load or action: the poll never makes the person wait.
                polled = await self.dbt.run_background(self.connection.poll)
            except DatabaseUnavailable:
                if self.db_state != "offline":
                    self.db_state = "offline"
                    self.notify(t("status.went_offline"), severity="warning")
                return
            except (StoreError, OSError):
                return
            report = polled.report
            was_offline = self.db_state == "offline"
            self.pending = polled.pending
            if was_offline:
                self.db_state = "readonly" if self.hero.store.known_read_only else "online"
            if polled.writable_again or (self.db_state == "readonly" and not self.hero.store.known_read_only):
                # Read-only ends by itself, like offline: the share allows writes again.
                self.db_state = "online"
                self.notify(t("status.read_only_ended"))
            if report is not None and report.sent:
                self.notify(t("status.sent", n=len(report.sent)))
            elif was_offline:
                self.notify(t("status.back_online"))
            for refusal in self.hero.refusals:
                self.notify(refusal.message, severity="warning", markup=False, timeout=15)
            self.hero.refusals.clear()
            # Kept on the services: the outbox may also have been sent when the app opened.
            for overlap in self.hero.overlaps:
                self.notify(overlap.message(), severity="warning", markup=False, timeout=20)
            self.hero.overlaps.clear()
            self._notify_clock()
            # Sending the outbox commits on our own connection, which `data_version` does not
            # count as a change; the screens must reload all the same.
            if polled.data_version != self._data_version or (report is not None and report.sent):
                self._data_version = polled.data_version
                for screen in list(self._screens):
                    screen.deliver_change()
        finally:
            self._polling = False

    async def on_event(self, event) -> None:
        from herotui.ui_work import typed_before_it_appeared

        if not typed_before_it_appeared(self, event):
            await super().on_event(event)

    # -- actions -------------------------------------------------------------------------------

    def action_help(self) -> None:
        from herotui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_language(self) -> None:
        """Switch between Swedish and English at once, on every screen, and remember the choice."""
        i18n.set_language("en" if i18n.language() == "sv" else "sv")
        self.launch.lang = i18n.language()
        translate_bindings(self)
        for screen in list(self._screens):
            screen.relabel()
        self.refresh_bindings()
        self._remember("lang", i18n.language())

    def action_toggle_dark(self) -> None:
        self.theme = "hero-light" if self.theme == "hero" else "hero"

    def _theme_changed(self, theme) -> None:
        if theme.name in ("hero", "hero-light") and theme.name != self.launch.theme:
            self.launch.theme = theme.name
            self._remember("theme", theme.name)

    def _remember(self, key: str, value: str) -> None:
        """Save a choice in the personal settings file; if it cannot be written, say so and go on."""
        from herotui.config import save_setting

        try:
            save_setting(key, value)
        except OSError as exc:
            self.notify(t("settings.not_saved", reason=str(exc)), severity="warning", markup=False)

    def action_command_palette(self) -> None:
        """Textual's command palette, with its own words in the person's language."""
        from herotui.palette import HeroPalette

        if self.use_command_palette and not HeroPalette.is_open(self):
            self.push_screen(HeroPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def search_themes(self) -> None:
        """The theme picker: herotui's two themes (checked for contrast), not Textual's twenty."""
        from herotui.palette import HeroPalette, HeroThemes

        self.push_screen(HeroPalette(providers=[HeroThemes], placeholder=t("palette.themes")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from herotui.palette import system_commands

        yield from system_commands(self, screen)

    def _fatal_error(self) -> None:  # Textual's crash report shows local variables: see herotui.crash
        from herotui.crash import report_app_crash

        report_app_crash(self, self.launch.target)

    async def action_quit(self) -> None:
        self._let_go_of_the_drive()
        self.exit()

    def _let_go_of_the_drive(self) -> None:
        """Whatever awaits a database call gets "unreachable" now, so quitting never waits."""
        from herotui.store.errors import DatabaseUnavailable

        self.db_state = "offline"  # nothing more is announced while we close
        target = self.launch.target
        self.dbt.abandon(lambda: DatabaseUnavailable(path=target))

    def on_unmount(self) -> None:
        # Never wait long for the drive: a call stuck on a stalled share is abandoned with its
        # daemon thread; the action it carried is already in the outbox (`journal_first`).
        self._let_go_of_the_drive()
        hero = self.hero
        if hero is not None:
            self.dbt.submit(hero.store.close)
        left = self.dbt.shutdown(wait=0.25)
        if hero is not None and left:
            # Calls queued behind one stuck on the drive never started. An action among them
            # was already promised to the person: with the store let go, each write refuses at
            # once (no drive access) and falls to the outbox, in the order it was made.
            hero.store.let_go()
            for call in left:
                try:
                    call()
                except Exception:  # noqa: BLE001 - a read has nothing to keep; nobody awaits it
                    pass


def make_app(launch: Launch, *, on_connect: Callable[[Any], None] | None = None) -> HeroApp:
    """The one way to build the app, shared by the command line and the tests."""
    return HeroApp(launch, on_connect=on_connect)
