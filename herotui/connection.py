"""The connection to the team database for one person: what to open (`Launch`), opening it with
the services and the outbox (`open_hero`), and for the app a `Connection` whose `open()` and
`poll()` run on the database thread and return plain results. Shared by the CLI and the app;
nothing here imports Textual (the app copies the results into its reactive state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from herotui import i18n, locations
from herotui.clock import Clock, default_clock
from herotui.config import Settings, choose_database, choose_language, choose_theme, load_settings
from herotui.identity import current_login

if TYPE_CHECKING:
    from herotui.services.actions import ReplayReport
    from herotui.services.hero import Hero
    from herotui.services.people import PersonInfo


@dataclass
class Launch:
    """Everything needed to open herotui, decided before anything touches the database."""

    target: str = field(repr=False)  # may hold a password: kept out of crash reports
    may_create: bool
    login: str
    lang: str
    write_deadline: float = 15.0
    poll_seconds: float = 1.0
    outbox_path: Path | None = None
    clock: Clock = field(default_factory=default_clock)
    theme: str = "hero"
    """`hero` or `hero-light` (see `config.choose_theme`)."""
    open_url: Callable[[str], bool] | None = None
    """Opens a link in a graphical browser and says whether it did (blocking; run it in a thread).
    None means `widgets.share_links.open_with_browser`. Tests pass a recorder, so no test can
    start a real browser however the screen imports things."""
    copy_text: Callable[[str], bool] | None = None
    """Puts text on the system clipboard and says whether a mechanism was there (blocking). None
    means `widgets.share_links.copy_with_pyperclip`."""
    settings_file: Path | None = None
    """The settings file that was read, or None when there was none (defaults apply)."""
    db_origin: str = "option"
    """Where `target` came from: option (--db), environment (HEROTUI_DB), settings or default."""
    problem: str | None = None
    """A message to show instead of opening the database (a settings file that cannot be used)."""
    warm_screens: bool = True
    """Build the other main screens in the background after the first frame, so that the first
    press of 2 or 3 is instant. Tests of one screen turn it off: they need only the screen under test."""


def resolve_launch(
    db_option: str | None = None,
    lang_option: str | None = None,
    theme_option: str | None = None,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
) -> Launch:
    """Decide what to open from the command-line options, the settings file and the environment.

    Sets the interface language as a side effect. Reads the settings file unless `settings` is
    given; touches no database.
    """
    settings = settings if settings is not None else load_settings()
    choice = choose_database(db_option, settings)
    lang = choose_language(lang_option, settings)
    i18n.set_language(lang)
    return Launch(
        target=choice.target,
        may_create=choice.may_create,
        db_origin=choice.origin,
        login=current_login(),
        lang=lang,
        write_deadline=settings.write_deadline_seconds,
        poll_seconds=settings.poll_seconds,
        outbox_path=locations.outbox_file(),
        clock=clock or default_clock(),
        theme=choose_theme(theme_option, settings),
        settings_file=settings.source,
    )


def open_hero(launch: Launch, *, send_outbox: bool = True, allow_offline: bool = False):
    """Open the store and the services. Raises `StoreError` when the database cannot be used.

    With `allow_offline`, a database this computer has opened before but cannot reach now (the
    drive is not connected) gives services on an `UnreachableStore`: writes wait in the outbox,
    filed under the database's identity, found from any spelling of its path seen before.
    """
    from herotui.services.actions import replay
    from herotui.services.hero import Hero
    from herotui.store.errors import DatabaseMissing, DatabaseUnavailable, StoreError
    from herotui.store.location import parse_location
    from herotui.store.outbox import Outbox
    from herotui.store.unreachable import UnreachableStore

    outbox, outbox_problem = None, None
    if launch.outbox_path:
        try:
            outbox = Outbox(launch.outbox_path)
        except StoreError as exc:
            # This computer's data folder is out of reach (on a share that went away), not the
            # database: work on without the outbox, straight against the database, and say so.
            outbox_problem = exc.message()
    try:
        store = open_launch_store(launch)
    except (DatabaseMissing, DatabaseUnavailable):
        location = parse_location(launch.target)
        known = known_databases().find(location) if allow_offline and outbox is not None else None
        if known is None:
            raise
        # An entry from the older path list has no identity: its outbox entries sit under the path.
        key = known.uuid or known.path
        return Hero(UnreachableStore(location, launch.clock, database_key=key), launch.login,
                    clock=launch.clock, outbox=outbox)
    remember_store(store, outbox)
    login = signed_in_login(store, launch.login)
    hero = Hero(store, login, clock=launch.clock, outbox=outbox)
    hero.outbox_problem = outbox_problem
    if send_outbox and outbox is not None and hero.pending_count() and not store.read_only:
        replay(hero)
    return hero


def signed_in_login(store, login: str) -> str:
    """The person to act as: in server-identity mode the signed-in PostgreSQL role.

    Raises `IdentityMismatch` when `HEROTUI_USER` names someone else there: the server decides
    who you are, and saying otherwise is refused rather than silently ignored.
    """
    import os

    from herotui.store.errors import IdentityMismatch

    role = getattr(store, "server_login", None)
    if not role:
        return login
    claimed = os.environ.get("HEROTUI_USER", "").strip()
    if claimed and claimed != role:
        store.close()
        raise IdentityMismatch(claimed=claimed, role=role)
    return role


def open_launch_store(launch: Launch):
    """`open_store` with the launch's target, deadline and clock. Raises `StoreError`."""
    from herotui.store import open_store

    return open_store(
        launch.target,
        may_create=launch.may_create,
        creator_login=launch.login,
        write_deadline=launch.write_deadline,
        clock=launch.clock,
    )


