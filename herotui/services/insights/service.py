"""Per focus area over a period: learning, shares, "useful" marks and breakfasts, with the gaps.

Everything is counted in SQL, grouped by area (and, for learning, by ISO week and person, so that
the privacy rules below can know who stands behind each figure; no person leaves this module).
Five range queries on indexed columns, the same on SQLite and PostgreSQL: moments are integers
(UTC microseconds), weeks are placed with a portable CASE over the weeks' UTC starts.

Rules of counting:
- a learning session counts in the period (and week) of the local day it started, in each of
  its focus areas, with its counted minutes (an overlap with another of the person's sessions,
  two computers one hour, counts once unless the person kept both) (a session with two areas counts in both; "no area" has a row of its own);
- a share counts where it was created, a "useful" mark when it was given, on the share's areas;
- a breakfast is held when it had a host, was not cancelled and has begun; attendance is its RSVPs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from peewee import JOIN, SQL, Case, fn

from herotui.collation import sort_key
from herotui.services.insights.periods import Period, parse_period
from herotui.services.insights.atoms import AtomPlan, plan_atoms
from herotui.services.insights.privacy import hidden_cells, is_safe
from herotui.services.insights.trend import fine_days
from herotui.services.insights.trend import fold as trend_bars
from herotui.services.insights.trend import trend_per_week  # noqa: F401  (importable from here as before)
from herotui.services.learning.week import counted_minutes
from herotui.services.weeks import day_start_utc
# The result types live in types.py; importable from here as before.
from herotui.services.insights.types import AreaInsight, Gap, Insights, Totals, TrendBar  # noqa: F401
from herotui.store.fields import from_micros, to_micros
from herotui.store.models import (
    BreakfastSlot,
    FocusArea,
    LearningSession,
    Person,
    Reaction,
    Rsvp,
    SessionArea,
    Share,
    ShareArea,
    SlotArea,
)

if TYPE_CHECKING:
    from herotui.services.hero import Hero

PRIORITY_RANK = {"high": 0, "normal": 1, "low": 2}
NO_BREAKFAST_DAYS = 365
"""A high-priority area with no breakfast for this long is a gap."""
LITTLE_ACTIVITY = 0.5
"""A high-priority area with under half the average area's minutes has little activity."""


# -- reading ---------------------------------------------------------------------------------------

def _bucket_expr(column, bounds: list[datetime]):
    if not bounds:
        return SQL("0")
    return Case(None, [(column < to_micros(b), i) for i, b in enumerate(bounds)], len(bounds))


