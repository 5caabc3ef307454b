"""One database, one identity, however its path is spelt (issue 15)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from herotui.services.actions import Queued, replay
from herotui.connection import known_databases, open_hero
from herotui.store import create_store, open_store
from herotui.store.identity import IDENTITY_KEY, canonical_key
from herotui.store.outbox import Outbox
from herotui.store.unreachable import UnreachableStore


HOLIDAY = "learning.holiday"  # a production action: one row per (person, week), idempotent


def identity_of(target: str) -> str:
    store = open_store(target)
    try:
        return store.database_id
    finally:
        store.close()


def test_every_new_database_has_an_identity(db_target):
    first = identity_of(db_target)
    assert first and len(first) == 36
    assert identity_of(db_target) == first


def spellings(db_path: Path, tmp_path: Path, monkeypatch) -> list[str]:
    """The same file as a relative path, through `..`, and through a symlinked folder."""
    link = tmp_path / "S-drive"
    link.symlink_to(db_path.parent, target_is_directory=True)
    monkeypatch.chdir(db_path.parent.parent)
    return [str(db_path), os.path.join(db_path.parent.name, db_path.name),
            str(db_path.parent / ".." / db_path.parent.name / db_path.name), str(link / db_path.name)]


def test_spellings_of_one_path_are_one_database(db_path, tmp_path, monkeypatch, launch_for):
    names = spellings(db_path, tmp_path, monkeypatch)
    assert len({identity_of(name) for name in names}) == 1
    for name in names:
        open_hero(launch_for(target=name)).store.close()
    entries = known_databases().entries()
    assert len(entries) == 1 and entries[0].uuid == identity_of(str(db_path))
    assert len({canonical_key(name) for name in names}) == 1


@pytest.mark.posix_only
def test_offline_under_another_spelling_queues_for_the_same_database(db_path, tmp_path, monkeypatch, launch_for):
    relative, dotted, linked = spellings(db_path, tmp_path, monkeypatch)[1:]
    identity = identity_of(str(db_path))
    open_hero(launch_for(login="erik", target=str(db_path))).store.close()  # seen once, as typed
    folder = db_path.parent
    away = folder.with_name("unplugged")
    folder.rename(away)
    try:
        queued = []
        for name in (relative, dotted, linked):
            hero = open_hero(launch_for(login="erik", target=name), allow_offline=True)
            assert isinstance(hero.store, UnreachableStore)
            assert hero.store.database_key == identity
            result = hero.submit(HOLIDAY, {"week_start": f"2026-12-{7 * len(queued) + 7:02d}", "on": True})
            assert isinstance(result, Queued)
            queued.append(result.uuid)
        assert Outbox(launch_for().outbox_path).count(identity) == 3
    finally:
        away.rename(folder)
    hero = open_hero(launch_for(login="erik", target=linked), allow_offline=True)
    try:
        assert hero.pending_count() == 0  # sent on open, under yet another spelling
    finally:
        hero.store.close()
    assert Outbox(launch_for().outbox_path).count() == 0


@pytest.mark.posix_only
def test_offline_under_the_spelling_used_online_when_the_link_itself_is_gone(db_path, tmp_path, launch_for):
    """Like a mapped drive on Windows: online `S:\\Hero\\hero.db` resolves to the share's UNC path;
    offline it cannot be resolved. Here the symlink lives on a "drive" that goes away with the
    share, so offline the spelling cannot be resolved either: it must still be known."""
    drive = tmp_path / "net"
    drive.mkdir()
    (drive / "S").symlink_to(db_path.parent, target_is_directory=True)
    typed = str(drive / "S" / db_path.name)
    identity = identity_of(str(db_path))
    open_hero(launch_for(login="erik", target=typed)).store.close()  # used online under this spelling only
    folder = db_path.parent
    away = folder.with_name("unplugged")
    drive_away = drive.with_name("net-unplugged")
    folder.rename(away)
    drive.rename(drive_away)
    try:
        assert canonical_key(typed) != canonical_key(str(db_path))  # cannot be resolved now
        hero = open_hero(launch_for(login="erik", target=typed), allow_offline=True)
        assert isinstance(hero.store, UnreachableStore)
        assert hero.store.database_key == identity
        assert isinstance(hero.submit(HOLIDAY, {"week_start": "2026-12-07", "on": True}), Queued)
        assert Outbox(launch_for().outbox_path).count(identity) == 1
    finally:
        drive_away.rename(drive)
        away.rename(folder)
    hero = open_hero(launch_for(login="erik", target=str(db_path)), allow_offline=True)
    try:
        assert hero.pending_count() == 0  # sent on open, under the resolved spelling
    finally:
        hero.store.close()


def test_windows_spellings_case_fold():
    same = ["S:\\Hero\\hero.db", "s:\\hero\\HERO.DB", "S:/Hero/hero.db", "S:\\Hero\\..\\Hero\\hero.db",
            "S:\\Hero\\.\\hero.db"]
    assert len({canonical_key(name, windows=True) for name in same}) == 1
    assert canonical_key("S:\\Hero\\hero.db", windows=True) != canonical_key("S:\\Hero\\other.db", windows=True)
    unc = ["\\\\server\\Hero\\hero.db", "\\\\SERVER\\hero\\hero.db", "//server/hero/hero.db"]
    assert len({canonical_key(name, windows=True) for name in unc}) == 1


def test_posix_spellings_keep_case():
    assert canonical_key("/srv/Hero/hero.db", windows=False) != canonical_key("/srv/hero/hero.db", windows=False)


def test_urls_never_keep_the_password_and_default_the_port():
    a = canonical_key("postgresql://anna:secret@DB.example.se/hero")
    assert "secret" not in a and a == canonical_key("postgresql://anna@db.example.se:5432/hero")


def _strip_identity(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM herotui_meta WHERE key = ?", (IDENTITY_KEY,))
    conn.close()


def test_an_older_file_gets_an_identity_once_and_its_path_keyed_outbox_entries_follow(db_path, launch_for):
    _strip_identity(db_path)
    outbox = Outbox(launch_for().outbox_path)
    # Written by an older herotui: filed under the path as typed.
    clock = launch_for().clock
    outbox.add("11111111-1111-4111-8111-111111111111", HOLIDAY,
               {"uuid": "11111111-1111-4111-8111-111111111111", "login": "anna", "at": clock.now().isoformat(),
                "week_start": "2026-11-30", "on": True}, str(db_path.parent / "." / db_path.name), clock.now())
    hero = open_hero(launch_for(), send_outbox=False)
    try:
        identity = hero.store.database_id
        assert identity and outbox.count(identity) == 1
        assert replay(hero).sent == ["11111111-1111-4111-8111-111111111111"]
    finally:
        hero.store.close()
    assert identity_of(str(db_path)) == identity


def test_migrate_keeps_the_identity(db_path, pg_target, capsys):
    from herotui.cli import main

    _strip_identity(db_path)  # even a file from before identities
    assert main(["migrate", "--from", str(db_path), "--to", pg_target]) == 0
    assert identity_of(pg_target) == identity_of(str(db_path))


def test_init_writes_the_identity_in_the_database_itself(tmp_path, clock):
    path = tmp_path / "new.db"
    create_store(str(path), creator_login="anna", clock=clock).close()
    conn = sqlite3.connect(path)
    (value,) = conn.execute("SELECT value FROM herotui_meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
    conn.close()
    assert value == identity_of(str(path))
