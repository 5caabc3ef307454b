"""Old name of `herotui.connection` (kept so that existing imports keep working)."""

from herotui.connection import (  # noqa: F401
    Launch,
    known_databases,
    is_known_database,
    open_hero,
    open_launch_store,
    outbox_key_for,
    remember_store,
    resolve_launch,
    signed_in_login,
)

__all__ = ["Launch", "is_known_database", "known_databases", "open_hero", "open_launch_store",
           "outbox_key_for", "remember_store", "resolve_launch", "signed_in_login"]
