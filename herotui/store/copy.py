"""`herotui migrate`: copy a team's shared SQLite file into PostgreSQL, in one transaction.

A fresh target gets every row with its ids and UUIDs as they were. With `merge`, each row is
recognised, copied, updated or listed as a conflict by the rules in `herotui.store.merge`, its
references translated to the target's ids; the whole merge is one transaction, so a failure
leaves the target as it was.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import peewee

import herotui.store.schema as schema
import herotui.store.search as search
import herotui.store.search_pg as search_pg
from herotui.store.errors import DatabaseExists, NotHerotuiDatabase, SchemaTooNew, StoreError
from herotui.store.location import sqlite_uri
from herotui.store.merge import Conflict, TableMerge, TableMerger
from herotui.store.models import ALL_MODELS, StoreMeta

_BATCH = 500

# progress(table, rows done, rows in the table): called as a table advances (every batch).
Progress = Callable[[str, int, int], None]


@dataclass
class MigrationReport:
    """Per table what was copied / updated / kept / conflicting, and each conflict."""

    tables: list[TableMerge]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)


class MigrationRefused(StoreError):
    key = "migrate.refused"
    exit_code = 1


def _open_source(path: Path) -> sqlite3.Connection:
    from herotui.store.errors import store_error_for_os_error

    try:
        # Python 3.11's is_file() raises on a share that went away (EHOSTDOWN, ENOTCONN, EIO).
        is_file = path.is_file()
    except OSError as exc:
        raise store_error_for_os_error(exc, path) from exc
    if not is_file:
        from herotui.store.errors import DatabaseMissing

        raise DatabaseMissing(path=str(path))
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise NotHerotuiDatabase(path=str(path)) from exc
    if app_id != schema.APPLICATION_ID:
        conn.close()
        raise NotHerotuiDatabase(path=str(path))
    if version != schema.SCHEMA_VERSION:
        conn.close()
        raise SchemaTooNew(path=str(path), found=version, known=schema.SCHEMA_VERSION)
    return conn


def _rows(conn: sqlite3.Connection, model: type[peewee.Model]):
    """The file's rows as {field name: Python value} (timestamps as aware datetimes, booleans)."""
    table = model._meta.table_name
    cursor = conn.execute(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]
    by_column = {f.column_name: f for f in model._meta.sorted_fields}
    for raw in cursor:
        yield {by_column[c].name: (by_column[c].python_value(v) if v is not None else None)
               for c, v in zip(columns, raw) if c in by_column}


def _count(conn: sqlite3.Connection, model) -> int:
    return conn.execute(f'SELECT COUNT(*) FROM "{model._meta.table_name}"').fetchone()[0]


def _has_data(db: peewee.Database) -> bool:
    return any(model.select().exists() for model in ALL_MODELS if model is not StoreMeta)


def copy_to_postgres(source: Path, target: str, *, merge: bool = False,
                     progress: Progress | None = None) -> MigrationReport:
    """Copy every table of `source` into the PostgreSQL database `target`.

    Raises `MigrationRefused` when the target is not PostgreSQL or already has data and `merge`
    is off; `DatabaseExists` when it has tables that are not herotui's; store errors on opening.
    """
    from herotui.store.location import parse_location
    from herotui.store.models import database_proxy
    from herotui.store.postgres import _connect, _database

    src = _open_source(Path(source))
    location = parse_location(target)
    if location.kind != "postgresql":
        raise MigrationRefused("migrate.target_not_postgres")
    db = _database(location)
    _connect(db, location)
    database_proxy.initialize(db)
    report = MigrationReport([])
    try:
        tables = set(db.get_tables())
        fresh = not tables
        if not fresh:
            if "herotui_meta" not in tables:
                raise DatabaseExists("store.pg_not_empty", path=location.display)
            if _has_data(db) and not merge:
                raise MigrationRefused("migrate.target_has_data", path=location.display)
        with db.atomic():
            if fresh:
                db.create_tables(ALL_MODELS)
                search_pg.create_postgres_index(db)
            ids: dict = {}
            replaced: dict = {}
            for model in ALL_MODELS:
                if fresh:
                    report.tables.append(_copy_table(src, model, progress))
                else:
                    report.tables.append(_merge_table(db, src, model, ids, report.conflicts,
                                                      replaced, progress))
            if fresh:
                _reset_sequences(db)
            search.rebuild_index(db)
            db.execute_sql("NOTIFY herotui_changes")
    finally:
        src.close()
        db.close()
    return report


def _copy_table(src: sqlite3.Connection, model, progress: Progress | None) -> TableMerge:
    table = model._meta.table_name
    total = _count(src, model)
    fields = model._meta.fields
    batch: list[dict] = []
    done = 0
    for row in _rows(src, model):
        batch.append({fields[k]: v for k, v in row.items()})
        if len(batch) >= _BATCH:
            model.insert_many(batch).execute()
            done += len(batch)
            batch = []
            if progress:
                progress(table, done, total)
    if batch:
        model.insert_many(batch).execute()
        done += len(batch)
    if progress:
        progress(table, done, total)
    return TableMerge(table, source=done, copied=done)


def _merge_table(db, src, model, ids: dict, conflicts: list, replaced: dict,
                 progress: Progress | None) -> TableMerge:
    merger = TableMerger(db, model, ids, conflicts, replaced)
    total = _count(src, model)
    for row in _rows(src, model):
        merger.merge(row)
        if progress and merger.report.source % _BATCH == 0:
            progress(merger.report.table, merger.report.source, total)
    if progress:
        progress(merger.report.table, merger.report.source, total)
    return merger.report


def _reset_sequences(db: peewee.Database) -> None:
    for model in ALL_MODELS:
        pk = model._meta.primary_key
        if isinstance(pk, peewee.AutoField):
            table = model._meta.table_name
            db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'),"
                f" COALESCE(MAX(\"{pk.column_name}\"), 1), MAX(\"{pk.column_name}\") IS NOT NULL) FROM \"{table}\""
            )
