"""Schema creation, the version stamp and the migration path."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

import peewee

from herotui.store import models as m

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator
    from herotui.store.database import Store

APPLICATION_ID = 0x4845524F  # "HERO"
SCHEMA_VERSION = 7

DEFAULT_SETTINGS: dict[str, object] = {
    "weekly_goal_minutes": 60,
    "long_timer_hours": 3,
    "timezone": "Europe/Stockholm",
    "breakfast_rule": {"nth": 1, "weekday": 5, "start": "08:00", "minutes": 60},
    "holiday_country": "SE",
    "breakfast_on_holiday": "next",
    "breakfast_months_off": [],
    "waitlist_reserve_hours": 48,
    "min_group_size": 5,
}
FIRST_WEEK = "0001-01-01"
"""`GoalWeek.week_start` of the goal that applied before any change was recorded."""

DEFAULT_FOCUS_AREAS = (
    "Rekrytering",
    "Arbetsrätt",
    "Ledarskap",
    "AI i HR",
    "Arbetsmiljö",
    "Kompetensutveckling",
    "Förändringsledning",
    "Lön och förmåner",
)

# playhouse.migrate is imported only to migrate: it imports psycopg (see herotui/drivers.py).
Migration = Callable[[peewee.Database, "SchemaMigrator"], None]
# version -> step that brings a database from version-1 to version. Each runs in one transaction
# after a backup of the file has been written beside it.
MIGRATIONS: dict[int, Migration] = {}


def _v7_links_and_search(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Version 7 (issue 14): links are compared by the written rules of `herotui.store.urls`, and
    search finds parts of words the Swedish way. Every share's `url_key` is computed again, and
    the search table is rebuilt in its new shape (FTS5 trigram on SQLite, `pg_trgm` on
    PostgreSQL; see `herotui.store.search`)."""
    from herotui.store import search, search_pg
    from herotui.store.urls import normalise_url

    last = 0
    while True:
        rows = list(m.Share.select(m.Share.id, m.Share.url, m.Share.url_key).where(m.Share.id > last)
                    .order_by(m.Share.id).limit(2000).tuples())
        if not rows:
            break
        for share_id, url, old_key in rows:
            key = normalise_url(url) if url else ""
            if key != old_key:
                m.Share.update(url_key=key).where(m.Share.id == share_id).execute()
        last = rows[-1][0]
    if search.has_fts(db):
        db.execute_sql("DROP TABLE IF EXISTS share_search")
        search.create_sqlite_index(db)
        search.forget_kind(db)
    else:
        # Altered, not dropped: the table keeps its grants and row-level policies (server identity).
        db.execute_sql("DROP INDEX IF EXISTS share_search_document")
        db.execute_sql("ALTER TABLE IF EXISTS share_search DROP COLUMN IF EXISTS document")
        db.execute_sql("ALTER TABLE IF EXISTS share_search ADD COLUMN IF NOT EXISTS doc TEXT NOT NULL DEFAULT ''")
        db.execute_sql("ALTER TABLE IF EXISTS share_search ALTER COLUMN doc DROP DEFAULT")
        search_pg.create_postgres_index(db)
    search.rebuild_index(db)


MIGRATIONS[7] = _v7_links_and_search


