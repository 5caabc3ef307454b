"""What can go wrong with the team database, classified so callers know what to do.

Each error carries a translation key and parameters, so the UI and the CLI can say it in the
person's language; the store itself never speaks.
"""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """Base class. `key`/`params` give the message; `exit_code` is what the CLI returns."""

    key = "store.error"
    exit_code = 3

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}")

    def message(self) -> str:
        from herotui.i18n import t

        return t(self.key, **self.params)


class DatabaseMissing(StoreError):
    key = "store.missing"


class DatabaseExists(StoreError):
    key = "store.exists"
    exit_code = 1


class NotHerotuiDatabase(StoreError):
    key = "store.not_herotui"


class SchemaTooNew(StoreError):
    key = "store.too_new"


class DatabaseCorrupt(StoreError):
    key = "store.corrupt"


class DatabaseUnavailable(StoreError):
    """The drive is gone, stalled past the deadline or full: writes can wait in the outbox."""

    key = "store.unavailable"


class DatabaseBusy(DatabaseUnavailable):
    key = "store.busy"


class DatabaseFull(DatabaseUnavailable):
    key = "store.full"


class DatabaseReadOnly(StoreError):
    """The file can be read but not written (read-only share, or switched to WAL)."""

    key = "store.readonly"


BUSY = "busy"
UNAVAILABLE = "unavailable"
READONLY = "readonly"
CORRUPT = "corrupt"
FULL = "full"
NOT_A_DB = "notadb"
OTHER = "other"

_BY_PREFIX = (
    ("SQLITE_BUSY", BUSY),
    ("SQLITE_LOCKED", BUSY),
    ("SQLITE_FULL", FULL),
    ("SQLITE_READONLY_DBMOVED", UNAVAILABLE),
    ("SQLITE_READONLY", READONLY),
    ("SQLITE_IOERR", UNAVAILABLE),
    ("SQLITE_CANTOPEN", UNAVAILABLE),
    ("SQLITE_NOTADB", NOT_A_DB),
    ("SQLITE_CORRUPT", CORRUPT),
)


def sqlite_errors_of(exc: BaseException) -> list[sqlite3.Error]:
    """The sqlite3 errors behind a peewee error, outermost first.

    peewee re-raises with the original as context; and when SQLite has already rolled a
    transaction back itself (disk full, I/O error), peewee's own ROLLBACK fails too and hides
    the real cause one level further down the chain.
    """
    found: list[sqlite3.Error] = []
    current: BaseException | None = exc
    for _ in range(8):
        if current is None:
            break
        if isinstance(current, sqlite3.Error):
            found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _classify_sqlite(original: sqlite3.Error) -> str:
    name = getattr(original, "sqlite_errorname", "") or ""
    for prefix, kind in _BY_PREFIX:
        if name.startswith(prefix):
            return kind
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return BUSY
    if "unable to open" in text or "disk i/o" in text:
        return UNAVAILABLE
    if "readonly" in text or "read-only" in text:
        return READONLY
    if "database or disk is full" in text:
        return FULL
    return OTHER


def classify(exc: BaseException) -> str:
    """One of BUSY, UNAVAILABLE, READONLY, CORRUPT, FULL, NOT_A_DB or OTHER."""
    originals = sqlite_errors_of(exc)
    if originals:
        for original in originals:
            kind = _classify_sqlite(original)
            if kind != OTHER:
                return kind
        return OTHER
    return _classify_server_error(exc)


def _classify_server_error(exc: BaseException) -> str:
    """Errors from a database server (PostgreSQL through psycopg)."""
    code = getattr(exc, "pgcode", None) or getattr(getattr(exc, "__cause__", None), "pgcode", None)
    if code is None:
        ctx = getattr(exc, "__context__", None)
        code = getattr(ctx, "pgcode", None) or getattr(getattr(ctx, "diag", None), "sqlstate", None)
    if code in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return BUSY
    if code and code.startswith("08"):  # connection exceptions
        return UNAVAILABLE
    if code == "53100":  # disk full
        return FULL
    if code == "25006":  # read-only transaction
        return READONLY
    import peewee

    if isinstance(exc, (peewee.OperationalError, peewee.InterfaceError)) and code is None:
        return UNAVAILABLE
    return OTHER
