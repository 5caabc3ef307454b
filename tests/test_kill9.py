"""`kill -9` of a writer in the middle of its transactions, many times: nothing half-written."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9"),
]

WRITER = r"""
import sys
from herotui.clock import default_clock
from herotui.store import open_store
from herotui.store.models import HolidayWeek, Person

path, prefix, acks = sys.argv[1], sys.argv[2], sys.argv[3]
store = open_store(path, write_deadline=30)
clock = default_clock()
with open(acks, "a", encoding="utf-8") as out:
    for index in range(100000):
        login = f"{prefix}-{index}"

        def write():
            person = Person.create(login=login, display_name=login, created_at=clock.now())
            for week in range(5):
                HolidayWeek.create(person=person.id, week_start=f"2026-{week + 1:02d}-01")

        store.write(write)
        out.write(login + "\n")
        out.flush()
"""

ROUNDS = 50
WEEKS_PER_PERSON = 5


def test_kill_9_mid_transaction_leaves_committed_rows_whole(db_path, tmp_path):
    rng = random.Random(9)
    acks = tmp_path / "acks.txt"
    acks.touch()
    journal = db_path.with_name(db_path.name + "-journal")
    killed_mid_transaction = 0
    for round_ in range(ROUNDS):
        before = acks.read_text().count("\n")
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), f"r{round_}", str(acks)])
        deadline = time.monotonic() + 20
        while acks.read_text().count("\n") == before and time.monotonic() < deadline:
            time.sleep(0.005)
            assert proc.poll() is None, "writer died on its own"
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_mid_transaction += journal.exists()  # a hot journal: the kill hit an open transaction

    assert killed_mid_transaction > 0
    acknowledged = acks.read_text().split()
    assert len(acknowledged) >= ROUNDS
    conn = sqlite3.connect(db_path)  # rolls back any hot journal the last kill left behind
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = dict(conn.execute(
            "SELECT p.login, COUNT(h.week_start) FROM person p LEFT JOIN holiday_week h ON h.person_id = p.id "
            "WHERE p.login LIKE 'r%' GROUP BY p.login"
        ).fetchall())
    finally:
        conn.close()
    missing = [login for login in acknowledged if login not in counts]
    assert missing == []
    half_written = {login: n for login, n in counts.items() if n != WEEKS_PER_PERSON}
    assert half_written == {}
