"""The rules of herotui: who may do what, and how each write is made safe.

Services return plain dataclasses; no peewee row ever reaches the UI.
"""

from herotui.services.errors import Conflict, HeroError, NotAllowed, NotFound, ValidationError
from herotui.services.hero import Hero

__all__ = ["Conflict", "Hero", "HeroError", "NotAllowed", "NotFound", "ValidationError"]
