"""What the share screen's panes tell the screen: small messages with dataclass fields.

Attributes go down (the screen calls a pane's methods), messages come up (a pane posts one of
these and the screen decides what else must change). Modelled on Toolong's `messages.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from textual.message import Message

FilterField = Literal["area", "kind", "by"]
"""The filters a picker sets (`FeedFilter` field names)."""


@dataclass
class SearchChanged(Message):
    """The search box settled on `text` (typed and paused, or Enter when `submitted`)."""

    text: str
    submitted: bool = False


@dataclass
class FilterPicked(Message):
    """A picker chose `value` for `field`; "" means any (the filter is cleared)."""

    field: FilterField
    value: str


@dataclass
class ShowNewShares(Message):
    """The person clicked the "new shares" notice: reopen the feed at its top."""


@dataclass
class FeedOpened(Message):
    """The feed pane opened a fresh window (its first page is in memory and drawn)."""

    total: int


@dataclass
class FeedShown(Message):
    """The feed pane showed its list or its empty state (`empty`) after a load or a change."""

    loaded: bool
    empty: bool


@dataclass
class FeedRefreshed(Message):
    """A colleague's change was taken in: the shares in memory were read again, `newer` counted."""

    newer: int


@dataclass
class ShareChanged(Message):
    """The person changed share `uuid` (a reaction, a read mark): `changes` are `FeedItem` fields
    with their new values, already applied to the feed's copy."""

    uuid: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class OpenLink(Message):
    """A link in a note was clicked; `href` is the address as the note wrote it."""

    href: str
