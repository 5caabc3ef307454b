"""The app on a FUSE "network drive" that is gone at start, goes away mid-session, turns
read-only, or stalls while the person quits (issue 12). Driven with Pilot; waits have deadlines."""

from __future__ import annotations

import os
import threading
import time

import pytest

from herotui.app import make_app
from herotui.screens.problem import ProblemScreen
from herotui.services.actions import Queued
from herotui.connection import Launch, remember_store
from herotui.store import open_store
from herotui.store import create_store
from conftest import until, wait_for

pytestmark = [pytest.mark.fuse]


def slack() -> float:
    """How much slower than an idle machine this one is now (1-4): the limits below are the
    issue's (offline within 2 s, online within 3 s, quit within 1 s) on an idle machine; with
    eight test runs sharing two cores they stretch, but never by more than 4x, so a hang or a
    wait for the drive (10 s and more here) still fails."""
    try:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return 1.0
    return min(4.0, max(1.0, load))


@pytest.fixture
def shared_db(netdrive, clock):
    path = netdrive.path / "hero.db"
    create_store(str(path), creator_login="anna", creator_name="Anna Berg", clock=clock).close()
    return path


@pytest.fixture
def launch(shared_db, clock, isolated_home):
    def make(login: str = "anna") -> Launch:
        return Launch(target=str(shared_db), may_create=False, login=login, lang="en", write_deadline=3,
                      poll_seconds=0.2, outbox_path=isolated_home / "data" / "outbox.db", clock=clock)

    return make


@pytest.mark.parametrize("gone", ["gone", "gone ENOTCONN", "gone EIO"])
async def test_started_on_a_gone_drive_opens_offline_then_reconnects(netdrive, launch, shared_db, gone):
    used = open_store(str(shared_db))  # this computer has used the database before
    remember_store(used)
    used.close()
    netdrive.mode(gone)
    app = make_app(launch())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.db_state == "offline", 2.0 * slack(), "offline")
        # Item 6: a timer started offline is counted as waiting at once.
        await app.db(app.hero.learning.start)
        assert app.pending == 1
        netdrive.mode("normal")
        await until(pilot, lambda: app.db_state == "online", 3.0 * slack(), "online again")
        await until(pilot, lambda: app.pending == 0, 3.0, "outbox sent")
        timer = await app.db(app.hero.learning.timer)
        assert timer is not None and timer.running


async def test_a_database_never_seen_here_shows_the_problem_screen(netdrive, launch):
    netdrive.mode("gone ENOTCONN")
    app = make_app(launch())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProblemScreen), 2.0 * slack(), "on the problem screen")
        assert app.db_state == "problem"


async def test_gone_mid_session_queues_in_order_and_sends_when_back(netdrive, launch, isolated_home):
    from herotui.store.outbox import Outbox

    outbox = Outbox(isolated_home / "data" / "outbox.db")
    app = make_app(launch())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.db_state == "online", 5.0, "online")
        netdrive.mode("gone EIO")
        await until(pilot, lambda: app.db_state == "offline", 3.0 * slack(), "offline")
        first = await app.db(app.hero.shares.post, None, "first while gone", "article", ["Ledarskap"])
        assert isinstance(first, Queued)
        assert first.uuid in [e.uuid for e in outbox.pending()]
        assert app.pending == outbox.count()  # the status line counts what really waits
        netdrive.mode("normal")
        # The drive is back but the outbox has not been sent yet: a new action queues behind
        # (or is sent after) the waiting one, never before it.
        second = await app.db(app.hero.shares.post, None, "second after", "article", ["Ledarskap"])
        await until(pilot, lambda: app.pending == 0 and app.db_state == "online", 3.0 * slack(), "all sent")
        opening = await app.db(app.hero.shares.open_feed)
        ids = {item.title: item.id for item in opening.page.items}
        # Sent in the order they were made: the waiting one got the lower id.
        assert ids["first while gone"] < ids["second after"]
        assert second is not None


