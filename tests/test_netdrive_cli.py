"""The command line on a real FUSE "network drive" that goes away, slows down or turns read-only.

Each test mounts tests/netdrive.py's drive (the `netdrive` fixture), runs `herotui` as separate
processes through the mount, and switches the drive's fault mode between commands. Issue 12.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from tests.netdrive import wait_until

pytestmark = [pytest.mark.fuse, pytest.mark.process]

HEROTUI = [sys.executable, "-m", "herotui"]


class Computer:
    """One colleague's computer: own login, own data folder (and so own outbox)."""

    def __init__(self, root: Path, login: str, db: Path) -> None:
        self.login = login
        self.db = db
        self.env = dict(os.environ, HEROTUI_USER=login, HEROTUI_DATA_DIR=str(root / login / "data"),
                        HEROTUI_CONFIG_DIR=str(root / login / "config"), HEROTUI_LANG="en")

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        done = subprocess.run([*HEROTUI, *args, "--db", str(self.db)], env=self.env, capture_output=True,
                              text=True, timeout=timeout)
        assert "Traceback" not in done.stderr + done.stdout, done.stderr
        return done


@pytest.fixture
def team(netdrive, tmp_path, clock):
    """A herotui database on the drive, created by anna; `team("erik")` gives a computer."""
    db = netdrive.path / "hero.db"
    anna = Computer(tmp_path / "computers", "anna", db)
    done = anna.run("init", "--name", "Anna Berg")
    assert done.returncode == 0, done.stderr
    made = {}

    def computer(login: str = "anna") -> Computer:
        if login not in made:
            made[login] = anna if login == "anna" else Computer(tmp_path / "computers", login, db)
        return made[login]

    return computer


def count_titles(backing_db: Path, prefix: str) -> dict[str, int]:
    conn = sqlite3.connect(backing_db)
    try:
        rows = conn.execute("SELECT title, count(*) FROM share WHERE title LIKE ? GROUP BY title",
                            (prefix + "%",)).fetchall()
    finally:
        conn.close()
    return dict(rows)


