"""Real processes writing into one file at once: nothing lost, nothing doubled, integrity ok."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3

import pytest

pytestmark = pytest.mark.process


def _writer(path: str, worker: int, count: int, barrier, results) -> None:
    from herotui.clock import SystemClock
    from herotui.store import open_store
    from herotui.store.models import Person

    store = open_store(path, write_deadline=60)
    acknowledged = []
    barrier.wait()
    for index in range(count):
        login = f"w{worker}-{index}"
        store.write(lambda: Person.insert(login=login, display_name=login,
                                          created_at=SystemClock().now()).execute())
        acknowledged.append(login)
    store.close()
    results.put(acknowledged)


def test_eight_processes_times_hundred_writes(db_path):
    ctx = mp.get_context("spawn")
    processes, count = 8, 100
    barrier = ctx.Barrier(processes)
    results = ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(str(db_path), w, count, barrier, results))
               for w in range(processes)]
    for proc in workers:
        proc.start()
    acknowledged = [login for _ in workers for login in results.get(timeout=120)]
    for proc in workers:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    assert len(acknowledged) == processes * count
    conn = sqlite3.connect(db_path)
    rows = [r[0] for r in conn.execute("SELECT login FROM person WHERE login LIKE 'w%'")]
    assert sorted(rows) == sorted(acknowledged)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