async def test_read_only_is_refused_plainly_and_ends_by_itself(netdrive, launch):
    app = make_app(launch())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.db_state == "online", 5.0, "online")
        netdrive.mode("readonly")
        from herotui.screens.base import DbCallFailed

        with pytest.raises(DbCallFailed):
            await app.db(app.hero.shares.post, None, "while read-only", "article", ["Ledarskap"])
        assert app.db_state == "readonly"
        assert app.pending == 0  # not "saved offline": nothing would ever send it
        netdrive.mode("normal")
        await until(pilot, lambda: app.db_state == "online", 3.0, "writable again")
        posted = await app.db(app.hero.shares.post, None, "after read-only", "article", ["Ledarskap"])
        assert not isinstance(posted, Queued)


async def test_quitting_on_a_stalled_drive_takes_under_a_second_and_keeps_the_action(
        netdrive, launch, isolated_home):
    from herotui.store.outbox import Outbox

    app = make_app(launch())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.db_state == "online", 5.0, "online")
        netdrive.mode("slow 400")  # a commit takes ~15 s now
        app.run_worker(app.db(app.hero.shares.post, None, "in flight", "article", ["Ledarskap"]),
                       exit_on_error=False)
        outbox = Outbox(isolated_home / "data" / "outbox.db")
        # The person quits right after saving: the post may be on the database thread (journaled
        # first), or still queued behind a poll stuck on the drive. Either way it must be kept.
        # Other writes the app makes by itself (the feed marked seen) may be journaled too.
        def posts():
            return [e.payload["title"] for e in outbox.pending() if e.action == "share.post"]

        await until(pilot, lambda: posts() or app.dbt.queued(), 10.0, "the action handed over")
        begin = time.monotonic()
        await pilot.press("q")
        # The app has shut down its side (on_unmount ran) well within a second; the stuck call
        # stays on a daemon thread that does not keep the process alive.
        assert time.monotonic() - begin < 1.0 * slack()
        assert app.dbt._thread.daemon
    # Textual's own teardown of the test harness is not part of what a person waits for, but it
    # must not wait for the drive either (the stuck commit would make it many seconds).
    assert time.monotonic() - begin < 3.0 * slack()
    netdrive.mode("normal")
    assert posts() == ["in flight"]


async def test_waiting_actions_outlive_a_read_only_episode_and_are_sent_in_order(netdrive, launch):
    """Gone, then read-only, then writable: what was saved offline, and what was made behind it
    while read-only (told as read-only, not "saved offline"), is all sent by itself, in order."""
    app = make_app(launch())
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.db_state == "online", 5.0, "online")
        netdrive.mode("gone")
        await until(pilot, lambda: app.db_state == "offline", 3.0 * slack(), "offline")
        first = await app.db(app.hero.shares.post, None, "ro-app one", "article", ["Ledarskap"])
        assert isinstance(first, Queued)
        netdrive.mode("readonly")
        # Reads work again: the app reconnects and learns of read-only only from a refused write.
        await until(pilot, lambda: app.db_state != "offline", 3.0 * slack(), "reconnected")
        second = await app.db(app.hero.shares.post, None, "ro-app two", "article", ["Ledarskap"])
        assert isinstance(second, Queued) and app.pending == 2
        await until(pilot, lambda: len(app._notifications) >= 4, 3.0, "the second post told")
        said = [n.message for n in app._notifications]
        # One "saved offline" (the first post); the second is told it waits for read-only to end.
        assert sum("Saved offline" in m for m in said) == 1, said
        assert sum("read-only" in m and "earlier changes wait" in m for m in said) == 1, said
        netdrive.mode("normal")
        await until(pilot, lambda: app.pending == 0 and app.db_state == "online", 3.0 * slack(), "all sent")
        opening = await app.db(app.hero.shares.open_feed)
        ids = {item.title: item.id for item in opening.page.items}
        assert ids["ro-app one"] < ids["ro-app two"]


