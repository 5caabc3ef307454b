"""Breakfasts: slots, their areas, answers, the waitlist and hand-overs."""

from __future__ import annotations

from peewee import (
    SQL,
    BooleanField,
    CharField,
    CompositeKey,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from herotui.store.fields import UtcTimestampField
from herotui.store.models.base import BaseModel, FocusArea, Person, new_uuid


class BreakfastSlot(BaseModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    starts_at = UtcTimestampField(index=True)
    duration_minutes = IntegerField(default=60)
    rule_key = CharField(max_length=16, null=True, unique=True)
    """`YYYY-MM` for slots made by the organisation's rule, so regenerating never duplicates."""
    status = CharField(max_length=12, default="scheduled")  # scheduled, cancelled
    is_extra = BooleanField(default=False)
    moved_from = UtcTimestampField(null=True)
    move_seen = BooleanField(default=True)
    host = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    topic = CharField(max_length=200, default="")
    description = TextField(default="")
    claimed_at = UtcTimestampField(null=True)
    created_at = UtcTimestampField()
    revision = IntegerField(default=0)
    """Counts every change a calendar shows (start, end, status, host, topic); never decreases.
    It is the ICS SEQUENCE (RFC 5545 3.8.7.4): calendars apply an update only when it grew."""


def raise_revisions(*where) -> int:
    """Count one more change on the breakfasts matching `where` (peewee expressions); returns how
    many. For changes made elsewhere that a calendar shows on them: a host's new name (SUMMARY), a
    renamed focus area (CATEGORIES). RFC 5545 3.8.7.4: an update applies only when SEQUENCE grew."""
    return BreakfastSlot.update(revision=BreakfastSlot.revision + 1).where(*where).execute()


class SlotArea(BaseModel):
    slot = ForeignKeyField(BreakfastSlot, backref="area_links", on_delete="CASCADE")
    area = ForeignKeyField(FocusArea, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("slot", "area")


class Rsvp(BaseModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    slot = ForeignKeyField(BreakfastSlot, backref="rsvps", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    created_at = UtcTimestampField()

    class Meta:
        indexes = ((("slot", "person"), True),)


class WaitlistEntry(BaseModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    person = ForeignKeyField(Person, on_delete="CASCADE")
    status = CharField(max_length=10, default="waiting")  # waiting, done, left
    created_at = UtcTimestampField()


# One place in the waitlist per person: two computers joining at once cannot both add a row.
WaitlistEntry.add_index(
    WaitlistEntry.index(
        WaitlistEntry.person, unique=True, where=SQL("status = 'waiting'"), name="waitlist_entry_one_waiting"
    )
)


class WaitlistTurn(BaseModel):
    """A released breakfast reserved for the first in line until `until`.

    One row per (slot, person) asked: status offered (the reservation), accepted (they claimed),
    passed (they said no) or expired (they did not answer in time). The next in line is the first
    waiting person without a row for that slot.
    """

    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    slot = ForeignKeyField(BreakfastSlot, backref="turns", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    status = CharField(max_length=10, default="offered")  # offered, accepted, passed, expired
    offered_at = UtcTimestampField()
    until = UtcTimestampField()

    class Meta:
        indexes = ((("slot", "person"), True),)


# At most one live reservation per breakfast.
WaitlistTurn.add_index(
    WaitlistTurn.index(WaitlistTurn.slot, unique=True, where=SQL("status = 'offered'"), name="waitlist_turn_one_open")
)


class Handover(BaseModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    slot = ForeignKeyField(BreakfastSlot, backref="handovers", on_delete="CASCADE")
    from_person = ForeignKeyField(Person, on_delete="CASCADE")
    to_person = ForeignKeyField(Person, on_delete="CASCADE")
    status = CharField(max_length=10, default="offered")  # offered, accepted, declined, withdrawn
    created_at = UtcTimestampField()
    answered_at = UtcTimestampField(null=True)


# At most one open hand-over offer per breakfast.
Handover.add_index(
    Handover.index(Handover.slot, unique=True, where=SQL("status = 'offered'"), name="handover_one_open_offer")
)
