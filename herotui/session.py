"""Opening herotui for one person: settings, database choice, language, outbox. Shared by CLI and app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from herotui import i18n, locations
from herotui.clock import Clock, default_clock
from herotui.config import Settings, choose_database, choose_language, load_settings
from herotui.identity import current_login


@dataclass
class Launch:
    """Everything needed to open herotui, decided before anything touches the database."""

    target: str
    may_create: bool
    login: str
    lang: str
    write_deadline: float = 15.0
    poll_seconds: float = 1.0
    outbox_path: Path | None = None
    clock: Clock = field(default_factory=default_clock)
    settings_file: Path | None = None
    """The settings file that was read, or None when there was none (defaults apply)."""
    problem: str | None = None
    """A message to show instead of opening the database (a settings file that cannot be used)."""


def resolve_launch(
    db_option: str | None = None,
    lang_option: str | None = None,
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
        settings_file=settings.source,
    )


def open_hero(launch: Launch, *, send_outbox: bool = True, allow_offline: bool = False):
    """Open the store and the services. Raises `StoreError` when the database cannot be used.

    With `allow_offline`, a database this computer has opened before but cannot reach now (the
    drive is not connected) gives services on an `UnreachableStore`: writes wait in the outbox.
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
        if not (allow_offline and outbox is not None and is_known_database(location.display)):
            raise
        return Hero(UnreachableStore(location, launch.clock), launch.login, clock=launch.clock, outbox=outbox)
    remember_database(store.location.display)
    hero = Hero(store, launch.login, clock=launch.clock, outbox=outbox)
    if send_outbox and outbox is not None and not store.read_only and hero.pending_count():
        replay(hero)
    return hero


def open_launch_store(launch: Launch):
    from herotui.store import open_store

    return open_store(
        launch.target,
        may_create=launch.may_create,
        creator_login=launch.login,
        write_deadline=launch.write_deadline,
        clock=launch.clock,
    )


def _known_file() -> Path:
    return locations.data_dir() / "known_databases.txt"


def is_known_database(display: str) -> bool:
    try:
        return display in _known_file().read_text(encoding="utf-8").splitlines()
    except OSError:
        return False


def remember_database(display: str) -> None:
    """Note that this computer has opened `display` successfully (so a later absence is an outage)."""
    if is_known_database(display):
        return
    try:
        with open(_known_file(), "a", encoding="utf-8") as handle:
            handle.write(display + "\n")
    except OSError:
        pass