def known_databases():
    """This computer's list of databases it has opened (`herotui.store.identity.KnownDatabases`)."""
    from herotui.store.identity import KnownDatabases

    return KnownDatabases(locations.data_dir() / "known_databases.json",
                          legacy=locations.data_dir() / "known_databases.txt")


def remember_store(store, outbox=None) -> None:
    """Note that this computer opened `store` (so a later absence is an outage, under any spelling),
    and file outbox entries kept under an older spelling of its path under its identity."""
    from herotui.store.identity import adopt_outbox_entries

    known_databases().remember(store.database_id, store.location)
    adopt_outbox_entries(outbox, store)


def outbox_key_for(target: str) -> str:
    """The outbox key of the database at `target` as this computer knows it, without opening it."""
    from herotui.store.identity import canonical_key

    known = known_databases().find(target)
    if known is not None:
        return known.uuid or known.path
    return canonical_key(target)


def is_known_database(target: str) -> bool:
    """Whether this computer has opened the database at `target` before (any spelling)."""
    return known_databases().find(target) is not None


# -- the app's connection ------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """What `Connection.open` found: the services, who the person is, where the change poll starts."""

    hero: "Hero"
    me: "PersonInfo | None"
    """None when the drive is out of reach or a read-only file does not know the person yet."""
    data_version: int | None
    """`Store.data_version()` at opening; None when the database is out of reach (offline)."""
    pending: int
    """Actions waiting in the outbox."""
    cloud_service: str | None = None
    """The cloud client that syncs the database's folder ("Dropbox", ...), or None."""
    conflicted_copies: tuple[str, ...] = ()
    """File names of a cloud client's conflicted copies beside the database."""


@dataclass(frozen=True)
class Called:
    """A service call's answer (`Connection.call`) and how many actions it queued in the outbox."""

    value: Any
    queued: int
    pending: int | None = None
    """The outbox count when the call queued something; None when it did not (not read)."""


@dataclass(frozen=True)
class PollResult:
    """One tick of the change poll (`Connection.poll`)."""

    data_version: int
    pending: int
    report: "ReplayReport | None" = None
    """What sending the outbox did, when there was something to send; None otherwise."""
    writable_again: bool = False
    """A read-only share allows writes again (the store's read-only reason was cleared)."""


