"""16 processes x 100 mixed writes (shares, sessions, reactions, RSVPs) into one file at once."""

from __future__ import annotations

import pytest
from process_workers import MIXED_WRITES, released_together, _colleague  # the children import that module, not this one

pytestmark = pytest.mark.process

PROCESSES = 16
WRITES = MIXED_WRITES


def test_sixteen_processes_of_mixed_writes(hero, db_target, backend, clock):
    shares = [hero.shares.post(f"https://example.org/common/{n}", f"Gemensam {n}", "article", ["Ledarskap"]).uuid
              for n in range(8)]
    hero.breakfast.ensure_slots()
    slots = [slot.uuid for slot in hero.breakfast.upcoming()[:4]]
    assert len(slots) == 4
    hero.store.close()

    collected = dict(released_together(_colleague, [(db_target, w, shares, slots) for w in range(PROCESSES)],
                                       timeout=300))

    errors = [e for acked in collected.values() for e in acked["errors"]]
    assert errors == []
    from herotui.store import open_store
    from herotui.store.models import BreakfastSlot, LearningSession, Person, Reaction, Rsvp, Share

    store = open_store(db_target, clock=clock)

    def read_back():
        share_rows = [r.uuid for r in Share.select(Share.uuid).where(Share.title.startswith("Fynd "))]
        session_rows = [r.uuid for r in LearningSession.select(LearningSession.uuid)
                        .where(LearningSession.title.startswith("Avsnitt "))]
        useful = {(r.person.login, r.share.uuid) for r in Reaction.select(Reaction, Person, Share)
                  .join(Person).switch(Reaction).join(Share).where(Person.login.startswith("colleague"))}
        rsvps = {(r.person.login, r.slot.uuid) for r in Rsvp.select(Rsvp, Person, BreakfastSlot)
                 .join(Person).switch(Rsvp).join(BreakfastSlot).where(Person.login.startswith("colleague"))}
        return share_rows, session_rows, useful, rsvps

    share_rows, session_rows, useful, rsvps = store.read(read_back)
    if backend == "sqlite":
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
    acked_shares = [u for a in collected.values() for u in a["shares"]]
    acked_sessions = [u for a in collected.values() for u in a["sessions"]]
    assert len(acked_shares) == len(acked_sessions) == PROCESSES * WRITES // 4
    assert sorted(share_rows) == sorted(acked_shares)  # every acknowledged share, once
    assert sorted(session_rows) == sorted(acked_sessions)
    assert useful == {(f"colleague{w}", s) for w, a in collected.items() for s in a["useful"]}
    assert rsvps == {(f"colleague{w}", s) for w, a in collected.items() for s in a["rsvp"]}
