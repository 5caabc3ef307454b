"""Issue 12 without FUSE: OS errors classified, outbox order, the forms' offline cache, cloud
folders and conflicted copies, doctor's lock thresholds, the database thread letting go."""

from __future__ import annotations

import errno
import json
import threading
import time
from pathlib import Path

import pytest

from herotui.cli import main
from herotui.dbthread import DbThread
from herotui.services.actions import Queued
from herotui.services.hero import Hero
from herotui.store import errors
from herotui.store.cloud import cloud_service_of, conflicted_copies
from herotui.store.doctor import LOCK_SLOW_MS, LOCK_TOO_SLOW_MS, Check, cloud_checks
from herotui.store.errors import DatabaseUnavailable, classify_os_error
from herotui.store.models import Share
from herotui.store.unreachable import UnreachableStore


@pytest.mark.parametrize("code", [errno.EHOSTDOWN, errno.ENOTCONN, errno.EIO, errno.ETIMEDOUT, errno.ESTALE])
def test_os_errors_of_a_vanished_share_mean_unreachable(code):
    assert classify_os_error(OSError(code, "x")) == errors.UNAVAILABLE
    assert errors.classify(OSError(code, "x")) == errors.UNAVAILABLE


def test_os_errors_of_a_read_only_or_full_share():
    assert classify_os_error(OSError(errno.EROFS, "x")) == errors.READONLY
    assert classify_os_error(OSError(errno.ENOSPC, "x")) == errors.FULL


def test_an_unwrapped_os_error_of_a_gone_share_exits_3_not_1(monkeypatch, capsys):
    import herotui.cli.core as core

    def boom(args):
        raise OSError(errno.EHOSTDOWN, "Host is down")

    monkeypatch.setattr(core, "cmd_whoami", boom)
    assert main(["whoami"]) == 3


# -- outbox order ------------------------------------------------------------------------------


def test_a_new_action_queues_behind_what_waits_and_is_sent_after_it(store, clock, outbox):
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    hero.people.ensure_me()
    area = hero.areas.list()[0].name
    away = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=outbox)
    first = away.shares.post(None, "first, made offline", "article", [area])
    assert isinstance(first, Queued)
    # The database is back: the next action sends the waiting one first, then itself.
    second = hero.shares.post(None, "second, made online", "article", [area])
    assert not isinstance(second, Queued)
    assert hero.pending_count() == 0
    ids = dict(store.read(lambda: [(s.title, s.id) for s in Share.select()]))
    assert ids["first, made offline"] < ids["second, made online"]


def test_while_the_older_one_still_cannot_go_the_new_one_waits_too(store, clock, outbox):
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    hero.people.ensure_me()
    area = hero.areas.list()[0].name
    away = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=outbox)
    away.shares.post(None, "one", "article", [area])
    assert isinstance(away.shares.post(None, "two", "article", [area]), Queued)
    assert [e.payload["title"] for e in outbox.pending()] == ["one", "two"]


def test_patient_actions_made_on_an_unreachable_store_wait_instead_of_crashing(store, clock, outbox):
    """A claim and a hand-over answer get a longer write deadline (`PATIENT_ACTIONS`); on the
    stand-in store of a database out of reach (the app started offline) that raised
    AttributeError ('UnreachableStore' has no 'write_deadline') instead of queueing."""
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    hero.people.ensure_me()
    slot = hero.breakfast.upcoming()[0]
    away = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=outbox)
    assert isinstance(away.breakfast.claim(slot.uuid, "Offline topic"), Queued)
    assert isinstance(away.breakfast.answer("no-such-offer", True), Queued)
    assert [e.action for e in outbox.pending()] == ["breakfast.claim", "breakfast.handover.answer"]


# -- the forms' cache --------------------------------------------------------------------------


def test_forms_get_areas_and_people_offline_from_the_last_online_read(store, clock, outbox):
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    hero.people.ensure_me()
    online_areas = hero.areas.list(include_retired=True)
    online_people = hero.people.list()
    away = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=outbox)
    assert away.areas.list(include_retired=True) == online_areas
    assert away.people.list() == online_people
    assert (Path(outbox.path).parent / "forms.json").exists()


def test_without_a_cache_offline_lists_say_unreachable(store, clock, outbox):
    away = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=outbox)
    with pytest.raises(DatabaseUnavailable):
        away.areas.list()


# -- cloud-synced folders ----------------------------------------------------------------------


