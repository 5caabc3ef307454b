"""When the drive misbehaves: writes wait in the outbox and are sent exactly once afterwards."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from herotui.services.actions import Queued, replay
from herotui.services.learning import make_draft
from herotui.store import open_store
from herotui.store.errors import DatabaseBusy, DatabaseReadOnly, DatabaseUnavailable
from herotui.store.models import Person
from conftest import LockHolder

# The production action "learning.holiday" is the smallest idempotent write: one row keyed by
# (person, week). Tests use it as it is rather than registering actions of their own.
HOLIDAY = "learning.holiday"


def holiday(week: str) -> dict:
    return {"week_start": week, "on": True}


def session_titles(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    rows = [r[0] for r in conn.execute("SELECT title FROM learning_session")]
    conn.close()
    return rows


def holidays(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    rows = [r[0] for r in conn.execute("SELECT week_start FROM holiday_week ORDER BY week_start")]
    conn.close()
    return rows


def test_a_lock_held_for_a_while_is_waited_for(hero, db_path):
    hero.store.write_deadline = 30
    holder = LockHolder(db_path)
    outcome: list = []
    writer = threading.Thread(target=lambda: outcome.append(hero.submit(HOLIDAY, holiday("2026-11-23"))))
    writer.start()
    # While the lock is held the write neither completes nor gives up.
    writer.join(1.0)
    assert writer.is_alive() and outcome == []
    holder.release()
    writer.join(30)
    assert outcome == [True]
    assert holidays(db_path) == ["2026-11-23"] and hero.pending_count() == 0


def test_a_lock_held_past_the_deadline_is_busy_not_offline(hero, db_path):
    """The drive answers: a write that never got the lock is "busy, try again", not queued as
    offline (issue 12: queued claims all lost later to whoever synced first)."""
    hero.store.write_deadline = 0.5
    holder = LockHolder(db_path)
    try:
        with pytest.raises(DatabaseBusy) as caught:
            hero.submit(HOLIDAY, holiday("2026-11-23"))
        assert not isinstance(caught.value, DatabaseUnavailable)
        assert "try again" in caught.value.message()
        assert hero.pending_count() == 0
    finally:
        holder.release()
    assert holidays(db_path) == []


def test_replaying_an_entry_that_already_arrived_adds_nothing(hero, db_path):
    payload = {"uuid": "3f0c7c1e-0000-4000-8000-000000000001", "login": "anna",
               "at": hero.now().isoformat(), **holiday("2026-11-30")}
    hero.submit(HOLIDAY, payload)
    # The commit went through but the answer was lost: the same entry is still in the outbox.
    hero.outbox.add(payload["uuid"], HOLIDAY, payload, hero.store.database_key, hero.now())
    assert replay(hero).sent == [payload["uuid"]]
    assert replay(hero).sent == []
    assert holidays(db_path) == ["2026-11-30"]


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_the_drive_vanishing_and_coming_back(hero, db_path):
    folder = db_path.parent
    away = folder.with_name("team-unmounted")
    folder.rename(away)
    try:
        first = hero.submit(HOLIDAY, holiday("2026-11-23"))
        second = hero.submit(HOLIDAY, holiday("2026-11-30"))
        assert isinstance(first, Queued) and isinstance(second, Queued)
        assert replay(hero).waiting == 2
        assert not folder.exists()  # nothing was created where the share used to be
    finally:
        away.rename(folder)
    report = replay(hero)
    assert report.sent == [first.uuid, second.uuid]
    assert holidays(db_path) == ["2026-11-23", "2026-11-30"]
    assert replay(hero).sent == []


def test_full_drive_goes_to_the_outbox_and_is_sent_later(hero, db_path):
    db = hero.store.db
    db.execute_sql("PRAGMA max_page_count=1")  # below the current size: every growth fails
    titles_before = session_titles(db_path)
    titles = [f"Kurs {n} " + "z" * 180 for n in range(12)]
    results = []
    for title in titles:
        # Long notes, so that the tables must grow.
        results.append(hero.learning.log(30, make_draft(title=title, note="n" * 3000)))
    assert any(isinstance(r, Queued) for r in results)
    db.execute_sql("PRAGMA max_page_count=1073741823")
    replay(hero)
    assert hero.pending_count() == 0
    stored = session_titles(db_path)
    assert sorted(stored) == sorted(titles_before + titles)


def test_read_only_file_explains_and_queues_nothing(db_path, hero_for, clock):
    store = open_store(f"file:{db_path}?mode=ro", clock=clock)
    from herotui.services.hero import Hero

    reader = Hero(store, "anna", clock=clock, outbox=hero_for("anna").outbox)
    with pytest.raises(DatabaseReadOnly) as caught:
        reader.submit(HOLIDAY, holiday("2026-11-23"))
    assert "read-only" in caught.value.message()
    assert reader.pending_count() == 0
    assert store.read(lambda: Person.select().count()) >= 1


def test_switch_to_wal_behind_the_apps_back_stops_writes(hero, db_path):
    hero.submit(HOLIDAY, holiday("2026-11-23"))
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    with pytest.raises(DatabaseReadOnly) as caught:
        hero.submit(HOLIDAY, holiday("2026-11-30"))
    assert "WAL" in caught.value.message()
    assert hero.pending_count() == 0
    hero.store.close()  # as the message says: close every herotui, then switch back
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    conn.close()
    assert holidays(db_path) == ["2026-11-23"]
