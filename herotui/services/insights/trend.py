"""An area's trend over a period: learning minutes in bars of one or more weeks.

A bar stands for at least `min_group` colleagues (weeks are folded together until it does), and a
bar never crosses a privacy atom's edge (`atoms.py`): the bars of two periods then agree
on the days both cover, so subtracting one period's bars from another's reveals nothing smaller
than a bar.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from herotui.services.insights.periods import Period
from herotui.services.insights.types import TrendBar


def fine_days(period: Period, cuts: tuple[date, ...]) -> list[date]:
    """The first local day of every piece: the period's week buckets, split where an atom begins."""
    return sorted(set(period.buckets) | set(cuts))


def fold(values: dict[int, int], people: dict[int, set], period: Period, days: list[date],
         cuts: tuple[date, ...], min_group: int) -> tuple[TrendBar, ...]:
    """Bars over the pieces `days` (values and people per piece index), folded left to right within
    each atom until at least `min_group` colleagues stand behind each bar (a piece nobody learned in
    stays a bar of its own: 0 says nothing about anyone). Too few behind an atom's last pieces:
    they join the atom's previous bar that had anyone."""
    week_starts = set(period.buckets)
    spans: list[list] = []  # [first piece, last piece, minutes, people, atom]
    current: list | None = None

    def close_atom() -> None:
        nonlocal current
        if current is None:
            return
        while spans and spans[-1][4] == current[4] and not spans[-1][3]:
            current[0] = spans.pop()[0]
        if spans and spans[-1][4] == current[4]:
            last = spans.pop()
            current = [last[0], current[1], last[2] + current[2], last[3] | current[3], current[4]]
        spans.append(current)
        current = None

    for index, day in enumerate(days):
        atom = bisect_right(cuts, day)
        if current is not None and current[4] != atom:
            close_atom()
        who = people.get(index, set())
        if current is None and not who:
            spans.append([index, index, 0, set(), atom])
            continue
        if current is None:
            current = [index, index, 0, set(), atom]
        current[1] = index
        current[2] += values.get(index, 0)
        current[3] |= who
        if len(current[3]) >= min_group:
            spans.append(current)
            current = None
    close_atom()
    bars = []
    for first, last, minutes, _, _ in spans:
        start = days[first]
        weeks = sum(1 for day in days[first:last + 1] if day in week_starts)
        iso = start.isocalendar()
        bars.append(TrendBar(start, (iso.year, iso.week), weeks, minutes))
    return tuple(bars)


def trend_per_week(trend: tuple[TrendBar, ...]) -> list[int]:
    """One value per week for drawing: a bar of several weeks gives each its average. A bar of the
    days left of a week split by an atom's edge (0 weeks) is drawn with the next bar's week."""
    values: list[int] = []
    carried = 0
    for bar in trend:
        if bar.weeks == 0:
            carried += bar.minutes
            continue
        values.extend([int(round((bar.minutes + carried) / bar.weeks))] * bar.weeks)
        carried = 0
    if carried and values:
        values[-1] += carried
    return values
