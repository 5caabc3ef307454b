"""The breakfast calendar. (Filled in by the breakfast issue.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herotui.services.hero import Hero


class BreakfastService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
