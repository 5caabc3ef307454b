"""Privacy atoms: the stretches of days whose figures different periods can be told apart by.

Subtracting one period's figure from another's gives the days one has and the other has not. The
calendar periods (this quarter, a named quarter, this year) all begin on quarters' first days, so
between them those days are whole quarters: a calendar period's figure is shown only when in every
quarter it covers nobody or at least the minimum group produced it. The last 12 weeks begin on a
Monday that usually splits a quarter in two (L before that Monday, R from it); its figures are
shown only when L and R, and every later quarter it covers, each stand for nobody or the minimum
group. Then every difference of figures shown, within or between periods, is made of such stretches
(see `privacy.py`). Trend bars are folded within the same stretches (and at that Monday in the
calendar periods too when both L and R are safe), so two periods' bars agree where they overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from herotui.services.calendar_rules import monday_of
from herotui.services.insights.periods import Period, _next_quarter, _quarter_start


@dataclass(frozen=True)
class AtomPlan:
    """Where a period's figures are cut for privacy. Atom `i` is the days [starts[i], starts[i+1])
    (the last one up to the period's `to_day`); atoms before `period.first_day` (L of the last
    12 weeks) are read only to check them, never counted."""

    period: Period
    starts: tuple[date, ...]
    split: tuple[date, date] | None
    """(first day of the quarter that the last 12 weeks begin in, their first day) when it splits one."""

    @property
    def first_day(self) -> date:
        """The first day to read (before the period's own first day only for L)."""
        return self.starts[0]

    @property
    def cuts(self) -> tuple[date, ...]:
        return self.starts[1:]

    def inside(self, atom: int) -> bool:
        """True when atom `atom` lies in the period itself (its figures count)."""
        return self.starts[atom] >= self.period.first_day

    def privacy_key(self, atom: int) -> date:
        """What an atom is checked as: itself for the last 12 weeks, its whole quarter otherwise."""
        day = self.starts[atom]
        return day if self.period.kind == "12w" else _quarter_start(day)

    def people(self, per_atom: dict[int, set]) -> dict[date, set]:
        """Who stands behind a cell per privacy key (the input of `privacy.hidden_cells`)."""
        merged: dict[date, set] = {}
        for atom, who in per_atom.items():
            merged.setdefault(self.privacy_key(atom), set()).update(who)
        return merged

    def whole(self, per_atom: dict[int, set]) -> set:
        """Everyone behind a cell in the period itself, for figures checked within the period only
        (shares and breakfast attendance: who shared what, and when, and who came, are shown by
        name on the feed and the breakfast screen, so subtracting periods reveals nothing new)."""
        together: set = set()
        for atom, who in per_atom.items():
            if self.inside(atom):
                together |= who
        return together

    def trend_cuts(self, per_atom: dict[int, set], min_group: int) -> tuple[date, ...]:
        """The days inside the period where a cell's trend bars must break."""
        inside = [day for day in self.cuts if day > self.period.first_day]
        if self.period.kind == "12w" or self.split is None:
            return tuple(inside)
        quarter, monday = self.split
        if monday not in inside:
            return tuple(inside)
        left, right = self.starts.index(quarter) if quarter in self.starts else None, self.starts.index(monday)
        for atom in (left, right):
            who = per_atom.get(atom, set()) if atom is not None else set()
            if 0 < len(who) < min_group:
                return tuple(day for day in inside if day != monday)
        return tuple(inside)


def twelve_weeks_start(today: date) -> date:
    """First day of the last 12 ISO weeks (as `periods.parse_period("12w")`)."""
    return monday_of(today) - timedelta(weeks=11)


def plan_atoms(period: Period, today: date) -> AtomPlan:
    """The atoms of `period` as asked for on the local day `today`."""
    monday = twelve_weeks_start(today)
    quarter = _quarter_start(monday)
    split = (quarter, monday) if quarter != monday else None
    first = quarter if (period.kind == "12w" and split) else period.first_day
    cuts = {monday} if split else set()
    start = _quarter_start(first)
    while start < period.to_day:
        cuts.add(start)
        start = _next_quarter(start)
    starts = (first,) + tuple(sorted(day for day in cuts if first < day < period.to_day))
    return AtomPlan(period, starts, split)


def atom_index(plan: AtomPlan, day: date) -> int:
    return bisect_right(plan.cuts, day)
