"""Learning: sessions (the live timer), their focus areas, holiday weeks and the weekly goal."""

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


class LearningSession(BaseModel):
    """One learning session; while `status` is running or paused it is the person's live timer."""

    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    person = ForeignKeyField(Person, backref="sessions", on_delete="CASCADE")
    status = CharField(max_length=10, default="done")  # running, paused, done
    kind = CharField(max_length=20, default="other")
    title = CharField(max_length=200, default="")
    link = TextField(null=True)
    note = TextField(default="")
    started_at = UtcTimestampField()
    ended_at = UtcTimestampField(null=True)
    paused_at = UtcTimestampField(null=True)
    paused_seconds = IntegerField(default=0)
    minutes = IntegerField(default=0)
    """Counted minutes of a finished session. While the timer is live: the minutes its owner chose
    to keep when asked about a long timer (0 until then); the question comes again a limit later."""
    manual = BooleanField(default=False)
    overlap_minutes = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])
    """Minutes of this timer session that another timer session of the same person, recorded on
    another computer while this one waited in an outbox, already counts (schema v2). They count
    once in the week's totals unless `overlap_kept`."""
    overlap_kept = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])
    """The person chose to count both overlapping sessions in full."""
    created_at = UtcTimestampField()
    updated_at = UtcTimestampField()

    class Meta:
        # (status, started_at) serves the insights screen's company-wide range scans (v4).
        indexes = ((("person", "started_at"), False), (("status", "started_at"), False))


# At most one live timer per person, enforced by the database itself so that two
# computers starting a timer at the same moment cannot both succeed.
LearningSession.add_index(
    LearningSession.index(
        LearningSession.person,
        unique=True,
        where=SQL("status IN ('running', 'paused')"),
        name="learningsession_one_live_timer",
    )
)


class SessionArea(BaseModel):
    session = ForeignKeyField(LearningSession, backref="area_links", on_delete="CASCADE")
    area = ForeignKeyField(FocusArea, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("session", "area")


class HolidayWeek(BaseModel):
    """A week a person was on holiday or leave: it neither breaks nor extends a streak."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    week_start = CharField(max_length=10)  # ISO date of the Monday

    class Meta:
        primary_key = CompositeKey("person", "week_start")


class GoalWeek(BaseModel):
    """The weekly goal in force from the ISO week starting `week_start` (a Monday, ISO date) on.

    The goal of a week is the row with the latest `week_start` not after that week's Monday, so a
    change never rewrites the weeks before it.
    """

    week_start = CharField(max_length=10, primary_key=True)
    minutes = IntegerField()
    set_at = UtcTimestampField()
