"""The models' database binding, the base classes and the people, settings and focus areas.

All moments are `UtcTimestampField`s (microseconds UTC). Models are bound to one database per
process through `database_proxy`, which the opening code (`herotui.store.opening`) initialises.
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