def integrity(backing_db: Path) -> str:
    conn = sqlite3.connect(backing_db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_gone_drive_queues_writes_and_never_exits_1(team, netdrive):
    """EHOSTDOWN (soft CIFS mount), ENOTCONN (dead FUSE daemon), EIO: all mean "offline"."""
    anna = team("anna")
    assert anna.run("whoami").returncode == 0  # this computer has used the database before
    for errno_name in ("EHOSTDOWN", "ENOTCONN", "EIO"):
        netdrive.mode(f"gone {errno_name}")
        added = anna.run("share", "add", "--title", f"gone {errno_name}", "--area", "Ledarskap")
        assert added.returncode == 0, (errno_name, added.stderr)
        assert "Saved offline" in added.stdout
    for command in (["sync"], ["doctor"], ["backup", str(netdrive.backing.parent / "copy.db")]):
        done = anna.run(*command)
        assert done.returncode == 3, (command, done.returncode, done.stdout, done.stderr)
        if command == ["doctor"]:
            assert "does not answer" in done.stdout
    netdrive.mode("normal")
    synced = anna.run("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "Sent: 3" in synced.stdout
    assert count_titles(netdrive.backing / "hero.db", "gone ") == {
        "gone EHOSTDOWN": 1, "gone ENOTCONN": 1, "gone EIO": 1}


def test_a_database_never_seen_here_is_refused_plainly_when_gone(team, netdrive):
    erik = team("erik")
    netdrive.mode("gone")
    done = erik.run("share", "add", "--title", "never", "--area", "Ledarskap")
    assert done.returncode == 3
    assert "cannot be reached" in done.stderr


def test_read_only_share_refuses_plainly_then_writes_again(team, netdrive):
    anna = team("anna")
    netdrive.mode("readonly")
    refused = anna.run("share", "add", "--title", "ro one", "--area", "Ledarskap")
    assert refused.returncode == 3
    assert "read-only" in refused.stderr and "Saved offline" not in refused.stdout
    listed = anna.run("share", "list")
    assert listed.returncode == 0
    netdrive.mode("normal")
    again = anna.run("share", "add", "--title", "ro two", "--area", "Ledarskap")
    assert again.returncode == 0, again.stderr
    assert count_titles(netdrive.backing / "hero.db", "ro ") == {"ro two": 1}
    assert anna.run("sync").returncode == 0


def test_hot_journal_on_a_read_only_share_is_explained(team, netdrive):
    anna = team("anna")
    assert anna.run("share", "add", "--title", "before", "--area", "Ledarskap").returncode == 0
    # A writer dies in the middle of a change: its journal stays beside the file ("hot").
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=1')\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"UPDATE share SET note = hex(randomblob(2000))\")\n"
        "c.execute(\"CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n"
        " WHERE i < 3000) SELECT i, hex(randomblob(200)) AS b FROM n\")\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(netdrive.path / "hero.db")], timeout=60)
    journal = netdrive.backing / "hero.db-journal"
    assert journal.exists() and journal.stat().st_size > 0
    netdrive.mode("readonly")
    listed = anna.run("share", "list")
    assert listed.returncode == 3
    assert "interrupted" in listed.stderr and "Never delete hero.db-journal" in listed.stderr
    doctor = anna.run("doctor")
    assert "unfinished change" in doctor.stdout and "Never delete" in doctor.stdout
    netdrive.mode("normal")
    # The next person with write access rolls it back by just opening it.
    assert anna.run("share", "list").returncode == 0
    assert not journal.exists() or journal.stat().st_size == 0
    assert integrity(netdrive.backing / "hero.db") == "ok"


def test_eight_claimers_on_a_slow_drive_one_winner_seven_told_who(team, netdrive, clock):
    claimers = [team(f"c{i}") for i in range(8)]
    # Everyone has used herotui before: their person rows exist (made here in one go, for speed).
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(str(netdrive.path / "hero.db"), clock=clock)
    try:
        for computer in claimers:
            Hero(store, computer.login, clock=clock).people.ensure_me()
    finally:
        store.close()
    slots = team("anna").run("breakfast", "list", "--json")
    import json

    free = [s for s in json.loads(slots.stdout)["breakfasts"] if s["host_login"] is None and not s["is_past"]]
    day = free[0]["local_start"][:10]
    netdrive.mode("slow 50")
    barrier = threading.Barrier(len(claimers))

    def claim(computer: Computer) -> subprocess.CompletedProcess:
        barrier.wait()
        return computer.run("breakfast", "claim", day, "--topic", f"topic {computer.login}", timeout=170)

    began = time.monotonic()
    with ThreadPoolExecutor(len(claimers)) as pool:
        results = list(pool.map(claim, claimers))
    print(f"8 claimers at slow 50: {time.monotonic() - began:.1f} s, exit codes {[r.returncode for r in results]}")
    netdrive.mode("normal")
    winners = [r for r in results if r.returncode == 0]
    losers = [r for r in results if r.returncode != 0]
    assert len(winners) == 1, [(r.returncode, r.stdout, r.stderr) for r in results]
    assert "You host" in winners[0].stdout
    winner = next(c for c, r in zip(claimers, results) if r.returncode == 0)
    for loser in losers:
        assert loser.returncode == 1, loser.stderr
        assert f"{winner.login} already hosts" in loser.stderr
        assert "Saved offline" not in loser.stdout
    for computer in claimers:  # nothing was parked in an outbox as "offline"
        outbox = Path(computer.env["HEROTUI_DATA_DIR"]) / "outbox.db"
        if outbox.exists():
            conn = sqlite3.connect(outbox)
            try:
                assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
            finally:
                conn.close()


def test_four_writers_through_normal_slow_flaky_gone_normal_lose_nothing(team, netdrive, clock):
    """Issue 12's count: 4 writers x 25 `share add` while the drive goes normal -> slow 50 ->
    flaky 0.05 -> gone -> normal, then `sync` on each computer: every acknowledged write is
    present exactly once, no traceback, no exit 1, integrity ok."""
    writers = [team(f"w{i}") for i in range(4)]
    with ThreadPoolExecutor(4) as pool:  # each computer has opened the database before
        assert all(r.returncode == 0 for r in pool.map(lambda c: c.run("whoami"), writers))
    per_writer = 25
    done_count = 0
    lock = threading.Lock()
    results: dict[str, subprocess.CompletedProcess] = {}

    def write_all(computer: Computer) -> None:
        nonlocal done_count
        for n in range(per_writer):
            title = f"count {computer.login}-{n:02d}"
            results[title] = computer.run("share", "add", "--title", title, "--area", "Ledarskap", timeout=170)
            with lock:
                done_count += 1

    # The drive's phases follow the writers' progress (not the clock), so a slow machine sees
    # every phase too: normal, slow 50, flaky 0.05, gone (at least 3 s and 12 commands), normal.
    phases = [(8, "slow 50"), (12, "flaky 0.05"), (32, "gone"), (44, "normal")]
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(write_all, c) for c in writers]
        phase_began = time.monotonic()
        for threshold, mode in phases:
            wait_until(lambda: (done_count >= threshold and time.monotonic() - phase_began >= 2)
                       or all(f.done() for f in futures), 170, f"{threshold} commands done")
            netdrive.mode(mode)
            phase_began = time.monotonic()
        for future in futures:
            future.result()
    assert len(results) == 100
    codes = {title: r.returncode for title, r in results.items()}
    assert 1 not in codes.values(), [r.stderr for r in results.values() if r.returncode == 1]
    acknowledged = {title for title, r in results.items() if r.returncode == 0}
    for computer in writers:
        synced = computer.run("sync")
        assert synced.returncode == 0, synced.stdout + synced.stderr
    present = count_titles(netdrive.backing / "hero.db", "count ")
    assert all(present.get(title) == 1 for title in acknowledged), {
        t: present.get(t) for t in acknowledged if present.get(t) != 1}
    assert all(n == 1 for n in present.values())
    assert len(acknowledged) == 100, {t: (r.returncode, r.stderr) for t, r in results.items() if r.returncode}
    assert integrity(netdrive.backing / "hero.db") == "ok"
    queued = sum("Saved offline" in r.stdout for r in results.values())
    print(f"4x25 share add: {len(present)} of 100 present once, {100 - queued} saved at once, {queued} saved "
          f"offline and sent by sync, exit codes {sorted(set(codes.values()))}")


def test_doctor_calls_a_slow_lock_round_trip_too_slow_and_names_postgresql(team, netdrive):
    anna = team("anna")
    fine = anna.run("doctor")
    assert fine.returncode == 0 and "Everything looks fine" in fine.stdout
    netdrive.mode("slow 50")
    slow = anna.run("doctor", "--json")
    netdrive.mode("normal")
    import json

    lock = next(c for c in json.loads(slow.stdout)["checks"] if c["name"] == "lock")
    assert lock["level"] == "fail" and "PostgreSQL" in lock["advice"]
    assert slow.returncode == 3


def test_a_refused_replay_makes_sync_exit_1(team, netdrive):
    """Offline, a share names a focus area the database does not know: it waits in the outbox,
    the rules refuse it when it is sent, and `sync` says so with exit 1 (before: exit 0)."""
    anna = team("anna")
    assert anna.run("whoami").returncode == 0
    netdrive.mode("gone")
    queued = anna.run("share", "add", "--title", "refused later", "--area", "No such area")
    assert queued.returncode == 0 and "Saved offline" in queued.stdout
    netdrive.mode("normal")
    synced = anna.run("sync")
    assert synced.returncode == 1, synced.stdout + synced.stderr
    assert "Refused" in synced.stdout and "No such area" in synced.stdout
    assert "refused" in synced.stderr


@pytest.mark.parametrize("errno_name", ["EHOSTDOWN", "ENOTCONN", "EIO"])
def test_migrate_from_a_gone_drive_says_unreachable_not_a_raw_errno(team, netdrive, errno_name):
    """`migrate --from` touches the file itself (is_file) before SQLite: before, a gone share
    printed "[Errno 112] Host is down: '...'"; now the plain outage sentence, exit 3."""
    anna = team("anna")
    netdrive.mode(f"gone {errno_name}")
    done = anna.run("migrate", "--from", str(anna.db), "--to", "postgresql://nobody@127.0.0.1:1/none")
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Errno" not in done.stderr and "cannot be reached" in done.stderr, done.stderr


def test_holiday_marked_while_gone_says_saved_offline_and_arrives(team, netdrive):
    """Before, `learn holiday` on a gone drive said "week N is marked as holiday/leave" although
    the mark only waited in the outbox."""
    anna = team("anna")
    assert anna.run("whoami").returncode == 0
    netdrive.mode("gone")
    marked = anna.run("learn", "holiday")
    assert marked.returncode == 0, marked.stderr
    assert "Saved offline" in marked.stdout and "is marked" not in marked.stdout, marked.stdout
    netdrive.mode("normal")
    synced = anna.run("sync")
    assert synced.returncode == 0 and "Sent: 1" in synced.stdout, synced.stdout
    week = anna.run("learn", "week")
    assert "Holiday/leave week" in week.stdout, week.stdout


def test_a_write_queued_behind_others_on_a_read_only_share_says_read_only_not_offline(team, netdrive):
    """Something already waits (made while the drive was gone); the share turns read-only: a new
    write waits behind it (order, item 7), and the person is told the database is read-only,
    not "saved offline ... when the database is reachable" (it is reachable). `sync` says why
    it still waits. Once writable, both are sent, in order."""
    anna = team("anna")
    assert anna.run("whoami").returncode == 0
    netdrive.mode("gone")
    assert "Saved offline" in anna.run("share", "add", "--title", "ro-q one", "--area", "Ledarskap").stdout
    netdrive.mode("readonly")
    behind = anna.run("share", "add", "--title", "ro-q two", "--area", "Ledarskap")
    assert behind.returncode == 0, behind.stderr
    assert "read-only" in behind.stdout and "Saved offline" not in behind.stdout, behind.stdout
    synced = anna.run("sync")
    assert synced.returncode == 3 and "Still waiting: 2" in synced.stdout and "read-only" in synced.stdout, \
        synced.stdout
    netdrive.mode("normal")
    synced = anna.run("sync")
    assert synced.returncode == 0 and "Sent: 2" in synced.stdout, synced.stdout
    conn = sqlite3.connect(netdrive.backing / "hero.db")
    try:
        order = [r[0] for r in conn.execute("SELECT title FROM share WHERE title LIKE 'ro-q %' ORDER BY id")]
    finally:
        conn.close()
    assert order == ["ro-q one", "ro-q two"]


def test_a_data_folder_on_a_gone_share_does_not_stop_work_on_a_reachable_database(netdrive, tmp_path, clock):
    """The outbox's own folder is on the share (a home folder or roaming profile on the network)
    and the share goes away while the team database answers: before, every command failed with
    "[Errno 112] Host is down" (exit 3); now reads and writes go straight to the database, the
    person is told nothing can wait offline, `sync` and `doctor` say the folder is out of reach."""
    db = tmp_path / "local" / "hero.db"
    db.parent.mkdir()
    anna = Computer(tmp_path / "computers", "anna", db)
    anna.env["HEROTUI_DATA_DIR"] = str(netdrive.path / "anna-data")
    assert anna.run("init", "--name", "Anna Berg").returncode == 0
    netdrive.mode("gone")
    added = anna.run("share", "add", "--title", "no outbox", "--area", "Ledarskap")
    assert added.returncode == 0, added.stdout + added.stderr
    assert "Shared:" in added.stdout and "none can wait offline" in added.stderr, added.stderr
    assert "Errno" not in added.stderr
    assert count_titles(db, "no outbox") == {"no outbox": 1}
    listed = anna.run("share", "list")
    assert listed.returncode == 0 and "no outbox" in listed.stdout
    synced = anna.run("sync")
    assert synced.returncode == 3 and "outbox" in synced.stderr and "Sent" not in synced.stdout
    doctor = anna.run("doctor", "--json")
    import json

    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["outbox"]["level"] == "fail" and checks["exists"]["ok"], checks
    netdrive.mode("normal")
    assert anna.run("sync").returncode == 0


def test_breakfast_actions_by_date_wait_in_the_outbox_while_gone(team, netdrive):
    """`breakfast claim|rsvp|release DATE` on a gone drive: the date is found among the
    breakfasts this computer last saw, and the action waits in the outbox (before: exit 3, the
    claim not kept; with that fixed alone, a claim crashed on the offline store). A claim that
    someone else won meanwhile is refused when sent, naming the winner, and `sync` exits 1."""
    import json

    anna, erik = team("anna"), team("erik")
    listed = anna.run("breakfast", "list", "--json")  # anna has seen the calendar
    free = [s["local_start"][:10] for s in json.loads(listed.stdout)["breakfasts"]
            if s["host_login"] is None and not s["is_past"] and s["status"] != "cancelled"]
    mine, lost = free[0], free[1]
    assert erik.run("whoami").returncode == 0
    netdrive.mode("gone")
    for args in (["claim", mine, "--topic", "Offline"], ["claim", lost, "--topic", "Too late"]):
        done = anna.run("breakfast", *args)
        assert done.returncode == 0 and "Saved offline" in done.stdout, (args, done.stdout, done.stderr)
    never_seen = anna.run("breakfast", "claim", "2031-01-03", "--topic", "x")
    assert never_seen.returncode == 3 and "cannot be reached" in never_seen.stderr
    netdrive.mode("normal")
    assert erik.run("breakfast", "claim", lost, "--topic", "Erik's").returncode == 0
    synced = anna.run("sync")
    assert synced.returncode == 1 and "erik" in synced.stdout, synced.stdout + synced.stderr
    shown = json.loads(anna.run("breakfast", "show", mine, "--json").stdout)
    assert shown["host_login"] == "anna" and shown["topic"] == "Offline"
    netdrive.mode("gone")
    released = anna.run("breakfast", "release", mine)
    assert released.returncode == 0 and "Saved offline" in released.stdout, released.stdout + released.stderr
    netdrive.mode("normal")
    assert anna.run("sync").returncode == 0
    assert json.loads(anna.run("breakfast", "show", mine, "--json").stdout)["host_login"] is None


@pytest.mark.parametrize("command", [["backup", "{share}/copy.db"], ["share", "digest", "--out", "{share}/week.md"],
                                     ["breakfast", "ics", "--out", "{share}/hero.ics"]])
def test_writing_a_file_to_a_gone_share_says_so_plainly(netdrive, tmp_path, command):
    """The database is local and answers; the file asked for goes to the share, which is gone.
    Before: "[Errno 112] Host is down: '...'"; now one sentence naming the file, exit 3, and
    not blamed on the database."""
    db = tmp_path / "local" / "hero.db"
    db.parent.mkdir()
    anna = Computer(tmp_path / "computers", "anna", db)
    assert anna.run("init", "--name", "Anna Berg").returncode == 0
    netdrive.mode("gone")
    done = anna.run(*[part.format(share=netdrive.path) for part in command])
    # `--out` of a document command has its own sentence (exit 1, cli.common.output_to); a file
    # a command writes itself is said by the command runner (exit 3).
    assert done.returncode in (1, 3), done.stdout + done.stderr
    assert ("cannot be reached right now" in done.stderr or "Could not write" in done.stderr), done.stderr
    assert str(netdrive.path) in done.stderr and "Host is down" in done.stderr, done.stderr
    assert "Errno" not in done.stderr and "database" not in done.stderr, done.stderr
