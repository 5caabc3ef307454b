"""A stand-in for a team database that cannot be reached right now.

When a database this computer has used before is missing (the drive is not connected) the app
and the CLI still start: reads and writes raise `DatabaseUnavailable`, so writes wait in the
outbox, and the real store replaces this one as soon as the file can be opened again.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from herotui.clock import Clock, default_clock
from herotui.store.database import StoreHealth
from herotui.store.errors import DatabaseUnavailable
from herotui.store.location import Location

T = TypeVar("T")


class UnreachableStore:
    is_sqlite = True
    read_only = False
    known_read_only = False
    released = False  # see `Store.let_go`; nothing to let go of here
    server_login = None
    write_deadline = 15.0
    """Seconds, as `Store.write_deadline` (the patient actions scale it; nothing waits here)."""

    def __init__(self, location: Location, clock: Clock | None = None, database_key: str | None = None) -> None:
        self.location = location
        self.database_id = database_key
        if database_key is None:
            from herotui.store.identity import canonical_key

            database_key = canonical_key(location)
        self.database_key = database_key
        """The identity this computer last saw at this location (see `herotui.store.identity`)."""
        self.clock = clock or default_clock()
        self.health = StoreHealth(last_error="unreachable")
        self.reachable = False

    def _fail(self) -> DatabaseUnavailable:
        return DatabaseUnavailable(path=self.location.display)

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        raise self._fail()

    def read_one(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        raise self._fail()

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        raise self._fail()

    def write_within(self, seconds: float, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        raise self._fail()

    def recheck_read_only(self) -> bool:
        return False

    def data_version(self) -> int:
        raise self._fail()

    def close(self) -> None:
        return None
