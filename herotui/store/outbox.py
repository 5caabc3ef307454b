"""The offline outbox: a small SQLite file on this computer where writes wait for the drive.

An entry is removed only after the team database confirmed its commit, and every entry
carries the UUID of what it creates, so sending one twice adds nothing.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from herotui.store.errors import StoreError
from herotui.store.fields import from_micros, to_micros


def _guarded(method):
    """The outbox lives on this computer; if even that fails (home folder on a share that went
    away, disk full), say so as a `StoreError` (exit 3) rather than crash."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise StoreError("store.outbox_unavailable", path=str(self.path), reason=reason) from exc

    return wrapper


@dataclass(frozen=True)
class OutboxEntry:
    """One waiting action. `database` is the database's identity (`Store.database_key`)."""

    seq: int
    uuid: str
    action: str
    payload: dict
    database: str
    created_at: datetime
    attempts: int
    last_error: str | None


class Outbox:
    @_guarded
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS outbox ("
                " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                " uuid TEXT NOT NULL UNIQUE,"
                " action TEXT NOT NULL,"
                " payload TEXT NOT NULL,"
                " database TEXT NOT NULL,"
                " created_at INTEGER NOT NULL,"
                " attempts INTEGER NOT NULL DEFAULT 0,"
                " last_error TEXT)"
            )

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        return _Closing(conn)

    @_guarded
    def add(self, uuid: str, action: str, payload: dict, database: str, at: datetime) -> None:
        with self._lock, self._connect() as conn:
            conn.execute(
                "INSERT INTO outbox (uuid, action, payload, database, created_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(uuid) DO NOTHING",
                (uuid, action, json.dumps(payload), database, to_micros(at)),
            )

    @_guarded
    def pending(self, database: str | None = None) -> list[OutboxEntry]:
        sql = "SELECT seq, uuid, action, payload, database, created_at, attempts, last_error FROM outbox"
        params: tuple = ()
        if database is not None:
            sql += " WHERE database = ?"
            params = (database,)
        with self._lock, self._connect() as conn:
            rows = conn.execute(sql + " ORDER BY seq", params).fetchall()
        return [
            OutboxEntry(r[0], r[1], r[2], json.loads(r[3]), r[4], from_micros(r[5]), r[6], r[7])
            for r in rows
        ]

    def count(self, database: str | None = None) -> int:
        return len(self.pending(database))

    @_guarded
    def databases(self) -> list[str]:
        """The distinct database keys entries wait for."""
        with self._lock, self._connect() as conn:
            return [row[0] for row in conn.execute("SELECT DISTINCT database FROM outbox")]

    @_guarded
    def adopt(self, key: str, spellings: Callable[[str], bool]) -> int:
        """File entries kept under an older key (a path as typed, before databases had identities)
        under `key` when `spellings(old_key)` says it names the same database. Returns how many."""
        moved = 0
        for old in self.databases():
            if old != key and spellings(old):
                with self._lock, self._connect() as conn:
                    moved += conn.execute("UPDATE outbox SET database = ? WHERE database = ?", (key, old)).rowcount
        return moved

    @_guarded
    def remove(self, uuid: str) -> None:
        with self._lock, self._connect() as conn:
            conn.execute("DELETE FROM outbox WHERE uuid = ?", (uuid,))

    @_guarded
    def note_failure(self, uuid: str, error: str) -> None:
        with self._lock, self._connect() as conn:
            conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE uuid = ?", (error, uuid)
            )


class _Closing:
    """sqlite3's context manager commits but does not close; this one closes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
