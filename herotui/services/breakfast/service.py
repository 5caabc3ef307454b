"""`BreakfastService`: the breakfast calendar's reads and writes, as `hero.breakfast`.

Reads run in one read transaction and return the dataclasses of `types`. Writes validate what
they can at once (ValidationError before anything is sent), then go through `Hero.submit`: the
handler in `handlers` runs in one IMMEDIATE transaction and its result comes back, or, when the
shared store cannot be reached, the action waits in the outbox and `Queued` comes back instead.
Errors a handler raises (Conflict, NotAllowed, NotFound, ValidationError) reach the caller when
it runs now, or the outbox's report when it runs on replay. Dates are local dates in the
organisation's zone; times in results are UTC unless a field says local; durations in minutes.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from herotui.collation import fold
from herotui.i18n import format_date
from herotui.services.actions import Queued
from herotui.services.breakfast.read import _info, pending_actions, read_day, read_overview
from herotui.services.breakfast.rules import _minutes, parse_day, parse_time, validate_description
from herotui.services.breakfast.rules import validate_rule, validate_topic
from herotui.services.breakfast.schedule import _insert_missing, _plan, _rule, _zone, catch_up, ensure_slots
from herotui.services.breakfast.types import OfferInfo, BreakfastOverview, SlotInfo, SlotRef, WaitlistInfo
from herotui.services.breakfast_plan import RuleChange, replan
from herotui.services.calendar_rules import MonthlyRule
from herotui.services.errors import NotFound, ValidationError
from herotui.services.people import require_admin
from herotui.store.errors import DatabaseUnavailable
from herotui.store.models import OrgSetting
from herotui.store.upsert import upsert
from herotui.text import clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero


SLOT_DAYS = "breakfast_days"
"""The `forms.json` list of upcoming breakfasts (`SlotRef`) seen by this computer."""


class BreakfastService:
    """The breakfast calendar for the acting person (`hero.login`).

    Every method may raise DatabaseUnavailable when the shared store cannot be read (reads) or
    when a write cannot even be queued.
    """

    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    # reads ------------------------------------------------------------------------------------

    def rule(self) -> MonthlyRule:
        """The organisation's monthly rule (the default rule when the setting is missing or broken)."""
        return _rule(self.hero)

    def ensure_slots(self) -> int:
        """Make sure the next 12 months have their plan's slots, free breakfasts made before a
        holiday or month off was known follow the plan, and waitlist reservations that ran out
        pass to the next in line. Writes only when one of those is due; never on a read-only
        store. Returns how many slots were made or moved (0 when nothing was due)."""
        return ensure_slots(self.hero)

    def overview(self) -> BreakfastOverview:
        """Everything for the screen, read in one transaction. Generates missing rule slots first
        (see `ensure_slots`); `SlotInfo.pending` names actions still in this computer's outbox."""
        from herotui.services.formcache import remember

        self.ensure_slots()
        pending = pending_actions(self.hero)
        overview = self.hero.store.read(read_overview, self.hero, pending)
        # Kept on this computer so that acting on a breakfast by its date works offline too.
        remember(self.hero, SLOT_DAYS, [SlotRef(s.uuid, s.day.isoformat()) for s in overview.upcoming
                                        if not s.is_cancelled])
        return overview

    def upcoming(self) -> list[SlotInfo]:
        """Breakfasts not yet over, earliest first (from `overview`)."""
        return list(self.overview().upcoming)

    def past(self) -> list[SlotInfo]:
        """Breakfasts that are over, newest first, at most `ARCHIVE_LIMIT` (from `overview`)."""
        return list(self.overview().past)

    def slot_ref_on(self, day: date | str, *, include_past: bool = False) -> SlotRef:
        """The uuid and day of `slot_on(day)`. While the database cannot be reached: the upcoming
        breakfast on that day as last seen on this computer, so a claim, release, RSVP or
        hand-over by date waits in the outbox like any other write (its rules are checked when it
        is sent). Raises as `slot_on` online; offline DatabaseUnavailable when that day was
        never seen here (or several breakfasts share it)."""
        from herotui.services.formcache import recall

        if isinstance(day, str):
            day = parse_day(day)
        try:
            slot = self.slot_on(day, include_past=include_past)
        except DatabaseUnavailable:
            seen = [s for s in recall(self.hero, SLOT_DAYS, SlotRef) or [] if s.day == day.isoformat()]
            if len(seen) != 1:
                raise
            return seen[0]
        return SlotRef(slot.uuid, slot.day.isoformat())

    def slot(self, uuid: str) -> SlotInfo:
        """One breakfast by uuid. NotFound (`breakfast.error.no_slot`) when there is none."""
        return self.hero.store.read(_info, self.hero, uuid)

    def slot_on(self, day: date | str, *, include_past: bool = False) -> SlotInfo:
        """The breakfast on a local date (`date` or ISO text; for the command line), read in one
        transaction of a few statements (generating due slots first, as `ensure_slots` does).

        A cancelled breakfast is chosen only when no live one shares its day. Raises
        ValidationError for a bad date or when several live breakfasts share the day
        (`breakfast.error.several_on`); NotFound `breakfast.error.past_on` when the only ones that
        day have started and `include_past` is False, `breakfast.error.none_on` when there is none.
        """
        if isinstance(day, str):
            day = parse_day(day)
        hero = self.hero
        pending = pending_actions(hero)
        # One read finds the day's breakfasts and whether generation is due (rarely: then write
        # and read again), instead of the whole overview.
        due, on_day = hero.store.read(read_day, hero, day, pending)
        if due and not hero.store.read_only:
            catch_up(hero)
            _, on_day = hero.store.read(read_day, hero, day, pending)
        candidates = [s for s in on_day if include_past or not s.is_past]
        if len(candidates) > 1:
            live = [s for s in candidates if not s.is_cancelled]
            candidates = live if live else candidates
        if not candidates:
            if not include_past and on_day:
                raise NotFound("breakfast.error.past_on", date=format_date(day, with_year=True),
                               day=day.isoformat())
            raise NotFound("breakfast.error.none_on", date=format_date(day, with_year=True))
        if len(candidates) > 1:
            raise ValidationError("breakfast.error.several_on", date=format_date(day, with_year=True))
        return candidates[0]

    def people(self) -> list[tuple[str, str]]:
        """(login, display name) of colleagues one could hand a breakfast over to (not me)."""
        me = fold(self.hero.login)
        return [(p.login, p.display_name) for p in self.hero.people.list() if fold(p.login) != me]

    def waitlist(self) -> WaitlistInfo:
        """The waitlist and my place in it (from `overview`)."""
        return self.overview().waitlist

    def ics(self, slot_uuids: list[str] | None = None, *, all_alarms: bool = False) -> bytes:
        """An iCalendar file (RFC 5545), UTF-8 bytes, for the given slots or every upcoming breakfast.

        The "all upcoming" file names a calendar and includes cancelled breakfasts as
        STATUS:CANCELLED, so a calendar that imported them before removes them; a file of chosen
        breakfasts names none (Outlook would open it as a separate calendar). Alarms go only on
        breakfasts I host or come to, unless `all_alarms`. NotFound when no slot matches.
        """
        from herotui.services.ics import calendar_bytes

        overview = self.overview()
        if slot_uuids is None:
            slots = list(overview.upcoming)
        else:
            slots = [s for s in overview.all_slots() if s.uuid in slot_uuids]
            if not slots:
                raise NotFound("breakfast.error.no_slot")
        return calendar_bytes(slots, ZoneInfo(overview.zone), stamp=self.hero.now(),
                              calendar_name=slot_uuids is None, all_alarms=all_alarms)

    # writes by anyone ---------------------------------------------------------------------------

    def claim(self, slot_uuid: str, topic: str, description: str = "",
              areas: list[str] | tuple[str, ...] = ()) -> SlotInfo | Queued:
        """Host a breakfast, with a topic (and description, focus-area names). Returns the slot.

        ValidationError for a bad topic/description (at once), or when it has started; Conflict
        `breakfast.error.taken` (naming the winner) when someone else hosts it, `.cancelled`,
        `.reserved` while the waitlist holds it for someone else; NotFound when it is gone.
        Claiming one's own breakfast again returns it unchanged.
        """
        payload = {"slot": slot_uuid, "topic": validate_topic(topic),
                   "description": validate_description(description), "areas": list(areas)}
        return self.hero.submit("breakfast.claim", payload)

    def edit(self, slot_uuid: str, topic: str, description: str = "",
             areas: list[str] | tuple[str, ...] = ()) -> SlotInfo | Queued:
        """Change my breakfast's topic, description and areas. NotAllowed when I do not host it;
        ValidationError for bad text or when it has started."""
        payload = {"slot": slot_uuid, "topic": validate_topic(topic),
                   "description": validate_description(description), "areas": list(areas)}
        return self.hero.submit("breakfast.edit", payload)

    def release(self, slot_uuid: str) -> SlotInfo | Queued:
        """Give up a claim (your own; admins may release anyone's); the first in the waitlist gets
        it reserved. ValidationError when nobody hosts it (`not_claimed`) or it has started;
        NotAllowed for someone else's; NotFound when it is gone. Offline it waits in the outbox as
        the release of my own claim (checked against the host when it is sent)."""
        try:
            slot = self.slot(slot_uuid)
        except DatabaseUnavailable:
            host = self.hero.login
        else:
            if slot.host_login is None:
                raise ValidationError("breakfast.error.not_claimed")
            host = slot.host_login
        return self.hero.submit("breakfast.release", {"slot": slot_uuid, "host": host})

    def rsvp(self, slot_uuid: str, coming: bool = True) -> SlotInfo | Queued:
        """Say I am coming (or not). ValidationError when I host it (`host_rsvp`) or it has
        started; Conflict when it was cancelled (only for coming)."""
        return self.hero.submit("breakfast.rsvp", {"slot": slot_uuid, "coming": bool(coming)})

    def join_waitlist(self) -> WaitlistInfo | Queued:
        """Queue to host when every breakfast is taken. ValidationError `breakfast.error.slot_free`
        (naming the date) when one is free to claim now; joining twice changes nothing."""
        try:
            self.ensure_slots()  # "every slot is taken" must look at all twelve months
        except DatabaseUnavailable:
            pass  # offline: the handler checks again when the outbox sends it
        return self.hero.submit("breakfast.waitlist.join", {})

    def leave_waitlist(self) -> WaitlistInfo | Queued:
        """Leave the waitlist (nothing happens when I am not in it)."""
        return self.hero.submit("breakfast.waitlist.leave", {})

    def pass_turn(self, slot_uuid: str) -> WaitlistInfo | Queued:
        """Say no to a breakfast the waitlist reserved for me; the next in line gets it.
        ValidationError `breakfast.error.no_turn` when it was not reserved for me."""
        return self.hero.submit("breakfast.waitlist.pass", {"slot": slot_uuid})

    def offer(self, slot_uuid: str, to_login: str) -> OfferInfo | Queued:
        """Offer my breakfast to a colleague (an earlier open offer on it is withdrawn).
        ValidationError for an empty login, myself, or a started breakfast; NotAllowed when I do
        not host it; NotFound for an unknown colleague or slot."""
        to_login = clean_line(to_login)
        if not to_login:
            raise ValidationError("error.login_required")
        return self.hero.submit("breakfast.handover.offer", {"slot": slot_uuid, "to": to_login})

    def answer(self, handover_uuid: str, accept: bool) -> OfferInfo | Queued:
        """Accept (I become the host) or decline an offer made to me. NotAllowed when it is not to
        me; Conflict `breakfast.error.offer_closed` when it was closed or the giver no longer hosts."""
        return self.hero.submit("breakfast.handover.answer", {"handover": handover_uuid, "accept": bool(accept)})

    def withdraw(self, handover_uuid: str) -> OfferInfo | Queued:
        """Take back an offer I made. NotAllowed when it is not mine; NotFound when unknown."""
        return self.hero.submit("breakfast.handover.withdraw", {"handover": handover_uuid})

    def mark_moves_seen(self, slot_uuids: list[str]) -> int | Queued:
        """I have seen that these breakfasts of mine moved; returns how many were marked."""
        return self.hero.submit("breakfast.move_seen", {"slots": list(slot_uuids)})

    # writes by admins ---------------------------------------------------------------------------

    def add_extra(self, day: date | str, start: str | None = None, minutes: int | None = None) -> SlotInfo | Queued:
        """Add a breakfast outside the rule on a local date, at `start` (`HH:MM` local; the rule's
        by default) for `minutes` (15-240; the rule's by default). ValidationError for bad input or
        a moment already past; NotAllowed for non-admins."""
        rule = self.rule()
        day = parse_day(day) if isinstance(day, str) else day
        payload = {"day": day.isoformat(), "start": parse_time(start or rule.start),
                   "minutes": _minutes(minutes if minutes is not None else rule.minutes)}
        return self.hero.submit("breakfast.extra", payload)

    def move(self, slot_uuid: str, day: date | str, start: str | None = None) -> SlotInfo | Queued:
        """Move a breakfast to a local date and `HH:MM` (its own start time by default); the host
        is told. ValidationError for bad input or when either moment is past; NotAllowed for
        non-admins; NotFound when the slot is gone."""
        day = parse_day(day) if isinstance(day, str) else day
        if start is None:
            start = f"{self.slot(slot_uuid).local_start:%H:%M}"
        return self.hero.submit("breakfast.move", {"slot": slot_uuid, "day": day.isoformat(),
                                                    "start": parse_time(start)})

    def cancel(self, slot_uuid: str, cancelled: bool = True) -> SlotInfo | Queued:
        """Cancel a breakfast (or restore it with `cancelled=False`); open offers on it are
        withdrawn. ValidationError when it has started; NotAllowed for non-admins."""
        return self.hero.submit("breakfast.cancel", {"slot": slot_uuid, "cancelled": bool(cancelled)})

    def set_rule(self, value: dict[str, object], *, move_claimed: bool | list[str] = False) -> RuleChange:
        """Change the organisation's rule (admins only); free upcoming breakfasts follow it.

        Claimed ones keep their date unless `move_claimed` is True or lists their slot uuids:
        they come back in `RuleChange.kept`. ValidationError for a bad rule; NotAllowed for
        non-admins. Not queued offline: DatabaseUnavailable when the store cannot be written.
        """
        return self.set_plan_setting("breakfast_rule", validate_rule(value).as_setting(), move_claimed=move_claimed)

    def set_plan_setting(self, key: str, value: Any, *, move_claimed: bool | list[str] = False) -> RuleChange:
        """Store one setting that shapes the plan (`breakfast_rule`, `holiday_country`,
        `breakfast_on_holiday`, `breakfast_months_off`; already validated) and move the upcoming
        breakfasts with it, as `set_rule` describes."""
        hero = self.hero

        def write() -> RuleChange:
            me = require_admin(hero, hero.login)
            settings = hero.org.settings()
            old, zone = _plan(hero, settings), _zone(hero)
            new = _plan(hero, {**settings, key: value})
            upsert(OrgSetting, OrgSetting.key, {"key": key, "value": json.dumps(value),
                                                "updated_at": hero.now(), "updated_by": me.id})
            change = replan(hero, old, new, zone, move_claimed)
            _insert_missing(hero, new, zone)
            return change

        return hero.store.write(write)
