"""The share feed: colleagues' finds, newest first, quick to skim and safe to read.

Layout: a search box and the active filters on top, a quiet "new shares" notice, then the feed
(two lines per share) beside the detail pane. Below 100 columns the detail pane takes the whole
body while reading (Enter) and gives it back on Escape.

Data: the feed is a `FeedWindow` (keyset pages, a small block in memory) drawn by `FeedList`.
Every database call runs in a worker on the app's database thread (`self.db`).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Markdown, Static

from herotui.i18n import format_count, t
from herotui.screens.base import HeroScreen
from herotui.services.actions import Queued
from herotui.services.shares import FeedFilter, FeedItem, ShareInfo
from herotui.store.urls import is_web_url
from herotui.text import clean_line
from herotui.widgets.feed_list import FeedList
from herotui.widgets.feed_window import FeedWindow
from herotui.widgets.safe import safe
from herotui.widgets.share_detail import ShareDetail, written_link

if TYPE_CHECKING:
    from herotui.services.shares import ShareService

NARROW = 100
"""Below this many columns the feed and the detail pane take turns."""
SEARCH_DELAY = 0.3
DETAIL_DELAY = 0.12


def as_item(share: FeedItem) -> FeedItem:
    """A feed line from a share in full (a `ShareInfo` carries the note besides)."""
    if type(share) is FeedItem:
        return share
    return FeedItem(**{name: getattr(share, name) for name in FeedItem.__dataclass_fields__})


class SharesScreen(HeroScreen):
    TAB = "shares"
    CSS_PATH = "shares.tcss"
    AUTO_FOCUS = "#share-feed"
    BINDINGS = [
        Binding("n", "new", "share.bind.new"),
        Binding("enter", "read", "share.bind.read", show=False),
        Binding("o", "open_link", "share.bind.open"),
        Binding("c", "copy_link", "share.bind.copy", show=False),
        Binding("u", "useful", "share.bind.useful"),
        Binding("s", "save", "share.bind.save"),
        Binding("slash", "search", "share.bind.search", key_display="/"),
        Binding("a", "filter_area", "share.bind.area", show=False),
        Binding("h", "hide_read", "share.bind.hide_read"),
        Binding("v", "saved_view", "share.bind.saved_view", show=False),
        Binding("k", "filter_kind", "share.bind.kind", show=False),
        Binding("p", "filter_person", "share.bind.person", show=False),
        Binding("x", "clear_filters", "share.bind.clear", show=False),
        Binding("r", "toggle_read", "share.bind.read_toggle", show=False),
        Binding("R", "read_all", "share.bind.read_all", show=False, key_display="R"),
        Binding("g", "show_new", "share.bind.show_new", show=False),
        Binding("e", "edit", "share.bind.edit", show=False),
        Binding("d", "delete", "share.bind.delete", show=False),
        Binding("t", "stats", "share.bind.stats", show=False),
        Binding("A", "manage_areas", "share.bind.areas", show=False, key_display="A"),
        Binding("escape", "back", "share.bind.back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = FeedFilter()
        self.window = FeedWindow(self.filters)
        self.detail_uuid: str | None = None
        self.detail_info: ShareInfo | None = None
        self.newer = 0
        self.reading = False
        self.pending_posts: list[str] = []
        self._started = False
        self._search_timer = None
        self._detail_timer = None
        self._names: dict[str, str] = {}
        self._zone = ZoneInfo("Europe/Stockholm")

    # -- layout --------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="share-tools"):
            yield Input(placeholder=t("share.search.placeholder"), id="share-search", max_length=200, compact=True)
            yield Static(id="share-filters")
        yield Static(id="share-notice")
        with Horizontal(id="share-main"):
            with Vertical(id="share-list-pane"):
                yield FeedList(self.window, now=self.app.clock.now, id="share-feed")
                yield Static(id="share-empty", classes="empty-state")
            yield ShareDetail(id="share-detail")

    def on_mount(self) -> None:
        # (Textual runs HeroScreen.on_mount too: handlers are called along the class hierarchy.)
        if not self.app.is_running:
            return  # built in the background and the app is already closing: nothing to show
        self._fit(self.size.width)
        self._show_filters()
        self._show_notice()
        self._show_empty()

    def on_resize(self, event) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(0 < width < NARROW, "-narrow")

    def _set_reading(self, reading: bool) -> None:
        """Reading one share (Enter) or back to the list (Escape). The class sits on the body, not
        the screen, so only that part is restyled (it matters only in a narrow terminal)."""
        self.reading = reading
        self.query_one("#share-main").set_class(reading, "-reading")

    def relabel(self) -> None:
        super().relabel()
        self.call_after_refresh(self._after_relabel)

    def _after_relabel(self) -> None:
        self._set_reading(self.reading)
        self._show_filters()
        self._show_notice()
        self._show_empty()
        if self.detail_info is not None:
            self.run_worker(partial(self._render_detail, self.detail_info), group="share-detail-draw", exclusive=True,
                            exit_on_error=False)

    @property
    def shares(self) -> "ShareService":
        return self.hero.shares

    @property
    def feed(self) -> FeedList:
        return self.query_one("#share-feed", FeedList)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("share.cmd.new"), t("share.cmd.new.help"), self.action_new)
        yield SystemCommand(t("share.cmd.search"), t("share.cmd.search.help"), self.action_search)
        yield SystemCommand(t("share.cmd.saved"), t("share.cmd.saved.help"), self.action_saved_view)
        yield SystemCommand(t("share.cmd.hide_read"), t("share.cmd.hide_read.help"), self.action_hide_read)
        yield SystemCommand(t("share.cmd.read_all"), t("share.cmd.read_all.help"), self.action_read_all)
        yield SystemCommand(t("share.cmd.stats"), t("share.cmd.stats.help"), self.action_stats)
        if self.app.person_is_admin:
            yield SystemCommand(t("share.cmd.areas"), t("share.cmd.areas.help"), self.action_manage_areas)

    # -- loading -------------------------------------------------------------------------------

    def hero_ready(self) -> None:
        if self._started:
            return
        self._started = True
        self.run_worker(self._start, group="share-open", exclusive=True, exit_on_error=False)

    async def _start(self) -> None:
        await self.db(self.shares.begin_visit)
        self._zone = await self.db(self.hero.org.timezone)
        await self._open(keep_uuid=None)

    def work_failed(self, group: str, error: BaseException | None) -> None:
        if group == "share-open":
            # The visit could not be recorded (read-only file, say): show the feed all the same.
            self.run_worker(partial(self._open, keep_uuid=None), group="share-load", exclusive=True,
                            exit_on_error=False)

    async def _open(self, *, keep_uuid: str | None) -> None:
        """Open a fresh window for the current filters (the top of the feed)."""
        filters = self.filters
        opening = await self.db(self.shares.open_feed, filters, self.window.page_size)
        if filters != self.filters:
            return  # the person changed the filters meanwhile; that load is on its way
        self.window.reset(opening, filters)
        self.newer = 0
        self.pending_posts.clear()
        feed = self.feed
        feed.go_top()
        if keep_uuid is not None:
            index = self.window.index_of(keep_uuid)
            if index is not None:
                feed.cursor = index
        self._show_notice()
        self._show_empty()
        self._show_filters()

    def reload(self, *, keep_uuid: str | None = None) -> None:
        self.run_worker(partial(self._open, keep_uuid=keep_uuid), group="share-open", exclusive=True, exit_on_error=False)

    @on(FeedList.NeedItems)
    def _need_items(self, message: FeedList.NeedItems) -> None:
        self.run_worker(partial(self._fill, message.first, message.last), group="share-fill", exclusive=True,
                        exit_on_error=False)

    async def _fill(self, first: int, last: int) -> None:
        changed = await self.window.ensure(first, last, self.db, self.shares)
        if changed:
            self.feed.sync()
            self._show_empty()

    def database_changed(self) -> None:
        if self.hero is None or not self.window.loaded:
            return
        self.run_worker(self._changed, group="share-changed", exclusive=True, exit_on_error=False)

    async def _changed(self) -> None:
        """A colleague committed: count what is new above the list, refresh what is in memory in
        place (reactions, edits, deletions), and keep the highlighted share where it is."""
        if self.window.bound is None:
            return
        keep = self.feed.highlighted_item
        newer, mine = await self.db(self.shares.newer_counts, self.filters, self.window.bound)
        if mine:
            # Something I posted myself (from the learning screen, or another computer of mine)
            # is shown at once, not announced as "1 new share".
            await self._open(keep_uuid=keep.uuid if keep else None)
            return
        self.newer = newer
        await self.window.refresh(self.db, self.shares)
        self.feed.sync(keep_cursor_uuid=keep.uuid if keep else None)
        self._show_notice()
        self._show_empty()
        if self.detail_uuid is not None:
            self._load_detail(self.detail_uuid, delay=0)

    # -- what is shown around the list ---------------------------------------------------------

    def _show_filters(self) -> None:
        f = self.filters
        parts: list[Content] = []
        if f.saved:
            parts.append(Content(t("share.filter.saved")))
        if f.area:
            parts.append(Content.assemble(t("share.filter.area") + " ", safe(f.area, style="bold")))
        if f.kind:
            parts.append(Content.assemble(t("share.filter.kind") + " ", (t(f"kind.{f.kind}"), "bold")))
        if f.by:
            parts.append(Content.assemble(t("share.filter.by") + " ", safe(self._names.get(f.by, f.by), style="bold")))
        if f.unread_only:
            parts.append(Content(t("share.filter.unread")))
        if f.search:
            parts.append(Content.assemble(t("share.filter.search") + " ", safe(f.search, width=40, style="bold")))
        if not parts:
            parts.append(Content(t("share.filter.all")))
        if self.window.loaded:
            parts.append(Content(t("share.filter.count", n=format_count(self.window.total))))
        self.query_one("#share-filters", Static).update(Content(" · ").join(parts))

    def _show_notice(self) -> None:
        notice = self.query_one("#share-notice", Static)
        parts = []
        if self.newer:
            parts.append(t("share.notice.new", n=self.newer) if self.newer != 1 else t("share.notice.new_one"))
        if self.pending_posts:
            parts.append(t("share.notice.pending", n=len(self.pending_posts)))
        notice.update(Content("  ·  ".join(parts)))
        # The row is always there, so a notice never pushes the list down under the reader.
        notice.set_class(bool(parts), "-active")

    def _show_empty(self) -> None:
        empty = self.query_one("#share-empty", Static)
        feed = self.feed
        if not self.window.loaded:
            empty.update(t("share.loading"))
            shown = True
        elif self.window.total == 0:
            empty.update(self._empty_text())
            shown = True
        else:
            shown = False
        empty.display = shown
        feed.display = not shown
        if not shown and self.focused is None:
            feed.focus()
        if shown and self.window.loaded and self.detail_uuid is not None:
            # Nothing matches: the pane must not go on showing a share that is not in the list.
            self.detail_uuid = None
            self.detail_info = None
            self._set_reading(False)
        if shown and self.detail_uuid is None:
            self.run_worker(partial(self.query_one(ShareDetail).show_text, t("share.detail.none")),
                            group="share-detail-draw", exclusive=True,
                            exit_on_error=False)

    def _empty_text(self) -> str:
        f = self.filters
        if f.search or f.area or f.kind or f.by:
            return t("share.empty.filtered")
        if f.saved:
            return t("share.empty.saved")
        if f.unread_only:
            return t("share.empty.all_read")
        return t("empty.shares")

    def on_click(self, event) -> None:
        if event.widget is not None and event.widget.id == "share-notice":
            self.action_show_new()

    # -- the detail pane -----------------------------------------------------------------------

    @on(FeedList.Highlighted)
    def _highlighted(self, message: FeedList.Highlighted) -> None:
        if message.item is not None:
            self._load_detail(message.item.uuid)

    @on(FeedList.Selected)
    def _selected(self, message: FeedList.Selected) -> None:
        item = message.item
        if item is None:
            return
        self._load_detail(item.uuid, delay=0)
        self._set_reading(True)
        self.query_one(ShareDetail).focus()
        if item.unread:
            self._set_read(item, True)

    def _load_detail(self, uuid: str, *, delay: float = DETAIL_DELAY) -> None:
        """Show a share in the pane. While the highlight races down the list, wait for it to settle."""
        self.detail_uuid = uuid
        if self._detail_timer is not None:
            self._detail_timer.stop()
        if delay:
            self._detail_timer = self.set_timer(delay, lambda: self._start_detail(uuid))
        else:
            self._start_detail(uuid)

    def _start_detail(self, uuid: str) -> None:
        if uuid == self.detail_uuid:
            self.run_worker(partial(self._fetch_detail, uuid), group="share-detail", exclusive=True, exit_on_error=False)

    async def _fetch_detail(self, uuid: str) -> None:
        info = await self.db(self.shares.find, uuid)
        if uuid != self.detail_uuid:
            return
        if info is None:
            self.detail_info = None
            await self.query_one(ShareDetail).show_text(t("share.detail.gone"))
            return
        await self._render_detail(info)

    async def _render_detail(self, info: ShareInfo) -> None:
        self.detail_info = info
        await self.query_one(ShareDetail).show(info, self.app.clock.now(), self._zone)

    @on(Markdown.LinkClicked)
    def _note_link(self, message: Markdown.LinkClicked) -> None:
        message.stop()
        # Open the address exactly as the note wrote it, not Textual's decoded copy.
        href = written_link(message.href, self.query_one(ShareDetail).links)
        self.run_worker(partial(self._open_url, href), group="share-browser", exit_on_error=False)

    # -- the highlighted share -------------------------------------------------------------------

    def _current(self) -> FeedItem | None:
        """The share the keys act on: the one in the detail pane while reading, else the highlight."""
        if self.reading and self.detail_info is not None:
            index = self.window.index_of(self.detail_info.uuid)
            held = self.window.item_at(index) if index is not None else None
            return held or as_item(self.detail_info)
        return self.feed.highlighted_item if self.window.total else None

    def _need_current(self) -> FeedItem | None:
        item = self._current()
        if item is None:
            self.notify(t("share.none_selected"), severity="warning")
        return item

    def _local_change(self, item: FeedItem, **changes: Any) -> None:
        """Apply a change the person just made to the freshest copies (the list and the pane), not
        to `item`, which another write may have replaced meanwhile."""
        self.window.update_item(item.uuid, **changes)
        self.feed.refresh()
        if self.detail_info is not None and self.detail_info.uuid == item.uuid:
            info = replace(self.detail_info, **changes)
            self.run_worker(partial(self._render_detail, info), group="share-detail-draw", exclusive=True,
                            exit_on_error=False)

    # -- actions: the share ----------------------------------------------------------------------

    def action_open_link(self) -> None:
        item = self._need_current()
        if item is None:
            return
        if not item.url:
            self.notify(t("share.link.none"), severity="warning")
            return
        self.run_worker(partial(self._open_url, item.url), group="share-browser", exit_on_error=False)
        if item.unread:
            self._set_read(item, True)

    async def _open_url(self, url: str) -> None:
        from herotui.widgets.share_links import open_with_browser

        open_with_browser = self.app.launch.open_url or open_with_browser
        if not is_web_url(url):  # rows written by older versions or other tools are checked too
            self.notify(t("share.link.refused", link=clean_line(url)[:80]), severity="warning", markup=False)
            return
        if self.app.is_web:
            self.app.open_url(url)
            self.notify(t("share.link.opened"))
            return
        if await asyncio.to_thread(open_with_browser, url):
            self.notify(t("share.link.opened"))
        else:
            self.notify(t("share.link.no_browser"), severity="warning", timeout=8)

    def action_copy_link(self) -> None:
        item = self._need_current()
        if item is None:
            return
        if not item.url:
            self.notify(t("share.link.none"), severity="warning")
            return
        self.run_worker(partial(self._copy, item.url), group="share-copy", exit_on_error=False)

    async def _copy(self, url: str) -> None:
        from herotui.widgets.share_links import copy_with_pyperclip

        copy_with_pyperclip = self.app.launch.copy_text or copy_with_pyperclip
        copied = await asyncio.to_thread(copy_with_pyperclip, url)
        # OSC 52 as well, always: it reaches the clipboard of a terminal on another machine (SSH).
        self.app.copy_to_clipboard(url)
        if copied:
            self.notify(t("share.copy.system"))
        else:
            self.notify(t("share.copy.terminal"), timeout=8)

    def action_useful(self) -> None:
        item = self._need_current()
        if item is not None:
            self.run_worker(partial(self._useful, item), group="share-write", exit_on_error=False)

    async def _useful(self, item: FeedItem) -> None:
        on = not item.useful_by_me
        result = await self.db(self.shares.set_useful, item.uuid, on)
        count = item.useful + (1 if on else -1) if isinstance(result, Queued) else result.count
        self._local_change(item, useful_by_me=on, useful=max(0, count))
        if item.unread:
            self._set_read(item, True)

    def action_save(self) -> None:
        item = self._need_current()
        if item is not None:
            self.run_worker(partial(self._save, item), group="share-write", exit_on_error=False)

    async def _save(self, item: FeedItem) -> None:
        on = not item.saved
        await self.db(self.shares.set_saved, item.uuid, on)
        self._local_change(item, saved=on)
        self.notify(t("share.saved.on") if on else t("share.saved.off"))

    def action_toggle_read(self) -> None:
        item = self._need_current()
        if item is not None:
            self._set_read(item, item.unread)

    def _set_read(self, item: FeedItem, read: bool) -> None:
        async def write() -> None:
            await self.db(self.shares.set_read, item.uuid, read)
            self._local_change(item, unread=not read)

        self.run_worker(write, group="share-write", exit_on_error=False)

    def action_read_all(self) -> None:
        async def write() -> None:
            await self.db(self.shares.mark_all_read)
            for held in list(self.window.items):
                if held.unread:
                    self.window.update_item(held.uuid, unread=False)
            self.feed.refresh()
            self.notify(t("share.read_all.done"))
            if self.filters.unread_only:
                self.reload()

        self.run_worker(write, group="share-write", exit_on_error=False)

    def action_new(self) -> None:
        from herotui.screens.share_form import ShareFormScreen

        if self.hero is None:
            self.notify(t("status.not_ready"), severity="warning")
            return
        self.app.push_screen(ShareFormScreen(), self._form_done)

    def action_edit(self) -> None:
        from herotui.screens.share_form import ShareFormScreen

        item = self._need_current()
        if item is None:
            return
        if not item.can_edit:
            self.notify(t("share.error.not_yours"), severity="warning")
            return

        async def load() -> None:
            info = await self.db(self.shares.get, item.uuid)
            self.app.push_screen(ShareFormScreen(info), self._form_done)

        self.run_worker(load, group="share-edit", exclusive=True, exit_on_error=False)

    def _form_done(self, result) -> None:
        if result is None:
            return
        verb, value = result
        if verb == "open":
            self._show_share(value)
        elif verb == "posted":
            if isinstance(value, Queued):
                self.pending_posts.append(value.uuid)
                self._show_notice()
            else:
                self.notify(t("share.posted", title=clean_line(value.title)), markup=False)
                self.reload(keep_uuid=value.uuid)
        elif verb == "edited":
            if isinstance(value, ShareInfo):
                self.window.replace_item(as_item(value))
                self.feed.refresh()
                if self.detail_uuid == value.uuid:
                    self.run_worker(partial(self._render_detail, value), group="share-detail-draw", exclusive=True,
                                    exit_on_error=False)
            self.notify(t("share.edited"))

    def _show_share(self, uuid: str) -> None:
        """Show a share that may not be in the list (from the stats, or "already shared")."""
        index = self.window.index_of(uuid)
        if index is not None:
            self.feed.cursor = index
        self._load_detail(uuid, delay=0)
        self._set_reading(True)

    def action_delete(self) -> None:
        from herotui.dialogs.confirm import Confirm

        item = self._need_current()
        if item is None:
            return
        if not item.can_edit:
            self.notify(t("share.error.not_yours"), severity="warning")
            return

        async def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            await self.db(self.shares.delete, item.uuid)
            self.notify(t("share.deleted", title=clean_line(item.title)), markup=False)
            if self.detail_uuid == item.uuid:
                self.detail_uuid = None
                self.detail_info = None
                self._set_reading(False)
            await self.window.refresh(self.db, self.shares)
            self.feed.sync()
            self._show_filters()
            self._show_empty()

        self.app.push_screen(Confirm(t("share.delete.question"), t("share.delete.yes"), subject=safe(item.title), default="no"),
                             confirmed)

    # -- actions: the list -----------------------------------------------------------------------

    def action_read(self) -> None:
        """Enter: the list handles it while focused; from elsewhere it reads the highlighted share."""
        if self.window.total:
            self.feed.action_select()

    def action_back(self) -> None:
        if self.reading:
            self._set_reading(False)
            self.feed.focus()
        elif self.focused is self.query_one("#share-search", Input):
            self.feed.focus()

    def action_show_new(self) -> None:
        self.reload()

    def action_search(self) -> None:
        self._set_reading(False)
        self.query_one("#share-search", Input).focus()

    @on(Input.Changed, "#share-search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._apply_search(event.value))

    @on(Input.Submitted, "#share-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._apply_search(event.value)
        self.feed.focus()

    def _apply_search(self, text: str) -> None:
        if text.strip() != self.filters.search:
            self.set_filters(replace(self.filters, search=text.strip()))

    def set_filters(self, filters: FeedFilter) -> None:
        self.filters = filters
        self.window.invalidate()
        self._show_filters()
        self.reload()

    def action_hide_read(self) -> None:
        self.set_filters(replace(self.filters, unread_only=not self.filters.unread_only))

    def action_saved_view(self) -> None:
        self.set_filters(replace(self.filters, saved=not self.filters.saved))

    def action_clear_filters(self) -> None:
        search = self.query_one("#share-search", Input)
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""
        self.set_filters(FeedFilter())

    def action_filter_area(self) -> None:
        async def pick() -> None:
            from herotui.dialogs.pick import Pick

            counts = await self.db(self.shares.area_counts)
            options = [("", Content(t("share.filter.any_area")))]
            for area in counts:
                label = Content.assemble(safe(area.name), (f"  {area.shares}", "$text-muted"))
                if area.retired:
                    label = Content.assemble(label, (" " + t("share.area.retired"), "$text-muted"))
                options.append((area.name, label))
            self.app.push_screen(Pick(t("share.pick.area"), options, self.filters.area or ""),
                                 lambda value: self._picked("area", value))

        self.run_worker(pick, group="share-pick", exclusive=True, exit_on_error=False)

    def action_filter_kind(self) -> None:
        from herotui.dialogs.pick import Pick
        from herotui.services.kinds import KINDS

        options = [("", Content(t("share.filter.any_kind")))] + [(k, Content(t(f"kind.{k}"))) for k in KINDS]
        self.app.push_screen(Pick(t("share.pick.kind"), options, self.filters.kind or ""),
                             lambda value: self._picked("kind", value))

    def action_filter_person(self) -> None:
        async def pick() -> None:
            from herotui.dialogs.pick import Pick

            people = await self.db(self.shares.sharers)
            self._names = {p.login: p.display_name for p in people}
            options = [("", Content(t("share.filter.anyone")))] + [
                (p.login, Content.assemble(safe(p.display_name), (f"  {p.shares}", "$text-muted"))) for p in people
            ]
            self.app.push_screen(Pick(t("share.pick.person"), options, self.filters.by or ""),
                                 lambda value: self._picked("by", value))

        self.run_worker(pick, group="share-pick", exclusive=True, exit_on_error=False)

    def _picked(self, field: str, value: str | None) -> None:
        if value is None:
            return
        self.set_filters(replace(self.filters, **{field: value or None}))

    def action_stats(self) -> None:
        from herotui.screens.share_stats import ShareStatsScreen

        self.app.push_screen(ShareStatsScreen(), lambda uuid: self._show_share(uuid) if uuid else None)

    def action_manage_areas(self) -> None:
        from herotui.screens.share_areas import ShareAreasScreen

        if not self.app.person_is_admin:
            self.notify(t("error.admin_only"), severity="warning")
            return
        self.app.push_screen(ShareAreasScreen(), lambda changed: self.reload() if changed else None)
