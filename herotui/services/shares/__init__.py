"""The share feed: posting finds, reading them newest first, reactions, saves and read marks.

Contract other services rely on (the learning hour's "share this with colleagues"):

    hero.shares.post(url: str | None, title: str, kind: str, areas: list[str], *,
                     tags: list[str] = (), note: str = "", force: bool = False,
                     from_session_uuid: str | None = None) -> ShareInfo | Queued

`url` may be None or "" (a book or an in-person course has no link); when present it must be
http or https. `areas` are focus-area names (see `hero.areas`). A link already shared raises
`Conflict("share.error.already_shared", name=..., date=...)` unless `force=True`.
`ShareInfo` is a frozen dataclass with at least `uuid`, `title`, `url`, `kind`, `areas`.

Reading pages the feed lazily by keyset: `(created_at, id)` newest first, never OFFSET, never
more than one page of rows at a time. A feed "window" is bounded by the highest share id seen
when it was opened (`bound`), so colleagues' new shares never shift what is on screen; they are
counted by `newer_count` instead, whatever their clocks say.

The package, by part: `types` (the dataclasses handed out), `drafts` (checking typed input, no
database), `feed` (keyset pages, counts, seeks, search, single shares), `stats` (most useful,
per-area counts, digests), `handlers` (the `@action` write handlers; importing this package
registers them) and `service` (`ShareService`, what `hero.shares` is). Callers import from
here; the names below are the package's public surface.
"""

from __future__ import annotations

import herotui.services.shares.handlers  # noqa: F401  (registers the share.* actions)
from herotui.services.actions import Queued
from herotui.services.links import check_link
from herotui.services.shares.drafts import MAX_NOTE, MAX_TAG, MAX_TAGS, MAX_TITLE, check_draft, clean_tags
from herotui.services.shares.feed import SEEK_CHUNK, shared_on
from herotui.services.shares.service import FIRST_VISIT_WINDOW, PAGE_SIZE, ShareService
from herotui.services.shares.types import (
    AreaCount,
    Cursor,
    Digest,
    DigestGroup,
    DigestItem,
    Duplicate,
    FeedFilter,
    FeedItem,
    FeedOpening,
    FeedPage,
    Kind,
    Period,
    ShareDraft,
    ShareInfo,
    Sharer,
    ShareStats,
    UsefulState,
)

__all__ = [
    "AreaCount", "Cursor", "Digest", "DigestGroup", "DigestItem", "Duplicate", "FIRST_VISIT_WINDOW",
    "FeedFilter", "FeedItem", "FeedOpening", "FeedPage", "Kind", "MAX_NOTE", "MAX_TAG", "MAX_TAGS",
    "MAX_TITLE", "PAGE_SIZE", "Period", "Queued", "SEEK_CHUNK", "ShareDraft", "ShareInfo",
    "ShareService", "ShareStats", "Sharer", "UsefulState", "check_draft", "check_link", "clean_tags",
    "shared_on",
]
