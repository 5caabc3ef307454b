"""Schema v4: a version-1 database (SQLite file or PostgreSQL) gains focus-area priorities on open."""

from __future__ import annotations

from playhouse.migrate import SchemaMigrator, migrate

from herotui.services.hero import Hero
from herotui.store import open_store
from herotui.store.schema import SCHEMA_VERSION


def _make_version_one(store) -> None:
    """Take away what v4 added, as a database made by the first release looks."""
    db = store.db
    migrator = SchemaMigrator.from_database(db)

    def write() -> None:
        migrate(
            migrator.drop_index("learning_session", "learning_session_status_started_at"),
            migrator.drop_index("share", "share_created_at_person_id"),
            migrator.drop_index("reaction", "reaction_created_at_share_id_person_id"),
            migrator.drop_column("focus_area", "priority"),
            migrator.drop_column("focus_area", "target_minutes"),
        )

    store.write(write)
    # And what the other versions added (the version-2 upgrade's own test knows what that is).
    from tests.test_swedish_letters import _downgrade_to_v1

    _downgrade_to_v1(store)


def test_upgrade_from_version_one_adds_priority_and_target(db_target, clock, outbox):
    store = open_store(db_target, clock=clock)
    erik = Hero(store, "erik", clock=clock, outbox=outbox)
    erik.people.ensure_me()
    erik.shares.post("https://example.com/a", "A", "article", ["Arbetsrätt"])
    _make_version_one(store)
    assert "priority" not in {c.name for c in store.db.get_columns("focus_area")}
    store.close()

    store = open_store(db_target, clock=clock)
    try:
        assert store.health.schema_version == SCHEMA_VERSION >= 4
        assert {"priority", "target_minutes"} <= {c.name for c in store.db.get_columns("focus_area")}
        assert "learning_session_status_started_at" in {i.name for i in store.db.get_indexes("learning_session")}
        assert "share_created_at_person_id" in {i.name for i in store.db.get_indexes("share")}
        assert "reaction_created_at_share_id_person_id" in {i.name for i in store.db.get_indexes("reaction")}
        hero = Hero(store, "anna", clock=clock, outbox=outbox)
        areas = hero.areas.list()
        assert areas and all(a.priority == "normal" and a.target_minutes is None for a in areas)
        counts = {a.name: a.shares for a in hero.shares.area_counts()}
        assert counts["Arbetsrätt"] == 1, "the upgrade keeps every area's links"
        assert hero.areas.set_priority("Arbetsrätt", "high").priority == "high"
        assert hero.insights.overview("quarter").rows[0].name == "Arbetsrätt"
    finally:
        store.close()
