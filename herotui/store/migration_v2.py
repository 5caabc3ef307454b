"""Schema version 2: folded keys for names and logins, and overlap bookkeeping for sessions.

- `person.login_key` and `focus_area.name_key` hold `herotui.collation.fold()` of the login and the
  area name, each with a unique index: SQLite's `LOWER()` folds ASCII only, so "Återkoppling" and
  "ÅTERKOPPLING" were two areas, and Windows' `Anna.Berg` and `anna.berg` two people.
- Rows that already differ only in case are merged into the oldest one (lowest id), whose spelling
  is kept: an area's shares, sessions and breakfasts move to it; a person's sessions, shares,
  reactions, bookings and admin right move to them. Links that would then be duplicates (the same
  share marked useful under both spellings) are dropped, and a second live timer is stopped as it
  stood. What was merged is written to `herotui_meta` under `merged_case_duplicates` (JSON) and
  logged as a warning.
- `learning_session.overlap_minutes` and `overlap_kept` (see the model).

The key columns are added as NULL-able with a backfill rather than NOT NULL: on SQLite, playhouse's
`add_not_null` rebuilds the table, and dropping a referenced table with `foreign_keys=ON` would
cascade-delete its links inside this very transaction. The models always write the keys.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict

import peewee
from playhouse.migrate import SchemaMigrator, migrate

from herotui.collation import fold
import herotui.store.models as m

log = logging.getLogger(__name__)


def _groups(model, source: str) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    field = getattr(model, source)
    for row_id, value in model.select(model.id, field).order_by(model.id).tuples():
        found[fold(value)].append((row_id, value))
    return found


def _repoint(model, field: peewee.ForeignKeyField, old: int, new: int, db: peewee.Database) -> None:
    """Move every row of `model` whose `field` is `old` to `new`; drop rows that would clash."""
    pk_fields = model._meta.get_primary_keys()
    for row in list(model.select().where(field == old)):
        where = [pk == getattr(row, pk.name + ("_id" if isinstance(pk, peewee.ForeignKeyField) else ""))
                 for pk in pk_fields]
        try:
            with db.atomic():
                model.update({field: new}).where(*where).execute()
        except peewee.IntegrityError:
            if model is m.LearningSession and row.status in ("running", "paused"):
                # The keeper has a live timer already: this one stops as it stood.
                with db.atomic():
                    model.update(status="done", ended_at=row.paused_at or row.updated_at, paused_at=None,
                                 minutes=max(row.minutes, 1), person=new).where(*where).execute()
                continue
            model.delete().where(*where).execute()


def _merge(target, row_ids: list[int], db: peewee.Database) -> None:
    keeper, *others = row_ids
    for model in m.ALL_MODELS:
        for field in model._meta.refs:
            if field.rel_model is target:
                for other in others:
                    _repoint(model, field, other, keeper, db)
    if target is m.Person:
        admin = m.Person.select().where(m.Person.id.in_(row_ids) & (m.Person.is_admin == True)).exists()  # noqa: E712
        if admin:
            m.Person.update(is_admin=True).where(m.Person.id == keeper).execute()
    target.delete().where(target.id.in_(others)).execute()


def step(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Add the v2 columns, merge case-only duplicates, backfill keys and index them uniquely."""
    migrate(
        migrator.add_column("person", "login_key", peewee.CharField(max_length=400, null=True)),
        migrator.add_column("focus_area", "name_key", peewee.CharField(max_length=400, null=True)),
    )
    # NOT NULL with a default the database itself applies: one statement on both backends, and
    # rows written without the column (older tools, raw SQL) still get 0 / false.
    boolean = "INTEGER" if isinstance(db, peewee.SqliteDatabase) else "BOOLEAN"
    db.execute_sql("ALTER TABLE learning_session ADD COLUMN overlap_minutes INTEGER NOT NULL DEFAULT 0")
    db.execute_sql(f"ALTER TABLE learning_session ADD COLUMN overlap_kept {boolean} NOT NULL DEFAULT FALSE")
    merged: dict[str, list[list[str]]] = {"people": [], "areas": []}
    for target, source, label in ((m.FocusArea, "name", "areas"), (m.Person, "login", "people")):
        for key, rows in _groups(target, source).items():
            if len(rows) > 1:
                _merge(target, [row_id for row_id, _ in rows], db)
                merged[label].append([value for _, value in rows])
            key_field = getattr(target, target._keyed[1])
            target.update({key_field: key}).where(target.id == rows[0][0]).execute()
    migrate(
        migrator.add_index("person", ("login_key",), unique=True),
        migrator.add_index("focus_area", ("name_key",), unique=True),
    )
    if merged["people"] or merged["areas"]:
        log.warning("herotui schema v2 merged names that differed only in case: %s", merged)
        from herotui.store.upsert import upsert

        upsert(m.StoreMeta, m.StoreMeta.key, {"key": "merged_case_duplicates",
                                              "value": json.dumps(merged, ensure_ascii=False)})
