"""The breakfast screen's right side: the list of breakfasts (upcoming, or the archive) and the
chosen breakfast's details under it.

`SlotsPane` is the column the screen showed before (id `bf-center`) and `SlotDetail` its detail box
(id `bf-detail-box`), so the stylesheet and the tests find the same nodes. Both draw from the
loaded `BreakfastOverview`; moving the highlight posts `SlotHighlighted` (from
`herotui.screens.breakfast.messages`) and the screen decides what the rest shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from herotui.i18n import t
from herotui.presenters.breakfast_text import date_width, slot_detail, slot_line
from herotui.screens.breakfast.messages import SlotHighlighted

if TYPE_CHECKING:
    from herotui.services.breakfast import BreakfastOverview, SlotInfo


class SlotDetail(VerticalScroll):
    """Everything about one breakfast: host, topic, who comes, offers, what to do next."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(t("breakfast.loading"), "dim"), id="bf-detail")

    def show(self, slot: "SlotInfo | None", overview: "BreakfastOverview", *, past: bool) -> None:
        """`slot`'s details, or a hint when there is none (`past`: the archive is shown)."""
        detail = self.query_one("#bf-detail", Static)
        if slot is None:
            detail.update(Content.styled(t("breakfast.empty.past" if past else "empty.breakfast"), "dim"))
            return
        detail.update(slot_detail(slot, overview))


class SlotsPane(Vertical):
    """A title line, the list of breakfasts and the `SlotDetail` of the highlighted one."""

    def compose(self) -> ComposeResult:
        yield Static(id="bf-list-title")
        yield OptionList(id="bf-list")
        yield SlotDetail(id="bf-detail-box")

    def _list_width(self) -> int:
        listing = self.query_one("#bf-list", OptionList)
        # Leave room for the scrollbar even before it appears, or rows would wrap once it does.
        width = listing.content_region.width - listing.styles.scrollbar_size_vertical - 1
        return max(20, width) if listing.content_region.width else 76

    def show_list(self, slots: "Sequence[SlotInfo]", *, past: bool, keep: str | None) -> str | None:
        """List `slots` (the archive when `past`), highlighting `keep` if it is among them, else the
        first. Returns the uuid now highlighted, or None for an empty list."""
        listing = self.query_one("#bf-list", OptionList)
        title_key = "breakfast.title.past" if past else "breakfast.title.upcoming"
        self.query_one("#bf-list-title", Static).update(Content.assemble(
            (t(title_key, n=len(slots)), "bold"), ("   " + t("breakfast.title.switch_past" if not past else
                                                          "breakfast.title.switch_upcoming"), "dim"),
        ))
        width = self._list_width()
        dates = date_width(slots, with_year=past)
        options = [Option(slot_line(s, width, with_year=past, date_width=dates), id=s.uuid) for s in slots]
        if not options:
            empty = t("breakfast.empty.past") if past else t("empty.breakfast")
            options = [Option(Content.styled(empty, "dim italic"), id="", disabled=True)]
        listing.set_options(options)
        ids = [s.uuid for s in slots]
        if keep in ids:
            listing.highlighted = ids.index(keep)
            return keep
        if slots:
            listing.highlighted = 0
            return slots[0].uuid
        return None

    def show_detail(self, slot: "SlotInfo | None", overview: "BreakfastOverview", *, past: bool) -> None:
        """Draw `slot` in the detail box (see `SlotDetail.show`)."""
        self.query_one(SlotDetail).show(slot, overview, past=past)

    @on(OptionList.OptionHighlighted, "#bf-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(SlotHighlighted(event.option.id))
