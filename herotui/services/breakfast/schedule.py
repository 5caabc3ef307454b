"""Where breakfasts come from and the row-level helpers every read and write shares.

Slots for the next twelve months are made from the rule (`breakfast_rule`, local wall time in the
organisation's zone) the first time someone looks. Each rule slot carries `rule_key = YYYY-MM`,
which is UNIQUE, and is inserted with ON CONFLICT DO NOTHING, so two computers generating at the
same moment end up with one slot per month.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from peewee import JOIN

from herotui.collation import fold
from herotui.i18n import format_date
from herotui.services.areas import resolve_areas
from herotui.services.breakfast_plan import fix_stale, plan_from, stale_free_slots
from herotui.services.breakfast_turns import advance_turns, turns_due
from herotui.services.calendar_rules import BreakfastPlan, MonthlyRule, planned_months
from herotui.services.errors import Conflict, NotFound, ValidationError
from herotui.store.models import BreakfastSlot, Handover, Person, SlotArea, new_uuid

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MONTHS_AHEAD = 12
"""How many months of rule breakfasts exist ahead of today."""


def _zone(hero: "Hero") -> ZoneInfo:
    return hero.org.timezone()


def _rule(hero: "Hero") -> MonthlyRule:
    """The organisation's rule; the default rule when the setting is missing or broken."""
    try:
        return MonthlyRule.from_setting(hero.org.get("breakfast_rule"))
    except ValueError:
        return MonthlyRule()


def _plan(hero: "Hero", settings: dict[str, Any] | None = None, zone: ZoneInfo | None = None) -> BreakfastPlan:
    """The plan from `settings` (read now when not given) as of today in `zone` (the org's)."""
    from herotui.i18n import language

    settings = settings if settings is not None else hero.org.settings()
    today = hero.now().astimezone(zone or _zone(hero)).date()
    return plan_from(settings, today, "sv" if language() == "sv" else "en_US")


def _when(slot_start: datetime, zone: ZoneInfo) -> str:
    """A slot's local date, formatted for an error message."""
    return format_date(slot_start.astimezone(zone).date(), with_year=True)


def _me(hero: "Hero") -> Person | None:
    """The acting person's row, or None before their first write."""
    return Person.get_or_none(Person.login_key == fold(hero.login))


def _slot_query():
    """Slots joined with their host (LEFT OUTER: free slots have none)."""
    return (
        BreakfastSlot.select(BreakfastSlot, Person)
        .join(Person, JOIN.LEFT_OUTER, on=(BreakfastSlot.host == Person.id))
    )


def _slot_row(uuid: str) -> BreakfastSlot:
    """The slot row with its host. NotFound (`breakfast.error.no_slot`) when there is none."""
    row = _slot_query().where(BreakfastSlot.uuid == uuid).first()
    if row is None:
        raise NotFound("breakfast.error.no_slot")
    return row


def _host_name(slot: BreakfastSlot) -> str:
    host = Person.get_or_none(Person.id == slot.host_id) if slot.host_id else None
    return host.display_name if host else "?"


def _require_open(hero: "Hero", slot: BreakfastSlot, zone: ZoneInfo) -> None:
    """Refuse changes to a breakfast that has started or was cancelled (checked when the action runs)."""
    if slot.starts_at <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, zone))
    if slot.status != "scheduled":
        raise Conflict("breakfast.error.cancelled", date=_when(slot.starts_at, zone))


def _set_areas(slot_id: int, names: list[str]) -> bool:
    """Make the slot's focus areas exactly `names`; True when that changed them (a calendar shows
    them, in CATEGORIES and the description)."""
    rows = resolve_areas(names)
    before = {area_id for (area_id,) in SlotArea.select(SlotArea.area).where(SlotArea.slot == slot_id).tuples()}
    if before == {area.id for area in rows}:
        return False
    SlotArea.delete().where(SlotArea.slot == slot_id).execute()
    if rows:
        SlotArea.insert_many([{"slot": slot_id, "area": area.id} for area in rows]).on_conflict_ignore().execute()
    return True


def _withdraw_offers(slot_id: int, at: datetime) -> None:
    Handover.update(status="withdrawn", answered_at=at).where(
        Handover.slot == slot_id, Handover.status == "offered"
    ).execute()


def _insert_missing(hero: "Hero", plan: BreakfastPlan, zone: ZoneInfo) -> int:
    """Insert this plan's slots for months that have none yet; a no-op for months that have one.

    Returns how many were missing (inside the caller's write transaction)."""
    now = hero.now()
    rule = plan.rule
    planned = planned_months(plan, now, zone, MONTHS_AHEAD)
    keys = [key for key, _ in planned]
    present = {k for (k,) in BreakfastSlot.select(BreakfastSlot.rule_key).where(BreakfastSlot.rule_key.in_(keys)).tuples()}
    missing = [(key, starts) for key, starts in planned if key not in present]
    for key, starts in missing:
        BreakfastSlot.insert(
            uuid=new_uuid(), starts_at=starts, duration_minutes=rule.minutes, rule_key=key,
            created_at=now,
        ).on_conflict_ignore().execute()
    return len(missing)


def slots_due(hero: "Hero", plan: BreakfastPlan, zone: ZoneInfo, me: Person | None) -> bool:
    """Inside a read: whether `ensure_slots` has work (a planned month without its slot, a stale
    free breakfast an admin `me` would move, a waitlist reservation that ran out)."""
    keys = [key for key, _ in planned_months(plan, hero.now(), zone, MONTHS_AHEAD)]
    present = BreakfastSlot.select().where(BreakfastSlot.rule_key.in_(keys)).count()
    # Moving breakfasts made before a holiday was known is an admin's change (on a server
    # with one role per person only admins may move a slot), done when an admin looks.
    stale = bool(me is not None and me.is_admin) and bool(stale_free_slots(hero, plan, zone))
    return present != len(keys) or stale or turns_due(hero.now())


def catch_up(hero: "Hero") -> int:
    """The write `ensure_slots` does when something is due (one IMMEDIATE transaction; safe to run
    when nothing is). Returns the number of slots made or moved."""

    def write() -> int:
        fresh, zone_now = _plan(hero), _zone(hero)
        me = _me(hero)
        changed = fix_stale(hero, fresh, zone_now) if me is not None and me.is_admin else 0
        advance_turns(hero, hero.now())
        return changed + _insert_missing(hero, fresh, zone_now)

    return hero.store.write(write)


def ensure_slots(hero: "Hero") -> int:
    """Make the next `MONTHS_AHEAD` months' plan slots exist, move stale free ones (admins only)
    and pass expired waitlist reservations on. One read checks whether anything is due; only
    then one write transaction runs. Returns the number of slots made or moved (0 when read-only).
    DatabaseUnavailable when the store cannot be read."""
    plan, zone = _plan(hero), _zone(hero)
    if hero.store.read_only or not hero.store.read(lambda: slots_due(hero, plan, zone, _me(hero))):
        return 0
    return catch_up(hero)
