"""Schema version 3 (issue 14): a version-1 database (SQLite file or PostgreSQL) upgrades in place:
`breakfast_slot.revision` starts at the SEQUENCE files exported before carried (moved + cancelled),
waitlist reservations and goal history get their tables, and the old goal covers the past."""

from __future__ import annotations

from datetime import timedelta

from herotui.services.hero import Hero
from herotui.store import open_store
from herotui.store import schema

from test_swedish_letters import _downgrade_to_v1


def _make_version_1(store) -> None:
    """Take a fresh database back to what version 1 had: without version 3's column and tables, and
    without version 2's keys (the same steps as the version-2 test, so both migrations run)."""
    db = store.db

    def run() -> None:
        db.execute_sql("ALTER TABLE breakfast_slot DROP COLUMN revision")
        db.execute_sql("DROP TABLE waitlist_turn")
        db.execute_sql("DROP TABLE goal_week")

    store.write(run)
    _downgrade_to_v1(store)


def test_a_version_1_database_upgrades_to_3(db_target, clock, outbox):
    store = open_store(db_target, clock=clock, write_deadline=5)
    anna = Hero(store, "anna", clock=clock, outbox=outbox)
    anna.people.ensure_me()
    anna.org.set("weekly_goal_minutes", 75)
    slots = list(anna.breakfast.overview().upcoming)
    moved, cancelled, both = slots[1], slots[2], slots[3]
    anna.breakfast.move(moved.uuid, moved.day + timedelta(days=7))
    anna.breakfast.cancel(cancelled.uuid)
    anna.breakfast.move(both.uuid, both.day + timedelta(days=7))
    anna.breakfast.cancel(both.uuid)
    _make_version_1(store)
    store.close()

    store = open_store(db_target, clock=clock, write_deadline=5)
    from herotui.store.models import GoalWeek  # new in schema 3

    try:
        assert store.health.schema_version == schema.SCHEMA_VERSION >= 3
        anna = Hero(store, "anna", clock=clock, outbox=outbox)
        after = {s.uuid: s.revision for s in anna.breakfast.overview().upcoming}
        assert after[moved.uuid] == 1 and after[cancelled.uuid] == 1 and after[both.uuid] == 2
        assert after[slots[0].uuid] == 0
        assert store.read(lambda: [(g.week_start, g.minutes) for g in GoalWeek.select()]) == [(schema.FIRST_WEEK, 75)]
        # The next change still counts up past what calendars already hold.
        anna.breakfast.cancel(both.uuid, cancelled=False)
        assert anna.breakfast.slot(both.uuid).revision == 3
        assert anna.learning.week().goal == 75
    finally:
        store.close()
