"""What the share service hands out: plain frozen dataclasses, no ORM rows.

Units throughout: datetimes are timezone-aware UTC (`herotui.store.fields` stores them as UTC
microseconds since the epoch); a `Cursor.at` is that microsecond number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Kind = Literal["article", "podcast", "webinar", "book", "course", "video", "other"]
"""What a share is: the values of `herotui.services.kinds.KINDS` (a test keeps them equal)."""

Period = Literal["week", "month"]
"""A "most useful" period: this ISO week (from Monday 00:00) or this calendar month."""


@dataclass(frozen=True, order=True)
class Cursor:
    """A place in the feed: the share's (created_at in UTC microseconds, id). Newest sorts last.

    The feed is ordered by this key descending and paged by keyset (`(created_at, id) < cursor`),
    never by OFFSET."""

    at: int
    id: int


@dataclass(frozen=True)
class FeedItem:
    """One share as a line of the feed (without its note)."""

    id: int
    uuid: str
    cursor: Cursor
    kind: Kind
    title: str
    url: str
    """The link, or "" when there is none (a book, an in-person course)."""
    author_login: str
    author_name: str
    created_at: datetime
    """When it was posted (UTC)."""
    areas: tuple[str, ...]
    """Focus-area names, in Swedish alphabetical order."""
    tags: tuple[str, ...]
    """Free tags (case-folded), in Swedish alphabetical order."""
    useful: int
    """How many people reacted "useful"."""
    useful_by_me: bool
    saved: bool
    unread: bool
    can_edit: bool
    """The viewer posted it or is an admin."""


@dataclass(frozen=True)
class ShareInfo(FeedItem):
    """One share in full, as the detail pane and the `post` contract see it."""

    note: str = ""
    updated_at: datetime | None = None
    """The last edit (UTC); the posting moment when never edited."""
    from_session_uuid: str | None = None
    """The learning session it was shared from, if any."""


@dataclass(frozen=True)
class FeedFilter:
    """What the feed shows; the default shows everything."""

    area: str | None = None
    """A focus-area name (an unknown one raises `ValidationError` when read)."""
    kind: Kind | None = None
    by: str | None = None
    """A person's login."""
    saved: bool = False
    unread_only: bool = False
    """"Hide read"."""
    search: str = ""
    """Words to find in title, note and tags (typed text; FTS syntax is neutralised)."""

    @property
    def is_plain(self) -> bool:
        """True when nothing is filtered (the whole feed)."""
        return self == FeedFilter()


@dataclass(frozen=True)
class FeedPage:
    """Up to a page of feed lines, newest first."""

    items: tuple[FeedItem, ...]
    next_cursor: Cursor | None
    """Where the following page starts (`after=`), or None at the end."""


@dataclass(frozen=True)
class FeedOpening:
    """A feed window: its bound, how many shares it holds, and its first page."""

    bound: int
    """The highest share id when the window was opened (0 for an empty feed)."""
    total: int
    page: FeedPage


@dataclass(frozen=True)
class Duplicate:
    """The earliest share of a link: what "already shared by ..." names."""

    uuid: str
    title: str
    author_name: str
    created_at: datetime
    shared_on: str
    """The local day it was shared ("12 March", with the year when not this year); in words
    because the refusal `Conflict("share.error.already_shared")` names it too. The sentence
    itself is `herotui.presenters.shares.already_shared`."""


@dataclass(frozen=True)
class UsefulState:
    """A share's "useful" reaction after setting it: mine on or off, and the count of all."""

    uuid: str
    on: bool
    count: int


@dataclass(frozen=True)
class AreaCount:
    """Shares in one focus area."""

    name: str
    retired: bool
    shares: int
    recent: int
    """Shares in the last 30 days."""


@dataclass(frozen=True)
class Sharer:
    """A person who has shared something, with how many shares."""

    login: str
    display_name: str
    shares: int


@dataclass(frozen=True)
class ShareStats:
    """Most useful this week and this month (each most reactions first), and shares per area."""

    week: tuple[FeedItem, ...]
    month: tuple[FeedItem, ...]
    areas: tuple[AreaCount, ...]


@dataclass(frozen=True)
class DigestItem:
    """One share in a digest, with its note."""

    uuid: str
    title: str
    url: str
    kind: Kind
    author_name: str
    created_at: datetime
    useful: int
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DigestGroup:
    """A focus area's shares in a digest ("" for shares without an area), most useful first."""

    area: str
    items: tuple[DigestItem, ...]


@dataclass(frozen=True)
class Digest:
    """Shares posted in [since, until] (UTC), grouped by area, busiest area first."""

    since: datetime
    until: datetime
    total: int
    """Distinct shares (a share under two areas counts once)."""
    groups: tuple[DigestGroup, ...]


@dataclass(frozen=True)
class ShareDraft:
    """Cleaned input for a share, ready for a payload."""

    url: str
    """An http(s) link, or "" for none."""
    title: str
    kind: Kind
    areas: tuple[str, ...]
    tags: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Viewer:
    """Whose feed this is: decides unread, saved, "useful by me" and who may edit."""

    id: int
    """The person's id, or -1 for someone not (yet) in the database."""
    is_admin: bool
    seen_at: int
    """UTC microseconds; shares by others newer than this are unread unless marked."""
