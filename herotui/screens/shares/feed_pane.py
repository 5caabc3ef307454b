"""The list side of the share screen: the feed, its empty state, and what the person does to a share.

The pane loads its own pages: it opens a window (`open`), fills it as the person scrolls
(`FeedList.NeedItems`), takes in a colleague's change (`take_changes`), and writes the person's
reactions (useful, saved, read). It posts what the rest of the screen must follow:
`FeedOpened`, `FeedShown`, `FeedRefreshed`, `ShareChanged`. The first time a window is on
screen it records the visit (`begin_visit`, a write), so the first page never waits for it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from herotui.dialogs.base import WorkErrors
from herotui.i18n import t
from herotui.screens.shares.messages import FeedOpened, FeedRefreshed, FeedShown, ShareChanged
from herotui.services.actions import Queued
from herotui.widgets.feed_list import FeedList

if TYPE_CHECKING:
    from datetime import datetime

    from herotui.screens.shares.state import FeedState
    from herotui.services.shares import FeedItem, ShareService


def empty_text(state: "FeedState") -> str:
    """What an empty feed says, by why it is empty (filters, saved view, all read, no shares)."""
    f = state.filters
    if f.search or f.area or f.kind or f.by:
        return t("share.empty.filtered")
    if f.saved:
        return t("share.empty.saved")
    if f.unread_only:
        return t("share.empty.all_read")
    return t("empty.shares")


class FeedPane(WorkErrors, Vertical):
    """`#share-list-pane`: the `FeedList` (`#share-feed`) over `state.window`, or a line saying
    why there is nothing to show (`#share-empty`)."""

    def __init__(self, state: "FeedState", *, now: Callable[[], "datetime"], id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = state
        self._now = now

    def compose(self) -> ComposeResult:
        yield FeedList(self.state.window, now=self._now, id="share-feed")
        yield Static(id="share-empty", classes="empty-state")

    @property
    def feed(self) -> FeedList:
        """The list widget (`#share-feed`)."""
        return self.query_one("#share-feed", FeedList)

    @property
    def shares(self) -> "ShareService":
        """The share service of the open database."""
        return self.app.hero.shares

    # -- loading -------------------------------------------------------------------------------

    def open(self, *, keep_uuid: str | None = None) -> None:
        """Open a fresh window for the current filters (the top of the feed), in a worker; a
        newer call supersedes an older one. `keep_uuid` stays highlighted if it is on the page."""
        self.run_worker(partial(self._open, keep_uuid=keep_uuid), group="share-open", exclusive=True,
                        exit_on_error=False)

    def work_failed(self, group: str, error: BaseException | None) -> None:
        """An open failed (the person was told why): try once more; other failures end there."""
        if group == "share-open":
            # Try once more (a blip on the drive); the person has been told what went wrong.
            self.run_worker(partial(self._open, keep_uuid=None), group="share-load", exclusive=True,
                            exit_on_error=False)

    async def _open(self, *, keep_uuid: str | None) -> None:
        state = self.state
        filters = state.filters
        opening = await self.app.db(self.shares.open_feed, filters, state.window.page_size)
        if filters != state.filters:
            return  # the person changed the filters meanwhile; that load is on its way
        state.window.reset(opening, filters)
        state.newer = 0
        state.pending_posts.clear()
        feed = self.feed
        feed.go_top()
        if keep_uuid is not None:
            index = state.window.index_of(keep_uuid)
            if index is not None:
                feed.cursor = index
        self.post_message(FeedOpened(state.window.total))
        self.show_empty()
        if not state.visited:
            state.visited = True
            # Recording the visit is a write: it waits until the first page has been painted.
            self.call_after_refresh(self._visit)

    def _visit(self) -> None:
        self.run_worker(partial(self.app.db, self.shares.begin_visit), group="share-visit", exit_on_error=False)

    @on(FeedList.NeedItems)
    def _need_items(self, message: FeedList.NeedItems) -> None:
        message.stop()
        self.run_worker(partial(self._fill, message.first, message.last), group="share-fill", exclusive=True,
                        exit_on_error=False)

    async def _fill(self, first: int, last: int) -> None:
        changed = await self.state.window.ensure(first, last, self.app.db, self.shares)
        if changed:
            self.feed.sync()
            self.show_empty()

    def take_changes(self) -> None:
        """A colleague committed: count what is new above the list, refresh what is in memory in
        place (reactions, edits, deletions), and keep the highlighted share where it is."""
        if self.state.window.loaded:
            self.run_worker(self._changed, group="share-changed", exclusive=True, exit_on_error=False)

    async def _changed(self) -> None:
        window = self.state.window
        if window.bound is None:
            return
        keep = self.feed.highlighted_item
        generation = window.generation
        newer, mine = await self.app.db(self.shares.newer_counts, self.state.filters, window.bound)
        if window.generation != generation:
            # The feed was opened again meanwhile ("g", a filter): these counts were taken against
            # the old window's top, and would announce shares the list already shows.
            return
        if mine:
            # Something I posted myself (from the learning screen, or another computer of mine)
            # is shown at once, not announced as "1 new share".
            await self._open(keep_uuid=keep.uuid if keep else None)
            return
        self.state.newer = newer
        await window.refresh(self.app.db, self.shares)
        if window.generation != generation:
            return  # opened again during the refresh: the fresh list keeps its own cursor
        self.feed.sync(keep_cursor_uuid=keep.uuid if keep else None)
        self.post_message(FeedRefreshed(newer))
        self.show_empty()

    async def reread(self) -> None:
        """Read the shares in memory again (after a deletion), then show the list or why it is empty."""
        await self.state.window.refresh(self.app.db, self.shares)
        self.feed.sync()
        self.show_empty()

    def show_empty(self) -> None:
        """Show the list, or the empty state ("Loading...", "No shares yet ..."), and say which."""
        state = self.state
        empty = self.query_one("#share-empty", Static)
        feed = self.feed
        if not state.window.loaded:
            empty.update(t("share.loading"))
            shown = True
        elif state.window.total == 0:
            empty.update(empty_text(state))
            shown = True
        else:
            shown = False
        empty.display = shown
        feed.display = not shown
        if not shown and self.screen.focused is None:
            feed.focus()
        self.post_message(FeedShown(loaded=state.window.loaded, empty=shown))

    # -- the person's reactions ------------------------------------------------------------------

    def changed_locally(self, item: "FeedItem", **changes: Any) -> None:
        """Apply a change the person just made to the freshest copy in the list (not to `item`,
        which another write may have replaced meanwhile) and tell the screen (`ShareChanged`)."""
        self.state.window.update_item(item.uuid, **changes)
        self.feed.refresh()
        self.post_message(ShareChanged(item.uuid, changes))

    def toggle_useful(self, item: "FeedItem") -> None:
        """Mark `item` useful, or take the mark back (a write, in a worker); reading it marks it read."""
        self.run_worker(partial(self._useful, item), group="share-write", exit_on_error=False)

    async def _useful(self, item: "FeedItem") -> None:
        on = not item.useful_by_me
        result = await self.app.db(self.shares.set_useful, item.uuid, on)
        count = item.useful + (1 if on else -1) if isinstance(result, Queued) else result.count
        self.changed_locally(item, useful_by_me=on, useful=max(0, count))
        if item.unread:
            self.set_read(item, True)

    def toggle_saved(self, item: "FeedItem") -> None:
        """Save `item` for later, or unsave it (a write, in a worker)."""
        self.run_worker(partial(self._save, item), group="share-write", exit_on_error=False)

    async def _save(self, item: "FeedItem") -> None:
        on = not item.saved
        await self.app.db(self.shares.set_saved, item.uuid, on)
        self.changed_locally(item, saved=on)
        self.notify(t("share.saved.on") if on else t("share.saved.off"))

    def set_read(self, item: "FeedItem", read: bool) -> None:
        """Mark `item` read or unread (a write, in a worker)."""

        async def write() -> None:
            await self.app.db(self.shares.set_read, item.uuid, read)
            self.changed_locally(item, unread=not read)

        self.run_worker(write, group="share-write", exit_on_error=False)

    def read_all(self, *, then: Callable[[], None]) -> None:
        """Mark every share read (a write, in a worker); `then` runs after (the screen reloads a
        feed that shows only unread shares)."""

        async def write() -> None:
            await self.app.db(self.shares.mark_all_read)
            window = self.state.window
            for held in list(window.items):
                if held.unread:
                    window.update_item(held.uuid, unread=False)
            self.feed.refresh()
            self.notify(t("share.read_all.done"))
            then()

        self.run_worker(write, group="share-write", exit_on_error=False)
