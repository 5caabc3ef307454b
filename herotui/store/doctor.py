"""`herotui doctor`: a readable verdict on the database location and file, check by check."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import herotui.store.errors as errors
import herotui.store.schema as schema
from herotui.store.check import Check
from herotui.store.cloud import cloud_service_of, conflicted_copies
from herotui.store.fsinfo import filesystem_of
from herotui.store.location import Location, parse_location, sqlite_uri
from herotui.store.sqlite_file import sqlite_can_write


# Write-lock round trip (BEGIN IMMEDIATE; ROLLBACK on a fresh connection), milliseconds. A
# local disk takes about 1 ms and a good office share 5-50 ms; every write pays it at least
# once, and from a few hundred ms on, colleagues writing at once queue noticeably
# (README: "Outgrowing the shared file").
LOCK_SLOW_MS = 100.0
LOCK_TOO_SLOW_MS = 300.0


def run_checks(target: str, outbox_pending: int | None = None, *, write_deadline: float = 15.0,
               origin: str = "option") -> list[Check]:
    """The checks for `target`; `origin` says where it came from (see `Launch.db_origin`), for
    where a password in it can be seen."""
    location = parse_location(target)
    if location.kind != "sqlite":
        from herotui.store.postgres import doctor_checks

        checks = doctor_checks(location, write_deadline=write_deadline, origin=origin)
        if outbox_pending is not None:
            checks.append(Check("outbox", outbox_pending == 0, str(outbox_pending)))
        return checks
    return _sqlite_checks(location, outbox_pending)


def _sqlite_checks(location: Location, outbox_pending: int | None) -> list[Check]:
    path = location.path
    assert path is not None
    checks: list[Check] = []
    try:
        fs_type, is_network = filesystem_of(path)
    except OSError:
        fs_type, is_network = "unknown", None
    checks.append(Check("filesystem", True, fs_type + (" (network)" if is_network else ""),
                        params={"network": is_network}))
    if outbox_pending is not None:
        checks.append(Check("outbox", outbox_pending == 0, str(outbox_pending)))
    checks.extend(cloud_checks(path))
    try:
        exists = path.is_file()
    except OSError as exc:
        # The share is gone (EHOSTDOWN, ENOTCONN, EIO): say so instead of crashing.
        checks.append(Check("exists", False, f"{path}: {exc.strerror or exc}", advice="doctor.advice.unreachable"))
        return checks
    checks.append(Check("exists", exists, str(path)))
    if not exists:
        return checks
    # Readable and writable are what the file system and SQLite answer, never `os.access`: on
    # Windows it reads only the read-only attribute and on SMB shares the server's ACLs decide.
    try:
        with open(path, "rb") as handle:
            handle.read(16)
        readable = True
    except OSError as exc:
        checks.append(Check("readable", False, exc.strerror or str(exc), advice=_advice_for(exc)))
        return checks
    checks.append(Check("readable", readable))
    writable, detail = _sqlite_writable(path, location)
    checks.append(Check("writable", writable, detail))
    journal_check = _hot_journal_check(path, writable)
    if journal_check is not None:
        checks.append(journal_check)
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=5)
    except sqlite3.Error as exc:
        checks.append(Check("open", False, str(exc), advice=_advice_for(exc)))
        return checks
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        except sqlite3.Error as exc:
            checks.append(Check("open", False, str(exc), advice=_advice_for(exc)))
            return checks
        checks.append(Check("herotui", app_id == schema.APPLICATION_ID, hex(app_id)))
        checks.append(Check("schema", version <= schema.SCHEMA_VERSION,
                            f"{version} / {schema.SCHEMA_VERSION}"))
        checks.append(Check("journal", journal.lower() != "wal", journal))
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.Error as exc:
            result = str(exc)
        checks.append(Check("integrity", result == "ok", result))
        last_backup = _last_backup(conn)
        checks.append(Check("backup", True, last_backup or "-"))
    finally:
        conn.close()
    if writable and journal.lower() != "wal":
        checks.append(_lock_round_trip(path))
    return checks


def _sqlite_writable(path: Path, location: Location) -> tuple[bool, str]:
    """(writable, why not) as SQLite answers on a fresh connection; a busy lock is no answer
    about permissions (the lock check below reports it)."""
    if location.read_only:
        return False, "mode=ro"
    try:
        return (True, "") if sqlite_can_write(path) else (False, "SQLITE_READONLY")
    except (sqlite3.Error, OSError) as exc:
        return False, getattr(exc, "sqlite_errorname", None) or str(exc)


def _advice_for(exc: BaseException) -> str:
    kind = errors.classify(exc)
    if kind == errors.UNAVAILABLE:
        return "doctor.advice.unreachable"
    return ""


def cloud_checks(path: Path) -> list[Check]:
    """A cloud-synced folder, and conflicted copies beside the file (see cloud.py)."""
    checks = []
    service = cloud_service_of(path)
    if service is not None:
        checks.append(Check("cloud", False, service, params={"service": service},
                            advice="doctor.advice.cloud"))
    copies = conflicted_copies(path)
    if copies:
        checks.append(Check("conflicts", False, ", ".join(copies), params={"copies": copies},
                            advice="doctor.advice.conflicts"))
    return checks


def _hot_journal_check(path: Path, writable: bool) -> Check | None:
    """A leftover `-journal` that this computer cannot roll back (a "hot journal").

    SQLite docs (lockingv3.html, "hot journals"): the journal of an interrupted write holds the
    original pages; the next connection that can write the file puts them back. A reader without
    write access cannot, so it reads nothing. Deleting the journal corrupts the file.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        size = journal.stat().st_size
    except OSError:
        return None
    if size == 0 or writable:
        return None
    return Check("hot_journal", False, journal.name, advice="doctor.advice.hot_journal")


def _last_backup(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM herotui_meta WHERE key = 'last_backup'").fetchone()
    except sqlite3.Error:
        return None
    if not row:
        return None
    try:
        info = json.loads(row[0])
        return f"{info.get('at', '?')} -> {info.get('path', '?')}"
    except ValueError:
        return None


def _lock_round_trip(path: Path, tries: int = 3) -> Check:
    """Take the write lock and let it go, without writing anything: proves locking works.

    The median of `tries` round trips, in ms, judged against LOCK_SLOW_MS / LOCK_TOO_SLOW_MS.
    """
    times = []
    try:
        for _ in range(tries):
            start = time.perf_counter()
            conn = sqlite3.connect(sqlite_uri(path, "rw"), uri=True, timeout=5, isolation_level=None)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            finally:
                conn.close()
            times.append((time.perf_counter() - start) * 1000)
    except sqlite3.Error as exc:
        return Check("lock", False, str(exc), advice=_advice_for(exc))
    millis = sorted(times)[len(times) // 2]
    params = {"ms": round(millis, 1), "slow_ms": LOCK_SLOW_MS, "too_slow_ms": LOCK_TOO_SLOW_MS}
    if millis >= LOCK_TOO_SLOW_MS:
        return Check("lock", False, f"{millis:.1f} ms", params=params, level="fail",
                     advice="doctor.advice.lock_too_slow")
    if millis >= LOCK_SLOW_MS:
        return Check("lock", True, f"{millis:.1f} ms", params=params, level="warn",
                     advice="doctor.advice.lock_slow")
    return Check("lock", True, f"{millis:.1f} ms", params=params)
