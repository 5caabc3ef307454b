"""The learning hour: one live timer per person, logged sessions, weeks, streaks and the team pulse.

The live timer is a `LearningSession` row whose status is `running` or `paused`, so it survives a
quit, a crash or a reboot and is the same on every computer. A partial unique index in the
database allows one such row per person; the start handler also checks first, inside its
IMMEDIATE transaction, so two computers starting at once give one timer and one clear refusal.

Elapsed time is arithmetic on UTC moments (`started_at`, `paused_at`, `paused_seconds`), so
midnight, week ends and daylight-saving changes need no special cases. A session counts for the
ISO week and day on which it started, in the organisation's time zone.

Every write is a named action (see `herotui.services.actions`): its payload carries the moment it
was taken, so an action kept in the offline outbox means the same thing when it is sent later.

The package, by part: `types` (the dataclasses the UI and the CLI get), `rules` (validation and
drafts, no database), `week` (reads inside a transaction: overview, streak, pulse), `handlers`
(the `@action` handlers; importing this package registers them) and `service` (`LearningService`).
Every name is re-exported here, so `from herotui.services.learning import X` keeps working.
"""

from __future__ import annotations

from herotui.services.learning import handlers  # noqa: F401  (registers the learning.* actions)
from herotui.services.learning.handlers import (  # noqa: F401
    _delete, _details, _discard, _edit, _elapsed, _holiday, _keep, _local_time, _log, _overlap,
    _overlap_minutes, _pause, _require_live, _resume, _set_areas, _start, _stop, _target,
)
from herotui.services.learning.rules import (  # noqa: F401
    HISTORY_WEEKS, MAX_NOTE, MAX_TITLE, _limit_minutes, make_draft, manual_start, validate_day,
    validate_link, validate_minutes, validate_note, validate_title,
)
from herotui.services.learning.service import LearningService
from herotui.services.learning.types import (  # noqa: F401
    LIVE, MAX_MINUTES, MIN_MINUTES, Breakdown, Draft, WeekOverview, Pulse, SessionInfo, SessionStatus,
    TimerInfo, TimerStatus, WeekBar, WeekSummary, counted_minutes,
)
from herotui.services.learning.week import (  # noqa: F401
    _COUNTED, GoalHistory, _areas_of, _as_moment, _counted_column, _live_info, _live_row, _overview,
    _own_session, _pulse, _session_infos, _settings, _timer_info, fn_coalesce, streak,
)

__all__ = [
    "Breakdown", "Draft", "GoalHistory", "HISTORY_WEEKS", "LIVE", "LearningService", "MAX_MINUTES",
    "MAX_NOTE", "MAX_TITLE", "MIN_MINUTES", "WeekOverview", "Pulse", "SessionInfo", "SessionStatus",
    "TimerInfo", "TimerStatus", "WeekBar", "WeekSummary", "counted_minutes", "fn_coalesce", "make_draft",
    "manual_start", "streak", "validate_day", "validate_link", "validate_minutes", "validate_note",
    "validate_title",
]
