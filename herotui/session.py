"""Opening herotui for one person: settings, database choice, language, outbox. Shared by CLI and app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from herotui import i18n, locations
from herotui.clock import Clock, SystemClock
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
    clock: Clock = field(default_factory=SystemClock)


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
        clock=clock or SystemClock(),
    )


def open_hero(launch: Launch, *, send_outbox: bool = True):
    """Open the store and the services. Raises `StoreError` when the database cannot be used."""
    from herotui.services.actions import replay
    from herotui.services.hero import Hero
    from herotui.store import open_store
    from herotui.store.outbox import Outbox

    store = open_store(
        launch.target,
        may_create=launch.may_create,
        creator_login=launch.login,
        write_deadline=launch.write_deadline,
        clock=launch.clock,
    )
    outbox = Outbox(launch.outbox_path) if launch.outbox_path else None
    hero = Hero(store, launch.login, clock=launch.clock, outbox=outbox)
    if send_outbox and outbox is not None and not store.read_only and hero.pending_count():
        replay(hero)
    return hero
