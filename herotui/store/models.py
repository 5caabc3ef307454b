"""The whole data model of herotui. Rows a person creates carry a client-made UUID.

All moments are `UtcTimestampField`s (microseconds UTC). Models are bound to one database
per process through `database_proxy`, which `herotui.store.database` initialises.
"""

from __future__ import annotations

import threading
import uuid as _uuid
from contextlib import contextmanager
from typing import Iterator

from peewee import (
    SQL,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from herotui.store.fields import UtcTimestampField

class StoreProxy(DatabaseProxy):
    """The models' database: the one the current `Store` call runs on, else the last opened.

    A process can hold two stores at once (the app's database thread and a test fixture, or
    `migrate` reading one file and writing another); each `Store` call binds the models to its
    own database for its thread, so queries never wander onto the other store's connection.
    """

    __slots__ = ("_default", "_local")

    def __init__(self) -> None:
        self._local = threading.local()
        self._default = None
        super().__init__()

    def _current(self):
        return getattr(self._local, "db", None) or self._default

    def _set_default(self, value) -> None:
        self._default = value

    obj = property(_current, _set_default)

    def __setattr__(self, attr: str, value) -> None:
        # peewee's Proxy only allows the names in the most derived class's __slots__.
        if attr in ("obj", "_default", "_local", "_callbacks", "_Model"):
            object.__setattr__(self, attr, value)
        else:
            raise AttributeError("Cannot set attribute on proxy.")

    @contextmanager
    def bound(self, db) -> Iterator[None]:
        previous = getattr(self._local, "db", None)
        self._local.db = db
        try:
            yield
        finally:
            self._local.db = previous


database_proxy = StoreProxy()


def new_uuid() -> str:
    return str(_uuid.uuid4())


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


def _fold(text):
    from herotui.collation import fold

    return fold(text)


class KeyedModel(BaseModel):
    """A model with a folded key column kept in step with a name column on every insert and update.

    `_keyed = ("name", "name_key")`: whatever writes `name` (insert, insert_many, create, update)
    also writes `name_key = fold(name)`, so no code path can store a name without its key.
    """

    _keyed: tuple[str, str] = ("", "")

    @classmethod
    def _with_key(cls, data: dict) -> dict:
        source, key = cls._keyed
        for name, value in list(data.items()):
            field_name = name if isinstance(name, str) else getattr(name, "name", None)
            if field_name == source and value is not None:
                data[key if isinstance(name, str) else getattr(cls, key)] = _fold(value)
        return data

    @classmethod
    def insert(cls, __data=None, **insert):
        return super().insert(cls._with_key({**(__data or {}), **insert}))

    @classmethod
    def insert_many(cls, rows, fields=None):
        if fields is None:
            rows = [cls._with_key(dict(row)) if isinstance(row, dict) else row for row in rows]
        return super().insert_many(rows, fields)

    @classmethod
    def update(cls, __data=None, **update):
        return super().update(cls._with_key({**(__data or {}), **update}))


class StoreMeta(BaseModel):
    """Key/value facts about the database itself (application id, schema version)."""

    key = CharField(max_length=64, primary_key=True)
    value = TextField()

    class Meta:
        table_name = "herotui_meta"


class Person(KeyedModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    login = CharField(max_length=128, unique=True)
    """The login as first seen, kept for display (`Anna.Berg` stays `Anna.Berg`)."""
    login_key = CharField(max_length=400, unique=True)
    """`herotui.collation.fold(login)`: one person however Windows spells the login (schema v2).
    Longer than `login`: casefolding can lengthen text ("ß" becomes "ss")."""
    display_name = CharField(max_length=100)
    is_admin = BooleanField(default=False)
    named_in_pulse = BooleanField(default=False)
    """Whether the person's name may appear in the team pulse (counts always include them)."""
    named_display_set = BooleanField(default=False)
    """False until the person chose a display name themselves (the app asks on first run)."""
    feed_seen_at = UtcTimestampField(null=True)
    created_at = UtcTimestampField()

    _keyed = ("login", "login_key")


class OrgSetting(BaseModel):
    """Organisation-wide rules (weekly goal, breakfast rule, ...), JSON-encoded values."""

    key = CharField(max_length=64, primary_key=True)
    value = TextField()
    updated_at = UtcTimestampField()
    updated_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")


class FocusArea(KeyedModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    name = CharField(max_length=80, unique=True)
    name_key = CharField(max_length=400, unique=True)
    """`herotui.collation.fold(name)`: "ÅTERKOPPLING" and "Återkoppling" are one area (schema v2)."""
    retired = BooleanField(default=False)
    created_at = UtcTimestampField()
    priority = CharField(max_length=8, null=True, default="normal", constraints=[SQL("DEFAULT 'normal'")])
    """How much the business needs this competence: high, normal or low (set by admins; v4). NULL
    reads as normal. Nullable with a database default, so that adding it is a plain ALTER TABLE
    (no SQLite table rebuild, which would cascade-delete the area links) and an older herotui
    writing to the same file can still add areas."""
    target_minutes = IntegerField(null=True)
    """Optional learning target in minutes per calendar quarter, for the whole company (v4)."""

    _keyed = ("name", "name_key")


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


class Share(BaseModel):
    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    person = ForeignKeyField(Person, backref="shares", on_delete="CASCADE")
    url = TextField()
    url_key = CharField(max_length=512, index=True)
    """The normalised link, used to notice that something was already shared."""
    title = CharField(max_length=200)
    kind = CharField(max_length=20, default="article")
    note = TextField(default="")
    from_session = ForeignKeyField(LearningSession, null=True, on_delete="SET NULL")
    created_at = UtcTimestampField()
    updated_at = UtcTimestampField()

    class Meta:
        # Keyset pagination walks (created_at, id) newest first; (created_at, person) covers the
        # insights screen's count of shares by sharer over a period (v4).
        indexes = ((("created_at", "id"), False), (("person", "created_at"), False),
                   (("created_at", "person"), False))


class ShareArea(BaseModel):
    share = ForeignKeyField(Share, backref="area_links", on_delete="CASCADE")
    area = ForeignKeyField(FocusArea, on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("share", "area")
        indexes = ((("area", "share"), False),)


class ShareTag(BaseModel):
    share = ForeignKeyField(Share, backref="tag_links", on_delete="CASCADE")
    tag = CharField(max_length=50)

    class Meta:
        primary_key = CompositeKey("share", "tag")
        indexes = ((("tag",), False),)


class Reaction(BaseModel):
    """A "useful" mark; one per person and share."""

    uuid = CharField(max_length=36, unique=True, default=new_uuid)
    share = ForeignKeyField(Share, backref="reactions", on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    created_at = UtcTimestampField()

    class Meta:
        # (created_at, share, person) covers the insights screen's count of marks over a period (v4).
        indexes = ((("share", "person"), True), (("created_at",), False), (("created_at", "share", "person"), False))


class SavedShare(BaseModel):
    share = ForeignKeyField(Share, on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    created_at = UtcTimestampField()

    class Meta:
        primary_key = CompositeKey("share", "person")
        indexes = ((("person", "created_at"), False),)


class ReadMark(BaseModel):
    """An explicit read/unread choice; without one, shares older than `feed_seen_at` count as read."""

    share = ForeignKeyField(Share, on_delete="CASCADE")
    person = ForeignKeyField(Person, on_delete="CASCADE")
    is_read = BooleanField(default=True)

    class Meta:
        primary_key = CompositeKey("share", "person")


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


class GoalWeek(BaseModel):
    """The weekly goal in force from the ISO week starting `week_start` (a Monday, ISO date) on.

    The goal of a week is the row with the latest `week_start` not after that week's Monday, so a
    change never rewrites the weeks before it.
    """

    week_start = CharField(max_length=10, primary_key=True)
    minutes = IntegerField()
    set_at = UtcTimestampField()


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


ALL_MODELS: list[type[BaseModel]] = [
    StoreMeta,
    Person,
    OrgSetting,
    FocusArea,
    LearningSession,
    SessionArea,
    HolidayWeek,
    Share,
    ShareArea,
    ShareTag,
    Reaction,
    SavedShare,
    ReadMark,
    BreakfastSlot,
    SlotArea,
    Rsvp,
    WaitlistEntry,
    WaitlistTurn,
    Handover,
    GoalWeek,
]
