"""The two places a team's data can live, for the benchmarks that compare them: the shared file
and a PostgreSQL server (issue 16, item 7: "the way out is measured too").

A benchmark run finds its server in `HEROTUI_BENCH_PG` (else `HEROTUI_TEST_PG`, the test server of
`.ci/postgres.sh`), a `postgresql://` URL whose role may create databases. Every run gets a fresh
database on it (`fresh_pg_database`) and drops it afterwards, so runs never see each other's rows.

The checks read what was stored through `connect_ro`, one small interface for both backends
(`execute(sql, params)` with `?` placeholders, `.fetchone()`), so a check is written once.
"""

from __future__ import annotations

import os
import random
from typing import Any
from urllib.parse import urlsplit, urlunsplit

PG_ENV = ("HEROTUI_BENCH_PG", "HEROTUI_TEST_PG")
"""Environment variables naming the benchmark's PostgreSQL server, first one set wins."""


def pg_server() -> str | None:
    """The PostgreSQL server URL for the benchmarks, or None when none is configured."""
    for name in PG_ENV:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def is_pg(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def fresh_pg_database(server: str, label: str) -> str:
    """Create an empty database on `server` named after `label`; its URL.

    Raises psycopg's errors when the server cannot be reached or the role may not create databases.
    """
    import psycopg

    name = f"herotui_bench_{label}_{os.getpid()}_{random.randrange(10**6)}".lower().replace("-", "_")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _with_database(server, name)


def drop_pg_database(server: str, url: str) -> None:
    """Drop a database made by `fresh_pg_database` (closing connections left open by crashed workers)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("herotui_bench_"):
        raise ValueError(f"refusing to drop {name!r}: not a benchmark database")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _PgReader:
    """A read-only psycopg connection that takes sqlite3-style `?` placeholders."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), list(params))

    def close(self) -> None:
        self.conn.close()


def connect_ro(target: str) -> Any:
    """A read-only connection to a benchmark database (file path or `postgresql://` URL)."""
    if is_pg(target):
        return _PgReader(target)
    import sqlite3

    return sqlite3.connect(f"file:{target}?mode=ro", uri=True)


def integrity(conn: Any, target: str) -> str:
    """SQLite's `PRAGMA integrity_check` ("ok" when sound); PostgreSQL keeps its own invariants: "ok"."""
    if is_pg(target):
        return "ok"
    return conn.execute("PRAGMA integrity_check").fetchone()[0]