class Connection:
    """The app's link to the database: every method blocks and runs on the database thread
    (`herotui.dbthread.DbThread`); the app awaits them and copies the results into its state.

    `on_connect(store)` is called on that thread each time a store is opened (tests slow the
    drive down through it).
    """

    def __init__(self, launch: Launch, on_connect: Callable[[Any], None] | None = None) -> None:
        self.launch = launch
        self.on_connect = on_connect
        self.hero: "Hero | None" = None
        self.pending_after: int | None = None
        self._gone_unprobed = False
        """The server went away and no probe (`worth_reconnecting`) has seen it answer since."""
        """The outbox count after the latest `call` that raised (read and cleared by the app)."""

    def open(self) -> Opened:
        """Open the database (or an `UnreachableStore` for a known one that is out of reach) and
        the services; send the outbox; make sure the person exists when the file is writable.
        What the forms offer is read later (`refresh_forms`): every statement before the first
        screen's data is a round trip the person waits for.

        Raises `StoreError` when the database cannot be used (missing, not herotui's, too new).
        """
        from herotui.services.errors import NotFound
        from herotui.store.unreachable import UnreachableStore

        hero = open_hero(self.launch, allow_offline=True)
        # Every action is written to the outbox before it is sent: a call stuck on the drive
        # when the person quits is not lost (see `HeroApp.on_unmount`).
        hero.journal_first = True
        self.hero = hero
        if isinstance(hero.store, UnreachableStore):
            return Opened(hero, None, None, hero.pending_count())
        # Part of opening, as it was before `Store.read_only` asked lazily: whether SQLite may
        # write this file (the status line and the first-start question depend on it).
        read_only = hero.store.read_only
        if self.on_connect is not None:
            self.on_connect(hero.store)
        me = None if read_only else hero.people.ensure_me()
        if me is None:
            try:
                me = hero.people.me()
            except NotFound:  # a read-only file may not know us yet
                me = None
        return Opened(hero, me, hero.store.data_version(), hero.pending_count(), *_cloud_facts(hero.store))

    def refresh_forms(self) -> None:
        """Read what the forms offer (areas, people) for offline use; run in the background
        after the first screen's load. Never raises a `StoreError` (see `refresh_form_cache`)."""
        from herotui.store.unreachable import UnreachableStore

        hero = self.hero
        if hero is not None and not isinstance(hero.store, UnreachableStore):
            refresh_form_cache(hero)

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Called:
        """Run `fn(*args, **kwargs)` (a service call) and count the actions it queued.

        The count comes back with the answer: a service may return its own stand-in (a timer
        shown as pending) rather than `Queued` when it saved offline. The outbox file is opened
        only when something was queued (`Called.pending`) or the call raised (`pending_after`);
        whatever `fn` raises is raised again.
        """
        from herotui.services.actions import Queued
        from herotui.store.errors import DatabaseUnavailable

        hero = self.hero
        assert hero is not None, "call() before open()"
        before = hero.queued_total
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:
            if isinstance(exc, DatabaseUnavailable):
                self._server_went_away(hero)
            self.pending_after = hero.pending_count()
            raise
        queued = hero.queued_total - before
        if isinstance(value, Queued):
            self._server_went_away(hero)
        return Called(value, queued, hero.pending_count() if queued else None)

    def worth_reconnecting(self) -> bool:
        """On a thread of its own: False while a PostgreSQL server that went away still does not
        answer, so the poll does not hold the database thread for a connect timeout every tick."""
        from herotui.store.unreachable import UnreachableStore

        hero = self.hero
        store = hero.store if hero is not None else None
        if not isinstance(store, UnreachableStore) or store.location.kind != "postgresql":
            return True
        from herotui.store.postgres import server_answers

        answers = server_answers(store.location, write_deadline=self.launch.write_deadline)
        if answers:
            self._gone_unprobed = False
        return answers

    def _server_went_away(self, hero: "Hero") -> None:
        """A server that stopped answering (a paused host) would cost every call the deadline
        again: until the poll reconnects, calls meet an `UnreachableStore` and actions go to the
        outbox at once, as when the app starts offline. (A file's drive answers "gone" at once.)"""
        from herotui.store.unreachable import UnreachableStore

        store = hero.store
        if isinstance(store, UnreachableStore) or store.is_sqlite:
            return
        hero.store = UnreachableStore(store.location, self.launch.clock, database_key=store.database_key)
        self._gone_unprobed = True  # a poll queued before this must not try to connect blind
        try:
            store.close()
        except Exception:  # noqa: BLE001 - a connection the watchdog cut may complain; it is gone anyway
            pass

    def poll(self) -> PollResult:
        """Reconnect when the drive was away, clear read-only when the share allows writes again,
        send the outbox when something waits, and read `data_version`.

        Raises `DatabaseUnavailable` while the drive is still away, another `StoreError` (or
        `OSError`) for other trouble. Call only after `open` succeeded.
        """
        from herotui.services.actions import replay
        from herotui.store.errors import DatabaseUnavailable
        from herotui.store.unreachable import UnreachableStore

        hero = self.hero
        assert hero is not None, "poll() before open()"
        if getattr(hero.store, "released", False):
            # Quitting (`Store.let_go`): a poll left behind a stuck call must not touch the drive
            # (matching the outbox to the file's path alone stats it), or quitting waits for it.
            raise DatabaseUnavailable(path=hero.store.location.display)
        if isinstance(hero.store, UnreachableStore) and self._gone_unprobed:
            raise DatabaseUnavailable(path=hero.store.location.display)  # probed first, off this thread
        if isinstance(hero.store, UnreachableStore):
            hero.store = open_launch_store(self.launch)  # raises while the drive is still away
            remember_store(hero.store, hero.outbox)
            self._connected(hero)
        writable_again = hero.store.read_only and hero.store.recheck_read_only()
        report = None
        try:
            if hero.pending_count() and not hero.store.read_only:
                report = replay(hero)
            version = hero.store.read(hero.store.data_version)
        except DatabaseUnavailable:
            self._server_went_away(hero)
            raise
        return PollResult(version, hero.pending_count(), report, bool(writable_again))

    def _connected(self, hero: "Hero") -> None:
        if self.on_connect is not None:
            self.on_connect(hero.store)
        refresh_form_cache(hero)


def _cloud_facts(store) -> tuple[str | None, tuple[str, ...]]:
    """A cloud client syncing the database's folder, and conflicted copies beside it (files only)."""
    from herotui.store.cloud import cloud_service_of, conflicted_copies

    path = getattr(store.location, "path", None)
    if path is None:
        return None, ()
    return cloud_service_of(path), tuple(conflicted_copies(path))


def refresh_form_cache(hero: "Hero") -> None:
    """Online: read what the forms offer, so they work offline later (formcache.py). Errors are
    left for the next screen load to report."""
    from herotui.store.errors import StoreError

    try:
        hero.areas.list(include_retired=True)
        hero.people.list()
    except StoreError:
        pass
