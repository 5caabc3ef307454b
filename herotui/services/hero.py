"""`Hero`: the services for one person on one team database. The UI and CLI talk only to this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from herotui.clock import Clock, default_clock
from herotui.services.actions import Queued, action_time, handler_for
from herotui.store.errors import DatabaseUnavailable
from herotui.store.models import new_uuid

if TYPE_CHECKING:
    from herotui.services.areas import AreaService
    from herotui.services.breakfast import BreakfastService
    from herotui.services.insights import InsightsService
    from herotui.services.learning import LearningService
    from herotui.services.org import OrgService
    from herotui.services.people import PeopleService
    from herotui.services.shares import ShareService
    from herotui.store.database import Store
    from herotui.store.outbox import Outbox, OutboxEntry
    from herotui.services.errors import HeroError


PATIENT_ACTIONS = {"breakfast.claim": 3.0, "breakfast.handover.answer": 3.0}
"""Actions many people may race for at one moment, and the factor on the write deadline they
get: on a slow share eight claimers queue for the lock one after the other (measured: 8 claims at
`slow 50` took 17 s of a 15 s deadline), and each must get a real answer, not "busy"."""

CLOCK_TOLERANCE = timedelta(minutes=5)
"""How far ahead of the database's now an action may be dated before it counts as a wrong clock."""


@dataclass(frozen=True)
class Refusal:
    """An action sent from the outbox that the rules refused (e.g. the slot was taken meanwhile)."""

    action: str
    payload: dict
    message: str