async def test_the_app_works_on_when_only_its_own_data_folder_is_gone(netdrive, tmp_path, clock):
    """The outbox's folder is on the share, the team database is not: the share goes away and
    the app still opens online, says nothing can wait offline, and saves straight away."""
    db = tmp_path / "local.db"
    create_store(str(db), creator_login="anna", creator_name="Anna Berg", clock=clock).close()
    netdrive.mode("gone")
    app = make_app(Launch(target=str(db), may_create=False, login="anna", lang="en", write_deadline=3,
                          poll_seconds=0.2, outbox_path=netdrive.path / "data" / "outbox.db", clock=clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.db_state == "online", 5.0 * slack(), "online")
        await until(pilot, lambda: any("none can wait offline" in n.message for n in app._notifications),
                    3.0, "the missing outbox told")
        posted = await app.db(app.hero.shares.post, None, "straight in", "article", ["Ledarskap"])
        assert not isinstance(posted, Queued)
        assert app.pending == 0


def _begin_exclusive(connection) -> bool:
    """Try `BEGIN EXCLUSIVE` once on `connection` (busy timeout 0); True when it is held."""
    import sqlite3

    try:
        connection.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError:  # "database is locked": a reader has not finished yet
        return False
    return True


def _gate_held_by_another_process(database) -> bool:
    """Whether a writer holds the writers' gate of `database` (herotui/store/gate.py: a POSIX
    byte-range lock on `hero.db.lock`), asked by trying to take it without waiting."""
    import fcntl

    from herotui.store.gate import lock_file_for

    fd = os.open(lock_file_for(database), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)
        return False
    finally:
        os.close(fd)


@pytest.mark.process
def test_quitting_the_real_process_does_not_wait_for_the_drive_to_close_the_file(netdrive, shared_db, tmp_path):
    """The whole process, in a terminal: a write waits for a colleague's lock, the drive turns
    slow (2 s per file operation), the person presses q. The app let go of the call before, but
    the process then still waited while the kernel closed its files on the mount on the way out
    (a FUSE flush each, one slow round trip apiece): 4.5-17 s here. Now
    the closing is left to a helper process; what remains is the one file operation already on
    its way when q was pressed, which the kernel lets finish (at most 2 s here)."""
    import pty
    import sqlite3
    import subprocess
    import sys

    env = dict(os.environ, HEROTUI_USER="anna", HEROTUI_DATA_DIR=str(tmp_path / "data"),
               HEROTUI_CONFIG_DIR=str(tmp_path / "config"), HEROTUI_LANG="en", TERM="xterm-256color",
               COLUMNS="120", LINES="40")
    main_fd, child_fd = pty.openpty()
    app = subprocess.Popen([sys.executable, "-m", "herotui", "--db", str(shared_db)], env=env,
                           stdin=child_fd, stdout=child_fd, stderr=child_fd, close_fds=True, start_new_session=True)
    os.close(child_fd)
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    holder = sqlite3.connect(str(shared_db), isolation_level=None, timeout=0)
    try:
        # The first screen's reads are done (they would queue behind the write).
        wait_for(lambda: b"online" in seen and b"this week" in seen, timeout=30, what="the week on screen")
        # A colleague writing (EXCLUSIVE: even the shared lock waits, so the waiting start reads
        # nothing from the drive meanwhile; only closing the file touches it). Taken as soon as
        # the app's reads after the first screen (forms, other screens) let go of the file.
        wait_for(lambda: _begin_exclusive(holder), timeout=30, what="the colleague's exclusive lock")
        os.write(main_fd, b"s")
        # The start is on the database thread, holding the writers' gate and retrying the lock.
        wait_for(lambda: _gate_held_by_another_process(shared_db), timeout=30, what="the start at the gate")
        netdrive.mode("slow 2000")
        begin = time.monotonic()
        os.write(main_fd, b"q")
        app.wait(timeout=60)
        took = time.monotonic() - begin
    finally:
        netdrive.mode("normal")
        holder.close()
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(main_fd)
    assert app.returncode == 0
    # Measured: 0.5-0.6 s (before: 4.5-17 s, one 2 s flush per file left open on the mount).
    assert took < 3.5, took
    from herotui.store.outbox import Outbox

    outbox = Outbox(tmp_path / "data" / "outbox.db")
    assert [e.action for e in outbox.pending()] == ["learning.start"]  # kept for the next start
