"""PostgreSQL databases for the tests: each test gets one of its own, whose content is exactly a
fresh copy's, without the server copying a whole database for every test.

`CREATE DATABASE ... TEMPLATE` copies every catalog page (about 8.5 MB): 0.2-0.35 s of server CPU
per test, a fifth of the suite's CPU on a 2-core machine. So a test process keeps the databases
its tests used and puts each back into the state of the template it was copied from:

- only when its schema is still the template's (a fingerprint of every relation, column,
  default, index, constraint, trigger, function, extension, schema, grant and database
  setting); a test that changed the schema gets its database dropped, as before;
- after every other connection to it has ended (terminated, as `DROP DATABASE ... WITH (FORCE)`
  would, and waited for with a deadline);
- by `TRUNCATE ... RESTART IDENTITY` of every table, the template's rows copied back in with
  triggers off (`session_replication_role = replica`), every sequence set to the template's
  value, and the planner statistics the test's rows left behind removed (a fresh copy has none);
- under a new name, so a process the test left behind cannot reach the next test's data.

Anything unexpected on the way (an error, a deadline) drops the database instead: reuse is an
optimisation that never decides a test's outcome.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

FINGERPRINT = """
WITH user_ns AS (
    SELECT oid FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema')
      AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
), facts(line) AS (
    SELECT 'ns ' || nspname || ' ' || nspowner::regrole || ' ' || coalesce(nspacl::text, '')
    FROM pg_namespace WHERE oid IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'rel ' || c.oid::regclass || ' ' || c.relkind::text || ' ' || c.relowner::regrole || ' '
           || coalesce(c.relacl::text, '') || ' ' || coalesce(array_to_string(c.reloptions, ','), '')
           || ' ' || c.relpersistence::text || ' ' || c.relrowsecurity
    FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'col ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || ' ' || a.attnotnull || ' ' || a.attgenerated::text || ' ' || a.attidentity::text || ' '
           || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || coalesce(a.attacl::text, '')
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace IN (SELECT oid FROM user_ns) AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'con ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'trg ' || pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT 'fn ' || oid::regprocedure || ' ' || md5(prosrc) || ' ' || coalesce(proacl::text, '')
    FROM pg_proc WHERE pronamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'view ' || oid::regclass || ' ' || pg_get_viewdef(oid)
    FROM pg_class WHERE relkind IN ('v', 'm') AND relnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'type ' || oid::regtype || ' ' || typtype::text
    FROM pg_type WHERE typnamespace IN (SELECT oid FROM user_ns) AND typrelid = 0
    UNION ALL
    SELECT 'enum ' || enumtypid::regtype || ' ' || enumlabel || ' ' || enumsortorder FROM pg_enum
    UNION ALL
    SELECT 'ext ' || extname || ' ' || extversion FROM pg_extension
    UNION ALL
    SELECT 'policy ' || polrelid::regclass || ' ' || polname FROM pg_policy
    UNION ALL
    SELECT 'db ' || datdba::regrole || ' ' || coalesce(datacl::text, '') || ' ' || datallowconn
           || ' ' || datconnlimit
    FROM pg_database WHERE datname = current_database()
    UNION ALL
    SELECT 'setting ' || setrole || ' ' || array_to_string(setconfig, ',')
    FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
)
SELECT md5(string_agg(line, E'\\n' ORDER BY line)) FROM facts
"""
"""One hash of every part of a database's schema a test could change (PostgreSQL system
catalogs, https://www.postgresql.org/docs/current/catalogs.html); equal hashes mean the data can
be reset in place."""

USER_TABLES = """
SELECT c.oid::regclass::text,
       array_agg(quote_ident(a.attname) ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
GROUP BY c.oid ORDER BY 1
"""
"""Every user table (extension members excluded) with its stored columns: generated columns are
computed again when the rows are copied back."""

SEQUENCES = """
SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value, last_value IS NOT NULL
FROM pg_sequences ORDER BY 1
"""


@dataclass
class Snapshot:
    """What a template database holds: its schema fingerprint, each table's rows (COPY text
    format, bytes) with their column list, and each sequence's (last value, is_called)."""

    fingerprint: str
    tables: dict[str, tuple[list[str], bytes]] = field(default_factory=dict)
    sequences: dict[str, tuple[int | None, bool]] = field(default_factory=dict)


def pg_url(base: str, name: str) -> str:
    """`base` (a PostgreSQL URL) pointing at the database `name` instead."""
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


