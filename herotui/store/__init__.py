"""Storage: peewee models, connections, schema checks, retries and the offline outbox.

Nothing in this package imports Textual, and nothing SQLite-specific leaks out of it.
"""

from herotui.store.database import Store, create_store, open_store
from herotui.store.errors import StoreError

__all__ = ["Store", "StoreError", "create_store", "open_store"]
