"""PostgreSQL support (see the PostgreSQL issue). Until then, a clear refusal."""

from __future__ import annotations

from herotui.store.errors import StoreError


class PostgresUnsupported(StoreError):
    key = "store.postgres_unsupported"


def open_postgres(location, **kwargs):
    raise PostgresUnsupported()


def create_postgres(location, **kwargs):
    raise PostgresUnsupported()


def doctor_checks(location):
    raise PostgresUnsupported()
