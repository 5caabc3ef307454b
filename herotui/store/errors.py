"""What can go wrong with the team database, classified so callers know what to do.

Each error carries a translation key and parameters, so the UI and the CLI can say it in the
person's language; the store itself never speaks.
"""

from __future__ import annotations

import errno
import sqlite3

from herotui.errors import HerotuiError


class StoreError(HerotuiError):
    """Base class of storage trouble. `key`/`params` give the message (`message()` from
    `HerotuiError`); `exit_code` is what the CLI returns."""

    key = "store.error"
    exit_code = 3


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


class SignInRefused(StoreError):
    """The server answered and refused us: wrong password, unknown role, missing database.

    Not an outage: nothing is queued, since waiting will not make the password right.
    `reason` is the server's own sentence (it never contains the password).
    """

    key = "store.signin_refused"


class BadDatabaseUrl(StoreError):
    """A `postgresql://` URL with an unknown option or a port that is not a number: a usage error."""

    key = "store.bad_url"
    exit_code = 2


class DriverMissing(StoreError):
    """A PostgreSQL URL, but the optional driver (psycopg 3) is not installed."""

    key = "store.driver_missing"


class PermissionRefused(StoreError):
    """The server's rules (server-identity mode) do not let this role make that change."""

    key = "store.not_permitted"
    exit_code = 1


class IdentityMismatch(StoreError):
    """Server-identity mode: `HEROTUI_USER` names someone other than the signed-in role."""

    key = "store.identity_mismatch"


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
DENIED = "denied"
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
    """One of BUSY, UNAVAILABLE, READONLY, CORRUPT, FULL, NOT_A_DB, DENIED or OTHER."""
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


def sqlstate_of(exc: BaseException) -> str | None:
    """The SQLSTATE of a server error behind a peewee error (psycopg 3 `sqlstate`), or None."""
    current: BaseException | None = exc
    for _ in range(8):
        if current is None:
            return None
        code = getattr(current, "sqlstate", None) or getattr(current, "pgcode", None)
        if code:
            return code
        current = current.__cause__ or current.__context__
    return None


def _classify_server_error(exc: BaseException) -> str:
    """Errors from a database server (PostgreSQL through psycopg), by SQLSTATE.

    Codes from https://www.postgresql.org/docs/current/errcodes-appendix.html.
    """
    code = sqlstate_of(exc)
    # serialization failure, deadlock, lock_timeout (lock not available), statement_timeout
    if code in ("40001", "40P01", "55P03", "57014"):
        return BUSY
    if code and (code.startswith("08") or code in ("57P01", "57P02", "57P03", "53300")):
        return UNAVAILABLE  # connection lost, server shutting down or starting, too many clients
    if code == "42501":  # insufficient privilege, or a row-level security policy said no
        return DENIED
    if code == "53100":  # disk full
        return FULL
    if code == "25006":  # read-only transaction
        return READONLY
    import peewee

    if isinstance(exc, (peewee.OperationalError, peewee.InterfaceError)) and code is None:
        return UNAVAILABLE
    return OTHER
