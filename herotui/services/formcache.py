"""What the forms need from the team database, kept on this computer for when it is out of reach.

The share, learning and breakfast forms offer focus areas and people to choose from. Offline,
the database cannot say which exist, and an empty list would block the form ("choose at least
one focus area") although the action itself would wait safely in the outbox. So every time a
list is read from the database it is also written here (`forms.json` beside the outbox, one
entry per database), and the services answer from here when the database cannot be reached.

A cached name may have been renamed or retired meanwhile; the action then meets the database's
own rules when the outbox is sent, and a refusal is reported like any other.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from herotui.store.errors import DatabaseUnavailable

if TYPE_CHECKING:
    from herotui.services.hero import Hero

T = TypeVar("T")
_LOCK = threading.Lock()
FILE_NAME = "forms.json"


def cache_path(hero: "Hero") -> Path | None:
    """`forms.json` in the folder of the hero's outbox (the user's data folder), or None."""
    if hero.outbox is None:
        return None
    return Path(hero.outbox.path).parent / FILE_NAME


def _load(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember(hero: "Hero", key: str, items: list[Any]) -> None:
    """Keep `items` (dataclasses) as the last known `key` list of this hero's database.

    Written only when it changed (a local file, replaced atomically); never raises.
    """
    path = cache_path(hero)
    if path is None:
        return
    database = hero.store.database_key
    rows = [asdict(item) for item in items]
    with _LOCK:
        data = _load(path)
        entry = data.setdefault(database, {})
        if entry.get(key) == rows:
            return
        entry[key] = rows
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            pass  # a cache: the forms then just know less offline


def recall(hero: "Hero", key: str, make: Callable[..., T]) -> list[T] | None:
    """The last known `key` list of this hero's database, rebuilt with `make(**row)`; None if none."""
    path = cache_path(hero)
    if path is None:
        return None
    with _LOCK:
        rows = _load(path).get(hero.store.database_key, {}).get(key)
    if rows is None:
        return None
    try:
        return [make(**row) for row in rows]
    except TypeError:
        return None  # written by another version of herotui


def cached_list(hero: "Hero", key: str, make: Callable[..., T], read: Callable[[], list[T]]) -> list[T]:
    """`read()` from the database and remember it; offline, the remembered list.

    Raises `DatabaseUnavailable` when offline and nothing was ever remembered.
    """
    try:
        items = read()
    except DatabaseUnavailable:
        remembered = recall(hero, key, make)
        if remembered is None:
            raise
        return remembered
    remember(hero, key, items)
    return items