def _moment(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return from_micros(value)


def read_insights(hero: "Hero", period_text: str | None = None) -> Insights:
    """Everything for the screen and the exports, read in one read transaction.

    Raises ValidationError for a period it does not know (see `parse_period`).
    """
    settings = hero.org.settings()
    zone = hero.org.timezone()
    min_group = max(3, int(settings.get("min_group_size", 5)))
    now = hero.now()
    today = now.astimezone(zone).date()
    period = parse_period(period_text, today)
    return hero.store.read(_read, hero, period, zone, min_group, now, today)


def _read(hero: "Hero", period: Period, zone, min_group: int, now: datetime, today: date) -> Insights:
    _, end = period.range_utc(zone)
    held_end = min(end, now)
    # Privacy atoms (see atoms.py): read from the first atom's day (L of the last 12 weeks comes
    # before the period), count only atoms inside; trend pieces are weeks split at the cuts.
    plan = plan_atoms(period, today)
    start = day_start_utc(plan.first_day, zone)
    cut_bounds = [day_start_utc(day, zone) for day in plan.cuts]
    pieces = fine_days(period, tuple(day for day in plan.cuts if day > period.first_day))
    ls = LearningSession
    atom = _bucket_expr(ls.started_at, cut_bounds)
    bucket = _bucket_expr(ls.started_at, [day_start_utc(day, zone) for day in pieces[1:]])

    # 1. learning: (area, atom, piece, person) -> minutes, sessions
    learn = _raw(
        ls.select(SessionArea.area, atom, bucket, ls.person, fn.SUM(counted_minutes()), fn.COUNT(SQL("*")))
        .join(SessionArea, JOIN.LEFT_OUTER, on=(SessionArea.session == ls.id))
        .where((ls.status == "done") & (ls.started_at >= start) & (ls.started_at < end))
        .group_by(SQL("1"), SQL("2"), SQL("3"), SQL("4"))
    )
    minutes: dict = defaultdict(int)
    sessions: dict = defaultdict(int)
    learners: dict = defaultdict(set)
    learn_atoms: dict = defaultdict(lambda: defaultdict(set))
    week_minutes: dict = defaultdict(lambda: defaultdict(int))
    week_people: dict = defaultdict(lambda: defaultdict(set))
    everyone: set[int] = set()
    for area, atom_at, week, person, total, count in learn:
        learn_atoms[area][int(atom_at)].add(person)
        if not plan.inside(int(atom_at)):
            continue
        minutes[area] += int(total or 0)
        sessions[area] += int(count)
        learners[area].add(person)
        week_minutes[area][int(week)] += int(total or 0)
        week_people[area][int(week)].add(person)
        everyone.add(person)

    # 2. shares and 3. useful marks: (area, person) -> count
    shares, sharers = _per_area(
        Share.select(ShareArea.area, _bucket_expr(Share.created_at, cut_bounds), Share.person, fn.COUNT(SQL("*")))
        .join(ShareArea, JOIN.LEFT_OUTER, on=(ShareArea.share == Share.id))
        .where((Share.created_at >= start) & (Share.created_at < end)), plan
    )
    useful, markers = _per_area(
        Reaction.select(ShareArea.area, _bucket_expr(Reaction.created_at, cut_bounds), Reaction.person,
                        fn.COUNT(SQL("*")))
        .join(ShareArea, JOIN.LEFT_OUTER, on=(ShareArea.share == Reaction.share))
        .where((Reaction.created_at >= start) & (Reaction.created_at < end)), plan
    )

    # 4. breakfasts held in the period, with who came
    held = ((BreakfastSlot.status == "scheduled") & BreakfastSlot.host.is_null(False))
    breakfasts: dict = defaultdict(set)
    attendance: dict = defaultdict(int)
    attendees: dict = defaultdict(lambda: defaultdict(set))
    rows = (
        BreakfastSlot.select(SlotArea.area, BreakfastSlot.id, Rsvp.person, _bucket_expr(BreakfastSlot.starts_at, cut_bounds))
        .join(SlotArea, JOIN.LEFT_OUTER, on=(SlotArea.slot == BreakfastSlot.id))
        .join(Rsvp, JOIN.LEFT_OUTER, on=(Rsvp.slot == BreakfastSlot.id))
        .where(held & (BreakfastSlot.starts_at >= start) & (BreakfastSlot.starts_at < held_end)).tuples()
    )
    for area, slot, person, atom_at in rows:
        if person is not None:
            attendees[area][int(atom_at)].add(person)
        if not plan.inside(int(atom_at)):
            continue
        breakfasts[area].add(slot)
        if person is not None:
            attendance[area] += 1

    # 5. each area's latest breakfast, ever
    last = {
        area: _moment(moment)
        for area, moment in SlotArea.select(SlotArea.area, fn.MAX(BreakfastSlot.starts_at))
        .join(BreakfastSlot).where(held & (BreakfastSlot.starts_at < now)).group_by(SlotArea.area).tuples()
    }

    areas = list(FocusArea.select(FocusArea.id, FocusArea.name, FocusArea.retired, FocusArea.priority,
                                  FocusArea.target_minutes).tuples())
    colleagues = Person.select().count()

    keys: list[int | None] = [
        a[0] for a in areas
        if not a[2] or a[0] in learners or a[0] in sharers or a[0] in markers or a[0] in breakfasts
    ]
    if None in learners or None in sharers or None in markers:
        keys.append(None)
    learn_people = {k: plan.people(learn_atoms.get(k, {})) for k in keys}
    hide_learn = hidden_cells(learn_people, {k: minutes.get(k, 0) for k in keys}, min_group)
    share_people = {k: plan.whole(sharers.get(k, {})) for k in keys}
    hide_share = hidden_cells(share_people, {k: shares.get(k, 0) for k in keys}, min_group)
    mark_people = {k: plan.people(markers.get(k, {})) for k in keys}
    hide_mark = hidden_cells(mark_people, {k: useful.get(k, 0) for k in keys}, min_group)
    came = {k: plan.whole(attendees.get(k, {})) for k in keys}
    hide_came = hidden_cells(came, {k: attendance.get(k, 0) for k in keys}, min_group)

    info = {a[0]: a for a in areas}
    listed_minutes = [minutes.get(k, 0) for k in keys if k is not None]
    average = sum(listed_minutes) / len(listed_minutes) if listed_minutes else 0
    results: list[AreaInsight] = []
    for key in keys:
        _, name, retired, priority, target = info.get(key, (None, "", False, "normal", None))
        priority = priority or "normal"
        shown_learning = key not in hide_learn
        trend: tuple[TrendBar, ...] = ()
        if shown_learning:
            trend = trend_bars(week_minutes.get(key, {}), week_people.get(key, {}), period, pieces,
                               plan.trend_cuts(learn_atoms.get(key, {}), min_group), min_group)
        row = AreaInsight(
            area_id=key, name=name, priority=priority, target_minutes=target, retired=bool(retired),
            minutes=minutes.get(key, 0) if shown_learning else None,
            sessions=sessions.get(key, 0) if shown_learning else None,
            learners=len(learners.get(key, ())) if shown_learning else None,
            shares=shares.get(key, 0) if key not in hide_share else None,
            useful=useful.get(key, 0) if key not in hide_mark else None,
            breakfasts=len(breakfasts.get(key, ())),
            attendance=attendance.get(key, 0) if key not in hide_came else None,
            last_breakfast=last[key].astimezone(zone).date() if last.get(key) else None,
            trend=trend,
            expected_minutes=period.expected(target),
            gap=None,
        )
        if key is not None and not retired:
            row = replace(row, gap=_gap(row, minutes.get(key, 0), len(learners.get(key, ())), average,
                                        min_group, today))
        results.append(row)

    def folded(hidden: set, values: dict, people: dict) -> int | None:
        if not hidden or not is_safe(people, hidden, min_group):
            return None
        return sum(values.get(k, 0) for k in hidden)

    other = Totals(
        minutes=folded(hide_learn, minutes, learn_people), sessions=folded(hide_learn, sessions, learn_people),
        shares=folded(hide_share, shares, share_people), useful=folded(hide_mark, useful, mark_people),
        breakfasts=0, attendance=folded(hide_came, attendance, came),
        rows=len(hide_learn | hide_share | hide_mark | hide_came),
        empty=tuple(name for name, hidden in (("minutes", hide_learn), ("sessions", hide_learn),
                                              ("shares", hide_share), ("useful", hide_mark),
                                              ("attendance", hide_came)) if not hidden),
    )

    def total(values: dict, people: dict) -> int | None:
        if not is_safe(people, keys, min_group):
            return None
        return sum(values.get(k, 0) for k in keys)

    totals = Totals(
        minutes=total(minutes, learn_people), sessions=total(sessions, learn_people),
        shares=total(shares, share_people), useful=total(useful, mark_people),
        breakfasts=len(set().union(*breakfasts.values())) if breakfasts else 0,
        attendance=total(attendance, came), rows=len(keys),
    )
    return Insights(
        period=period, zone=zone.key, today=today, generated_at=now, min_group=min_group,
        colleagues=colleagues, learners=len(everyone) if not 0 < len(everyone) < min_group else None,
        rows=tuple(sort_rows(results, "gap")), other=other, total=totals,
    )


def _raw(query) -> list[tuple]:
    """Rows as the driver returns them: every column here is an integer id or count, so peewee's
    per-value conversion (a third of the time at 100,000 shares) is skipped."""
    return query.model._meta.database.execute(query).fetchall()


def _per_area(query, plan: AtomPlan) -> tuple[dict, dict]:
    """(area, atom, person, count) rows -> counts per area (atoms inside the period), people per
    area and atom (all atoms read)."""
    counts: dict = defaultdict(int)
    people: dict = defaultdict(lambda: defaultdict(set))
    for area, atom, person, count in _raw(query.group_by(SQL("1"), SQL("2"), SQL("3"))):
        people[area][int(atom)].add(person)
        if plan.inside(int(atom)):
            counts[area] += int(count)
    return counts, people


def _gap(row: AreaInsight, raw_minutes: int, raw_learners: int, average: float, min_group: int,
         today: date) -> Gap | None:
    reasons: list[str] = []
    if row.expected_minutes is not None and raw_minutes < row.expected_minutes:
        reasons.append("below_target")
    if row.priority == "high":
        if raw_learners < min_group or raw_minutes < LITTLE_ACTIVITY * average:
            reasons.append("little_activity")
        if row.last_breakfast is None or row.last_breakfast < today - timedelta(days=NO_BREAKFAST_DAYS):
            reasons.append("no_breakfast")
    return Gap(tuple(reasons)) if reasons else None


def read_below_target(hero: "Hero", now: datetime) -> set[str]:
    """Names of the focus areas (not retired, with a target) whose learning minutes this quarter are
    below their target pro rata: the insights' `below_target` gap, counted the same way (done
    sessions by the local day they started, in each of their areas). One aggregate query; joins the
    caller's read transaction (the breakfast screen's topic ideas ask for it)."""
    zone = hero.org.timezone()
    period = parse_period("quarter", now.astimezone(zone).date())
    start, end = period.range_utc(zone)

    def read() -> set[str]:
        targets = {area: (name, target) for area, name, target in FocusArea.select(
            FocusArea.id, FocusArea.name, FocusArea.target_minutes).where(
            (FocusArea.retired == False) & FocusArea.target_minutes.is_null(False)).tuples()}  # noqa: E712
        if not targets:
            return set()
        ls = LearningSession
        done = dict(_raw(
            SessionArea.select(SessionArea.area, fn.SUM(counted_minutes())).join(ls, on=(SessionArea.session == ls.id))
            .where((ls.status == "done") & (ls.started_at >= start) & (ls.started_at < end)
                   & SessionArea.area.in_(list(targets)))
            .group_by(SessionArea.area)))
        return {name for area, (name, target) in targets.items()
                if int(done.get(area) or 0) < (period.expected(target) or 0)}

    return hero.store.read(read)


# -- ordering --------------------------------------------------------------------------------------

SORT_KEYS = ("gap", "minutes", "learners", "shares", "useful", "breakfasts", "name")
"""The orders the screen's sort key cycles through (and `--sort` accepts)."""


def sort_rows(rows, by: str = "gap", language: str | None = None) -> list[AreaInsight]:
    """Rows in the order `by`. Only shown figures decide (a hidden figure sorts as the lowest),
    so the order never hints at what a hidden figure is. "No area" always goes last. Names (and
    ties) follow `language`'s alphabet (`herotui.collation.sort_key`; default: the interface
    language): Swedish puts Å, Ä, Ö after Z, English sorts them with A and O."""

    def shown(value: int | None) -> int:
        return -1 if value is None else value

    def key(row: AreaInsight):
        name = sort_key(row.name, language)
        if by == "name":
            return (name,)
        if by == "gap":
            gap = row.gap
            return (gap is None, PRIORITY_RANK.get(row.priority, 1) if gap else 0,
                    -len(gap.reasons) if gap else 0, shown(row.minutes) if gap else -shown(row.minutes), name)
        value = row.breakfasts if by == "breakfasts" else shown(getattr(row, by))
        return (-value, name)

    return sorted(rows, key=lambda r: (r.area_id is None, key(r)))
