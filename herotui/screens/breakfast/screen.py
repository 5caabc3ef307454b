"""The breakfast calendar: a month grid, the upcoming list (or the archive), details, fair
rotation, topic ideas and the waitlist. Every change goes through `hero.breakfast`.

The panes are `herotui.screens.breakfast.calendar` (the grid and the side panels) and
`herotui.screens.breakfast.slots` (the list and the details); the dialogs and writes are in
`herotui.screens.breakfast.flows`. This module holds the layout, the loading and moving around.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Literal

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static

from herotui.i18n import format_date, t
from herotui.presenters.breakfast_text import notices
from herotui.screens.base import HeroScreen
from herotui.screens.breakfast.calendar import CalendarPane
from herotui.screens.breakfast.flows import BreakfastFlows
from herotui.screens.breakfast.messages import DayChosen, MonthStep, SlotHighlighted
from herotui.screens.breakfast.slots import SlotsPane

if TYPE_CHECKING:
    from herotui.services.breakfast import BreakfastOverview, SlotInfo

__all__ = ["BreakfastScreen"]

ListMode = Literal["upcoming", "past"]
"""What the list shows: the breakfasts to come, or the archive."""


class BreakfastScreen(BreakfastFlows, HeroScreen):
    """The breakfast tab: the month grid and side panels, the list of breakfasts and details."""

    TAB = "breakfast"
    CSS_PATH = "breakfast.tcss"
    AUTO_FOCUS = "#bf-list"
    BINDINGS = [
        Binding("c", "claim", "bind.bf.claim"),
        Binding("o", "rsvp", "bind.bf.rsvp"),
        Binding("r", "release", "bind.bf.release", show=False),
        Binding("h", "handover", "bind.bf.handover"),
        Binding("w", "waitlist", "bind.bf.waitlist"),
        Binding("i", "ics", "bind.bf.ics"),
        Binding("p", "toggle_archive", "bind.bf.archive", show=False),  # in help; the footer must fit 80 columns
        # One footer entry for both month keys keeps the footer short; help lists both.
        Binding("right_square_bracket", "month(1)", "bind.bf.months", key_display="[ ]"),
        Binding("left_square_bracket", "month(-1)", "bind.bf.prev_month", show=False),
        Binding("right_square_bracket", "month(1)", "bind.bf.next_month", show=False),
        Binding("t", "today", "bind.bf.today", show=False),
        Binding("n", "extra", "bind.bf.extra", show=False),
        Binding("m", "move", "bind.bf.move", show=False),
        Binding("x", "cancel_slot", "bind.bf.cancel", show=False),
        Binding("u", "rule", "bind.bf.rule", show=False),
        Binding("v", "pass_turn", "bind.bf.pass", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: BreakfastOverview | None = None
        self.mode: ListMode = "upcoming"
        self.selected_uuid: str | None = None
        self.grid_month: tuple[int, int] | None = None
        self._pending: dict[str, str] = {}
        """Slot uuid -> action kept in the offline outbox since the last successful load."""
        self._moves_told: set[str] = set()

    # -- layout ---------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static(id="bf-notices")
        with Horizontal(id="bf-main"):
            yield CalendarPane(id="bf-side")
            yield SlotsPane(id="bf-center")

    async def recompose(self) -> None:
        # A language change rebuilds the widgets; fill them again from what is loaded.
        await super().recompose()
        self._render_all()

    def on_resize(self) -> None:
        if self.overview is not None:
            self._render_list()

    # -- loading --------------------------------------------------------------------------------

    def on_mount(self) -> None:
        super().on_mount()
        # Our own outbox being sent does not change PRAGMA data_version for this connection, so
        # `database_changed` is not called for it: reload when the waiting count goes down.
        self.watch(self.app, "pending", self._pending_changed, init=False)

    def _pending_changed(self, old: int, new: int) -> None:
        if new < old and self.overview is not None:
            self.reload()

    def hero_ready(self) -> None:
        self.reload()

    def database_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load the overview again in a worker (a newer load replaces an older one)."""
        self.run_worker(self._load, group="bf-load", exclusive=True, exit_on_error=False)

    async def _load(self) -> None:
        hero = self.hero
        if hero is None:
            return
        overview = await self.db(hero.breakfast.overview)
        self.overview = overview
        self._pending = {}
        self._render_all()
        await self._tell_moves(overview)

    async def _tell_moves(self, overview: "BreakfastOverview") -> None:
        """The host of a moved breakfast sees it once; then it is marked as seen."""
        fresh = [s for s in overview.moved_for_me if s.uuid not in self._moves_told]
        if not fresh:
            return
        for slot in fresh:
            self._moves_told.add(slot.uuid)
            self.notify(t("breakfast.notice.moved", topic=slot.topic, old=format_date(slot.moved_from.date()),
                          new=f"{format_date(slot.day)} {slot.local_start:%H:%M}"),
                        severity="warning", markup=False, timeout=12)
        await self.db(self.hero.breakfast.mark_moves_seen, [s.uuid for s in fresh])

    # -- drawing --------------------------------------------------------------------------------

    def _slots(self) -> list["SlotInfo"]:
        overview = self.overview
        if overview is None:
            return []
        slots = overview.upcoming if self.mode == "upcoming" else overview.past
        return [self._with_pending(s) for s in slots]

    def _with_pending(self, slot: "SlotInfo") -> "SlotInfo":
        action = self._pending.get(slot.uuid)
        return replace(slot, waiting_action=action) if action and not slot.waiting_action else slot

    def _selected(self) -> "SlotInfo | None":
        if self.overview is None or self.selected_uuid is None:
            return None
        slot = self.overview.slot(self.selected_uuid)
        return self._with_pending(slot) if slot else None

    def _render_all(self) -> None:
        if self.overview is None or not self.is_mounted:
            return
        try:
            self._render_notices()
            self._render_side()
            self._render_list()
            self._render_detail()
            self._render_grid()
        except NoMatches:
            pass  # the widgets are being rebuilt (a language change); `recompose` draws again

    def _render_notices(self) -> None:
        box = self.query_one("#bf-notices", Static)
        lines = notices(self.overview)
        box.update(Content("\n").join(lines) if lines else Content(""))
        box.display = bool(lines)

    def _render_side(self) -> None:
        self.query_one(CalendarPane).show_side(self.overview)

    def _render_list(self) -> None:
        self.selected_uuid = self.query_one(SlotsPane).show_list(self._slots(), past=self.mode == "past",
                                                                keep=self.selected_uuid)

    def _render_detail(self) -> None:
        self.query_one(SlotsPane).show_detail(self._selected(), self.overview, past=self.mode == "past")

    def _render_grid(self) -> None:
        overview = self.overview
        slot = self._selected()
        if slot is not None and self.grid_month is None:
            self.grid_month = (slot.day.year, slot.day.month)
        if self.grid_month is None:
            self.grid_month = (overview.today.year, overview.today.month)
        year, month = self.grid_month
        self.query_one(CalendarPane).show_month(overview, year, month, slot)

    # -- moving around --------------------------------------------------------------------------

    @on(SlotHighlighted)
    def highlighted(self, event: SlotHighlighted) -> None:
        if self.overview is None:
            return
        self.selected_uuid = event.uuid
        slot = self._selected()
        if slot is not None:
            self.grid_month = (slot.day.year, slot.day.month)
        self._render_detail()
        self._render_grid()

    def _select(self, slot: "SlotInfo") -> None:
        """Show a slot: switch between upcoming and the archive as needed, highlight it."""
        overview = self.overview
        self.mode = "past" if any(s.uuid == slot.uuid for s in overview.past) else "upcoming"
        self.selected_uuid = slot.uuid
        self.grid_month = (slot.day.year, slot.day.month)
        self._render_list()
        self._render_detail()
        self._render_grid()

    def action_month(self, step: int) -> None:
        if self.overview is None:
            return
        year, month = self.grid_month or (self.overview.today.year, self.overview.today.month)
        from herotui.services.calendar_rules import add_months

        year, month = add_months(year, month, step)
        self.grid_month = (year, month)
        in_month = [s for s in self.overview.all_slots() if (s.day.year, s.day.month) == (year, month)]
        if in_month:
            self._select(in_month[0])
            self.grid_month = (year, month)
        else:
            self._render_grid()

    @on(MonthStep)
    def grid_stepped(self, event: MonthStep) -> None:
        self.action_month(event.step)

    @on(DayChosen)
    def grid_clicked(self, event: DayChosen) -> None:
        if self.overview is None:
            return
        for slot in self.overview.all_slots():
            if slot.day == event.day:
                self._select(slot)
                return

    def action_today(self) -> None:
        if self.overview is None:
            return
        self.mode = "upcoming"
        self.selected_uuid = self.overview.upcoming[0].uuid if self.overview.upcoming else None
        self.grid_month = None
        self._render_all()
        self.query_one("#bf-list", OptionList).focus()

    def action_toggle_archive(self) -> None:
        if self.overview is None:
            return
        self.mode = "past" if self.mode == "upcoming" else "upcoming"
        slots = self._slots()
        self.selected_uuid = slots[0].uuid if slots else None
        self.grid_month = None
        self._render_list()
        self._render_detail()
        self._render_grid()

    # -- command palette ------------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("breakfast.cmd.claim"), t("breakfast.cmd.claim.help"), self.action_claim)
        yield SystemCommand(t("breakfast.cmd.rsvp"), t("breakfast.cmd.rsvp.help"), self.action_rsvp)
        yield SystemCommand(t("breakfast.cmd.waitlist"), t("breakfast.cmd.waitlist.help"), self.action_waitlist)
        yield SystemCommand(t("breakfast.cmd.ics"), t("breakfast.cmd.ics.help"), self.action_ics)
        yield SystemCommand(t("breakfast.cmd.ics_all"), t("breakfast.cmd.ics_all.help"), self.action_ics_all)
        yield SystemCommand(t("breakfast.cmd.archive"), t("breakfast.cmd.archive.help"), self.action_toggle_archive)
        if self.overview is not None and self.overview.is_admin:
            yield SystemCommand(t("breakfast.cmd.extra"), t("breakfast.cmd.extra.help"), self.action_extra)
            yield SystemCommand(t("breakfast.cmd.rule"), t("breakfast.cmd.rule.help"), self.action_rule)
