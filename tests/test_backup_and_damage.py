"""Backups while colleagues write, the backup before a migration, and damaged files."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest

from herotui.cli import main
from herotui.demo import DemoSize, populate
from herotui.store import open_store, schema
from herotui.store.errors import DatabaseCorrupt, DatabaseReadOnly
from herotui.store.models import Person, Share


def test_backup_is_consistent_while_someone_writes(db_path, tmp_path, capsys):
    stop = threading.Event()

    def keep_writing() -> None:
        conn = sqlite3.connect(db_path, timeout=10, isolation_level=None)
        index = 0
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO person (uuid, login, login_key, display_name, is_admin, named_in_pulse, "
                         "named_display_set, created_at) VALUES (?, ?, ?, ?, 0, 0, 0, 0)",
                         (f"u{index}", f"bulk{index}", f"bulk{index}", "x"))
            conn.execute("COMMIT")
            index += 1
            time.sleep(0.003)  # busy colleagues, not a loop that never lets go of the lock
        conn.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        assert main(["backup", str(tmp_path / "copy.db"), "--db", str(db_path)]) == 0
    finally:
        stop.set()
        writer.join()
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    copy.close()
    capsys.readouterr()
    assert main(["doctor", "--db", str(db_path), "--json"]) == 0
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert "copy.db" in checks["backup"]["detail"]


def test_backup_refuses_to_overwrite(db_path, tmp_path, capsys):
    target = tmp_path / "copy.db"
    target.write_text("precious")
    assert main(["backup", str(target), "--db", str(db_path)]) == 1
    assert target.read_text() == "precious"


def test_a_migration_backs_the_file_up_first(db_path, monkeypatch, clock):
    def add_column(db, migrator) -> None:
        db.execute_sql("ALTER TABLE person ADD COLUMN pronouns TEXT")

    # One version past the current one, whatever that is (versions are handed out per feature).
    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(schema.MIGRATIONS, current + 1, add_column)
    store = open_store(str(db_path), clock=clock)
    assert store.health.schema_version == current + 1
    assert store.db.execute_sql("PRAGMA user_version").fetchone()[0] == current + 1
    store.close()
    backups = list(db_path.parent.glob(f"hero.db.v{current}-*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == current
    old.close()


def test_a_damaged_file_is_reported_and_never_written(db_path, clock):
    store = open_store(str(db_path), clock=clock)
    populate(store, size=DemoSize(people=5, shares=400, sessions=0, breakfast_months_back=0,
                                  breakfast_months_ahead=0))
    store.close()
    raw = bytearray(db_path.read_bytes())
    page_size = 4096
    for page in range(4, len(raw) // page_size - 1):
        raw[page * page_size + 100: page * page_size + 400] = b"\xff" * 300
    db_path.write_bytes(bytes(raw))

    damaged = db_path.read_bytes()
    try:
        store = open_store(str(db_path), clock=clock)
    except DatabaseCorrupt as caught:  # found while checking the file on open
        assert "damaged" in caught.message()
        assert db_path.read_bytes() == damaged
        return
    with pytest.raises(DatabaseCorrupt) as caught:
        store.read(lambda: [s.title for s in Share.select()])
    assert "damaged" in caught.value.message()
    with pytest.raises(DatabaseReadOnly):
        store.write(lambda: Person.update(display_name="x").execute())
    assert db_path.read_bytes() == damaged
    store.close()
