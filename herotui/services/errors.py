"""Refusals by the rules (as opposed to storage trouble, see `herotui.store.errors`)."""

from __future__ import annotations

from herotui.errors import HerotuiError


class HeroError(HerotuiError):
    """A foreseeable refusal with a translatable message (`key`, `params`, `message()` from
    `HerotuiError`). The CLI exits 1 on it."""

    key = "error.generic"
    exit_code = 1


class ValidationError(HeroError):
    key = "error.invalid"


class NotAllowed(HeroError):
    key = "error.not_allowed"


class NotFound(HeroError):
    key = "error.not_found"


class Conflict(HeroError):
    """Someone else got there first (a slot taken, a timer already running)."""

    key = "error.conflict"
