"""`herotui doctor`: a readable verdict on the database location and file, check by check."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from herotui.store import schema
from herotui.store.fsinfo import filesystem_of
from herotui.store.location import Location, parse_location, sqlite_uri


@dataclass(frozen=True)
class Check:
    name: str  # translation key suffix: doctor.check.<name>
    ok: bool
    detail: str = ""
    key: str = ""  # translation key for the detail, when it is a sentence
    params: dict | None = None
    warning: bool = False  # passed, but with advice worth reading (shown as "warn")

    def as_dict(self) -> dict:
        return asdict(self)


def run_checks(target: str, outbox_pending: int | None = None, *, write_deadline: float = 15.0) -> list[Check]:
    location = parse_location(target)
    if location.kind != "sqlite":
        from herotui.store.postgres import doctor_checks

        checks = doctor_checks(location, write_deadline=write_deadline)
        if outbox_pending is not None:
            checks.append(Check("outbox", outbox_pending == 0, str(outbox_pending)))
        return checks
    return _sqlite_checks(location, outbox_pending)


def _sqlite_checks(location: Location, outbox_pending: int | None) -> list[Check]:
    path = location.path
    assert path is not None
    checks: list[Check] = []
    fs_type, is_network = filesystem_of(path)
    checks.append(Check("filesystem", True, fs_type + (" (network)" if is_network else ""),
                        params={"network": is_network}))
    if outbox_pending is not None:
        checks.append(Check("outbox", outbox_pending == 0, str(outbox_pending)))
    exists = path.is_file()
    checks.append(Check("exists", exists, str(path)))
    if not exists:
        return checks
    readable = os.access(path, os.R_OK)
    checks.append(Check("readable", readable))
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and not location.read_only
    checks.append(Check("writable", writable))
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True, timeout=5)
    except sqlite3.Error as exc:
        checks.append(Check("open", False, str(exc)))
        return checks
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        except sqlite3.Error as exc:
            checks.append(Check("open", False, str(exc)))
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


def _lock_round_trip(path: Path) -> Check:
    """Take the write lock and let it go, without writing anything: proves locking works."""
    start = time.perf_counter()
    try:
        conn = sqlite3.connect(sqlite_uri(path, "rw"), uri=True, timeout=5, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("lock", False, str(exc))
    millis = (time.perf_counter() - start) * 1000
    return Check("lock", True, f"{millis:.1f} ms", params={"ms": round(millis, 1)})
