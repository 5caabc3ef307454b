"""The feed: two skimmable lines per share, drawn line by line from a `FeedWindow`.

A `ScrollView` whose height comes from the window's count, so 100,000 shares cost no more to
show than 100: only the lines on screen are rendered, and a line whose share is not in memory
yet is drawn as a placeholder while the screen fetches its page (`NeedItems`).

    ● artikel      Psykologisk trygghet i team
      Anna Berg · för 3 h sedan · Ledarskap, AI i HR                ♥ 3  ★
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable

from textual.binding import Binding
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from herotui.i18n import relative_time, t
from herotui.services.kinds import KINDS
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from textual.style import Style

    from herotui.services.shares import FeedItem
    from herotui.presenters.feed_window import FeedWindow

LINES_PER_ITEM = 2


def kind_width() -> int:
    """Room for the longest kind name in the current language."""
    return max(len(t(f"kind.{kind}")) for kind in KINDS)


def item_lines(item: "FeedItem", width: int, now: datetime, styles: dict[str, "Style | str"]) -> tuple[Content, Content]:
    """The two lines of one share, exactly `width` cells each. Every piece a person typed goes
    through `safe()`, so markup in a title is shown as text and control characters are gone."""
    marker = Content.styled("● ", styles["unread"]) if item.unread else Content("  ")
    kind = Content.styled(t(f"kind.{item.kind}").ljust(kind_width() + 1), styles["kind"])
    title = safe(item.title, style=styles["title_unread"] if item.unread else styles["title"])
    room = max(0, width - marker.cell_length - kind.cell_length)
    first = Content.assemble(marker, kind, title.truncate(room, ellipsis=True)).truncate(width, pad=True)

    badges: list[Content] = []
    if item.useful:
        badges.append(Content.styled(f"♥ {item.useful}", styles["useful_mine"] if item.useful_by_me else styles["useful"]))
    elif item.useful_by_me:
        badges.append(Content.styled("♥", styles["useful_mine"]))
    if item.saved:
        badges.append(Content.styled("★", styles["saved"]))
    right = Content(" ").join(badges)
    if right.cell_length:
        right = Content.assemble("  ", right, " ")
    meta = Content(" · ").join([
        safe(item.author_name),
        Content(relative_time(now - item.created_at)),
        Content(", ").join(safe(area) for area in item.areas),
    ])
    left = Content.assemble("  ", meta.stylize(styles["meta"]))
    left_room = max(0, width - right.cell_length)
    second = Content.assemble(left.truncate(left_room, ellipsis=True, pad=True), right).truncate(width, pad=True)
    return first, second


class FeedList(ScrollView, can_focus=True):
    """The lazily paged list of shares. Keys move a highlight; Enter selects."""

    COMPONENT_CLASSES = {
        "feed--cursor", "feed--meta", "feed--kind", "feed--unread", "feed--title", "feed--title-unread",
        "feed--useful", "feed--useful-mine", "feed--saved", "feed--loading",
    }
    DEFAULT_CSS = """
    FeedList { overflow-x: hidden; overflow-y: auto; }
    """
    # Descriptions in Textual's words: the screens translate them for the keys panel
    # (`ui_work.TranslatedKeys`, herotui/locale/textual_words.py).
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page Up", show=False),
        Binding("pagedown", "page(1)", "Page Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    cursor = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        """The highlight moved to `index` (`item` None while its page is not in memory)."""

        def __init__(self, feed: "FeedList", index: int, item: "FeedItem | None") -> None:
            super().__init__()
            self.feed = feed
            self.index = index
            self.item = item

    class Selected(Message):
        """Enter or a double click on `index`."""

        def __init__(self, feed: "FeedList", index: int, item: "FeedItem | None") -> None:
            super().__init__()
            self.feed = feed
            self.index = index
            self.item = item

    class NeedItems(Message):
        """Lines are on screen whose shares are not in memory: please fetch them."""

        def __init__(self, first: int, last: int) -> None:
            super().__init__()
            self.first = first
            self.last = last

    def __init__(self, window: "FeedWindow", *, now: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self.window = window
        self.now = now
        self._asked: tuple[int, int] | None = None
        self._announced: tuple[int, str | None] | None = None

    # -- data ----------------------------------------------------------------------------------

    def sync(self, *, keep_cursor_uuid: str | None = None) -> None:
        """The window changed: take its size, keep the highlighted share in its place on screen."""
        old_index = self.cursor
        if keep_cursor_uuid is not None:
            new_index = self.window.index_of(keep_cursor_uuid)
            if new_index is not None and new_index != old_index:
                # Move the view by as much as the share moved, so it stays on the same screen row.
                self.virtual_size = Size(self._width(), self.window.total * LINES_PER_ITEM)
                self.scroll_to(y=self.scroll_y + (new_index - old_index) * LINES_PER_ITEM, animate=False)
                self.set_reactive(FeedList.cursor, new_index)
        self.virtual_size = Size(self._width(), self.window.total * LINES_PER_ITEM)
        if self.window.total and self.cursor >= self.window.total:
            self.set_reactive(FeedList.cursor, self.window.total - 1)
        self._asked = None
        self.refresh()
        self._announce()

    def go_top(self) -> None:
        """Highlight the first share and scroll to it."""
        self.set_reactive(FeedList.cursor, 0)
        self.scroll_to(y=0, animate=False)
        self.sync()

    @property
    def highlighted_item(self) -> "FeedItem | None":
        """The highlighted share, or None when its page is not in memory."""
        return self.window.item_at(self.cursor)

    def _width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width(), self.window.total * LINES_PER_ITEM)

    # -- drawing -------------------------------------------------------------------------------

    def _styles(self) -> dict[str, "Style"]:
        get = self.get_visual_style
        return {
            "meta": get("feed--meta", partial=True), "kind": get("feed--kind", partial=True),
            "unread": get("feed--unread", partial=True), "title": get("feed--title", partial=True),
            "title_unread": get("feed--title-unread", partial=True), "useful": get("feed--useful", partial=True),
            "useful_mine": get("feed--useful-mine", partial=True), "saved": get("feed--saved", partial=True),
        }

    def render_line(self, y: int) -> Strip:
        width = self._width()
        row = self.scroll_offset.y + y
        index, part = divmod(row, LINES_PER_ITEM)
        base = self.get_visual_style()
        if index >= self.window.total:
            return Strip.blank(width, base.rich_style)
        if index == self.cursor:
            base = self.get_visual_style("feed--cursor")
        item = self.window.item_at(index)
        if item is None:
            self._need(index)
            text = Content.styled("  …", self.get_visual_style("feed--loading", partial=True)) if part == 0 else Content("")
            content = text.truncate(width, pad=True)
        else:
            content = item_lines(item, width, self.now(), self._styles())[part]
        return Strip(content.render_segments(base), content.cell_length).crop_extend(0, width, base.rich_style)

    def _need(self, index: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        first = max(0, self.scroll_offset.y // LINES_PER_ITEM - 2)
        last = (self.scroll_offset.y + height) // LINES_PER_ITEM + 2
        first, last = min(first, index), max(last, index)
        if self._asked == (first, last):
            return
        self._asked = (first, last)
        self.post_message(self.NeedItems(first, last))

    # -- moving --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.window.total - 1)) if self.window.total else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh_lines(old * LINES_PER_ITEM, LINES_PER_ITEM)
        self.refresh_lines(new * LINES_PER_ITEM, LINES_PER_ITEM)
        self._announce()

    def _scroll_to_cursor(self) -> None:
        top = self.cursor * LINES_PER_ITEM
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif height and top + LINES_PER_ITEM > self.scroll_y + height:
            self.scroll_to(y=top + LINES_PER_ITEM - height, animate=False)

    def _announce(self) -> None:
        item = self.window.item_at(self.cursor)
        key = (self.cursor, item.uuid if item else None)
        if key != self._announced and self.window.total:
            self._announced = key
            self.post_message(self.Highlighted(self, self.cursor, item))

    def _visible_items(self) -> int:
        return max(1, self.scrollable_content_region.height // LINES_PER_ITEM)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        step = self._visible_items() * direction
        self.cursor += step
        self.scroll_to(y=self.scroll_y + step * LINES_PER_ITEM, animate=False)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, self.window.total - 1)

    def action_select(self) -> None:
        if self.window.total:
            self.post_message(self.Selected(self, self.cursor, self.window.item_at(self.cursor)))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // LINES_PER_ITEM
        if 0 <= index < self.window.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_select()
