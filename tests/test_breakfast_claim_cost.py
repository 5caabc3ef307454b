"""What `herotui breakfast claim DATE` costs the database (issue 16): finding the one slot on a date
reads that day's slot in one read transaction, not the whole overview (~80 statements). On a drive
where each statement takes 200 ms, every statement is a fifth of a second someone waits."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest

from herotui.services.errors import NotFound, ValidationError


@contextmanager
def statements(store):
    """Records the SQL text of every statement the store's connection runs (peewee's one door)."""
    seen: list[str] = []
    original = store.db.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    store.db.execute_sql = counting
    try:
        yield seen
    finally:
        del store.db.execute_sql  # the instance attribute goes; the class's method is back


@contextmanager
def transactions(store):
    """Counts the store's read and write transactions (each one a lock and a round trip on a drive);
    a read inside an open transaction joins it and is not counted."""
    counts = {"read": 0, "write": 0}
    read, write = store.read, store.write

    def counting_read(*args, **kwargs):
        counts["read"] += not store.db.in_transaction()
        return read(*args, **kwargs)

    def counting_write(*args, **kwargs):
        counts["write"] += not store.db.in_transaction()
        return write(*args, **kwargs)

    store.read, store.write = counting_read, counting_write
    try:
        yield counts
    finally:
        del store.read, store.write


def test_finding_the_slot_to_claim_reads_a_handful_of_statements(hero_for, store, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    slots = list(anna.breakfast.overview().upcoming)
    erik.breakfast.claim(slots[2].uuid, "Kaffe", areas=["Ledarskap"])
    anna.breakfast.rsvp(slots[2].uuid)
    anna.breakfast.claim(slots[0].uuid, "Förr")
    clock.set(slots[1].starts_at - timedelta(days=1))  # the first is history now: the overview reads both
    anna.breakfast.overview()
    with statements(store) as overview_sql:
        overview = anna.breakfast.overview()
    with statements(store) as seen, transactions(store) as counts:
        found = anna.breakfast.slot_on(slots[2].day.isoformat())
    assert found == overview.slot(slots[2].uuid)
    assert (found.host_login, found.areas, found.rsvp_count, found.attendees) == ("erik", ("Ledarskap",), 1, ("Anna Berg",))
    # One read transaction of a few statements, against the overview's dozens (28+ here).
    assert counts == {"read": 1, "write": 0}
    assert len(seen) <= 14 < len(overview_sql)
    with statements(store) as seen:
        past = anna.breakfast.slot_on(slots[0].day, include_past=True)
    assert past == overview.slot(slots[0].uuid) and past.is_past
    assert len(seen) <= 14


def test_slot_on_generates_the_calendar_first_and_keeps_its_errors(hero_for, store, clock):
    anna = hero_for("anna")
    with transactions(store) as counts:
        with pytest.raises(NotFound):
            anna.breakfast.slot_on(clock.now().date() - timedelta(days=400))
    assert counts["write"] == 1  # nobody had looked yet: the year's breakfasts were made
    slots = list(anna.breakfast.overview().upcoming)
    assert len(slots) == 12
    assert anna.breakfast.slot_on(slots[3].day) == anna.breakfast.overview().slot(slots[3].uuid)
    clock.set(slots[0].starts_at + timedelta(minutes=30))  # under way: no longer claimable by date
    with pytest.raises(NotFound) as raised:
        anna.breakfast.slot_on(slots[0].day)
    assert raised.value.key == "breakfast.error.past_on"
    assert anna.breakfast.slot_on(slots[0].day, include_past=True).uuid == slots[0].uuid
    anna.breakfast.cancel(slots[4].uuid)
    extra = anna.breakfast.add_extra(slots[4].day.isoformat(), "12:00")
    assert anna.breakfast.slot_on(slots[4].day).uuid == extra.uuid  # the live one beats the cancelled
    anna.breakfast.add_extra(slots[5].day.isoformat(), "12:00")
    with pytest.raises(ValidationError):
        anna.breakfast.slot_on(slots[5].day)
