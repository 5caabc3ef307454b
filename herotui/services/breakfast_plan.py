"""Which day each month's breakfast falls on, and moving the calendar when that changes.

The plan is the organisation's rule (`breakfast_rule`) plus the days it avoids: public holidays
of `holiday_country` (skipped to the same weekday a week later, or the month left out, as
`breakfast_on_holiday` says) and whole months an admin left out (`breakfast_months_off`).

When the plan changes, free upcoming rule breakfasts follow it. Claimed ones keep their date:
their host and guests planned around it, so they move only when an admin confirms each one
(`move_claimed=True` for all, or a list of slot uuids). Every change a calendar would show
raises the slot's `revision` (the ICS SEQUENCE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from herotui.services.calendar_rules import BreakfastPlan, MonthlyRule, parse_month_key
from herotui.services.public_holidays import holidays_between
from herotui.store.models import BreakfastSlot, WaitlistTurn

if TYPE_CHECKING:
    from herotui.services.hero import Hero

HOLIDAY_SPAN_DAYS = 800
"""Holidays are looked up from a year back to beyond the twelve months ahead (and the grid's reach)."""


@dataclass(frozen=True)
class PlannedMove:
    """A rule breakfast the plan change concerns. Dates are local (org zone); `new` is None when
    the month is left out (the breakfast is cancelled)."""

    slot_uuid: str
    old: datetime
    new: datetime | None
    host_name: str | None
    restored: bool = False
    """True for a breakfast an earlier plan left out (cancelled) that this one brings back."""


@dataclass(frozen=True)
class RuleChange:
    """What a rule or plan-setting change did: `moved` (and cancelled) breakfasts, and `kept`:
    claimed ones that stay on their date because nobody confirmed moving them."""

    rule: MonthlyRule
    moved: tuple[PlannedMove, ...] = ()
    kept: tuple[PlannedMove, ...] = ()


def plan_from(settings: dict[str, Any], today: date, language: str | None = None) -> BreakfastPlan:
    """The plan from the organisation's settings (a broken rule falls back to the default one)."""
    try:
        rule = MonthlyRule.from_setting(settings.get("breakfast_rule"))
    except ValueError:
        rule = MonthlyRule()
    country = settings.get("holiday_country")
    country = "SE" if country is None else str(country)  # "" = no holidays
    days = holidays_between(country, today - timedelta(days=366), today + timedelta(days=HOLIDAY_SPAN_DAYS),
                            language)
    months = settings.get("breakfast_months_off") or []
    on_holiday = settings.get("breakfast_on_holiday") if settings.get("breakfast_on_holiday") in ("next", "skip") else "next"
    return BreakfastPlan(rule, days, on_holiday, frozenset(m for m in months if isinstance(m, int)))


def replan(hero: "Hero", old: BreakfastPlan, new: BreakfastPlan, zone: ZoneInfo,
           move_claimed: bool | list[str] = False) -> RuleChange:
    """Inside a write: make the upcoming rule breakfasts follow `new`.

    A breakfast that is not where `old` put it was moved by hand and stays, except a claimed one
    never moved (an earlier change kept it). One that is: free -> moved (or cancelled when `new`
    leaves its month out); claimed -> moved only when confirmed (`move_claimed` True or naming its
    uuid), else kept and reported, so running the change again with confirmation moves it.
    """
    now = hero.now()
    moved: list[PlannedMove] = []
    kept: list[PlannedMove] = []
    for row in BreakfastSlot.select().where(
        BreakfastSlot.rule_key.is_null(False), BreakfastSlot.starts_at > now,
    ).order_by(BreakfastSlot.starts_at):
        year, month = parse_month_key(row.rule_key)
        if row.status != "scheduled":
            restored = _restore(hero, row, old, new, year, month, zone, now)
            if restored is not None:
                moved.append(restored)
            continue
        # A claimed breakfast that an earlier change kept on its date is still one the admin may
        # confirm now ("with --yes it moves"): never moved at all, or on the bare rule's day (kept
        # when a holiday or a month left out would have moved it). A hand-moved one is neither.
        kept_before = row.host_id is not None and (
            row.moved_from is None or row.starts_at == BreakfastPlan(new.rule).start_in(year, month, zone))
        if row.starts_at != old.start_in(year, month, zone) and not kept_before:
            continue
        target = new.start_in(year, month, zone)
        if target is not None and target <= now:
            continue
        if target == row.starts_at and new.rule.minutes == row.duration_minutes:
            continue
        host = row.host.display_name if row.host_id is not None else None
        change = PlannedMove(row.uuid, row.starts_at.astimezone(zone),
                             target.astimezone(zone) if target else None, host)
        confirmed = move_claimed is True or (isinstance(move_claimed, list) and row.uuid in move_claimed)
        if row.host_id is not None and not confirmed:
            kept.append(change)
            continue
        _apply(row, target, new.rule.minutes)
        moved.append(change)
    return RuleChange(new.rule, tuple(moved), tuple(kept))


def _restore(hero: "Hero", row: BreakfastSlot, old: BreakfastPlan, new: BreakfastPlan, year: int, month: int, zone: ZoneInfo,
             now: datetime) -> PlannedMove | None:
    """A cancelled rule breakfast comes back when `old` left its month out (a month off, a
    holiday with "skip", a rule without that weekday) and `new` has a day for it. One an admin
    cancelled (`old` had a breakfast that month) stays cancelled."""
    target = new.start_in(year, month, zone)
    if old.start_in(year, month, zone) is not None or target is None or target <= now:
        return None
    host = row.host.display_name if row.host_id is not None else None
    change = PlannedMove(row.uuid, row.starts_at.astimezone(zone), target.astimezone(zone), host, restored=True)
    _apply(row, target, new.rule.minutes, status="scheduled")
    from herotui.services.breakfast_turns import offer_next

    offer_next(hero, row.id, now)  # back and free: the first in line gets it first, as after a release
    return change


def _apply(row: BreakfastSlot, target: datetime | None, minutes: int, status: str | None = None) -> None:
    changes: dict[Any, Any] = {BreakfastSlot.revision: BreakfastSlot.revision + 1}
    if status is not None:
        changes[BreakfastSlot.status] = status
    if target is None:
        changes[BreakfastSlot.status] = "cancelled"
        # A reservation of a breakfast that will not happen ends (the person keeps their place).
        WaitlistTurn.delete().where(WaitlistTurn.slot == row.id, WaitlistTurn.status == "offered").execute()
    else:
        changes[BreakfastSlot.starts_at] = target
        changes[BreakfastSlot.duration_minutes] = minutes
        if row.host_id is not None and target != row.starts_at:
            # The host is told where it went (once), as after an admin's move.
            if row.moved_from is None or row.move_seen:
                changes[BreakfastSlot.moved_from] = row.starts_at
            changes[BreakfastSlot.move_seen] = False
    BreakfastSlot.update(changes).where(BreakfastSlot.id == row.id).execute()


def stale_free_slots(hero: "Hero", plan: BreakfastPlan, zone: ZoneInfo) -> list[tuple[BreakfastSlot, datetime | None]]:
    """Free upcoming rule breakfasts made before the plan knew about a holiday or a month off
    (still on the bare rule's day, which the plan now avoids), with where they belong."""
    now = hero.now()
    bare = BreakfastPlan(plan.rule)
    stale = []
    for row in BreakfastSlot.select().where(
        BreakfastSlot.rule_key.is_null(False), BreakfastSlot.starts_at > now, BreakfastSlot.host.is_null(),
        BreakfastSlot.status == "scheduled", BreakfastSlot.moved_from.is_null(),
    ):
        year, month = parse_month_key(row.rule_key)
        target = plan.start_in(year, month, zone)
        if row.starts_at == bare.start_in(year, month, zone) and target != row.starts_at \
                and (target is None or target > now):
            stale.append((row, target))
    return stale


def fix_stale(hero: "Hero", plan: BreakfastPlan, zone: ZoneInfo) -> int:
    """Inside a write: move (or cancel) the breakfasts `stale_free_slots` finds."""
    stale = stale_free_slots(hero, plan, zone)
    for row, target in stale:
        _apply(row, target, plan.rule.minutes)
    return len(stale)
