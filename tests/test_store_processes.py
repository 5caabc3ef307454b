"""Real processes writing into one file at once: nothing lost, nothing doubled, integrity ok."""

from __future__ import annotations


import pytest
from process_workers import child, context, _writer  # the children import that module, not this one

pytestmark = pytest.mark.process


def test_eight_processes_times_hundred_writes(db_target, backend, clock):
    ctx = context()
    processes, count = 8, 100
    barrier = ctx.Barrier(processes)
    results = ctx.Queue()
    workers = [child(ctx, _writer, db_target, w, count, barrier, results)
               for w in range(processes)]
    for proc in workers:
        proc.start()
    acknowledged = [login for _ in workers for login in results.get(timeout=120)]
    for proc in workers:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    assert len(acknowledged) == processes * count
    from herotui.store import open_store
    from herotui.store.models import Person

    store = open_store(db_target, clock=clock)
    rows = store.read(lambda: [p.login for p in Person.select().where(Person.login.startswith("w"))])
    if backend == "sqlite":
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
    assert sorted(rows) == sorted(acknowledged)
