"""When the drive misbehaves: writes wait in the outbox and are sent exactly once afterwards."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from herotui.services.actions import Queued, action, replay
from herotui.services.people import person_row
from herotui.store import open_store
from herotui.store.errors import DatabaseReadOnly
from herotui.store.models import HolidayWeek, Person


@action("test.holiday")
def _mark_holiday(hero, payload):
    """A minimal idempotent action: one row keyed by (person, week)."""
    person = person_row(hero, payload["login"])
    HolidayWeek.insert(person=person.id, week_start=payload["week"]).on_conflict_ignore().execute()
    return payload["week"]


def holidays(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    rows = [r[0] for r in conn.execute("SELECT week_start FROM holiday_week ORDER BY week_start")]
    conn.close()
    return rows


def hold_lock(db_path, seconds: float) -> threading.Thread:
    started = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        started.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    started.wait()
    return thread


def test_a_lock_held_two_seconds_is_waited_for(hero, db_path):
    hero.store.write_deadline = 6
    holder = hold_lock(db_path, 2.0)
    begin = time.monotonic()
    assert hero.submit("test.holiday", {"week": "2026-11-23"}) == "2026-11-23"
    assert time.monotonic() - begin >= 1.5
    holder.join()
    assert holidays(db_path) == ["2026-11-23"]


def test_a_lock_held_past_the_deadline_sends_the_write_to_the_outbox(hero, db_path):
    hero.store.write_deadline = 0.5
    holder = hold_lock(db_path, 2.0)
    result = hero.submit("test.holiday", {"week": "2026-11-23"})
    assert isinstance(result, Queued)
    assert hero.pending_count() == 1
    holder.join()
    report = replay(hero)
    assert report.sent == [result.uuid] and hero.pending_count() == 0
    assert replay(hero).sent == []
    assert holidays(db_path) == ["2026-11-23"]


def test_replaying_an_entry_that_already_arrived_adds_nothing(hero, db_path):
    payload = {"uuid": "3f0c7c1e-0000-4000-8000-000000000001", "login": "anna",
               "at": hero.now().isoformat(), "week": "2026-11-30"}
    hero.submit("test.holiday", payload)
    # The commit went through but the answer was lost: the same entry is still in the outbox.
    hero.outbox.add(payload["uuid"], "test.holiday", payload, hero.store.database_key, hero.now())
    assert replay(hero).sent == [payload["uuid"]]
    assert replay(hero).sent == []
    assert holidays(db_path) == ["2026-11-30"]


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_the_drive_vanishing_and_coming_back(hero, db_path):
    folder = db_path.parent
    away = folder.with_name("team-unmounted")
    folder.rename(away)
    try:
        first = hero.submit("test.holiday", {"week": "2026-11-23"})
        second = hero.submit("test.holiday", {"week": "2026-11-30"})
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
    rows_before = holidays(db_path)
    weeks = [f"2026-{m:02d}-01" for m in range(1, 13)]
    results = []
    for week in weeks:
        # Enough new rows that the table must grow.
        results.append(hero.submit("test.holiday", {"week": week + "-" + "z" * 3000}))
    assert any(isinstance(r, Queued) for r in results)
    db.execute_sql("PRAGMA max_page_count=1073741823")
    replay(hero)
    assert hero.pending_count() == 0
    stored = holidays(db_path)
    assert len(stored) == len(rows_before) + len(weeks)
    assert len(set(stored)) == len(stored)


def test_read_only_file_explains_and_queues_nothing(db_path, hero_for, clock):
    store = open_store(f"file:{db_path}?mode=ro", clock=clock)
    from herotui.services.hero import Hero

    reader = Hero(store, "anna", clock=clock, outbox=hero_for("anna").outbox)
    with pytest.raises(DatabaseReadOnly) as caught:
        reader.submit("test.holiday", {"week": "2026-11-23"})
    assert "read-only" in caught.value.message()
    assert reader.pending_count() == 0
    assert store.read(lambda: Person.select().count()) >= 1


def test_switch_to_wal_behind_the_apps_back_stops_writes(hero, db_path):
    hero.submit("test.holiday", {"week": "2026-11-23"})
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    with pytest.raises(DatabaseReadOnly) as caught:
        hero.submit("test.holiday", {"week": "2026-11-30"})
    assert "WAL" in caught.value.message()
    assert hero.pending_count() == 0
    hero.store.close()  # as the message says: close every herotui, then switch back
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    conn.close()
    assert holidays(db_path) == ["2026-11-23"]
