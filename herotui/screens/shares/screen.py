"""The share feed: colleagues' finds, newest first, quick to skim and safe to read.

Layout: the filter bar (search box and active filters) on top, a quiet "new shares" notice, then
the feed pane (two lines per share) beside the detail pane. Below 100 columns the detail pane
takes the whole body while reading (Enter) and gives it back on Escape.

The panes load their own data and post messages (`messages.py`); the screen holds the
`FeedState` they share, binds the keys, and tells each pane what the others did. Every database
call runs in a worker on the app's database thread.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal

from herotui.i18n import t
from herotui.screens.base import HeroScreen
from herotui.screens.shares.messages import (FeedOpened, FeedRefreshed, FeedShown, FilterPicked, OpenLink,
                                             SearchChanged, ShareChanged, ShowNewShares)
from herotui.screens.shares.detail_pane import DetailPane
from herotui.screens.shares.feed_pane import FeedPane
from herotui.screens.shares.filter_bar import FilterBar, Notice
from herotui.screens.shares.flows import ShareFlows, as_item
from herotui.screens.shares.state import FeedState
from herotui.services.shares import FeedFilter, FeedItem
from herotui.widgets.feed_list import FeedList

if TYPE_CHECKING:
    from herotui.presenters.feed_window import FeedWindow
    from herotui.services.shares import ShareInfo, ShareService

NARROW = 100
"""Below this many columns the feed and the detail pane take turns."""


class SharesScreen(ShareFlows, HeroScreen):
    """Tab 2: the share feed. `state` is what the panes show (`filters`, `window`, `newer`,
    `detail_uuid`, `detail_info` are its fields, also readable on the screen)."""

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
        self.state = FeedState()
        self._started = False

    # The state's fields, readable on the screen (tests and the app read them).

    @property
    def filters(self) -> FeedFilter:
        """The filters asked for last."""
        return self.state.filters

    @property
    def window(self) -> "FeedWindow":
        """The feed in memory."""
        return self.state.window

    @property
    def newer(self) -> int:
        """Colleagues' shares above the list, not shown yet."""
        return self.state.newer

    @property
    def detail_uuid(self) -> str | None:
        """The share the detail pane shows or is fetching."""
        return self.state.detail_uuid

    @property
    def detail_info(self) -> "ShareInfo | None":
        """The share the detail pane shows in full."""
        return self.state.detail_info

    @property
    def reading(self) -> bool:
        """Reading one share (Enter) rather than the list."""
        return self.state.reading

    # -- layout --------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield FilterBar(self.state, id="share-tools")
        yield Notice(id="share-notice")
        with Horizontal(id="share-main"):
            yield FeedPane(self.state, now=self.app.clock.now, id="share-list-pane")
            yield DetailPane(self.state, id="share-detail")

    def on_mount(self) -> None:
        # (Textual runs HeroScreen.on_mount too: handlers are called along the class hierarchy.)
        if not self.app.is_running:
            return  # built in the background and the app is already closing: nothing to show
        self._fit(self.size.width)
        self.show_filters()
        self.show_notice()
        self.feed_pane.show_empty()

    def on_resize(self, event) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(0 < width < NARROW, "-narrow")

    def set_reading(self, reading: bool) -> None:
        """Reading one share (Enter) or back to the list (Escape). The class sits on the body, not
        the screen, so only that part is restyled (it matters only in a narrow terminal)."""
        self.state.reading = reading
        self.query_one("#share-main").set_class(reading, "-reading")

    def after_relabel(self) -> None:
        # The panes were composed anew; their work in flight went with the old ones.
        self.set_reading(self.state.reading)
        self.show_filters()
        self.show_notice()
        self.feed_pane.show_empty()
        if self._started and not self.window.loaded:
            self.reload()
        if self.state.detail_info is not None:
            self.detail_pane.draw(self.state.detail_info)

    @property
    def shares(self) -> "ShareService":
        """The share service of the open database."""
        return self.hero.shares

    @property
    def feed(self) -> FeedList:
        """The list widget (`#share-feed`)."""
        return self.query_one("#share-feed", FeedList)

    @property
    def feed_pane(self) -> FeedPane:
        """The pane that loads the list (`#share-list-pane`)."""
        return self.query_one(FeedPane)

    @property
    def detail_pane(self) -> DetailPane:
        """The pane that shows one share (`#share-detail`)."""
        return self.query_one(DetailPane)

    @property
    def filter_bar(self) -> FilterBar:
        """The search box and filter summary (`#share-tools`)."""
        return self.query_one(FilterBar)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The screen's main actions in the command palette (areas only for admins)."""
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
        """The database is open: load the first page (once; a language change does not reload)."""
        if self._started:
            return
        self._started = True
        # The first page is read first; the visit is recorded after it is on screen (issue 16).
        self.feed_pane.open()

    def reload(self, *, keep_uuid: str | None = None) -> None:
        """Reopen the feed at its top for the current filters (`keep_uuid` stays highlighted)."""
        self.feed_pane.open(keep_uuid=keep_uuid)

    def database_changed(self) -> None:
        """A colleague committed: the feed pane counts what is new and refreshes what it holds."""
        if self.hero is None or not self.window.loaded:
            return
        self.feed_pane.take_changes()

    # -- what the panes report -------------------------------------------------------------------

    def show_filters(self) -> None:
        """Redraw the filter summary (filters and count) from the state."""
        self.filter_bar.show()

    def show_notice(self) -> None:
        """Redraw the "new shares / waiting to be sent" notice from the state."""
        self.query_one(Notice).show(self.state)

    @on(FeedOpened)
    def _feed_opened(self) -> None:
        self.show_notice()
        self.show_filters()

    @on(FeedRefreshed)
    def _feed_refreshed(self) -> None:
        self.show_notice()
        if self.state.detail_uuid is not None:
            self.detail_pane.load(self.state.detail_uuid, delay=0)

    @on(FeedShown)
    def _feed_shown(self, message: FeedShown) -> None:
        if message.empty and message.loaded and self.state.detail_uuid is not None:
            # Nothing matches: the pane must not go on showing a share that is not in the list.
            self.detail_pane.forget()
            self.set_reading(False)
        if message.empty and self.state.detail_uuid is None:
            self.detail_pane.say(t("share.detail.none"))

    @on(ShareChanged)
    def _share_changed(self, message: ShareChanged) -> None:
        info = self.state.detail_info
        if info is not None and info.uuid == message.uuid:
            self.detail_pane.draw(replace(info, **message.changes))

    @on(ShowNewShares)
    def _show_new_clicked(self) -> None:
        self.reload()

    def action_show_new(self) -> None:
        self.reload()

    @on(OpenLink)
    def _note_link(self, message: OpenLink) -> None:
        self.open_link(message.href)

    @on(FeedList.Highlighted)
    def _highlighted(self, message: FeedList.Highlighted) -> None:
        if message.item is not None:
            self.detail_pane.load(message.item.uuid)

    @on(FeedList.Selected)
    def _selected(self, message: FeedList.Selected) -> None:
        item = message.item
        if item is None:
            return
        self.detail_pane.load(item.uuid, delay=0)
        self.set_reading(True)
        self.detail_pane.focus()
        if item.unread:
            self.feed_pane.set_read(item, True)

    # -- the share the keys act on ---------------------------------------------------------------

    def _current(self) -> FeedItem | None:
        """The share the keys act on: the one in the detail pane while reading, else the highlight."""
        info = self.state.detail_info
        if self.state.reading and info is not None:
            index = self.window.index_of(info.uuid)
            held = self.window.item_at(index) if index is not None else None
            return held or as_item(info)
        return self.feed.highlighted_item if self.window.total else None

    def _need_current(self) -> FeedItem | None:
        item = self._current()
        if item is None:
            self.notify(t("share.none_selected"), severity="warning")
        return item

    # -- actions: the share ----------------------------------------------------------------------

    def action_open_link(self) -> None:
        item = self._need_current()
        if item is None:
            return
        if not item.url:
            self.notify(t("share.link.none"), severity="warning")
            return
        self.open_link(item.url)
        if item.unread:
            self.feed_pane.set_read(item, True)

    def action_copy_link(self) -> None:
        item = self._need_current()
        if item is None:
            return
        if not item.url:
            self.notify(t("share.link.none"), severity="warning")
            return
        self.copy_link(item.url)

    def action_useful(self) -> None:
        item = self._need_current()
        if item is not None:
            self.feed_pane.toggle_useful(item)

    def action_save(self) -> None:
        item = self._need_current()
        if item is not None:
            self.feed_pane.toggle_saved(item)

    def action_toggle_read(self) -> None:
        item = self._need_current()
        if item is not None:
            self.feed_pane.set_read(item, item.unread)

    def action_read_all(self) -> None:
        self.feed_pane.read_all(then=lambda: self.reload() if self.filters.unread_only else None)

    # -- actions: the list -----------------------------------------------------------------------

    def action_read(self) -> None:
        """Enter: the list handles it while focused; from elsewhere it reads the highlighted share."""
        if self.window.total:
            self.feed.action_select()

    def action_back(self) -> None:
        if self.state.reading:
            self.set_reading(False)
            self.feed.focus()
        elif self.focused is self.filter_bar.search_box:
            self.feed.focus()

    def action_search(self) -> None:
        self.set_reading(False)
        self.filter_bar.search_box.focus()

    @on(SearchChanged)
    def _search_changed(self, message: SearchChanged) -> None:
        text = message.text.strip()
        if text != self.filters.search:
            self.set_filters(replace(self.filters, search=text))
        if message.submitted:
            self.feed.focus()

    def set_filters(self, filters: FeedFilter) -> None:
        """Show the feed for `filters` (`FeedFilter`): the summary at once, the shares when read."""
        self.state.filters = filters
        self.window.invalidate()
        self.show_filters()
        self.reload()

    def action_hide_read(self) -> None:
        self.set_filters(replace(self.filters, unread_only=not self.filters.unread_only))

    def action_saved_view(self) -> None:
        self.set_filters(replace(self.filters, saved=not self.filters.saved))

    def action_clear_filters(self) -> None:
        self.filter_bar.clear_search()
        self.set_filters(FeedFilter())

    def action_filter_area(self) -> None:
        self.filter_bar.pick_area()

    def action_filter_kind(self) -> None:
        self.filter_bar.pick_kind()

    def action_filter_person(self) -> None:
        self.filter_bar.pick_person()

    @on(FilterPicked)
    def _picked(self, message: FilterPicked) -> None:
        self.set_filters(replace(self.filters, **{message.field: message.value or None}))
