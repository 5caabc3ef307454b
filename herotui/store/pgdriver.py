"""The PostgreSQL driver (psycopg 3), imported only when a `postgresql://` target is used."""

from __future__ import annotations

from herotui.store.errors import DriverMissing


def driver():
    """The psycopg 3 module. Raises `DriverMissing` (with the install command) when absent."""
    from herotui.drivers import give_peewee_psycopg

    try:
        import psycopg

        give_peewee_psycopg()
    except ImportError:
        raise DriverMissing() from None
    return psycopg


__all__ = ["driver"]
