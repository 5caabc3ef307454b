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
from herotui.services.org import zone_named
from herotui.services.learning.types import (
    LIVE, Breakdown, WeekOverview, Pulse, SessionInfo, TimerInfo, WeekBar, WeekSummary,
)
from herotui.isoweek import iso_week, local_day, week_range_utc, week_start
from herotui.store.models import FocusArea, HolidayWeek, LearningSession, Person, SessionArea, Share

if TYPE_CHECKING:
    from herotui.services.hero import Hero


def _settings(hero: "Hero") -> tuple[ZoneInfo, int, int]:
    """(org time zone, current weekly goal in minutes, long-timer limit in minutes), from one
    read of the organisation's settings."""
    settings = hero.org.settings()
    return zone_named(settings["timezone"]), int(settings["weekly_goal_minutes"]), _limit_minutes(settings)


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


def _timer_info(row: LearningSession, limit_minutes: int,
                areas: dict[int, tuple[str, ...]] | None = None) -> TimerInfo:
    """The live `row` as a `TimerInfo`; `areas` (from `_areas_of`) saves reading its areas again."""
    if areas is None:
        areas = _areas_of([row.id])
    return TimerInfo(
        uuid=row.uuid, status=row.status, started_at=row.started_at, paused_at=row.paused_at,
        paused_seconds=row.paused_seconds, kind=row.kind, title=row.title, link=row.link or "",
        note=row.note, areas=areas.get(row.id, ()), confirmed_minutes=row.minutes,
        limit_minutes=limit_minutes,
    )


def _session_infos(rows: list[LearningSession], zone: ZoneInfo, areas: dict[int, tuple[str, ...]] | None = None,
                   shared: set[int] | None = None) -> list[SessionInfo]:
    """Logged `rows` as `SessionInfo`s (local days in `zone`). `areas` (from `_areas_of`) and
    `shared` (ids of sessions a share was made from), when the caller read them already, save
    reading them again."""
    ids = [row.id for row in rows]
    if areas is None:
        areas = _areas_of(ids)
    if shared is None:
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


def counted_minutes():
    """The SQL expression of a session's counted minutes: its minutes less an overlap another of
    the person's sessions already counts (two computers, one hour), unless the person kept both.
    Every sum of learning minutes (the week, the pulse, the insights) uses it."""
    return _COUNTED


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


