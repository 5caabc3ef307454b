"""Writes as named, replayable actions.

A service validates a request, then hands `submit(name, payload)` a JSON-able payload that
carries the UUID of what it creates, the acting person's login and the moment of the action.
`submit` runs the registered handler in one write transaction. When the team database cannot
be reached, the payload waits in the local outbox instead and `submit` returns `Queued`; the
same handler sends it later (`replay`). Handlers must therefore be idempotent: a UUID that is
already present means "already done".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from herotui.services.errors import HeroError
from herotui.store.errors import DatabaseBusy, DatabaseReadOnly, DatabaseUnavailable

if TYPE_CHECKING:
    from herotui.services.hero import Hero

Handler = Callable[["Hero", dict], Any]
_HANDLERS: dict[str, Handler] = {}


def action(name: str) -> Callable[[Handler], Handler]:
    """Register `fn(hero, payload)` as the handler for `name`; it runs inside a write transaction."""

    def register(fn: Handler) -> Handler:
        if name in _HANDLERS and _HANDLERS[name] is not fn:
            raise RuntimeError(f"action {name!r} registered twice")
        _HANDLERS[name] = fn
        return fn

    return register


def handler_for(name: str) -> Handler:
    """The handler registered for action `name`; raises `HeroError("error.unknown_action")`.

    Handlers register when their service modules are imported; `Hero` imports them all
    (`herotui.services.hero.load_handlers`) before it sends or replays anything, so this module
    never imports a service (no import cycle).
    """
    try:
        return _HANDLERS[name]
    except KeyError:
        raise HeroError("error.unknown_action", name=name) from None


def action_time(payload: dict) -> datetime:
    """The moment an action was taken, from its payload's `at` (ISO 8601 with offset): it may be
    replayed from the outbox much later, and must count as done when it was done."""
    return datetime.fromisoformat(payload["at"])


@dataclass(frozen=True)
class Queued:
    """The action is safe in the outbox and will be sent when the database is reachable.

    `reason` says why it waits: "offline" (the drive cannot be reached) or "readonly" (the drive
    answers but refuses changes right now, and earlier actions already wait for it)."""

    uuid: str
    action: str
    reason: str = "offline"


@dataclass(frozen=True)
class Overlap:
    """A session sent from the outbox that overlaps one recorded meanwhile on another computer."""

    session: str
    """UUID of the sent session (for `learn overlap UUID --keep-both`)."""
    title: str
    minutes: int
    """Overlapping minutes, counted once in the week's totals unless the person keeps both."""

    def message(self) -> str:
        from herotui.i18n import format_minutes, t

        return t("learn.overlap_notice", title=self.title, minutes=format_minutes(self.minutes),
                 uuid=self.session)


@dataclass
class ReplayReport:
    sent: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (uuid, message)
    waiting: int = 0
    overlaps: list[Overlap] = field(default_factory=list)
    read_only: bool = False
    """True when sending stopped because the database refused changes (read-only share)."""


def replay(hero: "Hero") -> ReplayReport:
    """Send what waits in the outbox for this database, in order, each exactly once."""
    report = ReplayReport()
    outbox = hero.outbox
    if outbox is None or getattr(hero.store, "released", False):
        return report  # after `Store.let_go` (quitting) nothing may touch the drive
    from herotui.store.identity import adopt_outbox_entries

    adopt_outbox_entries(outbox, hero.store)  # entries filed under a spelling of its path
    entries = outbox.pending(hero.store.database_key)
    for index, entry in enumerate(entries):
        hero.load_handlers(entry.action)
        handler_for(entry.action)  # an unknown action is refused before anything is sent
        payload = entry.payload
        if getattr(hero.store, "server_login", None):
            # Server identity: act as the signed-in role, never as the login in the payload.
            payload = {**payload, "login": hero.login}
        try:
            result = hero.store.write(hero.run_action, entry.action, payload)
        except HeroError as exc:
            report.refused.append((entry.uuid, exc.message()))
            hero.remember_refusal(entry, exc)
            outbox.remove(entry.uuid)
            continue
        except (DatabaseUnavailable, DatabaseBusy, DatabaseReadOnly) as exc:
            # Kept, in order: what follows it waits too, so nothing overtakes it.
            outbox.note_failure(entry.uuid, exc.key)
            report.waiting = len(entries) - index
            report.read_only = isinstance(exc, DatabaseReadOnly)
            return report
        outbox.remove(entry.uuid)
        report.sent.append(entry.uuid)
        overlap = getattr(result, "overlap_minutes", 0)
        if overlap and not getattr(result, "overlap_kept", False):
            report.overlaps.append(Overlap(result.uuid, result.title, overlap))
            hero.overlaps.append(report.overlaps[-1])
    return report
