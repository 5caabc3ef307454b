"""PostgreSQL databases for the tests: each test gets one of its own, whose content is exactly a
fresh copy's, without the server copying a whole database for every test.

`CREATE DATABASE ... TEMPLATE` copies every catalog page (about 8.5 MB): 0.2-0.35 s of server CPU
per test, a fifth of the suite's CPU on a 2-core machine. So a test process keeps the databases
its tests used and puts each back into the state of the template it was copied from:

- first renamed to a name nobody knows, after every other connection to it has ended
  (terminated, as `DROP DATABASE ... WITH (FORCE)` would, until the rename succeeds or a deadline
  passes), so that a process the test left behind cannot reconnect and write into it;
- only when its schema is still the template's (`FINGERPRINT`: relations, columns, defaults,
  indexes, constraints, triggers, rules, functions, sequences' settings, policies, comments,
  extensions, schemas, grants, database settings, and its large objects); a test that changed
  any of it gets its database dropped, as before;
- by `TRUNCATE ... RESTART IDENTITY` of every table, the template's rows copied back in with
  triggers off (`session_replication_role = replica`), every sequence set to the template's
  state, and the planner statistics the test's rows left behind removed (a fresh copy has none).

Anything unexpected on the way (an error, a deadline) drops the database instead: reuse is an
optimisation that never decides a test's outcome.
"""

from __future__ import annotations

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
           || ' ' || c.relpersistence::text || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity
           || ' ' || c.relreplident::text
    FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'seq ' || seqrelid::regclass || ' ' || seqtypid::regtype || ' ' || seqstart || ' ' || seqincrement
           || ' ' || seqmax || ' ' || seqmin || ' ' || seqcache || ' ' || seqcycle
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'col ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || ' ' || a.attnotnull || ' ' || a.attgenerated::text || ' ' || a.attidentity::text || ' '
           || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || coalesce(a.attacl::text, '')
           || ' ' || a.attcollation
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
    SELECT 'fn ' || oid::regprocedure || ' ' || proowner::regrole || ' ' || coalesce(proacl::text, '') || ' '
           || md5(CASE WHEN prokind IN ('f', 'p') THEN pg_get_functiondef(oid) ELSE prosrc END)
    FROM pg_proc WHERE pronamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'rule ' || pg_get_ruledef(r.oid)
    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'inherits ' || inhrelid::regclass || ' ' || inhparent::regclass FROM pg_inherits
    UNION ALL
    SELECT 'statistics ' || stxrelid::regclass || ' ' || stxname || ' ' || stxkeys::text || ' ' || stxkind::text
    FROM pg_statistic_ext WHERE stxnamespace IN (SELECT oid FROM user_ns)
    UNION ALL
    SELECT 'comment ' || classoid || ' ' || objoid || ' ' || objsubid || ' ' || description
    FROM pg_description WHERE objoid >= 16384
    UNION ALL
    SELECT 'default acl ' || defaclrole::regrole || ' ' || defaclnamespace || ' ' || defaclobjtype::text
           || ' ' || defaclacl::text FROM pg_default_acl
    UNION ALL
    SELECT 'event trigger ' || evtname || ' ' || evtevent || ' ' || evtenabled::text || ' ' || evtfoid::regproc
    FROM pg_event_trigger
    UNION ALL
    SELECT 'publication ' || pubname FROM pg_publication
    UNION ALL
    SELECT 'large objects ' || count(*) FROM pg_largeobject_metadata
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
    SELECT 'policy ' || polrelid::regclass || ' ' || polname || ' ' || polcmd::text || ' ' || polpermissive
           || ' ' || polroles::text || ' ' || coalesce(pg_get_expr(polqual, polrelid), '') || ' '
           || coalesce(pg_get_expr(polwithcheck, polrelid), '')
    FROM pg_policy
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
catalogs, https://www.postgresql.org/docs/current/catalogs.html), and of its large objects, which
a reset does not bring back; equal hashes mean the table data can be reset in place. Objects of
user schemas only, except comments (every object from OID 16384 on, FirstNormalObjectId)."""

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
SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
"""
"""Every sequence; its state is read from the sequence itself (`pg_sequences` hides the value
of one set with `setval(..., false)`)."""


