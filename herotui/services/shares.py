"""The share feed. (Filled in by the share-feed issue.)

Contract other services rely on (the learning hour's "share this with colleagues"):

    hero.shares.post(url: str | None, title: str, kind: str, areas: list[str], *,
                     tags: list[str] = (), note: str = "", force: bool = False,
                     from_session_uuid: str | None = None) -> ShareInfo | Queued

`url` may be None or "" (a book or an in-person course has no link); when present it must be
http or https. `areas` are focus-area names (see `hero.areas`). A link already shared raises
`Conflict("share.error.already_shared", name=..., date=...)` unless `force=True`.
`ShareInfo` is a frozen dataclass with at least `uuid`, `title`, `url`, `kind`, `areas`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herotui.services.hero import Hero


class ShareService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
