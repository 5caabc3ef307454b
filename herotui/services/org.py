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
        raise ValidationError("error.setting_unknown", key=key)
    if key == "weekly_goal_minutes":
        if not isinstance(value, int) or not 10 <= value <= 600:
            raise ValidationError("error.goal_range", low=10, high=600)
    elif key == "long_timer_hours":
        if not isinstance(value, (int, float)) or not 1 <= value <= 24:
            raise ValidationError("error.long_timer_range", low=1, high=24)
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
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("Europe/Stockholm")

    def set(self, key: str, value: Any) -> None:
        if key == "breakfast_rule":
            # The breakfast service validates the rule and moves the next 12 months with it.
            self.hero.breakfast.set_rule(value)
            return
        value = _validate(key, value)

        def write() -> None:
            me = require_admin(self.hero, self.hero.login)
            upsert(OrgSetting, OrgSetting.key,
                   {"key": key, "value": json.dumps(value), "updated_at": self.hero.now(), "updated_by": me.id})

        self.hero.store.write(write)
