"""The same herotui on PostgreSQL: connecting, checking, creating, change detection, doctor.

The password may come from the URL, `PGPASSWORD` or `~/.pgpass` (libpq reads both); it is never
printed: every message uses `Location.display`.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, unquote, urlsplit

import peewee

from herotui.clock import Clock, default_clock
from herotui.store import schema
from herotui.store.doctor import Check
from herotui.store.errors import (
    DatabaseExists,
    DatabaseUnavailable,
    NotHerotuiDatabase,
    SchemaTooNew,
    StoreError,
)
from herotui.store.location import Location
from herotui.store.models import StoreMeta, database_proxy

CHANNEL = "herotui_changes"


class HeroPostgresDatabase(peewee.PostgresqlDatabase):
    """Announces every committed write on a channel, so other apps know to reload.

    NOTIFY is transactional: listeners hear it only when the write commits, and never for a
    write that rolled back - an exact, cheap change signal without polling any table.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changes_seen = 0

    def _initialize_connection(self, conn) -> None:  # peewee hook, once per new connection
        super()._initialize_connection(conn)
        with conn.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        conn.commit()
        # A new connection may have missed notifications: count it as a change.
        self.changes_seen += 1

    def announce_change(self) -> None:
        self.execute_sql(f"NOTIFY {CHANNEL}")

    def change_token(self) -> int:
        conn = self.connection()
        conn.poll()
        if conn.notifies:
            self.changes_seen += len(conn.notifies)
            conn.notifies.clear()
        return self.changes_seen


def connection_kwargs(url: str) -> tuple[str, dict]:
    parts = urlsplit(url)
    kwargs: dict = {}
    if parts.hostname:
        kwargs["host"] = parts.hostname
    if parts.port:
        kwargs["port"] = parts.port
    if parts.username:
        kwargs["user"] = unquote(parts.username)
    if parts.password:
        kwargs["password"] = unquote(parts.password)
    for key, value in parse_qsl(parts.query):
        kwargs[key] = value
    kwargs.setdefault("connect_timeout", 10)
    kwargs.setdefault("application_name", "herotui")
    name = unquote(parts.path.lstrip("/")) or "postgres"
    return name, kwargs


def _database(location: Location) -> HeroPostgresDatabase:
    name, kwargs = connection_kwargs(location.target)
    return HeroPostgresDatabase(name, autoconnect=True, **kwargs)


def _connect(db: HeroPostgresDatabase, location: Location) -> None:
    try:
        db.connect(reuse_if_open=True)
    except (peewee.OperationalError, peewee.InterfaceError) as exc:
        raise DatabaseUnavailable(path=location.display) from exc


def _meta(db: peewee.Database) -> dict[str, str]:
    return {row.key: row.value for row in StoreMeta.select()}


def open_postgres(location: Location, *, write_deadline: float = 15.0, clock: Clock | None = None,
                  migrate: bool = True, **_: object):
    from herotui.store.database import Store

    db = _database(location)
    _connect(db, location)
    database_proxy.initialize(db)
    store = Store(db, location, write_deadline=write_deadline, clock=clock)
    try:
        if not db.table_exists("herotui_meta"):
            raise NotHerotuiDatabase(path=location.display)
        meta = store.read(_meta, db)
        if meta.get("application_id") != str(schema.APPLICATION_ID):
            raise NotHerotuiDatabase(path=location.display)
        version = int(meta.get("schema_version", "0"))
        if version > schema.SCHEMA_VERSION:
            raise SchemaTooNew(path=location.display, found=version, known=schema.SCHEMA_VERSION)
        store.health.schema_version = version
        store.health.journal_mode = "postgresql"
    except StoreError:
        store.close()
        raise
    if migrate and version < schema.SCHEMA_VERSION:
        schema.upgrade(store)
    return store


def create_postgres(location: Location, *, creator_login: str, creator_name: str | None = None,
                    clock: Clock | None = None, write_deadline: float = 15.0, **_: object):
    """Create the schema in an empty database; refuse one that already has tables."""
    from herotui.store import search_pg
    from herotui.store.database import Store

    clock = clock or default_clock()
    db = _database(location)
    _connect(db, location)
    database_proxy.initialize(db)
    store = Store(db, location, write_deadline=write_deadline, clock=clock)
    if db.get_tables():
        store.close()
        raise DatabaseExists("store.pg_not_empty", path=location.display)

    def create() -> None:
        schema.create_schema(db, clock.now(), creator_login, creator_name)
        search_pg.create_postgres_index(db)

    store.write(create)
    store.health.schema_version = schema.SCHEMA_VERSION
    store.health.journal_mode = "postgresql"
    return store


def doctor_checks(location: Location) -> list[Check]:
    checks: list[Check] = []
    db = _database(location)
    try:
        db.connect()
    except (peewee.OperationalError, peewee.InterfaceError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        checks.append(Check("connection", False, first_line.replace(location.target, location.display)))
        return checks
    try:
        checks.append(Check("connection", True, location.display))
        version = db.execute_sql("SHOW server_version").fetchone()[0]
        checks.append(Check("server", True, version))
        rounds = []
        for _ in range(5):
            begin = time.perf_counter()
            db.execute_sql("SELECT 1").fetchone()
            rounds.append((time.perf_counter() - begin) * 1000)
        rounds.sort()
        checks.append(Check("latency", True, f"{rounds[len(rounds) // 2]:.1f} ms",
                            params={"ms": round(rounds[len(rounds) // 2], 2)}))
        if not db.table_exists("herotui_meta"):
            checks.append(Check("herotui", False, "-"))
            return checks
        with db.bind_ctx([StoreMeta]):
            meta = _meta(db)
        checks.append(Check("herotui", meta.get("application_id") == str(schema.APPLICATION_ID),
                            meta.get("application_id", "-")))
        version_found = int(meta.get("schema_version", "0"))
        checks.append(Check("schema", version_found <= schema.SCHEMA_VERSION,
                            f"{version_found} / {schema.SCHEMA_VERSION}"))
    except peewee.DatabaseError as exc:
        checks.append(Check("connection", False, str(exc).splitlines()[0]))
    finally:
        db.close()
    return checks
