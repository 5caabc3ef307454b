"""Insert-or-update that means the same on SQLite and PostgreSQL (peewee's `replace` does not)."""

from __future__ import annotations

from typing import Any

from peewee import Field, Model


def upsert(model: type[Model], key: Field, values: dict[str, Any]) -> None:
    update = {getattr(model, name): value for name, value in values.items() if name != key.name}
    model.insert(**values).on_conflict(conflict_target=[key], update=update).execute()
