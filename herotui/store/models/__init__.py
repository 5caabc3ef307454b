"""The whole data model of herotui, by area. Rows a person creates carry a client-made UUID.

All moments are `UtcTimestampField`s (microseconds UTC). Models are bound to one database per
process through `database_proxy` (see `base`), which the opening code initialises. Every model is
importable from here, as it always was: `from herotui.store.models import Share`.
"""

from __future__ import annotations

from herotui.store.models.base import (  # noqa: F401
    _fold,
    BaseModel,
    database_proxy,
    FocusArea,
    KeyedModel,
    new_uuid,
    OrgSetting,
    Person,
    StoreMeta,
    StoreProxy,
)
from herotui.store.models.learning import (  # noqa: F401
    GoalWeek,
    HolidayWeek,
    LearningSession,
    SessionArea,
)
from herotui.store.models.sharing import (  # noqa: F401
    Reaction,
    ReadMark,
    SavedShare,
    Share,
    ShareArea,
    ShareTag,
)
from herotui.store.models.breakfast import (  # noqa: F401
    BreakfastSlot,
    Handover,
    raise_revisions,
    Rsvp,
    SlotArea,
    WaitlistEntry,
    WaitlistTurn,
)

ALL_MODELS: list[type[BaseModel]] = [
    StoreMeta,
    Person,
    OrgSetting,
    FocusArea,
    LearningSession,
    SessionArea,
    HolidayWeek,
    Share,
    ShareArea,
    ShareTag,
    Reaction,
    SavedShare,
    ReadMark,
    BreakfastSlot,
    SlotArea,
    Rsvp,
    WaitlistEntry,
    WaitlistTurn,
    Handover,
    GoalWeek,
]
