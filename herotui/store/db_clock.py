"""The database's own sense of now, to catch a computer whose clock runs ahead.

A share posted from a laptop whose clock is a year ahead would sit on top of everyone's feed as
"just now" for a year. So every action checks its moment against a clock the team shares:

- PostgreSQL: the server's clock, `now()` (the start of the current transaction).
- SQLite on a shared drive: the file server's clock, read from the modification time of the
  rollback journal, which SQLite creates for this very transaction at its first change
  (sqlite.org/lockingv3.html#rollback; the journal is deleted at commit in `journal_mode=DELETE`).
  The newest timestamps already in the file are no witness on their own: after a quiet weekend an
  honest clock is days ahead of them.
- When the process's clock is pinned (`HEROTUI_CLOCK`, a `FakeClock`: tests, demos), the store's
  clock stands in for the server's, so every process of a pinned world shares one moment, unless
  `HEROTUI_DB_CLOCK` pins the database's clock separately (a test playing a computer whose clock
  is wrong).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from herotui.clock import FakeClock, parse_moment

DB_CLOCK_ENV = "HEROTUI_DB_CLOCK"
"""Pins the database's clock (ISO 8601 with offset) in a pinned test world; see the module docstring."""

if TYPE_CHECKING:
    from herotui.store.database import Store


def database_now(store: "Store") -> datetime | None:
    """The database's now (aware, UTC), or None when it cannot tell. Call inside a write transaction.

    On SQLite this writes a probe row (`herotui_meta.clock_probe`) so the journal exists.
    """
    if isinstance(store.clock, FakeClock):
        pinned = os.environ.get(DB_CLOCK_ENV)
        return parse_moment(pinned) if pinned else store.clock.now()
    if not store.is_sqlite:
        value = store.db.execute_sql("SELECT now()").fetchone()[0]
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
    from herotui.store.models import StoreMeta
    from herotui.store.upsert import upsert

    upsert(StoreMeta, StoreMeta.key, {"key": "clock_probe", "value": "1"})
    path = store.location.path
    if path is None:
        return None
    try:
        stamp = os.stat(f"{path}-journal").st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(stamp, timezone.utc)
