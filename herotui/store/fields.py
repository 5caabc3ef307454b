"""Portable field types."""

from __future__ import annotations

from datetime import datetime, timezone

from peewee import BigIntegerField

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_micros(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int) -> datetime:
    seconds, micros = divmod(int(value), 1_000_000)
    return datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=micros)


class UtcTimestampField(BigIntegerField):
    """A moment stored as microseconds since 1970 UTC.

    Integers sort, compare and index the same way on SQLite and PostgreSQL, and carry no
    time-zone ambiguity; Python code only ever sees aware UTC datetimes.
    """

    def db_value(self, value):
        if isinstance(value, datetime):
            return to_micros(value)
        return value

    def python_value(self, value):
        if value is None:
            return None
        return from_micros(value)
