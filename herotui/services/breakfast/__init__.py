"""The breakfast calendar: slots from the organisation's rule, claims, RSVPs, waitlist, hand-overs.

A package in six parts, read in this order:
- `types`: the frozen dataclasses the service hands out and the status `Literal`s;
- `rules`: checks and parsing of what people type (topic, date, time, rule) (the rule in words is `herotui.presenters.breakfast_rule`);
- `schedule`: slot generation from the rule (`ensure_slots`) and the row helpers shared below;
- `read`: rows to dataclasses, the overview, waitlist, rotation and topic ideas;
- `handlers`: the `@action` handlers, one IMMEDIATE transaction each, replayable from the outbox;
- `service`: `BreakfastService` (`hero.breakfast`), the methods callers use.

Importing this package registers the actions (`handlers`); `Hero.load_handlers()` relies on that.
Every name importable from the old single module is re-exported here.
"""

from __future__ import annotations

from herotui.services.breakfast import handlers  # noqa: F401  (registers the @action handlers)
from herotui.services.breakfast.read import ARCHIVE_LIMIT, COVERED_WINDOW_DAYS, IDEA_WINDOW_DAYS
from herotui.services.breakfast.rules import (
    MAX_DESCRIPTION,
    MAX_TOPIC,
    parse_day,
    parse_time,
    validate_description,
    validate_rule,
    validate_topic,
)
from herotui.services.breakfast.schedule import MONTHS_AHEAD
from herotui.services.breakfast.service import BreakfastService
from herotui.services.breakfast.types import (
    BreakfastAction,
    OfferInfo,
    OfferStatus,
    BreakfastOverview,
    Priority,
    RotationEntry,
    SlotInfo,
    SlotState,
    SlotStatus,
    TopicIdea,
    WaitEntry,
    WaitlistInfo,
    WaitlistStatus,
)

__all__ = [
    "ARCHIVE_LIMIT", "COVERED_WINDOW_DAYS", "IDEA_WINDOW_DAYS", "MAX_DESCRIPTION", "MAX_TOPIC", "MONTHS_AHEAD",
    "BreakfastAction", "BreakfastService", "OfferInfo", "OfferStatus", "BreakfastOverview", "Priority", "RotationEntry",
    "SlotInfo", "SlotState", "SlotStatus", "TopicIdea", "WaitEntry", "WaitlistInfo", "WaitlistStatus",
    "parse_day", "parse_time", "validate_description", "validate_rule", "validate_topic",
]
