"""Refusals by the rules (as opposed to storage trouble, see `herotui.store.errors`)."""

from __future__ import annotations


class HeroError(Exception):
    """A foreseeable refusal with a translatable message. The CLI exits 1 on it."""

    key = "error.generic"
    exit_code = 1

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}")

    def message(self) -> str:
        from herotui.i18n import t

        return t(self.key, **self.params)


class ValidationError(HeroError):
    key = "error.invalid"


class NotAllowed(HeroError):
    key = "error.not_allowed"


class NotFound(HeroError):
    key = "error.not_found"


class Conflict(HeroError):
    """Someone else got there first (a slot taken, a timer already running)."""

    key = "error.conflict"
