"""Real processes, released together by a barrier: slots are made once, and one slot gets one host.

Each process runs on the real clock (the command line has no other), so the slot raced for is
whatever the rule gives as the next breakfast from today.
"""

from __future__ import annotations

import pytest
from process_workers import released_together, _cli_racer, _service_racer  # the children import that module, not this one

pytestmark = pytest.mark.process

RACERS = 12


def test_twelve_processes_generate_once_and_exactly_one_claim_wins(db_target, backend, clock):
    logins = [f"racer-{i:02d}" for i in range(RACERS)]
    outcomes = released_together(_service_racer, [(db_target, login) for login in logins])
    winners = [login for login, verdict, _ in outcomes if verdict == "won"]
    assert len(winners) == 1
    losers = [message for _, verdict, message in outcomes if verdict == "lost"]
    assert len(losers) == RACERS - 1
    assert all(winners[0] in message and "Taken" in message for message in losers)
    from herotui.store import open_store
    from herotui.store.models import BreakfastSlot

    store = open_store(db_target, clock=clock)
    keys = store.read(lambda: [s.rule_key for s in BreakfastSlot.select()])
    assert len(keys) == 12 and len(set(keys)) == 12
    hosts = store.read(lambda: BreakfastSlot.select().where(BreakfastSlot.host.is_null(False)).count())
    assert hosts == 1
    if backend == "sqlite":
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_twelve_command_lines_claim_one_slot_and_eleven_exit_1_naming_the_winner(db_path, tmp_path):
    from herotui.clock import default_clock
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(str(db_path))
    day = Hero(store, "anna", clock=default_clock()).breakfast.overview().upcoming[0].day.isoformat()
    store.close()
    logins = [f"cli-racer-{i:02d}" for i in range(RACERS)]
    outcomes = released_together(_cli_racer, [(str(db_path), day, login, str(tmp_path / login)) for login in logins],
                                 timeout=180)
    winners = [login for login, code, _ in outcomes if code == 0]
    assert len(winners) == 1, outcomes
    losers = [(code, err) for _, code, err in outcomes if code != 0]
    assert len(losers) == RACERS - 1
    for code, err in losers:
        assert code == 1, err
        assert winners[0] in err and "Taken" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
