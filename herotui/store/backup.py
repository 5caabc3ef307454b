"""Consistent copies of the team database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herotui.store.database import Store


def backup_before_migration(store: "Store", from_version: int) -> Path | None:
    """Write `hero.db.v1-20261128T120000.bak` beside the file before its schema changes."""
    if not store.is_sqlite or store.location.path is None:
        return None
    stamp = store.clock.now().strftime("%Y%m%dT%H%M%S")
    path = store.location.path
    destination = path.with_name(f"{path.name}.v{from_version}-{stamp}.bak")
    return store.backup_to(destination)
