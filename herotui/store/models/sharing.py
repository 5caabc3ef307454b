"""Sharing: shares, their areas and tags, reactions, saved shares and read marks."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    ForeignKeyField,
    TextField,
)

from herotui.store.fields import UtcTimestampField
from herotui.store.models.base import BaseModel, FocusArea, Person, new_uuid
from herotui.store.models.learning import LearningSession


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
