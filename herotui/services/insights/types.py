"""What the insights read returns: rows per focus area, their gaps, a trend and totals.

Plain frozen dataclasses (no database, no Textual): `service.py` fills them, `text.py` and
`export.py` turn them into sentences, cells and files. Minutes are whole minutes; days are local dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from herotui.services.insights.periods import Period


@dataclass(frozen=True)
class Gap:
    """Why an area needs attention: codes below_target, little_activity, no_breakfast."""

    reasons: tuple[str, ...]


@dataclass(frozen=True)
class TrendBar:
    """Learning minutes of `weeks` consecutive trend buckets from the local day `first_day`
    (ISO week `week`). Weeks are folded together until at least min_group colleagues learned in them."""

    first_day: date
    week: tuple[int, int]
    weeks: int
    minutes: int


@dataclass(frozen=True)
class AreaInsight:
    """One focus area's figures for the period. A figure of None is hidden: fewer than
    `Insights.min_group` colleagues produced it (or it was hidden so that subtraction cannot
    reveal one that was). `area_id` None is the row of sessions and shares with no focus area."""

    area_id: int | None
    name: str
    priority: str
    target_minutes: int | None
    """Minutes per quarter (company-wide), or None."""
    retired: bool
    minutes: int | None
    sessions: int | None
    learners: int | None
    """How many colleagues learned in the area (a count, never who)."""
    shares: int | None
    useful: int | None
    breakfasts: int
    """Breakfasts held in the period (public events: never hidden)."""
    attendance: int | None
    last_breakfast: date | None
    """Local day of the area's latest breakfast held, ever (public on the breakfast screen)."""
    trend: tuple["TrendBar", ...]
    """Minutes over the period, left to right; () when the learning figures are hidden."""
    expected_minutes: int | None
    """The quarterly target pro rata for the days the period covers so far."""
    gap: Gap | None

    @property
    def is_gap(self) -> bool:
        return self.gap is not None


@dataclass(frozen=True)
class Totals:
    """Sum of the rows (hidden rows included) or of the folded rows; None where it must be hidden."""

    minutes: int | None = None
    sessions: int | None = None
    shares: int | None = None
    useful: int | None = None
    breakfasts: int = 0
    attendance: int | None = None
    rows: int = 0
    """For `Insights.other`: how many rows were folded into it."""
    empty: tuple[str, ...] = ()
    """For `Insights.other`: the figures (minutes, shares, ...) no row was folded into: nothing to show."""


@dataclass(frozen=True)
class Insights:
    period: Period
    zone: str
    today: date
    generated_at: datetime
    min_group: int
    colleagues: int
    learners: int | None
    """Colleagues who learned anything in the period (hidden when fewer than min_group)."""
    rows: tuple[AreaInsight, ...]
    """Gaps first (high priority first), then by minutes; see `sort_rows` for other orders."""
    other: Totals
    """The hidden rows folded together, shown when they hold at least min_group colleagues."""
    total: Totals
    stale: bool = field(default=False)
    """True when these are the last figures read before the database went out of reach."""
