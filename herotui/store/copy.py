"""`herotui migrate`: copy a team's shared SQLite file into PostgreSQL, in one transaction.

A fresh target gets every row with its ids and UUIDs as they were. With `merge`, rows whose
UUID (or, for people and focus areas, login and name) already exists are kept as they are and
only new rows are added, their references translated to the target's ids.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from herotui.store import schema, search_pg
from herotui.store.errors import DatabaseExists, NotHerotuiDatabase, SchemaTooNew, StoreError
from herotui.store.location import sqlite_uri
from herotui.store.models import ALL_MODELS, FocusArea, Person, StoreMeta

# The folded keys: a merge finds `Anna.Berg` in a target that knows `anna.berg`.
_NATURAL_KEYS = {Person: "login_key", FocusArea: "name_key"}
_BATCH = 500


@dataclass(frozen=True)
class TableCopy:
    table: str
    source: int
    copied: int
    already_there: int

    @property
    def ok(self) -> bool:
        return self.source == self.copied + self.already_there


class MigrationRefused(StoreError):
    key = "migrate.refused"
    exit_code = 1


def _open_source(path: Path) -> sqlite3.Connection:
    if not path.is_file():
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
    table = model._meta.table_name
    cursor = conn.execute(f'SELECT * FROM "{table}"')
    columns = [d[0] for d in cursor.description]
    by_column = {f.column_name: f for f in model._meta.sorted_fields}
    for raw in cursor:
        yield {by_column[c]: v for c, v in zip(columns, raw) if c in by_column}


def _has_data(db: peewee.Database) -> bool:
    return any(model.select().exists() for model in ALL_MODELS if model is not StoreMeta)


def copy_to_postgres(source: Path, target: str, *, merge: bool = False, clock=None) -> list[TableCopy]:
    """Copy every table of `source` into the PostgreSQL database `target`."""
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
            id_maps: dict = {}
            results = [_copy_table(src, model, fresh=fresh, maps=id_maps) for model in ALL_MODELS]
            if fresh:
                _reset_sequences(db)
            search_pg.rebuild_index(db)
            db.execute_sql("NOTIFY herotui_changes")
    finally:
        src.close()
        db.close()
    return results


def _copy_table(src: sqlite3.Connection, model, *, fresh: bool, maps: dict) -> TableCopy:
    table = model._meta.table_name
    source_rows = list(_rows(src, model))
    pk = model._meta.primary_key
    auto_id = isinstance(pk, peewee.AutoField)
    if fresh:
        for start in range(0, len(source_rows), _BATCH):
            model.insert_many(source_rows[start:start + _BATCH]).execute()
        return TableCopy(table, len(source_rows), len(source_rows), 0)
    copied = kept = 0
    id_map = maps.setdefault(model, {})
    foreign = [f for f in model._meta.sorted_fields if isinstance(f, peewee.ForeignKeyField)]
    for row in source_rows:
        for field in foreign:
            if row.get(field) is not None:
                row[field] = maps.get(field.rel_model, {}).get(row[field], row[field])
        existing = _find_existing(model, row)
        if existing is not None:
            kept += 1
            if auto_id:
                id_map[row[pk]] = existing
            continue
        if auto_id:
            old_id = row.pop(pk)
            id_map[old_id] = model.insert(row).execute()
            copied += 1
        else:
            model.insert(row).on_conflict_ignore().execute()
            copied += 1
    return TableCopy(table, len(source_rows), copied, kept)


def _find_existing(model, row) -> object | None:
    """The target's id for a row that is already there (by UUID or natural key), else None."""
    fields = model._meta.fields
    keys = [name for name in ("uuid", _NATURAL_KEYS.get(model)) if name and name in fields]
    for name in keys:
        found = model.select(model._meta.primary_key).where(fields[name] == row[fields[name]]).scalar()
        if found is not None:
            return found
    if keys:
        return None
    pk = model._meta.primary_key
    if isinstance(pk, peewee.CompositeKey):
        clauses = [fields[name] == row[fields[name]] for name in pk.field_names]
        return True if model.select().where(*clauses).exists() else None
    if not isinstance(pk, peewee.AutoField):
        return True if model.select().where(pk == row[pk]).exists() else None
    return None


def _reset_sequences(db: peewee.Database) -> None:
    for model in ALL_MODELS:
        pk = model._meta.primary_key
        if isinstance(pk, peewee.AutoField):
            table = model._meta.table_name
            db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'),"
                f" COALESCE(MAX(\"{pk.column_name}\"), 1), MAX(\"{pk.column_name}\") IS NOT NULL) FROM \"{table}\""
            )
