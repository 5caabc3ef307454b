"""The breakfast rules on PostgreSQL: the same conditional updates and partial unique indexes."""

from __future__ import annotations

import pytest

from herotui.services.errors import Conflict
from herotui.services.hero import Hero
from herotui.store import create_store, open_store


def test_breakfasts_on_postgresql(pg_target, clock):
    create_store(pg_target, creator_login="anna", creator_name="Anna Berg", clock=clock).close()
    store = open_store(pg_target, clock=clock)
    try:
        anna, erik, maria = (Hero(store, login, clock=clock) for login in ("anna", "erik", "maria"))
        for hero in (erik, maria):
            hero.people.ensure_me()
        slots = list(anna.breakfast.overview().upcoming)
        assert len(slots) == 12 and anna.breakfast.ensure_slots() == 0
        erik.breakfast.claim(slots[0].uuid, "Postgres-frukost", areas=["Ledarskap"])
        with pytest.raises(Conflict) as info:
            maria.breakfast.claim(slots[0].uuid, "För sent")
        assert "erik" in info.value.message()
        assert maria.breakfast.rsvp(slots[0].uuid).rsvp_count == 1
        assert erik.breakfast.slot(slots[0].uuid).attendees == ("maria",)
        offer = erik.breakfast.offer(slots[0].uuid, "maria")
        assert maria.breakfast.answer(offer.uuid, True).status == "accepted"
        for index, slot in enumerate(slots[1:], start=1):
            Hero(store, f"host{index}", clock=clock).breakfast.claim(slot.uuid, f"Ämne {index}")
        assert erik.breakfast.join_waitlist().my_position == 1
        assert erik.breakfast.join_waitlist().my_position == 1
        # Claimed breakfasts keep their date unless the admin confirms each move (issue 14).
        change = anna.breakfast.set_rule({"nth": -1, "weekday": 5, "start": "08:00", "minutes": 60},
                                         move_claimed=[slots[0].uuid])
        assert len(change.kept) == 11 and [m.slot_uuid for m in change.moved] == [slots[0].uuid]
        moved = maria.breakfast.overview().moved_for_me
        assert [s.uuid for s in moved] == [slots[0].uuid]
        assert b"BEGIN:VEVENT" in anna.breakfast.ics()
    finally:
        store.close()
