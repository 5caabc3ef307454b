"""What the learning service hands to the UI and the CLI: frozen dataclasses, no database rows.

Units throughout: minutes are whole minutes; moments (`datetime`) are timezone-aware, stored and
compared in UTC; days (`date`) are local days in the organisation's time zone; a week is the ISO
week (ISO 8601: Monday to Sunday), named by its Monday.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from herotui.isoweek import week_start

TimerStatus = Literal["running", "paused"]
"""A live timer's state."""
SessionStatus = Literal["running", "paused", "done"]
"""A `LearningSession` row's state: live (running, paused) or logged (done)."""

MIN_MINUTES = 1
MAX_MINUTES = 600
LIVE: tuple[TimerStatus, ...] = ("running", "paused")


def counted_minutes(seconds: float) -> int:
    """Minutes a timer of `seconds` active time contributes: rounded half up, and at least
    `MIN_MINUTES` (partial sessions count)."""
    return max(MIN_MINUTES, int(math.floor(seconds / 60 + 0.5)))


@dataclass(frozen=True)
class TimerInfo:
    """The person's live timer. Elapsed time is computed from the clock, never stored.

    `started_at` and `paused_at` are UTC moments; `paused_seconds` is the time spent paused
    before the current run, in seconds.
    """

    uuid: str
    status: TimerStatus
    started_at: datetime
    paused_at: datetime | None
    paused_seconds: int
    kind: str
    title: str
    link: str
    note: str
    areas: tuple[str, ...]
    confirmed_minutes: int
    """Minutes the person said to keep when asked about a long timer (0 until then)."""
    limit_minutes: int
    """The organisation's long-timer limit: past `confirmed_minutes + limit_minutes` we ask."""
    saved_offline: bool = False
    """True while the change that produced this state waits in the offline outbox."""

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def paused(self) -> bool:
        return self.status == "paused"

    def elapsed_seconds(self, now: datetime) -> float:
        """Active seconds: from the start to `now` (or to the pause), less the time spent paused."""
        end = self.paused_at if self.paused and self.paused_at is not None else now
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds)

    def counted_minutes(self, now: datetime) -> int:
        """The minutes stopping at `now` would log (see `counted_minutes`)."""
        return counted_minutes(self.elapsed_seconds(now))

    def needs_review(self, now: datetime) -> bool:
        """Running longer than the limit since it was last confirmed: ask keep / trim / discard."""
        return self.elapsed_seconds(now) > (self.confirmed_minutes + self.limit_minutes) * 60

    def paused_locally(self, at: datetime) -> "TimerInfo":
        """This timer as it will be once a pause at `at` (queued offline) is sent."""
        if not self.running:
            return self
        return replace(self, status="paused", paused_at=max(at, self.started_at), saved_offline=True)

    def resumed_locally(self, at: datetime) -> "TimerInfo":
        """This timer as it will be once a resume at `at` (queued offline) is sent."""
        if not self.paused or self.paused_at is None:
            return self
        extra = max(0, int((at - self.paused_at).total_seconds()))
        return replace(self, status="running", paused_at=None, paused_seconds=self.paused_seconds + extra,
                       saved_offline=True)


@dataclass(frozen=True)
class SessionInfo:
    """One logged session (status done). `minutes` as logged; `started_at`/`ended_at` in UTC."""

    uuid: str
    day: date
    """The day it counts for, in the organisation's time zone."""
    minutes: int
    kind: str
    title: str
    link: str
    note: str
    areas: tuple[str, ...]
    started_at: datetime
    ended_at: datetime | None
    manual: bool
    shared: bool
    overlap_minutes: int = 0
    """Minutes of this session that another timer session of the same person (recorded on another
    computer while this one waited offline) already counts; they count once unless `overlap_kept`."""
    overlap_kept: bool = False

    @property
    def counted_minutes(self) -> int:
        """What the session adds to the week: its minutes less an overlap counted elsewhere."""
        return self.minutes - (0 if self.overlap_kept else self.overlap_minutes)


@dataclass(frozen=True)
class WeekBar:
    """One ISO week in the history chart: its Monday, week number, counted minutes, whether the
    person marked it as holiday, and whether that week's own goal was met."""

    week_start: date
    week: int
    minutes: int
    holiday: bool
    goal_met: bool


@dataclass(frozen=True)
class WeekSummary:
    """The ISO week shown: counted minutes, the goal that applies to it (minutes), the streak in
    weeks up to it, and its sessions newest first."""

    week_start: date
    year: int
    week: int
    minutes: int
    goal: int
    goal_met: bool
    holiday: bool
    streak: int
    sessions: tuple[SessionInfo, ...]

    def minutes_with(self, timer: TimerInfo | None, now: datetime, zone: ZoneInfo) -> int:
        """This week's minutes including a live timer that started this week (unless it is long)."""
        if timer is None or week_start(timer.started_at, zone) != self.week_start or timer.needs_review(now):
            return self.minutes
        return self.minutes + int(timer.elapsed_seconds(now) // 60)


@dataclass(frozen=True)
class Breakdown:
    """Minutes over the last `weeks` ISO weeks, by kind and by focus area, largest first."""

    weeks: int
    by_kind: tuple[tuple[str, int], ...]
    by_area: tuple[tuple[str, int], ...]
    """Area name ("" for sessions without one) and minutes; a session with two areas counts in both."""


@dataclass(frozen=True)
class Pulse:
    """The team's ISO week, anonymous but for those who chose to be named."""

    week_start: date
    colleagues: int
    """Everyone in herotui except those who marked this week as holiday or leave."""
    had_hour: int
    team_minutes: int
    named: tuple[str, ...]
    """Display names of those who met the goal and chose to be named, alphabetical: never a ranking."""


@dataclass(frozen=True)
class WeekOverview:
    """Everything the learning screen shows, read in one consistent snapshot.

    `now` is the UTC moment of the read, `today` the local day, `goal` and `limit_minutes` in
    minutes (the goal of the week shown).
    """

    now: datetime
    today: date
    zone: ZoneInfo
    goal: int
    limit_minutes: int
    timer: TimerInfo | None
    week: WeekSummary
    history: tuple[WeekBar, ...]
    breakdown: Breakdown
    pulse: Pulse
    named_in_pulse: bool


@dataclass(frozen=True)
class Draft:
    """What a person typed into the log form or onto the command line, cleaned and checked.

    `None` in a field means "not given / leave as it is"; build one with `make_draft`.
    """

    kind: str | None = None
    title: str | None = None
    link: str | None = None
    areas: tuple[str, ...] | None = None
    note: str | None = None

    def payload(self) -> dict[str, Any]:
        """The fields as an action payload (JSON-ready)."""
        return {"kind": self.kind, "title": self.title, "link": self.link,
                "areas": list(self.areas) if self.areas is not None else None, "note": self.note}
