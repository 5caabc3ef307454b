"""The breakfast calendar: a month grid, the upcoming list (or the archive), details, fair
rotation, topic ideas and the waitlist. Every change goes through `hero.breakfast`."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from functools import partial
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from herotui.i18n import format_date, t
from herotui.screens.base import DbCallFailed, HeroScreen
from herotui.services.actions import Queued
from herotui.widgets.breakfast_text import (
    STATE_STYLE,
    date_width,
    ideas_text,
    legend,
    notices,
    rotation_text,
    slot_detail,
    slot_line,
    template_line,
    waitlist_text,
)
from herotui.widgets.calendar_grid import MonthGrid

if TYPE_CHECKING:
    from herotui.services.breakfast import Overview, SlotInfo

# Which state wins when two breakfasts share a day in the grid.
_GRID_PRIORITY = {"mine": 0, "free": 1, "claimed": 2, "cancelled": 3, "open": 4}


class BreakfastScreen(HeroScreen):
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
        Binding("p", "toggle_archive", "bind.bf.archive"),
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
        self.overview: Overview | None = None
        self.mode = "upcoming"  # or "past" (the archive)
        self.selected_uuid: str | None = None
        self.grid_month: tuple[int, int] | None = None
        self._pending: dict[str, str] = {}
        """Slot uuid -> action kept in the offline outbox since the last successful load."""
        self._moves_told: set[str] = set()

    # -- layout ---------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static(id="bf-notices")
        with Horizontal(id="bf-main"):
            # Few widgets on purpose: each one costs style work when the screen first appears.
            with VerticalScroll(id="bf-side"):
                yield MonthGrid(id="bf-grid")
                yield Static(legend(), id="bf-legend")
                yield Static(id="bf-waitlist", classes="bf-panel")
                yield Static(id="bf-rotation", classes="bf-panel")
                yield Static(id="bf-ideas", classes="bf-panel")
            with Vertical(id="bf-center"):
                yield Static(id="bf-list-title")
                yield OptionList(id="bf-list")
                with VerticalScroll(id="bf-detail-box"):
                    yield Static(Content.styled(t("breakfast.loading"), "dim"), id="bf-detail")

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
        self.run_worker(self._load, group="bf-load", exclusive=True, exit_on_error=False)

    async def _load(self) -> None:
        hero = self.hero
        if hero is None:
            return
        try:
            overview = await self.db(hero.breakfast.overview)
        except DbCallFailed:
            return
        self.overview = overview
        self._pending = {}
        self._render_all()
        await self._tell_moves(overview)

    async def _tell_moves(self, overview: "Overview") -> None:
        """The host of a moved breakfast sees it once; then it is marked as seen."""
        fresh = [s for s in overview.moved_for_me if s.uuid not in self._moves_told]
        if not fresh:
            return
        for slot in fresh:
            self._moves_told.add(slot.uuid)
            self.notify(t("breakfast.notice.moved", topic=slot.topic, old=format_date(slot.moved_from.date()),
                          new=f"{format_date(slot.day)} {slot.local_start:%H:%M}"),
                        severity="warning", markup=False, timeout=12)
        try:
            await self.db(self.hero.breakfast.mark_moves_seen, [s.uuid for s in fresh])
        except DbCallFailed:
            pass

    # -- drawing --------------------------------------------------------------------------------

    def _slots(self) -> list["SlotInfo"]:
        overview = self.overview
        if overview is None:
            return []
        slots = overview.upcoming if self.mode == "upcoming" else overview.past
        return [self._with_pending(s) for s in slots]

    def _with_pending(self, slot: "SlotInfo") -> "SlotInfo":
        action = self._pending.get(slot.uuid)
        return replace(slot, pending=action) if action and not slot.pending else slot

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
        from herotui.services.breakfast import describe_rule

        overview = self.overview
        self.query_one("#bf-legend", Static).update(Content("\n").join(
            [legend(overview.today), Content.styled(describe_rule(overview.rule), "dim")]))
        any_free = any(s.is_free for s in overview.upcoming)
        panels = (
            ("#bf-waitlist", "breakfast.heading.waitlist",
             waitlist_text(overview.waitlist, overview.me_login, any_free=any_free)),
            ("#bf-rotation", "breakfast.heading.rotation", rotation_text(overview.rotation)),
            ("#bf-ideas", "breakfast.heading.ideas", ideas_text(overview.ideas)),
        )
        for selector, heading, body in panels:
            self.query_one(selector, Static).update(
                Content("\n").join([Content.styled(t(heading), "bold $secondary"), body]))

    def _list_width(self) -> int:
        listing = self.query_one("#bf-list", OptionList)
        # Leave room for the scrollbar even before it appears, or rows would wrap once it does.
        width = listing.content_region.width - listing.styles.scrollbar_size_vertical - 1
        return max(20, width) if listing.content_region.width else 76

    def _render_list(self) -> None:
        listing = self.query_one("#bf-list", OptionList)
        slots = self._slots()
        past = self.mode == "past"
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
        keep = self.selected_uuid
        listing.set_options(options)
        ids = [s.uuid for s in slots]
        if keep in ids:
            listing.highlighted = ids.index(keep)
        elif slots:
            listing.highlighted = 0
            self.selected_uuid = slots[0].uuid
        else:
            self.selected_uuid = None

    def _render_detail(self) -> None:
        slot = self._selected()
        detail = self.query_one("#bf-detail", Static)
        if slot is None:
            hint = "breakfast.empty.past" if self.mode == "past" else "empty.breakfast"
            detail.update(Content.styled(t(hint), "dim"))
            return
        detail.update(slot_detail(slot, self.overview))

    def _render_grid(self) -> None:
        overview = self.overview
        slot = self._selected()
        if slot is not None and self.grid_month is None:
            self.grid_month = (slot.day.year, slot.day.month)
        if self.grid_month is None:
            self.grid_month = (overview.today.year, overview.today.month)
        year, month = self.grid_month
        marks: dict[date, tuple[int, str]] = {}
        for item in overview.all_slots():
            if item.day.year == year and item.day.month == month:
                rank = _GRID_PRIORITY[item.state]
                if item.day not in marks or rank < marks[item.day][0]:
                    marks[item.day] = (rank, STATE_STYLE[item.state])
        self.query_one("#bf-grid", MonthGrid).show(
            year, month, {d: style for d, (_, style) in marks.items()},
            slot.day if slot else None, overview.today,
            holidays=[d for d in overview.holidays if d.year == year and d.month == month],
        )

    # -- moving around --------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#bf-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not event.option.id or self.overview is None:
            return
        self.selected_uuid = event.option.id
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

    @on(MonthGrid.MonthStepped)
    def grid_stepped(self, event: MonthGrid.MonthStepped) -> None:
        self.action_month(event.step)

    @on(MonthGrid.DayClicked)
    def grid_clicked(self, event: MonthGrid.DayClicked) -> None:
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

    # -- helpers for actions --------------------------------------------------------------------

    def _need_slot(self) -> "SlotInfo | None":
        slot = self._selected()
        if slot is None:
            self.notify(t("breakfast.say.pick_first"), severity="warning")
        return slot

    def _need_admin(self) -> bool:
        if self.overview is None:
            return False
        if not self.overview.is_admin:
            self.notify(t("error.admin_only"), severity="warning")
            return False
        return True

    def _start(self, flow: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run a dialog-and-write flow in a worker. The coroutine is made only when the worker
        starts, so a key pressed twice quickly cancels the first cleanly."""
        self.run_worker(partial(flow, *args, **kwargs), group="bf-action", exclusive=True, exit_on_error=False)

    async def _write(self, fn: Callable[..., Any], *args: Any, slot_uuid: str | None = None,
                     done: str | None = None) -> Any:
        """Run a service write; remember an offline one as pending; reload after a real one."""
        try:
            result = await self.db(fn, *args)
        except DbCallFailed:
            return None
        if isinstance(result, Queued):
            if slot_uuid:
                self._pending[slot_uuid] = result.action
            self._render_all()
            return result
        if done:
            self.notify(done, markup=False)
        await self._load()
        return result

    # -- actions anyone can take ----------------------------------------------------------------

    def action_claim(self) -> None:
        slot = self._need_slot()
        if slot is None:
            return
        if slot.is_mine and not slot.is_past:
            self._start(self._claim_flow, slot, edit=True)
        elif slot.is_past:
            self.notify(t("breakfast.say.past"), severity="warning")
        elif slot.is_cancelled:
            self.notify(t("breakfast.error.cancelled", date=format_date(slot.day, with_year=True)), severity="warning")
        elif slot.host_name:
            self.notify(t("breakfast.error.taken", name=slot.host_name, date=format_date(slot.day, with_year=True)),
                        severity="warning", markup=False)
        else:
            self._start(self._claim_flow, slot, edit=False)

    async def _claim_flow(self, slot: "SlotInfo", *, edit: bool) -> None:
        from herotui.screens.breakfast_forms import ClaimForm

        try:
            areas = await self.db(self.hero.areas.list)
        except DbCallFailed:
            return
        key = "breakfast.form.edit_title" if edit else "breakfast.form.claim_title"
        form = ClaimForm(t(key, date=format_date(slot.day, with_year=True)), [a.name for a in areas],
                         topic=slot.topic if edit else "", description=slot.description if edit else "",
                         chosen=slot.areas if edit else ())
        result = await self.app.push_screen_wait(form)
        if not result:
            return
        service = self.hero.breakfast
        if edit:
            await self._write(service.edit, slot.uuid, result["topic"], result["description"], result["areas"],
                              slot_uuid=slot.uuid, done=t("breakfast.said.edited"))
        else:
            await self._write(service.claim, slot.uuid, result["topic"], result["description"], result["areas"],
                              slot_uuid=slot.uuid,
                              done=t("breakfast.said.claimed", date=format_date(slot.day, with_year=True),
                                     topic=result["topic"]))

    def action_release(self) -> None:
        slot = self._need_slot()
        if slot is None:
            return
        if not slot.host_name:
            self.notify(t("breakfast.error.not_claimed"), severity="warning")
            return
        if not slot.is_mine and not self.overview.is_admin:
            self.notify(t("breakfast.error.not_your_slot"), severity="warning")
            return
        self._start(self._release_flow, slot)

    async def _release_flow(self, slot: "SlotInfo") -> None:
        from herotui.screens.breakfast_forms import ConfirmDialog

        if slot.is_mine:
            question = Content(t("breakfast.confirm.release_own", date=format_date(slot.day, with_year=True)))
        else:
            question = template_line(t("breakfast.confirm.release_other", date=format_date(slot.day, with_year=True),
                                       name="{name}"), slot.host_name or "")
        if not await self.app.push_screen_wait(ConfirmDialog(question, t("breakfast.confirm.release_yes"))):
            return
        await self._write(self.hero.breakfast.release, slot.uuid, slot_uuid=slot.uuid,
                          done=t("breakfast.said.released", date=format_date(slot.day, with_year=True)))

    def action_rsvp(self) -> None:
        slot = self._need_slot()
        if slot is None:
            return
        if slot.is_mine:
            self.notify(t("breakfast.error.host_rsvp"), severity="warning")
            return
        coming = not slot.i_am_coming
        key = "breakfast.said.coming" if coming else "breakfast.said.not_coming"
        count = slot.rsvp_count + (1 if coming else -1)
        self._start(self._write, self.hero.breakfast.rsvp, slot.uuid, coming, slot_uuid=slot.uuid,
                    done=t(key, date=format_date(slot.day), n=max(0, count)))

    def action_waitlist(self) -> None:
        if self.overview is None:
            return
        if self.overview.waitlist.my_position is not None:
            self._start(self._write, self.hero.breakfast.leave_waitlist, done=t("breakfast.said.left_waitlist"))
        else:
            self._start(self._join_waitlist)

    def action_pass_turn(self) -> None:
        """Say no to the breakfast the waitlist reserved for me (the next in line gets it)."""
        turn = self.overview.waitlist.my_turn if self.overview is not None else None
        if turn is None or not turn.reserved_for_me:
            self.notify(t("breakfast.error.no_turn"), severity="warning")
            return
        self._start(self._write, self.hero.breakfast.pass_turn, turn.uuid, slot_uuid=turn.uuid,
                    done=t("breakfast.said.passed", date=format_date(turn.day)))

    async def _join_waitlist(self) -> None:
        result = await self._write(self.hero.breakfast.join_waitlist)
        if result is not None and not isinstance(result, Queued):
            self.notify(t("breakfast.said.on_waitlist", n=result.my_position))

    def action_handover(self) -> None:
        overview = self.overview
        if overview is None:
            return
        slot = self._selected()
        if slot is not None and slot.offer is not None and slot.offer.to_login == overview.me_login:
            self._start(self._answer_flow, slot.offer)
        elif slot is not None and slot.is_mine and not slot.is_past:
            self._start(self._offer_flow, slot)
        elif overview.offers_to_me:
            offer = overview.offers_to_me[0]
            target = overview.slot(offer.slot_uuid)
            if target is not None:
                self._select(target)
            self._start(self._answer_flow, offer)
        else:
            self.notify(t("breakfast.say.handover_how"), severity="warning")

    async def _offer_flow(self, slot: "SlotInfo") -> None:
        from herotui.screens.breakfast_forms import HandoverForm

        try:
            people = await self.db(self.hero.breakfast.people)
        except DbCallFailed:
            return
        open_to = slot.offer.to_name if slot.offer is not None else None
        form = HandoverForm(t("breakfast.form.handover_title", date=format_date(slot.day, with_year=True)),
                            people, open_offer_to=open_to)
        result = await self.app.push_screen_wait(form)
        if not result:
            return
        verb, login = result
        if verb == "withdraw" and slot.offer is not None:
            await self._write(self.hero.breakfast.withdraw, slot.offer.uuid, slot_uuid=slot.uuid,
                              done=t("breakfast.said.withdrawn"))
            return
        name = dict(people).get(login, login)
        await self._write(self.hero.breakfast.offer, slot.uuid, login, slot_uuid=slot.uuid,
                          done=t("breakfast.said.offered", name=name, date=format_date(slot.day)))

    async def _answer_flow(self, offer) -> None:
        from herotui.screens.breakfast_forms import OfferAnswer

        question = template_line(t("breakfast.confirm.offer", date=format_date(offer.slot_start.date(), with_year=True),
                                   name="{name}"), offer.from_name)
        accept = await self.app.push_screen_wait(OfferAnswer(question))
        if accept is None:
            return
        key = "breakfast.said.accepted" if accept else "breakfast.said.declined"
        await self._write(self.hero.breakfast.answer, offer.uuid, accept, slot_uuid=offer.slot_uuid,
                          done=t(key, name=offer.from_name, date=format_date(offer.slot_start.date())))

    def action_ics(self) -> None:
        slot = self._need_slot()
        if slot is not None:
            self._start(self._export, [slot.uuid], slot.day)

    def action_ics_all(self) -> None:
        self._start(self._export, None, None)

    async def _export(self, uuids: list[str] | None, day: date | None) -> None:
        from herotui.services.ics import export_dir, file_name, write_file

        try:
            data = await self.db(self.hero.breakfast.ics, uuids)
        except DbCallFailed:
            return
        target = export_dir() / (file_name(day) if day else f"{t('breakfast.ics.file_prefix')}.ics")
        try:
            path = await asyncio.to_thread(write_file, data, target)
        except OSError as exc:
            self.notify(t("breakfast.error.ics_write", path=str(target), reason=exc.strerror or str(exc)),
                        severity="error", markup=False)
            return
        self.notify(t("breakfast.said.ics", path=str(path)), markup=False, timeout=10)

    # -- admins ---------------------------------------------------------------------------------

    def action_extra(self) -> None:
        if not self._need_admin():
            return
        self._start(self._extra_flow)

    async def _extra_flow(self) -> None:
        from herotui.screens.breakfast_forms import DateTimeForm

        rule = self.overview.rule
        suggestion = self.overview.today + timedelta(days=14)
        result = await self.app.push_screen_wait(
            DateTimeForm(t("breakfast.form.extra_title"), suggestion, rule.start, rule.minutes))
        if not result:
            return
        await self._write(self.hero.breakfast.add_extra, result["day"], result["start"], result["minutes"],
                          done=t("breakfast.said.extra", date=format_date(result["day"], with_year=True),
                                 time=result["start"]))

    def action_move(self) -> None:
        if not self._need_admin():
            return
        slot = self._need_slot()
        if slot is None:
            return
        if slot.is_past:
            self.notify(t("breakfast.say.past"), severity="warning")
            return
        self._start(self._move_flow, slot)

    async def _move_flow(self, slot: "SlotInfo") -> None:
        from herotui.screens.breakfast_forms import DateTimeForm

        result = await self.app.push_screen_wait(DateTimeForm(
            t("breakfast.form.move_title", date=format_date(slot.day, with_year=True)), slot.day,
            f"{slot.local_start:%H:%M}"))
        if not result:
            return
        await self._write(self.hero.breakfast.move, slot.uuid, result["day"], result["start"], slot_uuid=slot.uuid,
                          done=t("breakfast.said.moved", old=format_date(slot.day),
                                 new=format_date(result["day"], with_year=True), time=result["start"]))

    def action_cancel_slot(self) -> None:
        if not self._need_admin():
            return
        slot = self._need_slot()
        if slot is None:
            return
        if slot.is_past:
            self.notify(t("breakfast.say.past"), severity="warning")
            return
        self._start(self._cancel_flow, slot)

    async def _cancel_flow(self, slot: "SlotInfo") -> None:
        from herotui.screens.breakfast_forms import ConfirmDialog

        when = format_date(slot.day, with_year=True)
        if slot.is_cancelled:
            question, yes, done = (t("breakfast.confirm.restore", date=when), t("breakfast.confirm.restore_yes"),
                                   t("breakfast.said.restored", date=when))
        else:
            question, yes, done = (t("breakfast.confirm.cancel", date=when), t("breakfast.confirm.cancel_yes"),
                                   t("breakfast.said.cancelled", date=when))
        if not await self.app.push_screen_wait(ConfirmDialog(Content(question), yes)):
            return
        await self._write(self.hero.breakfast.cancel, slot.uuid, not slot.is_cancelled, slot_uuid=slot.uuid, done=done)

    def action_rule(self) -> None:
        if not self._need_admin():
            return
        self._start(self._rule_flow)

    async def _rule_flow(self) -> None:
        from herotui.screens.breakfast_forms import RuleForm
        from herotui.services.breakfast import describe_rule

        result = await self.app.push_screen_wait(RuleForm(self.overview.rule.as_setting()))
        if not result:
            return
        change = await self._write(self.hero.breakfast.set_rule, result)
        if change is not None:
            self.notify(t("breakfast.said.rule", rule=describe_rule(change.rule)))
            if change.kept:
                # Claimed breakfasts stay put; the admin moves each one with m if it should follow.
                self.notify(t("breakfast.notice.rule_kept", n=len(change.kept)), timeout=10)

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
