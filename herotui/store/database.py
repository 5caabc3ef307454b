"""Opening, checking and using the team database: the rules of section 2 of the house notes.

* rollback journal only; a file someone switched to WAL opens read-only with an explanation;
* `synchronous=FULL`, foreign keys, a busy timeout;
* an existing shared file is opened with `mode=rw`, so an unmounted share is never recreated;
* `application_id` and schema version are checked before anything is written;
* every write is one short IMMEDIATE transaction, retried with jitter until a deadline.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

import peewee

from herotui.clock import Clock, default_clock
import herotui.store.errors as errors
from herotui.store.errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseFull,
    DatabaseReadOnly,
    DatabaseUnavailable,
    NotHerotuiDatabase,
    PermissionRefused,
    StoreError,
)
from herotui.store.location import Location
from herotui.store.sqlite_file import found_damaged, is_reachable_file, readable_not_writable, sqlite_can_write
from herotui.store.models import database_proxy

T = TypeVar("T")



@dataclass
class StoreHealth:
    """What the store knows about its own state, for the status line and `doctor`."""

    read_only_reason: str | None = None  # "wal", "readonly" or None
    journal_mode: str = ""
    schema_version: int = 0
    last_error: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


class Store:
    """One open team database. Thread-safe in the way peewee is: one connection per thread."""

    def __init__(
        self,
        db: peewee.Database,
        location: Location,
        *,
        write_deadline: float = 15.0,
        clock: Clock | None = None,
    ) -> None:
        self.db = db
        self.location = location
        self.write_deadline = write_deadline
        self.clock = clock or default_clock()
        self.health = StoreHealth()
        self._lock = threading.Lock()
        self.busy_timeout = float(getattr(db, "_timeout", None) or 0.25)
        """Seconds SQLite waits for a lock by itself before the retry loop takes over."""
        self.database_id: str | None = None
        """The UUID stored in the database (see `herotui.store.identity`), once known."""
        self._key: str | None = None
        # Server-identity mode (PostgreSQL): the signed-in role, which is the person. None otherwise.
        self.server_login: str | None = None
        self.released = False
        """True once `let_go` ran: every call refuses at once."""
        self.probe_pending = False
        """A writable-looking file not yet asked whether SQLite may write it (see `read_only`)."""

    # -- state ---------------------------------------------------------------------------------

    @property
    def is_sqlite(self) -> bool:
        return self.location.kind == "sqlite"

    @property
    def read_only(self) -> bool:
        """Whether this store refuses writes. On a file opened for writing, the first time it is
        asked SQLite itself is asked (`sqlite_file.probe_writable`: the write lock taken and let
        go, a dozen file operations on a share): a command that only writes learns it from its
        write instead, so it does not pay for the question. Ask it on the database thread."""
        if self.probe_pending:
            from herotui.store.sqlite_file import probe_writable

            if probe_writable(self.db):
                self.probe_pending = False
            elif self._file_still_there():
                self.probe_pending = False
                self.health.read_only_reason = "readonly"
            # else the drive is away (no journal can be made where the file is not): that says
            # nothing about permissions, so the question is asked again next time.
        return self.health.read_only_reason is not None

    def _file_still_there(self) -> bool:
        return self.location.path is not None and is_reachable_file(self.location.path)

    @property
    def known_read_only(self) -> bool:
        """Whether this store is known to refuse writes, without asking the drive."""
        return self.health.read_only_reason is not None

    @property
    def database_key(self) -> str:
        """What the outbox and the known-databases list file this database under: its UUID, or
        for a read-only file without one, the canonical spelling of its path."""
        if self.database_id:
            return self.database_id
        if self._key is None:
            from herotui.store.identity import canonical_key

            self._key = canonical_key(self.location)
        return self._key

    def close(self) -> None:
        try:
            self.db.close()
        except (peewee.PeeweeException, sqlite3.Error, OSError):
            pass  # a connection to a vanished drive cannot be closed more cleanly

    def let_go(self) -> None:
        """From now on refuse every read and write at once with `DatabaseUnavailable`, without
        touching the drive. For quitting: an action still waiting for the database thread then
        falls to the outbox (see `HeroApp.on_unmount`) instead of being dropped."""
        self.released = True

    def _refuse_if_let_go(self) -> None:
        if self.released:
            raise DatabaseUnavailable(path=self.location.display)

    # -- running work --------------------------------------------------------------------------

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` in one read transaction (a consistent snapshot), retrying while busy."""
        return self._run(fn, args, kwargs, write=False)

    def read_one(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`read` for an `fn` that runs exactly one SELECT: on SQLite without BEGIN and COMMIT,
        since a lone statement is its own read transaction (SQLite docs, lang_transaction.html:
        "any command that accesses the database ... will automatically start a transaction" when
        none is active, committed when the statement finishes). Two statements fewer, each a
        round trip on a network drive. Same retries and errors as `read`; on PostgreSQL, `read`.
        """
        if not self.is_sqlite:
            return self.read(fn, *args, **kwargs)
        self._refuse_if_let_go()
        with database_proxy.bound(self.db):
            if self.db.in_transaction():
                return fn(*args, **kwargs)
            return self._attempt(fn, args, kwargs, write=False, lone=True)

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` in one short IMMEDIATE transaction, retried with jitter until the deadline.

        `fn` may run more than once, so it must not have effects outside the database.
        """
        if self.known_read_only:  # a share that refuses is found by the write itself otherwise
            raise self.read_only_error()
        return self._run(fn, args, kwargs, write=True)

    def read_only_error(self) -> DatabaseReadOnly:
        """Why this store refuses to write, as an error to raise or show."""
        return DatabaseReadOnly(f"store.readonly.{self.health.read_only_reason}", journal=self._journal_name())

    def _journal_name(self) -> str:
        path = self.location.path
        return f"{path.name}-journal" if path is not None else "-journal"

    def _has_hot_journal(self) -> bool:
        """A non-empty `-journal` beside the file (SQLite docs, lockingv3.html: hot journals)."""
        if not self.is_sqlite or self.location.path is None:
            return False
        try:
            return self.location.path.with_name(self._journal_name()).stat().st_size > 0
        except OSError:
            return False

    def write_within(self, seconds: float, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`write` with its own deadline in seconds (never shorter than `write_deadline`).

        For actions whose answer a person waits for and that many may try at the same moment
        (a breakfast claim): queued fairly at the gate, each gets its turn instead of "busy".
        """
        if self.known_read_only:
            raise self.read_only_error()
        self._refuse_if_let_go()
        with database_proxy.bound(self.db):
            if self.db.in_transaction():
                return fn(*args, **kwargs)
            return self._attempt(fn, args, kwargs, write=True, seconds=max(self.write_deadline, seconds))

    def _transaction(self, write: bool, lone: bool = False):
        if lone:
            return contextlib.nullcontext()
        if write and self.is_sqlite:
            return self.db.atomic("IMMEDIATE")
        return self.db.atomic()

    def _run(self, fn: Callable[..., T], args: tuple, kwargs: dict, *, write: bool) -> T:
        self._refuse_if_let_go()
        with database_proxy.bound(self.db):
            if self.db.in_transaction():
                # Already inside a unit of work: take part in it rather than nesting retries.
                return fn(*args, **kwargs)
            return self._attempt(fn, args, kwargs, write=write)

    def _attempt(self, fn: Callable[..., T], args: tuple, kwargs: dict, *, write: bool,
                 seconds: float | None = None, lone: bool = False) -> T:
        if seconds is None:
            seconds = self.write_deadline if write else max(5.0, self.write_deadline)
        deadline = time.monotonic() + seconds
        gate = None
        if write and self.is_sqlite and self.location.path is not None:
            # Writers queue at the gate first (see gate.py): SQLite's busy retries alone starve
            # each other on a slow share.
            from herotui.store.gate import gate_for

            candidate = gate_for(self.location.path)
            # While the queue moves, keep our place: a slow share with many writers is busy,
            # not stuck (up to four deadlines in all).
            if candidate.acquire(deadline, patience=seconds, limit=time.monotonic() + 4 * seconds):
                gate = candidate
                # Holding the gate, only readers are in the way: give the commit its own time.
                deadline = max(deadline, time.monotonic() + min(seconds, 10.0))
        try:
            if gate is not None:
                # Holding the gate, the only ones in the way are readers finishing a slow read;
                # SQLite's own wait lets them leave before COMMIT instead of rolling back.
                self._set_busy_timeout(max(0.25, min(10.0, deadline - time.monotonic())))
            return self._attempt_locked(fn, args, kwargs, write=write, deadline=deadline, lone=lone)
        finally:
            if gate is not None:
                self._set_busy_timeout(self.busy_timeout)
                gate.release()

    def _set_busy_timeout(self, seconds: float) -> None:
        try:
            self.db.execute_sql(f"PRAGMA busy_timeout={int(seconds * 1000)}")
        except (peewee.DatabaseError, peewee.InterfaceError, sqlite3.Error, OSError):
            pass  # the write itself will meet and classify the same problem

    def _attempt_locked(self, fn: Callable[..., T], args: tuple, kwargs: dict, *, write: bool,
                        deadline: float, lone: bool = False) -> T:
        delay = 0.02
        constraint_retries = 0 if self.is_sqlite else 2
        while True:
            try:
                try:
                    if not self.is_sqlite:
                        self.db.watch(deadline)  # connects if needed (connect_timeout applies)
                    with self._transaction(write, lone):
                        if write and self.is_sqlite:
                            self._refuse_wal()
                        if not self.is_sqlite:
                            # The server stops waiting for locks or statements at our deadline.
                            self.db.limit_time(deadline - time.monotonic())
                        result = fn(*args, **kwargs)
                        if write and not self.is_sqlite:
                            self.db.announce_change()
                        return result
                finally:
                    if not self.is_sqlite:
                        self.db.release_time()
            except peewee.IntegrityError:
                # On a server, writers are not serialised up front as SQLite's IMMEDIATE does:
                # two may pass the same check and the database's constraint stops the second.
                # Running the unit of work again lets its own checks see the winner's row and
                # refuse with a proper message.
                if write and constraint_retries > 0:
                    constraint_retries -= 1
                    continue
                raise
            except (peewee.DatabaseError, peewee.InterfaceError, sqlite3.Error, OSError) as exc:
                kind = errors.classify(exc)
                if write and kind == errors.UNAVAILABLE and self._readable_not_writable():
                    # A share switched to read-only answers CANTOPEN on a connection opened
                    # before: that is read-only, not offline (nothing would ever send it).
                    kind = errors.READONLY
                if kind == errors.BUSY and time.monotonic() < deadline:
                    time.sleep(delay * (0.5 + random.random()))
                    # A short cap: under contention a long sleep only lets others go first.
                    delay = min(delay * 2, 0.05)
                    continue
                raise self._translate(exc, kind) from exc

    def _readable_not_writable(self) -> bool:
        """True when the file can be read but this computer may not write it (a read-only share)."""
        return self.is_sqlite and self.location.path is not None and readable_not_writable(self.location.path)

    def recheck_read_only(self) -> bool:
        """Clear a "readonly" reason once the share allows writes again; True if it was cleared.

        Asks SQLite on a fresh connection (`sqlite_can_write`: the write lock and the journal,
        rolled back), never `os.access`. A WAL or corrupt file stays refused: those need a person.
        Raises `DatabaseUnavailable` when the drive cannot be reached.
        """
        if self.health.read_only_reason not in ("readonly", "hot_journal") or self.location.read_only:
            return False
        if not self.is_sqlite or self.location.path is None:
            return False
        path = self.location.path
        try:
            if not sqlite_can_write(path):
                return False
        except (sqlite3.Error, OSError) as exc:
            kind = errors.classify(exc)
            if kind == errors.UNAVAILABLE:
                raise DatabaseUnavailable(path=self.location.display) from exc
            return False
        # The old connection may still carry the read-only verdict of the share: start afresh.
        self.close()
        self.health.read_only_reason = None
        return True

    def _refuse_wal(self) -> None:
        """Someone may switch the file to WAL while we run; check inside every write (microseconds)."""
        mode = self.db.execute_sql("PRAGMA journal_mode").fetchone()[0].lower()
        if mode == "wal":
            self.health.journal_mode = mode
            self.health.read_only_reason = "wal"
            raise DatabaseReadOnly("store.readonly.wal")

    def _translate(self, exc: BaseException, kind: str) -> StoreError:
        self.health.last_error = str(exc)
        if kind == errors.BUSY:
            if not self.is_sqlite:
                # A server that kept us waiting past the deadline (a colleague's lock, a stalled
                # backend cut by statement_timeout or our watchdog) counts as out of reach: the
                # write waits in the outbox. On a shared file writers queue fairly at the gate
                # (gate.py), so a file still busy then is busy with colleagues: "try again".
                return DatabaseUnavailable(path=self.location.display)
            return DatabaseBusy()
        if kind == errors.FULL:
            return DatabaseFull()
        if kind == errors.READONLY:
            if self._has_hot_journal():
                # A read refused as read-only with a journal beside the file: an interrupted
                # change this computer may not roll back (SQLITE_READONLY_ROLLBACK).
                self.health.read_only_reason = "hot_journal"
                return DatabaseReadOnly("store.readonly.hot_journal", journal=self._journal_name())
            self.health.read_only_reason = "readonly"
            return DatabaseReadOnly("store.readonly.readonly")
        if kind == errors.DENIED:
            return PermissionRefused()
        if kind == errors.NOT_A_DB:
            self.close()
            return NotHerotuiDatabase(path=self.location.display)
        if kind == errors.CORRUPT:
            self.close()
            if self._confirm_corrupt():
                # Writing into a damaged file makes recovery harder: stop writing for good.
                self.health.read_only_reason = "corrupt"
                return DatabaseCorrupt(path=self.location.display)
            return DatabaseUnavailable(path=self.location.display)
        if kind == errors.UNAVAILABLE:
            self.close()
            return DatabaseUnavailable(path=self.location.display)
        self.close()
        return StoreError("store.error", detail=str(exc))

    def _confirm_corrupt(self) -> bool:
        """A network drive dropping out can look like corruption; ask a fresh connection
        (`sqlite_file.found_damaged`)."""
        return self.is_sqlite and self.location.path is not None and found_damaged(self.location.path)

    # -- facts ---------------------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes when another connection commits; cheap enough to poll."""
        try:
            if self.is_sqlite:
                row = self.db.execute_sql("PRAGMA data_version").fetchone()
                return int(row[0])
            return self.db.change_token()
        except (peewee.DatabaseError, peewee.InterfaceError, sqlite3.Error, OSError) as exc:
            raise self._translate(exc, errors.classify(exc)) from exc

    def backup_to(self, destination: Path) -> Path:
        """A consistent copy through SQLite's backup API, safe while others write.

        Returns the destination path. Raises `StoreError` on PostgreSQL, `DatabaseExists` when
        the destination exists, `DatabaseUnavailable` when the drive or file cannot be read.
        """
        if not self.is_sqlite:
            raise StoreError("store.backup_sqlite_only")
        from herotui.store.sqlite_file import backup_file

        return backup_file(self.location.path, Path(destination), self.location.display)