class Hero:
    def __init__(
        self,
        store: "Store",
        login: str,
        *,
        clock: Clock | None = None,
        outbox: "Outbox | None" = None,
    ) -> None:
        self.store = store
        self.login = login
        self.clock = clock or default_clock()
        self.outbox = outbox
        self.refusals: list[Refusal] = []
        self.queued_total = 0
        """How many actions `submit` has put in the outbox in this process (a cheap "did anything
        just get queued?" for the app, without opening the outbox file)."""
        self.outbox_problem: str | None = None
        """Why this computer's outbox could not be opened (its data folder is out of reach), or
        None: set by `connection.open_hero`; writes then go straight to the database."""
        self.journal_first = False
        """Write each action to the outbox before sending it (the app sets this): a process that
        ends in the middle of a write, stuck on a stalled drive, leaves it to be sent later."""

        self.overlaps: list = []
        """`actions.Overlap`s found while sending the outbox, until the app has shown them."""
        self.clock_ahead: timedelta | None = None
        """Set when an action was dated more than `CLOCK_TOLERANCE` ahead of the database's now
        (this computer's clock is wrong); the app and the CLI warn and clear it."""

    def now(self) -> datetime:
        return self.clock.now()

    # -- services (imported lazily: start-up pays only for what a screen uses) ----------------

    @cached_property
    def people(self) -> "PeopleService":
        from herotui.services.people import PeopleService

        return PeopleService(self)

    @cached_property
    def areas(self) -> "AreaService":
        from herotui.services.areas import AreaService

        return AreaService(self)

    @cached_property
    def org(self) -> "OrgService":
        from herotui.services.org import OrgService

        return OrgService(self)

    @cached_property
    def learning(self) -> "LearningService":
        from herotui.services.learning import LearningService

        return LearningService(self)

    @cached_property
    def shares(self) -> "ShareService":
        from herotui.services.shares import ShareService

        return ShareService(self)

    @cached_property
    def breakfast(self) -> "BreakfastService":
        from herotui.services.breakfast import BreakfastService

        return BreakfastService(self)

    @cached_property
    def insights(self) -> "InsightsService":
        from herotui.services.insights import InsightsService

        return InsightsService(self)

    # -- writes -----------------------------------------------------------------------------

    @staticmethod
    def load_handlers(action: str | None = None) -> None:
        """Register the handlers of `action`'s family, or all (see `load_handlers`)."""
        load_handlers(action)

    def submit(self, name: str, payload: dict[str, Any], *, queue_offline: bool = True) -> Any:
        """Run action `name` now, or keep it in the outbox if the database is out of reach.

        Returns the handler's result, or `Queued` when the action waits in the outbox. While
        older actions wait for this database, they are sent first and a new one queues behind
        them if any still waits: a timer's stop never overtakes its start.

        Raises the handler's `HeroError` when the rules refuse; `DatabaseReadOnly` on a read-only
        file and `DatabaseBusy` when colleagues kept the lock past the deadline (neither is
        queued: the drive answers, and the person should know now).
        """
        from herotui.services.actions import replay

        payload = dict(payload)
        payload.setdefault("uuid", new_uuid())
        payload.setdefault("login", self.login)
        payload.setdefault("at", self.now().isoformat())
        load_handlers(name)
        handler_for(name)  # an unknown action is refused before anything is sent or queued
        outbox = self.outbox if queue_offline else None
        database = self.store.database_key  # the database's identity, however its path is spelt
        if outbox is not None and outbox.count(database):
            read_only = self.store.read_only
            if not read_only and not self.store.released:
                read_only = replay(self).read_only
            if outbox.count(database):
                outbox.add(payload["uuid"], name, payload, database, self.now())
                self.queued_total += 1
                # Behind older actions: on a read-only share it waits for writes to be allowed
                # again, not for the drive to come back (said so, not "saved offline").
                return Queued(payload["uuid"], name, "readonly" if read_only else "offline")
        journaled = outbox is not None and self.journal_first
        if journaled:
            outbox.add(payload["uuid"], name, payload, database, self.now())
        try:
            factor = PATIENT_ACTIONS.get(name)
            if factor is None:
                result = self.store.write(self.run_action, name, payload)
            else:
                result = self.store.write_within(self.store.write_deadline * factor, self.run_action, name, payload)
        except DatabaseUnavailable as exc:
            if outbox is None:
                raise
            outbox.add(payload["uuid"], name, payload, database, self.now())
            outbox.note_failure(payload["uuid"], exc.key)
            self.queued_total += 1
            return Queued(payload["uuid"], name)
        except BaseException:
            if journaled:
                outbox.remove(payload["uuid"])
            raise
        if journaled:
            outbox.remove(payload["uuid"])
        return result

    def waiting_actions(self, family: str, key: str) -> dict[str, str]:
        """`payload[key]` -> action name, for actions of `family` ("breakfast" for
        `breakfast.claim`, ...) waiting in this computer's outbox for this database (a local file,
        not the shared store). Empty without an outbox."""
        outbox = self.outbox
        if outbox is None:
            return {}
        waiting: dict[str, str] = {}
        for entry in outbox.pending(self.store.database_key):
            value = entry.payload.get(key)
            if entry.action.partition(".")[0] == family and isinstance(value, str):
                waiting[value] = entry.action
        return waiting

    def run_action(self, name: str, payload: dict[str, Any]) -> Any:
        """Run the handler of action `name` inside the caller's write transaction.

        A payload dated more than `CLOCK_TOLERANCE` ahead of the database's own now (see
        `herotui.store.db_clock`) is re-dated to the database's now, and `clock_ahead` is set.
        A back-dated session keeps the day the person chose (`started_at` is moved only if it, too,
        lies in the database's future).
        """
        from herotui.store.db_clock import database_now

        at = action_time(payload)
        reference = database_now(self.store)
        if reference is not None and at - reference > CLOCK_TOLERANCE:
            self.clock_ahead = at - reference
            payload = {**payload, "at": reference.isoformat()}
            started = payload.get("started_at")
            if started and datetime.fromisoformat(started) - reference > CLOCK_TOLERANCE:
                minutes = int(payload.get("minutes") or 0)
                payload["started_at"] = (reference - timedelta(minutes=minutes)).isoformat()
        load_handlers(name)
        return handler_for(name)(self, payload)

    def take_clock_warning(self) -> str | None:
        """The wrong-clock warning to show once (translated), or None; clears it."""
        if self.clock_ahead is None:
            return None
        from herotui.i18n import format_minutes, t

        minutes = int(self.clock_ahead.total_seconds() // 60)
        self.clock_ahead = None
        days = minutes // (24 * 60)
        ahead = t("error.clock_ahead_days", n=days) if days >= 2 else format_minutes(minutes)
        return t("error.clock_ahead", ahead=ahead)

    def pending_count(self) -> int:
        if self.outbox is None:
            return 0
        return self.outbox.count(self.store.database_key)

    def remember_refusal(self, entry: "OutboxEntry", exc: "HeroError") -> None:
        self.refusals.append(Refusal(entry.action, entry.payload, exc.message()))


_HANDLER_MODULES = {
    "breakfast": "herotui.services.breakfast",
    "learning": "herotui.services.learning",
    "person": "herotui.services.people",
    "share": "herotui.services.shares",
}
"""Where the handlers of each action family (`share.post` -> "share") are registered."""


def load_handlers(action: str | None = None) -> None:
    """Import the modules whose `@action` handlers the outbox and `submit` may call: the one for
    `action`'s family, or all of them. The one explicit list (`_HANDLER_MODULES`):
    `herotui.services.actions` holds the registry but imports no service, so the services can
    import it without a cycle. A command loads only its own family (the breakfast rules and the
    holiday calendars are ~45 ms a `share add` does not need). Cheap after the first call.
    """
    import importlib

    family = action.partition(".")[0] if action else None
    for module in [_HANDLER_MODULES[family]] if family in _HANDLER_MODULES else _HANDLER_MODULES.values():
        importlib.import_module(module)
