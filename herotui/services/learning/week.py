"""Reading the learning hour, inside a transaction: the week overview, the streak, the team pulse.

Every function here runs inside `Store.read` (or a write's transaction) and returns dataclasses
from `herotui.services.learning.types`. A session counts for the ISO week and the local day on
which it started, in the organisation's time zone; moments are compared in UTC.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable
from zoneinfo import ZoneInfo

from herotui.collation import fold, sort_by_name, sort_key
from herotui.services.errors import NotAllowed, NotFound
from herotui.services.learning.rules import HISTORY_WEEKS, _limit_minutes
from herotui.services.learning.types import (
    LIVE, Breakdown, Overview, Pulse, SessionInfo, TimerInfo, WeekBar, WeekSummary,
)
from herotui.services.weeks import iso_week, local_day, week_range_utc, week_start
from herotui.store.models import FocusArea, HolidayWeek, LearningSession, Person, SessionArea, Share

if TYPE_CHECKING:
    from herotui.services.hero import Hero


def _settings(hero: "Hero") -> tuple[ZoneInfo, int, int]:
    settings = hero.org.settings()
    return hero.org.timezone(), int(settings["weekly_goal_minutes"]), _limit_minutes(settings)


class GoalHistory:
    """The weekly goal of each ISO week: the `GoalWeek` row with the latest start not after it.

    Read inside a transaction; `fallback` (the current setting) answers when no row applies.
    """

    def __init__(self, fallback: int) -> None:
        from herotui.store.models import GoalWeek

        self.fallback = fallback
        self.changes = sorted((date.fromisoformat(w), m) for w, m in GoalWeek.select(
            GoalWeek.week_start, GoalWeek.minutes).tuples())

    def __call__(self, monday: date) -> int:
        goal = self.fallback if not self.changes else self.changes[0][1]
        for start, minutes in self.changes:
            if start > monday:
                break
            goal = minutes
        return goal


def _areas_of(session_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not session_ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    query = (SessionArea.select(SessionArea.session, FocusArea.name).join(FocusArea)
             .where(SessionArea.session.in_(session_ids)).order_by(FocusArea.name).tuples())
    for session_id, name in query:
        found[session_id].append(name)
    return {key: tuple(sort_by_name(value, str)) for key, value in found.items()}


def _timer_info(row: LearningSession, limit_minutes: int) -> TimerInfo:
    return TimerInfo(
        uuid=row.uuid, status=row.status, started_at=row.started_at, paused_at=row.paused_at,
        paused_seconds=row.paused_seconds, kind=row.kind, title=row.title, link=row.link or "",
        note=row.note, areas=_areas_of([row.id]).get(row.id, ()), confirmed_minutes=row.minutes,
        limit_minutes=limit_minutes,
    )


def _session_infos(rows: list[LearningSession], zone: ZoneInfo) -> list[SessionInfo]:
    ids = [row.id for row in rows]
    areas = _areas_of(ids)
    shared = set()
    if ids:
        shared = {sid for (sid,) in Share.select(Share.from_session).where(Share.from_session.in_(ids)).tuples()}
    return [
        SessionInfo(
            uuid=row.uuid, day=local_day(row.started_at, zone), minutes=row.minutes, kind=row.kind,
            title=row.title, link=row.link or "", note=row.note, areas=areas.get(row.id, ()),
            started_at=row.started_at, ended_at=row.ended_at, manual=row.manual, shared=row.id in shared,
            overlap_minutes=row.overlap_minutes or 0, overlap_kept=bool(row.overlap_kept),
        )
        for row in rows
    ]


def _counted_column():
    from peewee import Case

    # Minutes less an overlap already counted by another session, unless the person kept both.
    return LearningSession.minutes - Case(None, [(LearningSession.overlap_kept == True, 0)],  # noqa: E712
                                          fn_coalesce(LearningSession.overlap_minutes))


def fn_coalesce(column):
    from peewee import fn

    return fn.COALESCE(column, 0)


_COUNTED = _counted_column()


def _live_row(person_id: int) -> LearningSession | None:
    return (LearningSession.select()
            .where((LearningSession.person == person_id) & LearningSession.status.in_(LIVE))
            .first())


def _live_info(hero: "Hero", login: str) -> TimerInfo | None:
    person = Person.get_or_none(Person.login_key == fold(login))
    if person is None:
        return None
    row = _live_row(person.id)
    if row is None:
        return None
    return _timer_info(row, _settings(hero)[2])


def _own_session(login: str, uuid: str) -> LearningSession:
    row = (LearningSession.select(LearningSession, Person).join(Person)
           .where(LearningSession.uuid == uuid).first())
    if row is None:
        raise NotFound("learn.error.no_session")
    if fold(row.person.login) != fold(login):
        raise NotAllowed("learn.error.not_yours")
    return row


def _overview(hero: "Hero", day: date | None) -> Overview:
    zone, current_goal, limit = _settings(hero)
    now = hero.now()
    today = local_day(now, zone)
    monday = week_start(day or today, zone)
    goal_of = GoalHistory(current_goal)
    goal = goal_of(monday)  # the goal of the week shown; each other week keeps its own
    me = Person.get_or_none(Person.login_key == fold(hero.login))
    first = monday - timedelta(weeks=HISTORY_WEEKS - 1)

    timer = None
    sessions: list[SessionInfo] = []
    per_week: dict[date, int] = defaultdict(int)
    holidays: set[date] = set()
    kinds: dict[str, int] = defaultdict(int)
    areas: dict[str, int] = defaultdict(int)
    if me is not None:
        live = _live_row(me.id)
        timer = _timer_info(live, limit) if live is not None else None
        holidays = {date.fromisoformat(w) for (w,) in
                    HolidayWeek.select(HolidayWeek.week_start).where(HolidayWeek.person == me.id).tuples()}
        done = (LearningSession.select(LearningSession.id, LearningSession.started_at, _COUNTED,
                                       LearningSession.kind)
                .where((LearningSession.person == me.id) & (LearningSession.status == "done")).tuples())
        window_ids: list[int] = []
        minutes_of: dict[int, int] = {}
        for session_id, started, minutes, kind in done:
            started = _as_moment(started)
            week = week_start(started, zone)
            per_week[week] += minutes
            if first <= week <= monday:
                kinds[kind] += minutes
                window_ids.append(session_id)
                minutes_of[session_id] = minutes
        area_map = _areas_of(window_ids)
        for session_id in window_ids:
            for name in area_map.get(session_id, ("",)):
                areas[name] += minutes_of[session_id]
        start, end = week_range_utc(monday, zone)
        rows = list(LearningSession.select()
                    .where((LearningSession.person == me.id) & (LearningSession.status == "done")
                           & (LearningSession.started_at >= start) & (LearningSession.started_at < end))
                    .order_by(LearningSession.started_at.desc(), LearningSession.id.desc()))
        sessions = _session_infos(rows, zone)

    year, number = iso_week(monday)
    week = WeekSummary(
        week_start=monday, year=year, week=number, minutes=per_week.get(monday, 0), goal=goal,
        goal_met=per_week.get(monday, 0) >= goal, holiday=monday in holidays,
        streak=streak(per_week, holidays, goal_of, monday), sessions=tuple(sessions),
    )
    history = tuple(
        WeekBar(w, iso_week(w)[1], per_week.get(w, 0), w in holidays, per_week.get(w, 0) >= goal_of(w))
        for w in (first + timedelta(weeks=i) for i in range(HISTORY_WEEKS))
    )
    breakdown = Breakdown(
        weeks=HISTORY_WEEKS,
        by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_area=tuple(sorted(areas.items(), key=lambda kv: (-kv[1], kv[0] == "", sort_key(kv[0])))),
    )
    return Overview(
        now=now, today=today, zone=zone, goal=goal, limit_minutes=limit, timer=timer, week=week,
        history=history, breakdown=breakdown, pulse=_pulse(monday, zone, goal),
        named_in_pulse=bool(me and me.named_in_pulse),
    )


def _as_moment(value: Any) -> datetime:
    # `.tuples()` hands back what the field converts, but be tolerant of raw microseconds.
    if isinstance(value, datetime):
        return value
    from herotui.store.fields import from_micros

    return from_micros(value)


def streak(per_week: dict[date, int], holidays: set[date], goal: "int | Callable[[date], int]",
           monday: date) -> int:
    """Consecutive ISO weeks with the goal met, up to this week.

    `goal` is minutes, or a function from a week's Monday to the goal that applied that week
    (`GoalHistory`), so raising the goal does not undo the weeks that met the old one.
    This week adds when its goal is met and does not break the streak while it is still going.
    Holiday weeks are stepped over: they neither break nor add.
    """
    goal_of = goal if callable(goal) else (lambda _week, minutes=goal: minutes)
    count = 0
    earliest = min(per_week, default=monday)
    week = monday
    if week not in holidays and per_week.get(week, 0) >= goal_of(week):
        count += 1
    week -= timedelta(weeks=1)
    while week >= earliest:
        if week in holidays:
            week -= timedelta(weeks=1)
            continue
        if per_week.get(week, 0) < goal_of(week):
            break
        count += 1
        week -= timedelta(weeks=1)
    return count


def _pulse(monday: date, zone: ZoneInfo, goal: int) -> Pulse:
    from peewee import fn

    start, end = week_range_utc(monday, zone)
    totals = dict(
        LearningSession.select(LearningSession.person, fn.SUM(_COUNTED))
        .where((LearningSession.status == "done") & (LearningSession.started_at >= start)
               & (LearningSession.started_at < end))
        .group_by(LearningSession.person).tuples()
    )
    away = {pid for (pid,) in HolidayWeek.select(HolidayWeek.person)
            .where(HolidayWeek.week_start == monday.isoformat()).tuples()}
    colleagues = 0
    had = 0
    named: list[str] = []
    for person_id, display_name, show in Person.select(Person.id, Person.display_name, Person.named_in_pulse).tuples():
        met = (totals.get(person_id) or 0) >= goal
        if person_id in away and not met:
            continue
        colleagues += 1
        if met:
            had += 1
            if show:
                named.append(display_name)
    named = sort_by_name(named, str)
    return Pulse(monday, colleagues, had, int(sum(v or 0 for v in totals.values())), tuple(named))


