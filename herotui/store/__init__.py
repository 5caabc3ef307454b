"""Storage: peewee models, connections, schema checks, retries and the offline outbox.

Nothing in this package imports Textual, and nothing SQLite-specific leaks out of it. The
package itself is light (small helpers such as `herotui.store.urls` do not pull in peewee);
`Store`, `open_store` and `create_store` load the database layer on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from herotui.store.database import Store
    from herotui.store.opening import create_store, open_store
    from herotui.store.errors import StoreError

__all__ = ["Store", "StoreError", "create_store", "open_store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from herotui.store.database import Store

        return Store
    if name in ("create_store", "open_store"):
        from herotui.store import opening

        return getattr(opening, name)
    if name == "StoreError":
        from herotui.store.errors import StoreError

        return StoreError
    raise AttributeError(name)
