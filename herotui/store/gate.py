"""A queue for writers in front of SQLite's own lock: `hero.db.lock` beside the database.

Why: SQLite's busy handler is not fair. On a slow share (every file operation 50 ms) eight
processes that all retry `BEGIN IMMEDIATE` starve each other: while one commits, the others'
retries hold SHARED locks long enough that its commit cannot get the EXCLUSIVE lock, it rolls
back, and nobody wins before the deadline (measured: 8 claimers at `slow 50`, 43 s, one winner
only because the others gave up). Waiting here instead touches no database page, so the writer
holding the gate commits undisturbed by other writers.

The gate is an advisory byte-range lock (`fcntl.lockf` on POSIX, `msvcrt.locking` on Windows),
the same kind of lock SQLite itself relies on, on a small file that is never deleted (deleting
a lock file while someone waits on it is how two writers end up "holding" it). A waiter polls
with an interval that shrinks the longer it has waited, so the oldest waiter tends to go next
(approximately first come, first served, without a shared queue file to keep tidy).

Inside one process every `Store` on the same file shares one gate (a thread lock in front of the
file lock), because POSIX locks belong to the process: a second descriptor would "get" a lock the
process already holds, and closing it would release the lock of the first. The lock file is
opened for each turn and closed after it, so no descriptor keeps a share busy (unmounting a
share with an open file fails).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from herotui.store.errors import DatabaseBusy, READONLY, classify_os_error, store_error_for_os_error

_GATES: dict[str, "Gate"] = {}
_GATES_LOCK = threading.Lock()

SUFFIX = ".lock"


def lock_file_for(database: Path) -> Path:
    """`/share/hero.db` -> `/share/hero.db.lock`."""
    return database.with_name(database.name + SUFFIX)


def gate_for(database: Path) -> "Gate":
    """The one gate of this process for the database file at `database`."""
    key = os.path.abspath(database)
    with _GATES_LOCK:
        gate = _GATES.get(key)
        if gate is None:
            gate = _GATES[key] = Gate(lock_file_for(Path(key)))
        return gate


class Gate:
    """Mutual exclusion between writers of one database file, across threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self.last_wait = 0.0
        """Seconds the last `acquire` waited (for `doctor` and the tests)."""

    def acquire(self, deadline: float, *, patience: float = 0.0, limit: float = 0.0) -> bool:
        """Wait until this writer holds the gate or `time.monotonic()` passes `deadline`.

        While waiting, a turn taken by someone else (a new token in the lock file) is progress:
        the queue moves, so the deadline is pushed to `patience` seconds after it, but never past
        `limit` (a monotonic time; 0 = no extension). A holder that hangs gives no new turns, so
        its waiters still give up at the deadline.

        Returns False when the gate cannot be used at all (a read-only folder: the write will
        then fail as read-only on its own). Raises `DatabaseBusy` at the deadline, and the
        `StoreError` for an unreachable or full drive (see `store_error_for_os_error`).
        """
        begin = time.monotonic()
        if not self._thread_lock.acquire(timeout=max(0.0, deadline - begin)):
            raise DatabaseBusy()
        try:
            fd = self._open()
            if fd is None:
                self._thread_lock.release()
                return False
            token = _read_token(fd)
            next_look = begin + _LOOK_EVERY
            while True:
                try:
                    _try_lock(fd)
                    self.last_wait = time.monotonic() - begin
                    _write_token(fd)
                    return True
                except BlockingIOError:
                    pass
                except OSError as exc:
                    if _is_contended(exc):
                        pass
                    else:
                        self._forget()
                        raise store_error_for_os_error(exc, self.path) from exc
                now = time.monotonic()
                if patience and now >= next_look:
                    next_look = now + _LOOK_EVERY
                    seen = _read_token(fd)
                    if seen != token:
                        token = seen
                        deadline = max(deadline, min(limit, now + patience))
                if now >= deadline:
                    raise DatabaseBusy()
                waited = now - begin
                # Shrinks from 20 ms to 2 ms: whoever has waited longest asks most often.
                time.sleep(min(deadline - now, max(0.002, 0.02 / (1.0 + 4.0 * waited))))
        except BaseException:
            self._forget()
            self._thread_lock.release()
            raise

    def release(self) -> None:
        try:
            if self._fd is not None:
                _unlock(self._fd)
        except OSError:
            pass  # the share went away while we held it: the server dropped the lock with the session
        finally:
            self._forget()
            self._thread_lock.release()

    def _open(self) -> int | None:
        if self._fd is not None:
            return self._fd
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        except OSError as exc:
            if classify_os_error(exc) == READONLY:
                return None
            raise store_error_for_os_error(exc, self.path) from exc
        return self._fd

    def _forget(self) -> None:
        """Close the lock file (after the turn, or when its share session is gone)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass


_LOOK_EVERY = 0.25
"""Seconds between looks at the turn token while waiting (one small read of the lock file)."""
_TOKEN_AT = 16
"""The token lives past the locked byte, so reading it never touches the lock itself."""


def _read_token(fd: int) -> bytes:
    try:
        return os.pread(fd, 8, _TOKEN_AT) if hasattr(os, "pread") else b""
    except OSError:
        return b""


def _write_token(fd: int) -> None:
    """Mark a new turn (random bytes), so waiters see that the queue moves."""
    try:
        if hasattr(os, "pwrite"):
            os.pwrite(fd, os.urandom(8), _TOKEN_AT)
    except OSError:
        pass  # a flaky drive: waiters then just see no progress from this turn


def _is_contended(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.EACCES, errno.EAGAIN) or getattr(exc, "winerror", None) == 33


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)

    def _unlock(fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)
