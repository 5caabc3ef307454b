"""Organisation settings: the weekly goal, the long-timer limit, the breakfast rule, the time zone."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from herotui.services.errors import ValidationError
from herotui.services.people import require_admin
from herotui.store.models import OrgSetting
from herotui.store.errors import DatabaseUnavailable
from herotui.store.schema import DEFAULT_SETTINGS
from herotui.store.upsert import upsert

if TYPE_CHECKING:
    from herotui.services.hero import Hero


def _validate(key: str, value: Any) -> Any:
    if key not in DEFAULT_SETTINGS:
        raise ValidationError("error.setting_unknown", setting=key)
    if key == "weekly_goal_minutes":
        if not isinstance(value, int) or not 10 <= value <= 600:
            raise ValidationError("error.goal_range", low=10, high=600)
    elif key == "long_timer_hours":
        if not isinstance(value, (int, float)) or not 1 <= value <= 24:
            raise ValidationError("error.long_timer_range", low=1, high=24)
    elif key == "holiday_country":
        from herotui.services.public_holidays import supported

        if not isinstance(value, str) or (value and not supported(value)):
            raise ValidationError("error.country_unknown", country=value)
        value = value.upper()
    elif key == "breakfast_on_holiday":
        if value not in ("next", "skip"):
            raise ValidationError("error.on_holiday", value=value)
    elif key == "breakfast_months_off":
        if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 12
                                              for v in value) or len(set(value)) > 11:
            raise ValidationError("error.months_off")
        value = sorted(set(value))
    elif key == "waitlist_reserve_hours":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 336:
            raise ValidationError("error.reserve_range", low=1, high=336)
    elif key == "min_group_size":
        # Below 3 a "group" figure is one colleague's figure seen from two sides.
        if not isinstance(value, int) or isinstance(value, bool) or not MIN_GROUP_FLOOR <= value <= 100:
            raise ValidationError("error.group_size_range", low=MIN_GROUP_FLOOR, high=100)
    elif key == "timezone":
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError("error.timezone_unknown", zone=value) from None
    return value


PLAN_KEYS = ("holiday_country", "breakfast_on_holiday", "breakfast_months_off")
"""Settings that change which days the breakfast rule gives."""


def record_goal(hero: "Hero", minutes: int) -> None:
    """Inside a write: the goal `minutes` applies from this ISO week (org zone) on.

    The goal in force before is kept for the weeks before (a first row covers all history).
    """
    from herotui.isoweek import week_start
    from herotui.store.models import GoalWeek
    from herotui.store.schema import FIRST_WEEK

    now = hero.now()
    if not GoalWeek.select().exists():
        # No history yet (a database made before goal history): the goal until now covers the past.
        old = OrgSetting.get_or_none(OrgSetting.key == "weekly_goal_minutes")
        before = json.loads(old.value) if old is not None else DEFAULT_SETTINGS["weekly_goal_minutes"]
        GoalWeek.insert(week_start=FIRST_WEEK, minutes=int(before), set_at=now).execute()
    monday = week_start(now, hero.org.timezone()).isoformat()
    upsert(GoalWeek, GoalWeek.week_start, {"week_start": monday, "minutes": int(minutes), "set_at": now})


def zone_named(name: Any) -> ZoneInfo:
    """The IANA zone `name` (the `timezone` setting); Europe/Stockholm when it is not one.

    For callers that already hold `OrgService.settings()` and should not read them again."""
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Stockholm")


MIN_GROUP_FLOOR = 3
"""The smallest minimum group size an organisation may choose for group figures (insights)."""


class OrgService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero
        self._cached: dict[str, Any] | None = None

    def settings(self) -> dict[str, Any]:
        def read() -> dict[str, Any]:
            stored = {row.key: json.loads(row.value) for row in OrgSetting.select()}
            return {**DEFAULT_SETTINGS, **stored}

        self._cached = self.hero.store.read(read)
        return self._cached

    def get(self, key: str) -> Any:
        return self.settings()[key]

    def timezone(self) -> ZoneInfo:
        """The organisation's zone; while the database is away, the last one seen (or the default),
        so that work done offline still lands on the right day."""
        try:
            name = self.get("timezone")
        except DatabaseUnavailable:
            name = (self._cached or DEFAULT_SETTINGS)["timezone"]
        return zone_named(name)

    def set(self, key: str, value: Any, *, move_claimed: bool | list[str] = False) -> Any:
        """Set one organisation setting (admins only); ValidationError names the allowed values.

        Settings that shape the breakfast plan (rule, holidays, months left out) move the free
        upcoming breakfasts with them; claimed ones keep their date unless `move_claimed` is True
        or lists their slot uuids. Returns the breakfast service's `RuleChange` for those keys.
        A new weekly goal applies from the current ISO week on; earlier weeks keep theirs.
        """
        if key == "breakfast_rule":
            return self.hero.breakfast.set_rule(value, move_claimed=move_claimed)
        value = _validate(key, value)
        if key in PLAN_KEYS:
            return self.hero.breakfast.set_plan_setting(key, value, move_claimed=move_claimed)

        def write() -> None:
            me = require_admin(self.hero, self.hero.login)
            if key == "weekly_goal_minutes":
                record_goal(self.hero, value)  # before the setting changes: it keeps the old goal for the past
            upsert(OrgSetting, OrgSetting.key,
                   {"key": key, "value": json.dumps(value), "updated_at": self.hero.now(), "updated_by": me.id})

        self.hero.store.write(write)
        return None
