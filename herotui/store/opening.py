"""Opening and creating a team database: a SQLite file or a PostgreSQL schema.

Above `Store` (database.py) and the server's connection (postgres.py): both are imported here,
neither imports this module. The rules of section 2 of the house notes: an existing shared file
is opened with `mode=rw` (an unmounted share is never recreated); `application_id` and the
schema version are checked before anything is written; creation refuses to overwrite.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import peewee

from herotui.clock import Clock, default_clock
import herotui.store.errors as errors
import herotui.store.schema as schema
from herotui.store.database import Store
from herotui.store.errors import (
    DatabaseExists,
    DatabaseMissing,
    DatabaseUnavailable,
    NotHerotuiDatabase,
    SchemaTooNew,
    StoreError,
)
from herotui.store.identity import ensure_identity
from herotui.store.location import Location, parse_location
from herotui.store.models import database_proxy
from herotui.store.sqlite_file import has_sqlite_header, sqlite_database

def _unreachable_or(exc: OSError, path: Path) -> StoreError:
    """Opening: a file we cannot even look at is out of reach (or names what else it is)."""
    kind = errors.classify_os_error(exc)
    if kind in (errors.UNAVAILABLE, errors.READONLY):
        return DatabaseUnavailable(path=str(path))
    return errors.store_error_for_os_error(exc, path)


def open_store(
    target: str,
    *,
    may_create: bool = False,
    creator_login: str | None = None,
    write_deadline: float = 15.0,
    busy_timeout: float = 0.25,
    clock: Clock | None = None,
    migrate: bool = True,
) -> Store:
    """Open an existing herotui database, or create it when `may_create` (the default file only)."""
    location = parse_location(target)
    if location.kind == "postgresql":
        return _with_identity(open_postgres(location, write_deadline=write_deadline, clock=clock, migrate=migrate))
    path = location.path
    assert path is not None
    try:
        # One stat for "is it there, a file, not empty" (each is a round trip on a share).
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        exists = info is not None
        if info is not None:
            if stat.S_ISDIR(info.st_mode):
                raise NotHerotuiDatabase(path=str(path))
            if info.st_size == 0 or not has_sqlite_header(path):
                raise NotHerotuiDatabase(path=str(path))
    except OSError as exc:
        # Python 3.11's exists() raises for EHOSTDOWN, ENOTCONN, EIO: the share is gone.
        raise _unreachable_or(exc, path) from exc
    if not exists:
        if may_create:
            return create_store(target, creator_login=creator_login or "admin", clock=clock,
                                write_deadline=write_deadline, busy_timeout=busy_timeout)
        try:
            folder_missing = not path.parent.is_dir()
        except OSError as exc:
            raise _unreachable_or(exc, path) from exc
        if folder_missing:
            # `init` would refuse here too (it never creates folders: an unmounted drive must
            # not turn into an empty local one), so the hint says to create the folder first.
            raise DatabaseMissing("store.missing_with_folder", path=str(path), folder=str(path.parent))
        raise DatabaseMissing(path=str(path))

    mode = "ro" if location.read_only else "rw"
    db = sqlite_database(path, mode, busy_timeout)
    database_proxy.initialize(db)
    store = Store(db, location, write_deadline=write_deadline, clock=clock)
    try:
        # Inside a read: a colleague's commit in progress is waited for like any other read.
        store.read(_check_sqlite, store, path)
    except StoreError:
        store.close()
        raise
    except (peewee.DatabaseError, sqlite3.Error, OSError) as exc:
        error = store._translate(exc, errors.classify(exc))
        raise error from exc
    if location.read_only:
        store.health.read_only_reason = "readonly"
    elif not store.known_read_only:
        # Asked when someone needs to know (`Store.read_only`), not by every command.
        store.probe_pending = True
    if migrate and store.health.schema_version < schema.SCHEMA_VERSION and not store.read_only:
        schema.upgrade(store)
    return _with_identity(store)


def _with_identity(store: Store) -> Store:
    """Attach the database's identity, giving an older file one on its first writable open."""
    if store.database_id:
        return store  # read with the file's checks
    try:
        store.database_id = ensure_identity(store)
    except DatabaseUnavailable:
        # Busy past the deadline or gone again: the path stands in until the next open.
        store.database_id = None
    return store


