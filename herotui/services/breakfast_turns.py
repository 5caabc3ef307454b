"""Waitlist priority: a released breakfast is reserved for the first in line, then the next.

After a release, the first waiting colleague gets the breakfast reserved for
`waitlist_reserve_hours` (org setting, 48 by default): nobody else can claim it meanwhile. They
claim it (accept) or pass; when they pass, or the time runs out, the next in line gets the same
time, and so on; when nobody is left it is free for anyone. A person holds one reservation at a
time, and leaving the waitlist or hosting another breakfast hands theirs on at once. Expiry is worked out lazily, the next
time anyone writes (or reads and finds one due), from the previous reservation's end, so the
result does not depend on when somebody happened to look. All functions run inside the caller's
transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from herotui.store.models import BreakfastSlot, Person, WaitlistEntry, WaitlistTurn, new_uuid

if TYPE_CHECKING:
    from herotui.services.hero import Hero

DEFAULT_HOURS = 48


def reserve_hours(hero: "Hero") -> float:
    try:
        hours = float(hero.org.get("waitlist_reserve_hours"))
    except (KeyError, TypeError, ValueError):
        return DEFAULT_HOURS
    return hours if hours > 0 else DEFAULT_HOURS


def open_turns(slot_ids: list[int]) -> dict[int, tuple[int, str, datetime]]:
    """Slot id -> (person id, display name, reserved until UTC) of live reservations."""
    if not slot_ids:
        return {}
    rows = (WaitlistTurn.select(WaitlistTurn.slot, WaitlistTurn.person, Person.display_name, WaitlistTurn.until)
            .join(Person).where(WaitlistTurn.slot.in_(slot_ids), WaitlistTurn.status == "offered").tuples())
    return {slot: (person, name, WaitlistTurn.until.python_value(until) if not isinstance(until, datetime) else until)
            for slot, person, name, until in rows}


def turns_due(now: datetime) -> bool:
    """Whether a reservation ran out and the next in line is waiting for theirs."""
    return WaitlistTurn.select().where(WaitlistTurn.status == "offered", WaitlistTurn.until <= now).exists()


def offer_next(hero: "Hero", slot_id: int, start: datetime) -> WaitlistTurn | None:
    """Reserve a free upcoming breakfast for the first waiting person not yet asked about it,
    from `start` for the org's hours. None when nobody is left (it is then free for anyone)."""
    slot = BreakfastSlot.get_or_none(BreakfastSlot.id == slot_id)
    if slot is None or slot.host_id is not None or slot.status != "scheduled" or slot.starts_at <= hero.now():
        return None
    if WaitlistTurn.select().where(WaitlistTurn.slot == slot_id, WaitlistTurn.status == "offered").exists():
        return None
    asked = WaitlistTurn.select(WaitlistTurn.person).where(WaitlistTurn.slot == slot_id)
    # One reservation at a time: whoever holds one can host only one of them, and the others
    # would stay blocked for everyone behind them.
    holding = WaitlistTurn.select(WaitlistTurn.person).where(WaitlistTurn.status == "offered", WaitlistTurn.until > start)
    entry = (WaitlistEntry.select().where(WaitlistEntry.status == "waiting", WaitlistEntry.person.not_in(asked),
                                          WaitlistEntry.person.not_in(holding))
             .order_by(WaitlistEntry.created_at, WaitlistEntry.id).first())
    if entry is None:
        return None
    until = min(start + timedelta(hours=reserve_hours(hero)), slot.starts_at)
    WaitlistTurn.insert(uuid=new_uuid(), slot=slot_id, person=entry.person_id, status="offered",
                        offered_at=start, until=until).on_conflict_ignore().execute()
    return WaitlistTurn.get_or_none(WaitlistTurn.slot == slot_id, WaitlistTurn.person == entry.person_id)


def close_turn(slot_id: int, person_id: int, status: str) -> int:
    """End `person_id`'s live reservation of a slot as accepted or passed."""
    return WaitlistTurn.update(status=status).where(
        WaitlistTurn.slot == slot_id, WaitlistTurn.person == person_id, WaitlistTurn.status == "offered"
    ).execute()


def end_turns_of(hero: "Hero", person_id: int, now: datetime) -> int:
    """The person is no longer waiting (left the waitlist, or hosts a breakfast now): their live
    reservations end as passed and each goes to the next in line from `now`. Returns how many."""
    turns = list(WaitlistTurn.select().where(WaitlistTurn.person == person_id, WaitlistTurn.status == "offered"))
    for turn in turns:
        close_turn(turn.slot_id, person_id, "passed")
        offer_next(hero, turn.slot_id, now)
    return len(turns)


def advance_turns(hero: "Hero", now: datetime) -> int:
    """Expire reservations that ran out and pass each breakfast on down the line (chained from
    the previous end, so several may expire at once). Returns how many expired."""
    expired = 0
    for _ in range(1000):  # a bound, not an expectation: each round expires at least one
        due = list(WaitlistTurn.select().where(WaitlistTurn.status == "offered", WaitlistTurn.until <= now))
        if not due:
            break
        for turn in due:
            WaitlistTurn.update(status="expired").where(WaitlistTurn.id == turn.id).execute()
            expired += 1
            offer_next(hero, turn.slot_id, turn.until)
    return expired


def reservation_blocks(slot_id: int, person_id: int, now: datetime) -> tuple[str, datetime] | None:
    """(name, until UTC) when the slot is reserved for someone else at `now`, else None."""
    row = (WaitlistTurn.select(WaitlistTurn, Person).join(Person)
           .where(WaitlistTurn.slot == slot_id, WaitlistTurn.status == "offered", WaitlistTurn.until > now,
                  WaitlistTurn.person != person_id).first())
    return (row.person.display_name, row.until) if row is not None else None
