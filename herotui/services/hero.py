"""`Hero`: the services for one person on one team database. The UI and CLI talk only to this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from herotui.clock import Clock, default_clock
from herotui.services.actions import Queued, handler_for
from herotui.store.errors import DatabaseUnavailable
from herotui.store.models import new_uuid

if TYPE_CHECKING:
    from herotui.services.areas import AreaService
    from herotui.services.breakfast import BreakfastService
    from herotui.services.learning import LearningService
    from herotui.services.org import OrgService
    from herotui.services.people import PeopleService
    from herotui.services.shares import ShareService
    from herotui.store.database import Store
    from herotui.store.outbox import Outbox, OutboxEntry
    from herotui.services.errors import HeroError


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

    # -- writes -----------------------------------------------------------------------------

    def submit(self, name: str, payload: dict[str, Any], *, queue_offline: bool = True) -> Any:
        """Run action `name` now, or keep it in the outbox if the database is out of reach.

        Returns the handler's result, or `Queued` when the action waits in the outbox.
        """
        payload = dict(payload)
        payload.setdefault("uuid", new_uuid())
        payload.setdefault("login", self.login)
        payload.setdefault("at", self.now().isoformat())
        handler = handler_for(name)
        try:
            return self.store.write(handler, self, payload)
        except DatabaseUnavailable:
            if not queue_offline or self.outbox is None:
                raise
            self.outbox.add(payload["uuid"], name, payload, self.store.database_key, self.now())
            return Queued(payload["uuid"], name)

    def pending_count(self) -> int:
        if self.outbox is None:
            return 0
        return self.outbox.count(self.store.database_key)

    def remember_refusal(self, entry: "OutboxEntry", exc: "HeroError") -> None:
        self.refusals.append(Refusal(entry.action, entry.payload, exc.message()))


def action_time(payload: dict) -> datetime:
    """The moment an action was taken (it may be replayed from the outbox much later)."""
    return datetime.fromisoformat(payload["at"])