def _overview(hero: "Hero", day: date | None) -> WeekOverview:
    """The learning screen's snapshot for the ISO week holding local `day` (None: this week).

    Few statements on purpose (each is a round trip on a network drive; see benchmarks/): the
    settings once, the goal history, everyone's names, all my sessions with their "shared" flag,
    the areas of the sessions in the window, the holiday weeks (mine and everyone's this week)
    and the team's minutes this week.
    """
    from peewee import JOIN, fn

    zone, current_goal, limit = _settings(hero)
    now = hero.now()
    today = local_day(now, zone)
    monday = week_start(day or today, zone)
    goal_of = GoalHistory(current_goal)
    goal = goal_of(monday)  # the goal of the week shown; each other week keeps its own
    # Everyone with their counted minutes of the week shown (for the pulse), in one statement.
    # (The week's sums are grouped first and joined after: joining the sessions to each person
    # would scan the week once per person.)
    week_from, week_to = week_range_utc(monday, zone)
    week_sums = (LearningSession.select(LearningSession.person.alias("pid"), fn.SUM(_COUNTED).alias("total"))
                 .where((LearningSession.status == "done") & (LearningSession.started_at >= week_from)
                        & (LearningSession.started_at < week_to))
                 .group_by(LearningSession.person).alias("week_sums"))
    rows = list(Person.select(Person.id, Person.display_name, Person.named_in_pulse, Person.login_key,
                              week_sums.c.total)
                .join(week_sums, JOIN.LEFT_OUTER, on=(week_sums.c.pid == Person.id)).tuples())
    people = [row[:4] for row in rows]
    totals = {row[0]: row[4] for row in rows if row[4]}
    key = fold(hero.login)
    me = next(((pid, show) for pid, _name, show, login_key in people if login_key == key), None)
    first = monday - timedelta(weeks=HISTORY_WEEKS - 1)
    start, end = week_range_utc(monday, zone)

    timer = None
    sessions: list[SessionInfo] = []
    per_week: dict[date, int] = defaultdict(int)
    kinds: dict[str, int] = defaultdict(int)
    areas: dict[str, int] = defaultdict(int)
    holidays: set[date] = set()
    away: set[int] | None = None  # None: `_pulse` reads it
    if me is not None:
        # My holiday weeks (for the streak) and everyone's this week (for the pulse), in one read.
        for person_id, week_text in (HolidayWeek.select(HolidayWeek.person, HolidayWeek.week_start)
                                     .where((HolidayWeek.person == me[0])
                                            | (HolidayWeek.week_start == monday.isoformat())).tuples()):
            if person_id == me[0]:
                holidays.add(date.fromisoformat(week_text))
            if week_text == monday.isoformat():
                away = (away or set()) | {person_id}
        away = away or set()
        is_shared = fn.EXISTS(Share.select(Share.id).where(Share.from_session == LearningSession.id))
        # All my sessions with their areas' names (a row per session and area), in one statement.
        mine: list[LearningSession] = []
        names_of: dict[int, list[str]] = {}
        for row in (LearningSession.select(LearningSession, is_shared.alias("is_shared"),
                                           FocusArea.name.alias("area_name"))
                    .join(SessionArea, JOIN.LEFT_OUTER, on=(SessionArea.session == LearningSession.id))
                    .join(FocusArea, JOIN.LEFT_OUTER, on=(FocusArea.id == SessionArea.area))
                    .where((LearningSession.person == me[0])
                           & LearningSession.status.in_(("done",) + LIVE))
                    .objects()):
            if row.id not in names_of:
                names_of[row.id] = []
                mine.append(row)
            if row.area_name is not None:
                names_of[row.id].append(row.area_name)
        live = next((row for row in mine if row.status in LIVE), None)
        window_ids: list[int] = []
        minutes_of: dict[int, int] = {}
        shown: list[LearningSession] = []
        for row in mine:
            if row.status != "done":
                continue
            # As `_COUNTED` in SQL: minutes less an overlap counted elsewhere, unless kept.
            minutes = row.minutes - (0 if row.overlap_kept else (row.overlap_minutes or 0))
            week = week_start(row.started_at, zone)
            per_week[week] += minutes
            if first <= week <= monday:
                kinds[row.kind] += minutes
                window_ids.append(row.id)
                minutes_of[row.id] = minutes
            if start <= row.started_at < end:
                shown.append(row)
        area_map = {sid: tuple(sort_by_name(names_of[sid], str))
                    for sid in window_ids + ([live.id] if live is not None else []) if names_of[sid]}
        for session_id in window_ids:
            for name in area_map.get(session_id, ("",)):
                areas[name] += minutes_of[session_id]
        timer = _timer_info(live, limit, area_map) if live is not None else None
        shown.sort(key=lambda row: (row.started_at, row.id), reverse=True)
        sessions = _session_infos(shown, zone, area_map, {row.id for row in shown if row.is_shared})

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
    return WeekOverview(
        now=now, today=today, zone=zone, goal=goal, limit_minutes=limit, timer=timer, week=week,
        history=history, breakdown=breakdown,
        pulse=_pulse(monday, zone, goal, people=[p[:3] for p in people], away=away, totals=totals),
        named_in_pulse=bool(me and me[1]),
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


def _pulse(monday: date, zone: ZoneInfo, goal: int, *, people: list[tuple[int, str, bool]] | None = None,
           away: set[int] | None = None, totals: dict[int, int] | None = None) -> Pulse:
    """The team's ISO week of `monday`: who met `goal` (minutes), the team's counted minutes.

    `people` ((id, display name, named in pulse) of everyone) and `away` (ids of those who marked
    the week as holiday), when the caller read them already, save reading them again.
    """
    from peewee import fn

    if totals is None:
        start, end = week_range_utc(monday, zone)
        totals = dict(
            LearningSession.select(LearningSession.person, fn.SUM(_COUNTED))
            .where((LearningSession.status == "done") & (LearningSession.started_at >= start)
                   & (LearningSession.started_at < end))
            .group_by(LearningSession.person).tuples()
        )
    if away is None:
        away = {pid for (pid,) in HolidayWeek.select(HolidayWeek.person)
                .where(HolidayWeek.week_start == monday.isoformat()).tuples()}
    if people is None:
        people = list(Person.select(Person.id, Person.display_name, Person.named_in_pulse).tuples())
    colleagues = 0
    had = 0
    named: list[str] = []
    for person_id, display_name, show in people:
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


