"""Real processes writing into one file at once: nothing lost, nothing doubled, integrity ok."""

from __future__ import annotations

import pytest
from process_workers import released_together, _writer  # the children import that module, not this one

pytestmark = pytest.mark.process


def test_eight_processes_times_hundred_writes(db_target, backend, clock):
    processes, count = 8, 100
    batches = released_together(_writer, [(db_target, w, count) for w in range(processes)])
    acknowledged = [login for batch in batches for login in batch]
    assert len(acknowledged) == processes * count
    from herotui.store import open_store
    from herotui.store.models import Person

    store = open_store(db_target, clock=clock)
    rows = store.read(lambda: [p.login for p in Person.select().where(Person.login.startswith("w"))])
    if backend == "sqlite":
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
    assert sorted(rows) == sorted(acknowledged)
