"""The breakfast screen's flows: claim, release, come along, the waitlist, hand over, export to a
calendar, and the admins' extra breakfast, move, cancel and rule.

`BreakfastFlows` is mixed into `BreakfastScreen` (it uses the screen's `overview`, `_selected()`,
`_select()`, `_load()` and `_render_all()`). A key checks what it can from what is on screen and
starts one worker (`_start`); the worker opens the dialog, waits for the answer, then writes through
`hero.breakfast` (`_write`). A refused or failed write ends the worker with `DbCallFailed` after
the person was told (see `herotui.screens.base.HeroScreen`).
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, Callable

from textual.content import Content

from herotui.i18n import format_date, t
from herotui.presenters.breakfast_text import template_line
from herotui.services.actions import Queued

if TYPE_CHECKING:
    from herotui.services.breakfast import SlotInfo


class BreakfastFlows:
    """The breakfast screen's dialogs and writes (a mixin for `BreakfastScreen`)."""

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
        result = await self.db(fn, *args)
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

        areas = await self.db(self.hero.areas.list)
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
        from herotui.dialogs.confirm import Confirm

        if slot.is_mine:
            question = Content(t("breakfast.confirm.release_own", date=format_date(slot.day, with_year=True)))
        else:
            question = template_line(t("breakfast.confirm.release_other", date=format_date(slot.day, with_year=True),
                                       name="{name}"), slot.host_name or "")
        if not await self.app.push_screen_wait(Confirm(question, t("breakfast.confirm.release_yes"), default="no")):
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

        people = await self.db(self.hero.breakfast.people)
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

        data = await self.db(self.hero.breakfast.ics, uuids)
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
        from herotui.dialogs.confirm import Confirm

        when = format_date(slot.day, with_year=True)
        if slot.is_cancelled:
            question, yes, done = (t("breakfast.confirm.restore", date=when), t("breakfast.confirm.restore_yes"),
                                   t("breakfast.said.restored", date=when))
        else:
            question, yes, done = (t("breakfast.confirm.cancel", date=when), t("breakfast.confirm.cancel_yes"),
                                   t("breakfast.said.cancelled", date=when))
        if not await self.app.push_screen_wait(Confirm(Content(question), yes, default="no")):
            return
        await self._write(self.hero.breakfast.cancel, slot.uuid, not slot.is_cancelled, slot_uuid=slot.uuid, done=done)

    def action_rule(self) -> None:
        if not self._need_admin():
            return
        self._start(self._rule_flow)

    async def _rule_flow(self) -> None:
        from herotui.screens.breakfast_forms import RuleForm
        from herotui.presenters.breakfast_rule import describe_rule

        result = await self.app.push_screen_wait(RuleForm(self.overview.rule.as_setting()))
        if not result:
            return
        change = await self._write(self.hero.breakfast.set_rule, result)
        if change is not None:
            self.notify(t("breakfast.said.rule", rule=describe_rule(change.rule)))
            if change.kept:
                # Claimed breakfasts stay put; the admin moves each one with m if it should follow.
                self.notify(t("breakfast.notice.rule_kept", n=len(change.kept)), timeout=10)