def _v3_revisions_turns_goal_history(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Version 3 (issue 14): `breakfast_slot.revision`, waitlist reservations, goal history."""
    from playhouse.migrate import migrate

    table = m.BreakfastSlot._meta.table_name
    if "revision" not in {c.name for c in db.get_columns(table)}:
        migrate(migrator.add_column(table, "revision", m.BreakfastSlot.revision))
    # Calendars may hold files exported before: start at the SEQUENCE those carried (moved + cancelled)
    # so that the next change still counts up past it.
    m.BreakfastSlot.update(
        revision=peewee.Case(None, [(m.BreakfastSlot.moved_from.is_null(False), 1)], 0)
        + peewee.Case(None, [(m.BreakfastSlot.status == "cancelled", 1)], 0)
    ).execute()
    db.create_tables([m.WaitlistTurn, m.GoalWeek])
    row = m.OrgSetting.get_or_none(m.OrgSetting.key == "weekly_goal_minutes")
    goal = json.loads(row.value) if row is not None else DEFAULT_SETTINGS["weekly_goal_minutes"]
    # When it was set is not known: the goal applied from the start, so that is its moment (a fixed
    # value, not this computer's clock, which a migration has no business reading).
    since = datetime(1, 1, 1, tzinfo=timezone.utc)
    m.GoalWeek.insert(week_start=FIRST_WEEK, minutes=int(goal), set_at=since).on_conflict_ignore().execute()


MIGRATIONS[3] = _v3_revisions_turns_goal_history


def _v4_area_priorities(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Focus areas get a priority and an optional quarterly target; indexes for the insights' range scans."""
    from playhouse.migrate import migrate

    columns = {c.name for c in db.get_columns("focus_area")}
    operations = []
    if "priority" not in columns:
        operations.append(migrator.add_column("focus_area", "priority", m.FocusArea.priority))
    if "target_minutes" not in columns:
        operations.append(migrator.add_column("focus_area", "target_minutes", m.FocusArea.target_minutes))
    wanted = {
        "learning_session": ("status", "started_at"),
        "share": ("created_at", "person_id"),
        "reaction": ("created_at", "share_id", "person_id"),
    }
    for table, columns in wanted.items():
        name = f"{table}_{'_'.join(columns)}"
        if name not in {i.name for i in db.get_indexes(table)}:
            operations.append(migrator.add_index(table, columns, False))
    migrate(*operations)


MIGRATIONS[4] = _v4_area_priorities


def create_schema(db: peewee.Database, now: datetime, creator_login: str, creator_name: str | None) -> None:
    db.create_tables(m.ALL_MODELS)
    if isinstance(db, peewee.SqliteDatabase):
        from herotui.store import search

        search.create_sqlite_index(db)
    m.StoreMeta.insert_many(
        [
            {"key": "application_id", "value": str(APPLICATION_ID)},
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            # The database's identity: the outbox and known-databases list key on it (issue 15).
            {"key": "database_uuid", "value": str(uuid.uuid4())},
        ]
    ).execute()
    m.OrgSetting.insert_many(
        [{"key": k, "value": json.dumps(v), "updated_at": now} for k, v in DEFAULT_SETTINGS.items()]
    ).execute()
    m.GoalWeek.insert(week_start=FIRST_WEEK, minutes=DEFAULT_SETTINGS["weekly_goal_minutes"], set_at=now).execute()
    m.FocusArea.insert_many([{"name": name, "created_at": now} for name in DEFAULT_FOCUS_AREAS]).execute()
    m.Person.create(
        login=creator_login,
        display_name=creator_name or creator_login,
        is_admin=True,
        named_display_set=bool(creator_name),
        created_at=now,
    )


def upgrade(store: "Store") -> None:
    """Bring an older database up to `SCHEMA_VERSION`, backing it up first."""
    from herotui.store.backup import backup_before_migration

    current = store.health.schema_version
    if current >= SCHEMA_VERSION:
        return
    backup_before_migration(store, current)
    from playhouse.migrate import SchemaMigrator

    migrator = SchemaMigrator.from_database(store.db)
    # Steps are taken in order of their version; a version without a step (numbers are handed out
    # per feature, so there may be gaps) only moves the stamp.
    for version in sorted(v for v in MIGRATIONS if current < v <= SCHEMA_VERSION):
        step = MIGRATIONS[version]

        def apply(step: Migration = step, version: int = version) -> None:
            step(store.db, migrator)
            set_version(store.db, version)

        store.write(apply)
        store.health.schema_version = version
    if store.health.schema_version < SCHEMA_VERSION:
        store.write(lambda: set_version(store.db, SCHEMA_VERSION))
        store.health.schema_version = SCHEMA_VERSION


def set_version(db: peewee.Database, version: int) -> None:
    from herotui.store.upsert import upsert

    upsert(m.StoreMeta, m.StoreMeta.key, {"key": "schema_version", "value": str(version)})
    if isinstance(db, peewee.SqliteDatabase):
        db.execute_sql(f"PRAGMA user_version={int(version)}")


def _v2_casefold_keys(db: peewee.Database, migrator: "SchemaMigrator") -> None:
    """Version 2: case-folded keys (`herotui.store.migration_v2`, loaded only for an upgrade)."""
    from herotui.store import migration_v2

    migration_v2.step(db, migrator)


MIGRATIONS[2] = _v2_casefold_keys