def _check_sqlite(store: Store, path: Path) -> None:
    db = store.db
    app_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
    version = db.execute_sql("PRAGMA user_version").fetchone()[0]
    if app_id != schema.APPLICATION_ID:
        raise NotHerotuiDatabase(path=str(path))
    if version > schema.SCHEMA_VERSION:
        raise SchemaTooNew(path=str(path), found=version, known=schema.SCHEMA_VERSION)
    store.health.schema_version = version
    if version == schema.SCHEMA_VERSION:
        # In the same read as the checks: one lock and one read fewer than reading it apart.
        # (An older file gets it after its upgrade, in `_with_identity`.)
        from herotui.store.identity import read_identity

        store.database_id = read_identity(db)
    journal = db.execute_sql("PRAGMA journal_mode").fetchone()[0].lower()
    store.health.journal_mode = journal
    if journal == "wal":
        store.health.read_only_reason = "wal"


def create_store(
    target: str,
    *,
    creator_login: str,
    creator_name: str | None = None,
    clock: Clock | None = None,
    write_deadline: float = 15.0,
    busy_timeout: float = 0.25,
) -> Store:
    """Create a new herotui database (an explicit first-time setup). Refuses to overwrite."""
    location = parse_location(target)
    clock = clock or default_clock()
    if location.kind == "postgresql":
        return _with_identity(create_postgres(location, creator_login=creator_login, creator_name=creator_name,
                                              clock=clock, write_deadline=write_deadline))
    path = location.path
    assert path is not None
    try:
        if path.exists() and (path.is_dir() or path.stat().st_size > 0):
            raise DatabaseExists(path=str(path))
        if not path.parent.is_dir():
            raise DatabaseMissing("store.missing_folder", path=str(path.parent))
    except OSError as exc:
        raise _unreachable_or(exc, path) from exc
    db = sqlite_database(path, "rwc", busy_timeout)
    database_proxy.initialize(db)
    store = Store(db, location, write_deadline=write_deadline, clock=clock)
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("PRAGMA journal_mode=DELETE")
        store.health.journal_mode = "delete"

        def create() -> None:
            schema.create_schema(db, clock.now(), creator_login, creator_name)
            # Header fields are transactional: a crash leaves either nothing or a stamped file.
            db.execute_sql(f"PRAGMA application_id={schema.APPLICATION_ID}")
            db.execute_sql(f"PRAGMA user_version={schema.SCHEMA_VERSION}")

        store.write(create)
        store.health.schema_version = schema.SCHEMA_VERSION
        _with_identity(store)
    except (peewee.DatabaseError, sqlite3.Error, OSError) as exc:
        store.close()
        raise store._translate(exc, errors.classify(exc)) from exc
    return store


# -- PostgreSQL --------------------------------------------------------------------------------


def open_postgres(location: Location, *, write_deadline: float = 15.0, clock: Clock | None = None,
                  migrate: bool = True, **_: object) -> Store:
    """Open an existing herotui schema on a PostgreSQL server. Raises `DatabaseUnavailable`
    when the server cannot be reached, `NotHerotuiDatabase` for a database without herotui's
    meta table, `SchemaTooNew` for a newer schema; upgrades an older one when `migrate`."""
    from herotui.store.pg_identity import signed_in_role
    from herotui.store.postgres import _connect, _database, _meta

    db = _database(location, write_deadline)
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
        store.server_login = store.read(signed_in_role, db)
        store.health.extras["identity"] = "server" if store.server_login else "shared"
    except StoreError:
        store.close()
        raise
    if migrate and version < schema.SCHEMA_VERSION:
        schema.upgrade(store)
    return store


def create_postgres(location: Location, *, creator_login: str, creator_name: str | None = None,
                    clock: Clock | None = None, write_deadline: float = 15.0, **_: object) -> Store:
    """Create the schema in an empty database; refuse one that already has tables."""
    import herotui.store.search_pg as search_pg
    from herotui.store.postgres import _connect, _database

    clock = clock or default_clock()
    db = _database(location, write_deadline)
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
