"""The shared-file rules: nothing created by accident, foreign or newer files refused, WAL refused."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from herotui.store import create_store, open_store
from herotui.store.errors import (
    DatabaseBusy,
    DatabaseExists,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseUnavailable,
    NotHerotuiDatabase,
    SchemaTooNew,
)
from herotui.store.location import parse_location, sqlite_uri
from herotui.store.models import Person
from herotui.store.schema import APPLICATION_ID, SCHEMA_VERSION
from conftest import LockHolder


def test_missing_file_is_not_created(tmp_path):
    target = tmp_path / "share" / "hero.db"
    with pytest.raises(DatabaseMissing) as caught:
        open_store(str(target))
    assert not target.exists() and not target.parent.exists()
    assert "is the drive connected?" in caught.value.message()
    assert "herotui init --db" in caught.value.message()


def test_empty_folder_like_an_unmounted_share_creates_nothing(tmp_path):
    mount_point = tmp_path / "S"
    mount_point.mkdir()
    with pytest.raises(DatabaseMissing):
        open_store(str(mount_point / "hero.db"))
    assert list(mount_point.iterdir()) == []


def test_only_the_default_may_be_created(tmp_path):
    target = tmp_path / "hero.db"
    store = open_store(str(target), may_create=True, creator_login="erik")
    assert target.exists()
    assert store.read(lambda: Person.get(Person.login == "erik").is_admin)
    store.close()


@pytest.mark.parametrize("content", [b"", b"just some notes\n" * 10])
def test_non_database_file_is_refused(tmp_path, content):
    target = tmp_path / "hero.db"
    target.write_bytes(content)
    with pytest.raises(NotHerotuiDatabase):
        open_store(str(target))
    assert target.read_bytes() == content


def test_other_sqlite_database_is_refused(tmp_path):
    target = tmp_path / "other.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotHerotuiDatabase):
        open_store(str(target))


def test_newer_schema_is_refused_without_writing(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew) as caught:
        open_store(str(db_path))
    assert "newer herotui" in caught.value.message()
    assert db_path.read_bytes() == before


def test_stamp_and_pragmas(db_path):
    store = open_store(str(db_path))
    db = store.db
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_wal_file_opens_read_only_and_refuses_writes(db_path):
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    store = open_store(str(db_path))
    assert store.read_only and store.health.read_only_reason == "wal"
    assert store.read(lambda: Person.select().count()) == 1
    with pytest.raises(DatabaseReadOnly) as caught:
        store.write(lambda: Person.update(is_admin=False).execute())
    assert "WAL mode" in caught.value.message() and "README" in caught.value.message()
    store.close()


def test_init_refuses_to_overwrite(db_path):
    with pytest.raises(DatabaseExists):
        create_store(str(db_path), creator_login="erik")


def test_read_only_uri_opens_read_only(db_path):
    store = open_store("file:" + str(db_path) + "?mode=ro")
    assert store.read_only
    with pytest.raises(DatabaseReadOnly):
        store.write(lambda: None)
    store.close()


def test_write_waits_for_a_lock_held_briefly(db_path):
    store = open_store(str(db_path), write_deadline=30, busy_timeout=0.2)
    holder = LockHolder(db_path)
    done = threading.Event()

    def write() -> None:
        store.write(lambda: Person.create(login="erik", display_name="Erik", created_at=store.clock.now()))
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    # Several busy timeouts pass while the lock is held: the write keeps waiting.
    assert not done.wait(1.0)
    holder.release()
    writer.join(30)
    assert done.is_set()
    assert store.read(lambda: Person.select().where(Person.login == "erik").count()) == 1
    store.close()


def test_write_gives_up_after_the_deadline(db_path):
    store = open_store(str(db_path), write_deadline=0.5, busy_timeout=0.1)
    holder = LockHolder(db_path)
    try:
        with pytest.raises(DatabaseBusy) as caught:
            store.write(lambda: Person.create(login="erik", display_name="Erik", created_at=store.clock.now()))
        # The drive answered: busy is not an outage, so nothing goes to the outbox (issue 12).
        assert not isinstance(caught.value, DatabaseUnavailable)
    finally:
        holder.release()
    assert store.read(lambda: Person.select().where(Person.login == "erik").count()) == 0
    store.close()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/team/hero.db", "file:///mnt/team/hero.db?mode=rw"),
        ("/mnt/a b/hero?.db", "file:///mnt/a%20b/hero%3F.db?mode=rw"),
        ("S:\\Hero\\hero.db", "file:///S:/Hero/hero.db?mode=rw"),
        ("\\\\server\\share\\hero.db", "file:////server/share/hero.db?mode=rw"),
    ],
)
def test_sqlite_uri_for_posix_drive_letter_and_unc(path, expected):
    assert sqlite_uri(path, "rw") == expected


def test_locations_never_print_passwords():
    location = parse_location("postgresql://hero:s3cret@db.example:5432/hero")
    assert location.kind == "postgresql"
    assert "s3cret" not in location.display
    assert location.display == "postgresql://hero@db.example:5432/hero"