class PgDatabases:
    """One test process's PostgreSQL databases on the server at `base` (a URL to an admin
    database): `take(template)` a database with the content of `template` (a database name, or
    None for an empty one made from template1), `give_back` it after the test. Not thread-safe:
    a test process runs one test at a time."""

    CLEAR_DEADLINE = 10.0
    """Seconds to wait for the test's connections to end before giving up and dropping."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._snapshots: dict[str | None, Snapshot] = {}
        self._ready: dict[str | None, list[str]] = {}
        self.reused = 0
        self.created = 0

    def _connect(self, name: str | None = None, autocommit: bool = True):
        import psycopg

        return psycopg.connect(self.base if name is None else pg_url(self.base, name), autocommit=autocommit)

    def take(self, template: str | None) -> str:
        """The name of a database (new to this test) holding what `template` holds."""
        if template not in self._snapshots:
            self._snapshots[template] = self._snapshot(template or "template1")
        ready = self._ready.setdefault(template, [])
        if ready:
            self.reused += 1
            return ready.pop()
        name = "herotui_t_" + uuid.uuid4().hex[:12]
        with self._connect() as admin:
            admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created += 1
        return name

    def give_back(self, name: str, template: str | None) -> None:
        """Reset `name` to `template`'s content under a new name for a later `take`, or drop it
        when that cannot be done exactly (see the module's docstring)."""
        try:
            fresh = self._reset(name, self._snapshots[template])
        except Exception:  # noqa: BLE001 - any surprise means: do what a fresh copy guarantees
            fresh = None
        if fresh is None:
            self.drop(name)
        else:
            self._ready[template].append(fresh)

    def drop(self, name: str) -> None:
        with self._connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        """Drop every database kept for reuse."""
        for names in self._ready.values():
            for name in names:
                self.drop(name)
        self._ready.clear()

    def _snapshot(self, name: str) -> Snapshot:
        with self._connect(name) as conn:
            snapshot = Snapshot(conn.execute(FINGERPRINT).fetchone()[0])
            for table, columns in conn.execute(USER_TABLES).fetchall():
                data = bytearray()
                with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) TO STDOUT") as copy:
                    for chunk in copy:
                        data += chunk
                snapshot.tables[table] = (columns, bytes(data))
            for sequence, last_value, is_called in conn.execute(SEQUENCES).fetchall():
                snapshot.sequences[sequence] = (last_value, is_called)
        return snapshot

    def _end_other_connections(self, admin, name: str) -> bool:
        deadline = time.monotonic() + self.CLEAR_DEADLINE
        while True:
            left = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()", (name,)).fetchall()
            if not left:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    def _reset(self, name: str, snapshot: Snapshot) -> str | None:
        with self._connect() as admin:
            if not self._end_other_connections(admin, name):
                return None
            if admin.execute("SELECT 1 FROM pg_prepared_xacts WHERE database = %s", (name,)).fetchall():
                return None  # a prepared transaction outlives every connection
            with self._connect(name, autocommit=False) as conn:
                if conn.execute(FINGERPRINT).fetchone()[0] != snapshot.fingerprint:
                    return None
                tables = [row[0] for row in conn.execute(USER_TABLES).fetchall()]
                if sorted(tables) != sorted(snapshot.tables):
                    return None
                conn.execute("SET LOCAL session_replication_role = replica")
                if tables:
                    conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
                for table, (columns, data) in snapshot.tables.items():
                    if data:
                        with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                            copy.write(data)
                for sequence, (last_value, is_called) in snapshot.sequences.items():
                    if last_value is None:  # never used: back to its START value
                        conn.execute(f"ALTER SEQUENCE {sequence} RESTART")
                    else:
                        conn.execute("SELECT setval(%s, %s, %s)", (sequence, last_value, is_called))
                # A fresh copy of the template has no statistics for the rows this test wrote.
                conn.execute("DELETE FROM pg_statistic WHERE starelid IN (SELECT c.oid FROM pg_class c"
                             " JOIN pg_namespace n ON n.oid = c.relnamespace"
                             " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))")
                conn.commit()
            fresh = "herotui_t_" + uuid.uuid4().hex[:12]
            deadline = time.monotonic() + self.CLEAR_DEADLINE
            import psycopg

            while True:  # our own backend may still be finishing its exit
                try:
                    admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{fresh}"')
                    return fresh
                except psycopg.errors.ObjectInUse:
                    if time.monotonic() > deadline:
                        return None
                    time.sleep(0.005)
