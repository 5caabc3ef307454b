"""The share feed. (Filled in by the share-feed issue.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herotui.services.hero import Hero


class ShareService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