@dataclass
class Snapshot:
    """What a template database holds: its schema fingerprint, each table's rows (COPY text
    format, bytes) with their column list, and each sequence's (last value, is_called)."""

    fingerprint: str
    tables: dict[str, tuple[list[str], bytes]] = field(default_factory=dict)
    sequences: dict[str, tuple[int, bool]] = field(default_factory=dict)


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
        self.dropped: dict[str, int] = {}
        """Databases dropped instead of reused, by reason ("schema changed", "still in use", ...)."""

    def _connect(self, name: str | None = None, autocommit: bool = True):
        import psycopg

        return psycopg.connect(self.base if name is None else pg_url(self.base, name), autocommit=autocommit)

    def take(self, template: str | None) -> str:
        """The name of a database (new to this test) holding what `template` holds."""
        ready = self._ready.setdefault(template, [])
        if ready:
            self.reused += 1
            return ready.pop()
        name = "herotui_t_" + uuid.uuid4().hex[:12]
        with self._connect() as admin:
            admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created += 1
        if template not in self._snapshots:
            # Of a copy, not of the template: a copy differs from template1 in its ACL.
            self._snapshots[template] = self._snapshot(name)
        return name

    def give_back(self, name: str, template: str | None) -> None:
        """Reset `name` to `template`'s content under a new name for a later `take`, or drop it
        when that cannot be done exactly (see the module's docstring); why a database was
        dropped is counted in `dropped`."""
        try:
            hidden = self._rename_away(name)
        except Exception as exc:  # noqa: BLE001 - any surprise means: do what a fresh copy guarantees
            hidden, why = None, f"rename: {type(exc).__name__}"
        else:
            why = "still in use"
        if hidden is None:
            self._drop(name, why)
            return
        try:
            why = self._reset(hidden, self._snapshots[template])
        except Exception as exc:  # noqa: BLE001
            why = f"reset: {type(exc).__name__}"
        if why:
            self._drop(hidden, why)
        else:
            self._ready[template].append(hidden)

    def _drop(self, name: str, why: str) -> None:
        self.dropped[why] = self.dropped.get(why, 0) + 1
        self.drop(name)

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
            for (sequence,) in conn.execute(SEQUENCES).fetchall():
                last_value, is_called = conn.execute(f"SELECT last_value, is_called FROM {sequence}").fetchone()
                snapshot.sequences[sequence] = (last_value, is_called)
        return snapshot

    def _rename_away(self, name: str) -> str | None:
        """End every connection to `name` and rename it to a name nobody knows, so that nothing
        can reconnect while it is reset; None when connections keep coming back until the
        deadline, or a prepared transaction (which outlives every connection) holds it."""
        import psycopg

        from conftest import wait_for

        fresh = "herotui_t_" + uuid.uuid4().hex[:12]
        with self._connect() as admin:
            if admin.execute("SELECT 1 FROM pg_prepared_xacts WHERE database = %s", (name,)).fetchall():
                return None

            def renamed() -> bool:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                              " WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
                try:
                    admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{fresh}"')
                    return True
                except psycopg.errors.ObjectInUse:  # a backend still on its way out
                    return False

            try:
                wait_for(renamed, self.CLEAR_DEADLINE, f"every connection to {name} ended", interval=0.005)
            except AssertionError:
                return None
        return fresh

    def _reset(self, name: str, snapshot: Snapshot) -> str:
        """Put `name` (which nobody else knows) back into `snapshot`'s state; "" when done, else
        why it cannot be."""
        with self._connect(name, autocommit=False) as conn:
            if conn.execute(FINGERPRINT).fetchone()[0] != snapshot.fingerprint:
                return "schema changed"
            tables = [row[0] for row in conn.execute(USER_TABLES).fetchall()]
            sequences = [row[0] for row in conn.execute(SEQUENCES).fetchall()]
            if sorted(tables) != sorted(snapshot.tables) or sorted(sequences) != sorted(snapshot.sequences):
                return "schema changed"
            conn.execute("SET LOCAL session_replication_role = replica")
            if tables:
                conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
            for table, (columns, data) in snapshot.tables.items():
                if data:
                    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        copy.write(data)
            for sequence, (last_value, is_called) in snapshot.sequences.items():
                conn.execute("SELECT setval(%s, %s, %s)", (sequence, last_value, is_called))
            # A fresh copy of the template has no statistics for the rows this test wrote.
            conn.execute("DELETE FROM pg_statistic WHERE starelid IN (SELECT c.oid FROM pg_class c"
                         " JOIN pg_namespace n ON n.oid = c.relnamespace"
                         " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))")
            conn.commit()
        return ""
