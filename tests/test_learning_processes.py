"""Real processes starting the same person's timer at the same moment: exactly one timer runs."""

from __future__ import annotations

import sqlite3

import pytest
from process_workers import released_together, _starter  # the children import that module, not this one

pytestmark = pytest.mark.process


@pytest.mark.parametrize("processes", [2, 6])
def test_processes_starting_at_once_leave_exactly_one_timer(db_target, backend, clock, processes):
    outcomes = released_together(_starter, [(db_target,)] * processes)
    started = [detail for kind, detail in outcomes if kind == "started"]
    refused = [detail for kind, detail in outcomes if kind == "refused"]
    assert len(started) == 1
    assert len(refused) == processes - 1
    assert all("You already have a timer going" in message for message in refused)
    from herotui.store import open_store
    from herotui.store.models import LearningSession

    store = open_store(db_target, clock=clock)
    live = store.read(lambda: [s.uuid for s in LearningSession.select()
                               .where(LearningSession.status.in_(("running", "paused")))])
    assert live == [started[0]]
    if backend == "sqlite":
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_the_database_itself_refuses_a_second_live_timer(db_path):
    """Even a writer that skips the service's check cannot add a second live timer."""
    conn = sqlite3.connect(db_path)
    person = conn.execute("SELECT id FROM person WHERE login = 'anna'").fetchone()[0]
    insert = ("INSERT INTO learning_session (uuid, person_id, status, kind, title, note, started_at,"
              " paused_seconds, minutes, manual, created_at, updated_at)"
              " VALUES (?, ?, ?, 'other', '', '', 0, 0, 0, 0, 0, 0)")
    conn.execute(insert, ("a", person, "running"))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(insert, ("b", person, "paused"))
    conn.execute(insert, ("c", person, "done"))  # finished sessions are not limited
    conn.close()
