"""What the share screen remembers while its panes come and go.

A language change composes the screen anew (`HeroScreen.relabel`), so every pane is replaced;
the panes therefore keep nothing of their own that must outlive them. They are handed this one
`FeedState`, which the screen owns for as long as it lives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING

from herotui.presenters.feed_window import FeedWindow
from herotui.services.shares import FeedFilter

if TYPE_CHECKING:
    from herotui.services.shares import ShareInfo


@dataclass
class FeedState:
    """The feed as the person sees it.

    `filters` is what the person asked for last (the window may still hold the previous ones
    until its reload arrives); `newer` counts colleagues' shares above the list; `pending_posts`
    are uuids of the person's own shares waiting in the outbox; `names` maps a login to the
    display name a picker showed; `detail_uuid` is the share the detail pane shows or is
    fetching and `detail_info` the one it shows; `zone` the organisation's time zone (None until
    the detail pane first read it).
    """

    filters: FeedFilter = field(default_factory=FeedFilter)
    window: FeedWindow = field(init=False)
    newer: int = 0
    pending_posts: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    detail_uuid: str | None = None
    detail_info: "ShareInfo | None" = None
    reading: bool = False
    zone: tzinfo | None = None
    visited: bool = False
    """The visit has been recorded (or tried): `begin_visit` runs once, after the first page."""

    def __post_init__(self) -> None:
        self.window = FeedWindow(self.filters)
