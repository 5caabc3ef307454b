"""Opening herotui for one person: settings, database choice, language, outbox. Shared by CLI and app."""

from __future__ import annotations

from typing import Callable
from dataclasses import dataclass, field
from pathlib import Path

from herotui import i18n, locations
from herotui.clock import Clock, default_clock
from herotui.config import Settings, choose_database, choose_language, choose_theme, load_settings
from herotui.identity import current_login


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
    settings = settings if settings is not None else load_settings()
    choice = choose_database(db_option, settings)
    lang = choose_language(lang_option, settings)
    i18n.set_language(lang)
    return Launch(
        target=choice.target,
        may_create=choice.may_create,
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
    from herotui.store.errors import DatabaseMissing, DatabaseUnavailable
    from herotui.store.location import parse_location
    from herotui.store.outbox import Outbox
    from herotui.store.unreachable import UnreachableStore

    outbox = Outbox(launch.outbox_path) if launch.outbox_path else None
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
    if send_outbox and outbox is not None and not store.read_only and hero.pending_count():
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
    return known_databases().find(target) is not None
