"""Above the feed: the search box, the active filters, the pickers and the "new shares" notice.

The bar waits for typing to pause (`SEARCH_DELAY`) before it posts `SearchChanged`; a picker
loads its own choices (areas with their counts, the people who shared) and posts
`FilterPicked`. The screen changes the filters and tells the feed pane to reload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from herotui.dialogs.base import WorkErrors
from herotui.i18n import format_count, t
from herotui.screens.shares.messages import FilterField, FilterPicked, SearchChanged, ShowNewShares
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.screens.shares.state import FeedState

SEARCH_DELAY = 0.3
"""Seconds typing must pause before the search runs."""


def filter_summary(state: "FeedState") -> Content:
    """One line naming the active filters ("area: AI i HR · by: Erik Lind · 3 shown"); text a
    person typed (a search, an area name) is shown literally."""
    f = state.filters
    parts: list[Content] = []
    if f.saved:
        parts.append(Content(t("share.filter.saved")))
    if f.area:
        parts.append(Content.assemble(t("share.filter.area") + " ", safe(f.area, style="bold")))
    if f.kind:
        parts.append(Content.assemble(t("share.filter.kind") + " ", (t(f"kind.{f.kind}"), "bold")))
    if f.by:
        parts.append(Content.assemble(t("share.filter.by") + " ", safe(state.names.get(f.by, f.by), style="bold")))
    if f.unread_only:
        parts.append(Content(t("share.filter.unread")))
    if f.search:
        parts.append(Content.assemble(t("share.filter.search") + " ", safe(f.search, width=40, style="bold")))
    if not parts:
        parts.append(Content(t("share.filter.all")))
    if state.window.loaded:
        parts.append(Content(t("share.filter.count", n=format_count(state.window.total))))
    return Content(" · ").join(parts)


class FilterBar(WorkErrors, Horizontal):
    """The search box and the filter summary (`#share-tools`)."""

    def __init__(self, state: "FeedState", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = state
        self._search_timer = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("share.search.placeholder"), id="share-search", max_length=200, compact=True)
        yield Static(id="share-filters")

    @property
    def search_box(self) -> Input:
        """The search input (`#share-search`)."""
        return self.query_one("#share-search", Input)

    def show(self) -> None:
        """Draw the filter summary from the state."""
        self.query_one("#share-filters", Static).update(filter_summary(self.state))

    def clear_search(self) -> None:
        """Empty the search box without starting a search (the caller resets the filters)."""
        search = self.search_box
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""

    @on(Input.Changed, "#share-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.post_message(SearchChanged(value)))

    @on(Input.Submitted, "#share-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self.post_message(SearchChanged(event.value, submitted=True))

    # -- pickers: each loads its own choices ---------------------------------------------------

    def _pick(self, field: FilterField, value: str | None) -> None:
        if value is not None:
            self.post_message(FilterPicked(field, value))

    @work(group="share-pick", exclusive=True, exit_on_error=False)
    async def pick_area(self) -> None:
        """Offer the focus areas with their share counts (retired ones marked); posts `FilterPicked`."""
        from herotui.dialogs.pick import Pick

        counts = await self.app.db(self.app.hero.shares.area_counts)
        options = [("", Content(t("share.filter.any_area")))]
        for area in counts:
            label = Content.assemble(safe(area.name), (f"  {area.shares}", "$text-muted"))
            if area.retired:
                label = Content.assemble(label, (" " + t("share.area.retired"), "$text-muted"))
            options.append((area.name, label))
        self.app.push_screen(Pick(t("share.pick.area"), options, self.state.filters.area or ""),
                             lambda value: self._pick("area", value))

    def pick_kind(self) -> None:
        """Offer the kinds of share (no database needed); posts `FilterPicked`."""
        from herotui.dialogs.pick import Pick
        from herotui.services.kinds import KINDS

        options = [("", Content(t("share.filter.any_kind")))] + [(k, Content(t(f"kind.{k}"))) for k in KINDS]
        self.app.push_screen(Pick(t("share.pick.kind"), options, self.state.filters.kind or ""),
                             lambda value: self._pick("kind", value))

    @work(group="share-pick", exclusive=True, exit_on_error=False)
    async def pick_person(self) -> None:
        """Offer the people who shared, with their counts; remembers their names for the summary."""
        from herotui.dialogs.pick import Pick

        people = await self.app.db(self.app.hero.shares.sharers)
        self.state.names = {p.login: p.display_name for p in people}
        options = [("", Content(t("share.filter.anyone")))] + [
            (p.login, Content.assemble(safe(p.display_name), (f"  {p.shares}", "$text-muted"))) for p in people
        ]
        self.app.push_screen(Pick(t("share.pick.person"), options, self.state.filters.by or ""),
                             lambda value: self._pick("by", value))


class Notice(Static):
    """The quiet row above the list: "3 new shares · 1 waiting to be sent". Click to show them."""

    def show(self, state: "FeedState") -> None:
        """Draw the notice from `state.newer` and `state.pending_posts` (an empty row when neither)."""
        parts = []
        if state.newer:
            parts.append(t("share.notice.new", n=state.newer))
        if state.pending_posts:
            parts.append(t("share.notice.pending", n=len(state.pending_posts)))
        self.update(Content("  ·  ".join(parts)))
        # The row is always there, so a notice never pushes the list down under the reader.
        self.set_class(bool(parts), "-active")

    def on_click(self) -> None:
        self.post_message(ShowNewShares())
