"""The learning hour: timers, sessions, weeks and streaks. (Filled in by the learning-hour issue.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herotui.services.hero import Hero


class LearningService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