@pytest.mark.parametrize(("path", "service"), [
    ("/home/anna/Dropbox/Hero/hero.db", "Dropbox"),
    ("/Users/anna/Dropbox (Företag)/Hero/hero.db", "Dropbox"),
    ("C:\\Users\\anna\\OneDrive - Company\\Hero\\hero.db", "OneDrive"),
    ("/Users/anna/Library/CloudStorage/OneDrive-Company/hero.db", "OneDrive"),
    ("/Users/anna/Library/Mobile Documents/com~apple~CloudDocs/hero.db", "iCloud Drive"),
    ("C:\\Users\\anna\\iCloudDrive\\hero.db", "iCloud Drive"),
    ("G:\\My Drive\\Hero\\hero.db", "Google Drive"),
    ("/Users/anna/Library/CloudStorage/GoogleDrive-anna@example.com/My Drive/hero.db", "Google Drive"),
    ("/mnt/hero/hero.db", None),
    ("S:\\Hero\\hero.db", None),
])
def test_cloud_folders_are_recognised_by_name(path, service):
    from pathlib import PureWindowsPath

    target = PureWindowsPath(path) if "\\" in path else Path(path)
    assert cloud_service_of(target) == service


def test_a_marker_file_reveals_a_renamed_dropbox(tmp_path):
    root = tmp_path / "Team files"
    (root / "Hero").mkdir(parents=True)
    (root / ".dropbox").write_text("{}")
    assert cloud_service_of(root / "Hero" / "hero.db") == "Dropbox"


def test_conflicted_copies_beside_the_file(tmp_path):
    for name in ("hero.db", "hero (1).db", "hero (Annas motstridiga kopia).db",
                 "hero (Erik's conflicted copy 2026-11-30).db", "hero-LAPTOP-7.db",
                 "hero.db-journal", "hero.db.lock", "hero-20261130-120000.db", "heroes.db"):
        (tmp_path / name).write_text("")
    assert conflicted_copies(tmp_path / "hero.db") == [
        "hero (1).db", "hero (Annas motstridiga kopia).db", "hero (Erik's conflicted copy 2026-11-30).db",
        "hero-LAPTOP-7.db"]


def test_init_refuses_a_cloud_folder_without_force(tmp_path, capsys):
    folder = tmp_path / "Dropbox (Företag)" / "Hero"
    folder.mkdir(parents=True)
    assert main(["init", "--db", str(folder / "hero.db")]) == 1
    err = capsys.readouterr().err
    assert "Dropbox" in err and "network share" in err and "PostgreSQL" in err
    assert not (folder / "hero.db").exists()
    assert main(["init", "--force", "--db", str(folder / "hero.db")]) == 0


def test_doctor_warns_about_cloud_folders_and_conflicted_copies(tmp_path, capsys):
    folder = tmp_path / "Dropbox (Företag)" / "Hero"
    folder.mkdir(parents=True)
    assert main(["init", "--force", "--db", str(folder / "hero.db")]) == 0
    (folder / "hero (1).db").write_bytes((folder / "hero.db").read_bytes())
    capsys.readouterr()
    assert main(["doctor", "--db", str(folder / "hero.db")]) == 3
    out = capsys.readouterr().out
    assert "Everything looks fine" not in out
    assert "cloud-synced folder: Dropbox" in out and "hero (1).db" in out
    assert "network share" in out and "PostgreSQL" in out
    names = [c.name for c in cloud_checks(folder / "hero.db")]
    assert names == ["cloud", "conflicts"]


# -- doctor's lock thresholds ------------------------------------------------------------------


def test_lock_thresholds_order_and_doctor_json_names_the_level(db_path, capsys):
    assert 0 < LOCK_SLOW_MS < LOCK_TOO_SLOW_MS <= 500
    assert Check("lock", True, level="warn").level == "warn"
    assert Check("x", False).level == "fail"
    assert main(["doctor", "--json", "--db", str(db_path)]) == 0
    lock = next(c for c in json.loads(capsys.readouterr().out)["checks"] if c["name"] == "lock")
    assert lock["level"] == "ok" and lock["values"]["ms"] < LOCK_SLOW_MS


# -- the database thread -----------------------------------------------------------------------


def test_the_database_thread_lets_go_of_a_stuck_call_at_shutdown():
    thread = DbThread()
    release = threading.Event()
    stuck = thread.submit(release.wait, 30)
    queued = thread.submit(lambda: "never")
    begin = time.monotonic()
    left = thread.shutdown(wait=0.2)
    assert time.monotonic() - begin < 1.0
    # The call that never started comes back to the caller (to journal what it carried).
    assert [call() for call in left] == ["never"]
    assert queued.cancelled() and not stuck.done()
    assert thread._thread.daemon  # it does not keep the process alive
    release.set()


def test_the_database_thread_hands_back_nothing_when_it_finished_in_time():
    thread = DbThread()
    done = thread.submit(lambda: "done")
    assert thread.shutdown(wait=5.0) == []
    assert done.result() == "done"
