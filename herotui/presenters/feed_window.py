"""The part of a feed held in memory: a small block of shares around what is on screen.

A feed window is every share (matching the filters) up to the `bound` it was opened with; it
may hold 100,000 shares, but only a block of at most `keep` items is ever in memory. Scrolling
near the block extends it by a page (keyset: older than its last item, or newer than its first)
and trims the far end; a jump far away (End, a scrollbar drag) walks keys only to the place and
loads one page there. Nothing here imports Textual or touches the database directly: every
fetch goes through `call(service_method, ...)`, which the screen points at its database thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Awaitable, Callable

if TYPE_CHECKING:
    from herotui.services.shares import Cursor, FeedFilter, FeedItem, FeedOpening, ShareService

Call = Callable[..., Awaitable[Any]]


@dataclass
class WindowStats:
    """What the window fetched, for tests and the curious."""

    pages: int = 0
    items: int = 0
    seeks: int = 0


class FeedWindow:
    """A feed's shares up to `bound`, with at most `keep` of them in memory (`items`, from index
    `start`); `total` counts them all, `loaded` says a first page has arrived. Pages are
    `page_size` shares. Not thread-safe: used from the UI's event loop, one fetch at a time."""

    def __init__(self, filters: "FeedFilter", *, page_size: int = 100, keep: int = 500) -> None:
        self.filters = filters
        self.page_size = page_size
        self.keep = max(keep, page_size * 2)
        self.bound: int | None = None
        self.total = 0
        self.start = 0
        self.items: list["FeedItem"] = []
        self.loaded = False
        self.generation = 0
        self.stats = WindowStats()
        self._lock = asyncio.Lock()

    # -- reading -------------------------------------------------------------------------------

    @property
    def end(self) -> int:
        """One past the index of the last share in memory."""
        return self.start + len(self.items)

    def item_at(self, index: int) -> "FeedItem | None":
        """The share at feed position `index`, or None when it is not in memory."""
        if self.start <= index < self.end:
            return self.items[index - self.start]
        return None

    def index_of(self, uuid: str | None) -> int | None:
        """The feed position of share `uuid` if it is in memory, else None."""
        if uuid is None:
            return None
        for offset, item in enumerate(self.items):
            if item.uuid == uuid:
                return self.start + offset
        return None

    def covers(self, first: int, last: int) -> bool:
        """True when positions `first`..`last` (clamped to the feed) are all in memory."""
        first, last = self._clamp(first, last)
        return first > last or (self.start <= first and last < self.end)

    def _clamp(self, first: int, last: int) -> tuple[int, int]:
        return max(0, first), min(self.total - 1, last)

    # -- changing ------------------------------------------------------------------------------

    def reset(self, opening: "FeedOpening", filters: "FeedFilter | None" = None) -> None:
        """Start over with a freshly opened window (new filters, or "show the new shares")."""
        if filters is not None:
            self.filters = filters
        self.generation += 1
        self.bound = opening.bound
        self.total = opening.total
        self.start = 0
        self.items = list(opening.page.items)
        self.loaded = True
        self._count(opening.page.items)

    def invalidate(self) -> None:
        """Forget the block (the filters are changing); loads still on their way are dropped."""
        self.generation += 1
        self.loaded = False

    def replace_item(self, item: "FeedItem") -> bool:
        """Put a fresher copy of a share in place (after a reaction, an edit)."""
        for offset, current in enumerate(self.items):
            if current.uuid == item.uuid:
                self.items[offset] = item
                return True
        return False

    def update_item(self, uuid: str, **changes: Any) -> "FeedItem | None":
        """Change fields of a share held in memory (an offline action shown as done)."""
        for offset, current in enumerate(self.items):
            if current.uuid == uuid:
                self.items[offset] = replace(current, **changes)
                return self.items[offset]
        return None

    def _count(self, items) -> None:
        self.stats.pages += 1
        self.stats.items += len(items)

    # -- loading -------------------------------------------------------------------------------

    async def ensure(self, first: int, last: int, call: Call, shares: "ShareService") -> bool:
        """Load what is needed to show items `first`..`last`. True if the block changed."""
        async with self._lock:
            generation = self.generation
            changed = False
            for _ in range(8):  # a few pages at most per request; the widget asks again if needed
                if not self.loaded or generation != self.generation or self.covers(first, last):
                    break
                await self._load_towards(first, last, call, shares, generation)
                changed = True
            return changed

    async def _load_towards(self, first: int, last: int, call: Call, shares: "ShareService",
                            generation: int) -> None:
        first, last = self._clamp(first, last)
        near = self.page_size * 2
        if self.items and self.end <= last and first < self.end + near:
            await self._extend_older(call, shares, generation)
        elif self.items and first < self.start and last >= self.start - near:
            await self._extend_newer(call, shares, generation)
        else:
            await self._jump(first, call, shares, generation)

    async def _extend_older(self, call: Call, shares: "ShareService", generation: int) -> None:
        page = await call(shares.feed_page, self.filters, self.items[-1].cursor, self.page_size, bound=self.bound)
        if generation != self.generation:
            return
        self._count(page.items)
        self.items.extend(page.items)
        if page.next_cursor is None:
            # The bottom of the window: shares deleted meanwhile make it shorter than counted.
            self.total = self.end
        if len(self.items) > self.keep:
            drop = len(self.items) - self.keep
            del self.items[:drop]
            self.start += drop

    async def _extend_newer(self, call: Call, shares: "ShareService", generation: int) -> None:
        page = await call(shares.feed_page_newer, self.filters, self.items[0].cursor, self.page_size,
                          bound=self.bound)
        if generation != self.generation:
            return
        self._count(page.items)
        self.items[:0] = page.items
        self.start -= len(page.items)
        if page.next_cursor is None and self.start != 0:
            # The top of the window is nearer than counted (deletions): shift everything up.
            self.total -= self.start
            self.start = 0
        if len(self.items) > self.keep:
            del self.items[self.keep:]

    async def _jump(self, target: int, call: Call, shares: "ShareService", generation: int) -> None:
        """Load a page around `target`, far from the block: from the bottom with a reversed query,
        or by walking keys from the nearest known place."""
        if self.total - target <= self.page_size:
            page = await call(shares.feed_last_page, self.filters, self.page_size, bound=self.bound)
            if generation != self.generation:
                return
            self._count(page.items)
            self.items = list(page.items)
            self.start = max(0, self.total - len(self.items))
            return
        begin = max(0, target - self.page_size // 4)
        # The cursor of item `begin - 1`, walking from the top or from the block, whichever is nearer.
        options: list[tuple[int, Cursor | None, int, bool]] = [(begin, None, begin, False)]
        if self.items:
            last_index = self.end - 1
            if begin - 1 >= last_index:
                steps = begin - 1 - last_index
                options.append((steps, self.items[-1].cursor, steps, False))
            elif begin - 1 >= 0 and begin - 1 < self.start:
                steps = self.start - (begin - 1)
                options.append((steps, self.items[0].cursor, steps, True))
        _, origin, steps, newer = min(options, key=lambda option: option[0])
        cursor = origin
        if steps > 0:
            self.stats.seeks += 1
            cursor = await call(shares.feed_seek, self.filters, origin, steps, bound=self.bound, newer=newer)
            if generation != self.generation:
                return
            if cursor is None:
                begin = 0  # the window shrank under us; start again from the top
        page = await call(shares.feed_page, self.filters, cursor if begin else None, self.page_size,
                          bound=self.bound)
        if generation != self.generation:
            return
        self._count(page.items)
        self.items = list(page.items)
        self.start = begin
        if page.next_cursor is None:
            self.total = self.end

    async def refresh(self, call: Call, shares: "ShareService") -> None:
        """Someone changed the feed: fetch the block again from its first share, which keeps its
        place (a deleted share simply leaves a gap that closes; nothing above it moves)."""
        from herotui.services.shares import Cursor

        async with self._lock:
            if not self.loaded:
                return
            generation = self.generation
            total = await call(shares.feed_count, self.filters, bound=self.bound)
            if generation != self.generation:
                return
            if not self.items:
                self.total = total
                self.start = 0
                if total:
                    page = await call(shares.feed_page, self.filters, None, self.page_size, bound=self.bound)
                    if generation == self.generation:
                        self.items = list(page.items)
                        self._count(page.items)
                return
            first = self.items[0].cursor
            position = await call(shares.feed_position, self.filters, first, bound=self.bound)
            # "older than (at, id + 1)" starts with the first share itself, if it still exists.
            page = await call(shares.feed_page, self.filters, Cursor(first.at, first.id + 1), len(self.items),
                              bound=self.bound)
            if generation != self.generation:
                return
            self._count(page.items)
            self.total = total
            self.start = position
            self.items = list(page.items)
