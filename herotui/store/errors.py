"""What can go wrong with the team database, classified so callers know what to do.

Each error carries a translation key and parameters, so the UI and the CLI can say it in the
person's language; the store itself never speaks.
"""

from __future__ import annotations

import errno
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


class CloudFolder(StoreError):
    """`init` in a folder a cloud client syncs (see `herotui.store.cloud`); `--force` overrides."""

    key = "store.cloud_folder"
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


class DatabaseBusy(StoreError):
    """The drive answers but colleagues' changes kept the write lock past the deadline.

    Not an outage: the action is not queued (it would only compete again later); the person is
    told to try again in a moment.
    """

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


# What an unreachable share gives a file-system call: a soft CIFS mount answers EHOSTDOWN once the
# server is gone, a dead FUSE daemon ENOTCONN, NFS/SMB timeouts ETIMEDOUT, a dropping disk EIO.
_UNREACHABLE_ERRNOS = {
    getattr(errno, name) for name in (
        "EHOSTDOWN", "ENOTCONN", "EIO", "ETIMEDOUT", "EHOSTUNREACH", "ENETDOWN", "ENETUNREACH",
        "ENETRESET", "ECONNABORTED", "ECONNRESET", "ECONNREFUSED", "ESTALE", "EREMOTEIO", "ENXIO",
        "ENODEV", "ENOENT", "ENOTDIR", "EAGAIN", "EINTR", "ENOLINK", "ECOMM",
    ) if hasattr(errno, name)
}
_READONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
# Windows: ERROR_BAD_NETPATH, ERROR_NETNAME_DELETED, ERROR_UNEXP_NET_ERR, ERROR_SEM_TIMEOUT,
# ERROR_DEV_NOT_EXIST, ERROR_NOT_READY, ERROR_NETWORK_UNREACHABLE, ERROR_BAD_NET_NAME.
_UNREACHABLE_WINERRORS = {53, 64, 59, 121, 55, 21, 1231, 67}


def classify_os_error(exc: OSError) -> str:
    """What an `OSError` from a file-system call on the database's path means.

    UNAVAILABLE for a share that is gone or stalled (EHOSTDOWN, ENOTCONN, EIO, ETIMEDOUT, ...;
    Python 3.11's `Path.exists()` raises these rather than answering False), READONLY for
    EROFS/EACCES/EPERM, FULL for ENOSPC/EDQUOT, OTHER for the rest.
    """
    winerror = getattr(exc, "winerror", None)
    if winerror in _UNREACHABLE_WINERRORS:
        return UNAVAILABLE
    if exc.errno in _READONLY_ERRNOS:
        return READONLY
    if exc.errno in _FULL_ERRNOS:
        return FULL
    if exc.errno in _UNREACHABLE_ERRNOS or isinstance(exc, (ConnectionError, TimeoutError)):
        return UNAVAILABLE
    return OTHER


def store_error_for_os_error(exc: OSError, path: object) -> "StoreError":
    """The `StoreError` to raise for an `OSError` met while touching the database at `path`."""
    kind = classify_os_error(exc)
    if kind == READONLY:
        return DatabaseReadOnly("store.readonly.readonly")
    if kind == FULL:
        return DatabaseFull()
    if kind == UNAVAILABLE:
        return DatabaseUnavailable(path=str(path))
    return StoreError("store.error", detail=f"{path}: {exc.strerror or exc}")


def classify(exc: BaseException) -> str:
    """One of BUSY, UNAVAILABLE, READONLY, CORRUPT, FULL, NOT_A_DB or OTHER."""
    if isinstance(exc, OSError):
        return classify_os_error(exc)
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
