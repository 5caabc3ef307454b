"""The SQLite file itself: connecting to it, its header, whether it can be written, copying it.

Plain functions below `Store` (database.py) and the opening code (opening.py), so neither has to
import the other for them. Rules from sqlite.org: the 16-byte header ("fileformat2.html"), result
codes ("rescode.html"), the online backup API ("backup.html").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee

import herotui.store.errors as errors
from herotui.store.errors import DatabaseExists, DatabaseUnavailable, StoreError
from herotui.store.location import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = [("synchronous", "FULL"), ("foreign_keys", 1)]


def sqlite_database(path: Path, mode: str, busy_timeout: float) -> peewee.SqliteDatabase:
    """A peewee database on `path` opened with URI `mode` ("ro", "rw", "rwc"); `busy_timeout`
    in seconds. Does not connect yet."""
    return peewee.SqliteDatabase(
        sqlite_uri(path, mode),
        uri=True,
        timeout=busy_timeout,
        pragmas=PRAGMAS,
        check_same_thread=False,
    )


def has_sqlite_header(path: Path) -> bool:
    """Whether the file starts with SQLite's 16-byte magic string. Raises `OSError` when unreadable."""
    with open(path, "rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def probe_writable(db: peewee.SqliteDatabase) -> bool:
    """Whether SQLite itself can write this file: False when it says READONLY or cannot create
    the rollback journal beside the file (CANTOPEN on a folder that takes no new files).

    `os.access` is not asked: on Windows it only reads the read-only attribute and on SMB shares
    the server's ACLs decide, so its answer is unreliable in both directions. Instead this takes
    the write lock, rewrites the header's `user_version` to the value it already has (which makes
    SQLite create its journal) and rolls back: nothing changes and `data_version` does not move
    for others. A busy lock or any other error says nothing about permissions, so it answers True
    and lets the first real write find out (sqlite.org/rescode.html: SQLITE_READONLY,
    SQLITE_CANTOPEN).
    """
    return _probe(db.connection())


def sqlite_can_write(path: Path, *, busy_timeout: float = 1.0) -> bool:
    """Whether SQLite can write the file at `path`, asked on a fresh connection the way
    `probe_writable` asks (nothing is written). For `doctor` and for telling a read-only share
    from one that went away. Raises `sqlite3.Error` or `OSError` when the file cannot even be
    opened (the caller decides: classify it with `errors.classify`)."""
    conn = sqlite3.connect(sqlite_uri(path, "rw"), uri=True, timeout=busy_timeout, isolation_level=None)
    try:
        return _probe(conn)
    finally:
        conn.close()


def _probe(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        # Every READONLY variant says no: READONLY_ROLLBACK is a hot journal this connection may
        # not roll back (a read-only share after a writer died), READONLY_DBMOVED a moved file.
        return not (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_READONLY")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version={int(version)}")
        return True
    except sqlite3.Error as exc:
        name = (getattr(exc, "sqlite_errorname", "") or "")
        return not (name.startswith("SQLITE_READONLY") or name.startswith("SQLITE_CANTOPEN"))
    finally:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def backup_file(source_path: Path, destination: Path, display: str) -> Path:
    """Copy the database at `source_path` to `destination` through SQLite's backup API (a
    consistent copy, safe while others write), via a `.partial` file renamed at the end.

    Returns `destination`. Raises `DatabaseExists` when it exists, `DatabaseUnavailable` (naming
    `display`) when the source cannot be read, another `StoreError` for the destination's trouble.
    """
    if destination.exists():
        raise DatabaseExists(path=str(destination))
    partial = destination.with_name(destination.name + ".partial")
    try:
        source = sqlite3.connect(sqlite_uri(source_path, "ro"), uri=True, timeout=10)
        try:
            target = sqlite3.connect(str(partial))
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        _remove_quietly(partial)
        kind = errors.classify(exc)
        if kind in (errors.UNAVAILABLE, errors.CORRUPT):
            raise DatabaseUnavailable(path=display) from exc
        raise StoreError("store.error", detail=str(exc)) from exc
    except OSError as exc:
        _remove_quietly(partial)
        raise errors.store_error_for_os_error(exc, destination) from exc
    os.replace(partial, destination)
    return destination


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def readable_not_writable(path: Path) -> bool:
    """True when the file at `path` can be read but SQLite may not write it (a read-only share).
    What SQLite says (`sqlite_can_write`), not `os.access`: on Windows that reads only the
    read-only attribute and on SMB the server's ACLs decide. False when it cannot even be read."""
    try:
        os.stat(path)
        with open(path, "rb") as handle:
            handle.read(16)
        return not sqlite_can_write(path)
    except (OSError, sqlite3.Error):
        return False


def is_reachable_file(path: Path) -> bool:
    """Whether `path` is a file this computer can see now; False when the share is gone
    (Python 3.11 raises for EHOSTDOWN, ENOTCONN and EIO instead of answering False)."""
    try:
        return os.path.isfile(path)
    except OSError:
        return False


def found_damaged(path: Path) -> bool:
    """Whether a fresh read-only connection finds the file at `path` damaged (`PRAGMA
    quick_check` not "ok", or SQLITE_CORRUPT / SQLITE_NOTADB on reading it). A check that cannot
    read at all (I/O error, cannot open) says the drive is gone, not the file: False."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=2)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return errors.classify(exc) in (errors.CORRUPT, errors.NOT_A_DB)
    return bool(result) and result[0] != "ok"
