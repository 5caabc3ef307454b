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
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, Callable, Iterable
from zoneinfo import ZoneInfo

from herotui.collation import fold, sort_by_name, sort_key
from herotui.services.actions import Queued, action, action_time
from herotui.services.areas import resolve_areas, validate_kind
from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.services.links import check_link
from herotui.services.people import person_row
from herotui.services.weeks import day_start_utc, iso_week, local_day, week_range_utc, week_start
from herotui.store.models import FocusArea, HolidayWeek, LearningSession, Person, SessionArea, Share, new_uuid
from herotui.text import clean_block, clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MIN_MINUTES = 1
MAX_MINUTES = 600
MAX_TITLE = 200
MAX_NOTE = 5000
HISTORY_WEEKS = 12
LIVE = ("running", "paused")


# -- what the UI and the CLI get -------------------------------------------------------------------


@dataclass(frozen=True)
class TimerInfo:
    """The person's live timer. Elapsed time is computed from the clock, never stored."""

    uuid: str
    status: str  # running or paused
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
    pending: bool = False
    """True while the change that produced this state waits in the offline outbox."""

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def paused(self) -> bool:
        return self.status == "paused"

    def elapsed_seconds(self, now: datetime) -> float:
        """Active time: from the start to now (or to the pause), less the time spent paused."""
        end = self.paused_at if self.paused and self.paused_at is not None else now
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds)

    def counted_minutes(self, now: datetime) -> int:
        return counted_minutes(self.elapsed_seconds(now))

    def needs_review(self, now: datetime) -> bool:
        """Running longer than the limit since it was last confirmed: ask keep / trim / discard."""
        return self.elapsed_seconds(now) > (self.confirmed_minutes + self.limit_minutes) * 60

    def paused_locally(self, at: datetime) -> "TimerInfo":
        if not self.running:
            return self
        return replace(self, status="paused", paused_at=max(at, self.started_at), pending=True)

    def resumed_locally(self, at: datetime) -> "TimerInfo":
        if not self.paused or self.paused_at is None:
            return self
        extra = max(0, int((at - self.paused_at).total_seconds()))
        return replace(self, status="running", paused_at=None, paused_seconds=self.paused_seconds + extra,
                       pending=True)


@dataclass(frozen=True)
class SessionInfo:
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
    week_start: date
    week: int
    minutes: int
    holiday: bool
    goal_met: bool


@dataclass(frozen=True)
class WeekSummary:
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
    weeks: int
    by_kind: tuple[tuple[str, int], ...]
    by_area: tuple[tuple[str, int], ...]
    """Area name ("" for sessions without one) and minutes; a session with two areas counts in both."""


@dataclass(frozen=True)
class Pulse:
    week_start: date
    colleagues: int
    """Everyone in herotui except those who marked this week as holiday or leave."""
    had_hour: int
    team_minutes: int
    named: tuple[str, ...]
    """Display names of those who met the goal and chose to be named, alphabetical: never a ranking."""


@dataclass(frozen=True)
class Overview:
    """Everything the learning screen shows, read in one consistent snapshot."""

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
    """What a person typed into the log form or onto the command line, cleaned and checked."""

    kind: str | None = None
    title: str | None = None
    link: str | None = None
    areas: tuple[str, ...] | None = None
    note: str | None = None

    def payload(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "link": self.link,
                "areas": list(self.areas) if self.areas is not None else None, "note": self.note}


# -- validation ----------------------------------------------------------------------------------


def counted_minutes(seconds: float) -> int:
    """Minutes a timer contributes: rounded, and at least one (partial sessions count)."""
    return max(MIN_MINUTES, int(math.floor(seconds / 60 + 0.5)))


def validate_minutes(minutes: Any) -> int:
    try:
        value = int(str(minutes).strip())
    except (TypeError, ValueError):
        raise ValidationError("learn.error.minutes_number", value=clean_line(str(minutes))[:20]) from None
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise ValidationError("learn.error.minutes_range", low=MIN_MINUTES, high=MAX_MINUTES)
    return value


def validate_title(title: str | None) -> str:
    cleaned = clean_line(title)
    if not cleaned:
        raise ValidationError("learn.error.title_required")
    if len(cleaned) > MAX_TITLE:
        raise ValidationError("learn.error.title_too_long", max=MAX_TITLE)
    return cleaned


def validate_link(link: str | None) -> str:
    """The session's link, checked by the same rule as a share's (`herotui.services.links`), so a
    session that is later shared never carries a link that sharing refuses."""
    return check_link(link)


def validate_note(note: str | None) -> str:
    cleaned = clean_block(note)
    if len(cleaned) > MAX_NOTE:
        raise ValidationError("learn.error.note_too_long", max=MAX_NOTE)
    return cleaned


def validate_day(day: date | str, today: date) -> date:
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day.strip())
        except ValueError:
            raise ValidationError("learn.error.date_format", value=clean_line(day)[:20]) from None
    if day > today:
        raise ValidationError("learn.error.future")
    return day


def make_draft(*, kind: str | None = None, title: str | None = None, link: str | None = None,
               areas: Iterable[str] | None = None, note: str | None = None, require_title: bool = False) -> Draft:
    """Clean and check the fields that were given; `None` means "leave as it is"."""
    if require_title or title is not None:
        title = validate_title(title)
    area_names = None
    if areas is not None:
        area_names = tuple(dict.fromkeys(clean_line(a) for a in areas if clean_line(a)))
    return Draft(
        kind=validate_kind(kind) if kind is not None else None,
        title=title,
        link=validate_link(link) if link is not None else None,
        areas=area_names,
        note=validate_note(note) if note is not None else None,
    )


def manual_start(day: date, minutes: int, now: datetime, zone: ZoneInfo) -> datetime:
    """When a logged entry for `day` began: noon on an earlier day; today, just before now.

    It never slips into the day before, so an entry always counts for the day it was given.
    """
    if local_day(now, zone) == day:
        return max(day_start_utc(day, zone), now - timedelta(minutes=minutes))
    return datetime.combine(day, time(12, 0), zone).astimezone(timezone.utc)


# -- the service -----------------------------------------------------------------------------------


class LearningService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    # reading

    def zone(self) -> ZoneInfo:
        return self.hero.org.timezone()

    def today(self) -> date:
        return local_day(self.hero.now(), self.zone())

    def timer(self) -> TimerInfo | None:
        return self.hero.store.read(_live_info, self.hero, self.hero.login)

    def overview(self, day: date | None = None) -> Overview:
        return self.hero.store.read(_overview, self.hero, day)

    def week(self, day: date | None = None) -> WeekSummary:
        return self.overview(day).week

    def pulse(self, day: date | None = None) -> Pulse:
        return self.overview(day).pulse

    def session(self, uuid: str) -> SessionInfo:
        def read() -> SessionInfo:
            row = _own_session(self.hero.login, uuid)
            return _session_infos([row], self.zone())[0]

        return self.hero.store.read(read)

    # the timer

    def start(self, draft: Draft = Draft()) -> TimerInfo:
        """Start my timer. Refused (`Conflict`) while I have one running or paused anywhere."""
        at = self.hero.now()
        payload = {"uuid": new_uuid(), "at": at.isoformat(), **draft.payload()}
        result = self.hero.submit("learning.start", payload)
        if isinstance(result, Queued):
            # The file is out of reach: show the timer as it will be once the outbox is sent.
            return TimerInfo(payload["uuid"], "running", at, None, 0, draft.kind or "other", draft.title or "",
                             draft.link or "", draft.note or "", draft.areas or (), 0,
                             _limit_minutes(None), pending=True)
        return result

    def pause(self, timer: TimerInfo | None = None) -> TimerInfo:
        at = self.hero.now()
        result = self.hero.submit("learning.pause", {"session": timer.uuid if timer else None,
                                                     "at": at.isoformat()})
        if isinstance(result, Queued) and timer is not None:
            return timer.paused_locally(at)
        return result

    def resume(self, timer: TimerInfo | None = None) -> TimerInfo:
        at = self.hero.now()
        result = self.hero.submit("learning.resume", {"session": timer.uuid if timer else None,
                                                      "at": at.isoformat()})
        if isinstance(result, Queued) and timer is not None:
            return timer.resumed_locally(at)
        return result

    def keep(self, timer: TimerInfo | None = None) -> TimerInfo:
        """Answer "keep" to the long-timer question: it goes on, and we ask again a limit later."""
        return self.hero.submit("learning.keep", {"session": timer.uuid if timer else None})

    def discard(self, timer: TimerInfo | None = None):
        """Throw the live timer away: nothing is counted."""
        return self.hero.submit("learning.discard", {"session": timer.uuid if timer else None})

    def stop(self, draft: Draft = Draft(), *, minutes: int | None = None, timer: TimerInfo | None = None,
             at: datetime | None = None):
        """Stop my timer and log it. `minutes` trims it; without it the elapsed time counts.

        A timer past the long-timer limit is not counted silently: stopping it without `minutes`
        is refused with the question. Returns `SessionInfo` (or `Queued`).
        """
        if minutes is not None:
            minutes = validate_minutes(minutes)
        payload = {"session": timer.uuid if timer else None, "minutes": minutes, **draft.payload()}
        if at is not None:
            payload["at"] = at.isoformat()
        return self.hero.submit("learning.stop", payload)

    # logged sessions

    def log(self, minutes: Any, draft: Draft, *, day: date | str | None = None):
        """A manual or back-dated entry ("listened on the train on Tuesday")."""
        minutes = validate_minutes(minutes)
        validate_title(draft.title)
        zone = self.zone()
        now = self.hero.now()
        day = validate_day(day, local_day(now, zone)) if day is not None else local_day(now, zone)
        started = manual_start(day, minutes, now, zone)
        payload = {"minutes": minutes, "started_at": started.isoformat(), **draft.payload()}
        return self.hero.submit("learning.log", payload)

    def edit(self, uuid: str, draft: Draft = Draft(), *, minutes: Any = None, day: date | str | None = None):
        payload: dict[str, Any] = {"session": uuid, **draft.payload()}
        if minutes is not None:
            payload["minutes"] = validate_minutes(minutes)
        if day is not None:
            zone = self.zone()
            now = self.hero.now()
            day = validate_day(day, local_day(now, zone))
            current = self.session(uuid)
            if day != current.day:
                count = payload.get("minutes") or current.minutes
                payload["started_at"] = manual_start(day, count, now, zone).isoformat()
        return self.hero.submit("learning.edit", payload)

    def delete(self, uuid: str):
        return self.hero.submit("learning.delete", {"session": uuid})

    def count_overlap(self, uuid: str, *, keep_both: bool):
        """For a session that overlaps another one of mine: count the shared minutes once (the
        default) or, with `keep_both`, in both sessions. Returns `SessionInfo` (or `Queued`)."""
        return self.hero.submit("learning.overlap", {"session": uuid, "keep_both": bool(keep_both)})

    def share(self, session_uuid: str, *, force: bool = False):
        """Post a logged session to the share feed, prefilled from it (title, link, kind, areas, note)."""
        info = self.session(session_uuid)
        return self.hero.shares.post(info.link or None, info.title, info.kind, list(info.areas),
                                     note=info.note, force=force, from_session_uuid=info.uuid)

    # weeks

    def set_holiday(self, day: date | str | None = None, on: bool = True):
        """Mark (or unmark) the week holding `day` as holiday or leave: it neither breaks nor adds to a streak."""
        if day is None:
            day = self.today()
        elif isinstance(day, str):
            from herotui.services.weeks import parse_week

            try:
                day = parse_week(day)
            except ValueError:
                raise ValidationError("learn.error.date_format", value=clean_line(day)[:20]) from None
        monday = week_start(day, self.zone())
        return self.hero.submit("learning.holiday", {"week_start": monday.isoformat(), "on": bool(on)})


def _limit_minutes(settings: dict | None) -> int:
    hours = (settings or {}).get("long_timer_hours", 3)
    return int(round(float(hours) * 60))


# -- reading, inside a transaction ---------------------------------------------------------------


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


def _overlap_minutes(row: LearningSession, start: datetime, end: datetime) -> int:
    """Minutes of [start, end] that other finished timer sessions of the same person cover.

    Only timer sessions count: one person can run one timer at a time, so two timers over the same
    minutes mean two computers (one offline). Logged entries have made-up times of day."""
    others = (LearningSession.select(LearningSession.started_at, LearningSession.ended_at)
              .where((LearningSession.person == row.person_id) & (LearningSession.id != row.id)
                     & (LearningSession.status == "done") & (LearningSession.manual == False)  # noqa: E712
                     & (LearningSession.started_at < end) & (LearningSession.ended_at > start)).tuples())
    spans = sorted((max(_as_moment(a), start), min(_as_moment(b), end)) for a, b in others if b is not None)
    covered = 0.0
    reach = start
    for a, b in spans:
        a = max(a, reach)
        if b > a:
            covered += (b - a).total_seconds()
            reach = b
    return int(covered // 60 + (1 if covered % 60 >= 30 else 0))


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


# -- writing: the actions --------------------------------------------------------------------------


def _target(hero: "Hero", payload: dict) -> tuple[Person, LearningSession | None]:
    """The person acting, and the session the action is about (or their live timer)."""
    me = person_row(hero, payload["login"], at=action_time(payload))
    uuid = payload.get("session")
    if uuid:
        row = LearningSession.get_or_none(LearningSession.uuid == uuid)
        if row is not None and row.person_id != me.id:
            raise NotAllowed("learn.error.not_yours")
        return me, row
    return me, _live_row(me.id)


def _require_live(row: LearningSession | None) -> LearningSession:
    if row is None or row.status not in LIVE:
        raise NotFound("learn.error.no_timer")
    return row


def _set_areas(session_id: int, names: Iterable[str]) -> None:
    rows = resolve_areas(list(names), allow_retired=True)
    SessionArea.delete().where(SessionArea.session == session_id).execute()
    if rows:
        SessionArea.insert_many([{"session": session_id, "area": a.id} for a in rows]).execute()


def _details(payload: dict) -> dict:
    """The detail columns from a payload; `None` keeps what the row has."""
    changes: dict = {}
    for key in ("kind", "title", "note"):
        if payload.get(key) is not None:
            changes[key] = payload[key]
    if payload.get("link") is not None:
        changes["link"] = payload["link"] or None
    return changes


def _elapsed(row: LearningSession, at: datetime) -> float:
    end = row.paused_at if row.status == "paused" and row.paused_at is not None else at
    return max(0.0, (end - row.started_at).total_seconds() - row.paused_seconds)


def _local_time(hero: "Hero", moment: datetime) -> str:
    from herotui.i18n import format_datetime

    return format_datetime(moment.astimezone(hero.org.timezone()))


@action("learning.start")
def _start(hero: "Hero", payload: dict) -> TimerInfo | None:
    at = action_time(payload)
    limit = _settings(hero)[2]
    done = LearningSession.get_or_none(LearningSession.uuid == payload["uuid"])
    if done is not None:  # replayed: already started
        return _timer_info(done, limit) if done.status in LIVE else None
    me = person_row(hero, payload["login"], at=at)
    live = _live_row(me.id)
    if live is not None:
        raise Conflict("learn.error.already_running", since=_local_time(hero, live.started_at))
    row_id = LearningSession.insert(
        uuid=payload["uuid"], person=me.id, status="running", started_at=at, created_at=at, updated_at=at,
        **{"kind": "other", "title": "", "note": "", **_details(payload)},
    ).execute()
    if payload.get("areas"):
        _set_areas(row_id, payload["areas"])
    return _timer_info(LearningSession.get_by_id(row_id), limit)


@action("learning.pause")
def _pause(hero: "Hero", payload: dict) -> TimerInfo:
    at = action_time(payload)
    _, row = _target(hero, payload)
    row = _require_live(row)
    if row.status == "running":
        LearningSession.update(status="paused", paused_at=max(at, row.started_at), updated_at=at).where(
            LearningSession.id == row.id).execute()
    return _timer_info(LearningSession.get_by_id(row.id), _settings(hero)[2])


@action("learning.resume")
def _resume(hero: "Hero", payload: dict) -> TimerInfo:
    at = action_time(payload)
    _, row = _target(hero, payload)
    row = _require_live(row)
    if row.status == "paused":
        extra = max(0, int(round((at - (row.paused_at or at)).total_seconds())))
        LearningSession.update(status="running", paused_at=None, paused_seconds=row.paused_seconds + extra,
                               updated_at=at).where(LearningSession.id == row.id).execute()
    return _timer_info(LearningSession.get_by_id(row.id), _settings(hero)[2])


@action("learning.keep")
def _keep(hero: "Hero", payload: dict) -> TimerInfo:
    at = action_time(payload)
    _, row = _target(hero, payload)
    row = _require_live(row)
    confirmed = int(_elapsed(row, at) // 60)
    LearningSession.update(minutes=max(row.minutes, confirmed), updated_at=at).where(
        LearningSession.id == row.id).execute()
    return _timer_info(LearningSession.get_by_id(row.id), _settings(hero)[2])


@action("learning.discard")
def _discard(hero: "Hero", payload: dict) -> None:
    _, row = _target(hero, payload)
    if row is None:
        if payload.get("session"):
            return None  # replayed: already gone
        raise NotFound("learn.error.no_timer")
    if row.status not in LIVE:
        raise Conflict("learn.error.not_live")
    LearningSession.delete().where(LearningSession.id == row.id).execute()
    return None


@action("learning.stop")
def _stop(hero: "Hero", payload: dict) -> SessionInfo:
    at = action_time(payload)
    zone, _, limit = _settings(hero)
    _, row = _target(hero, payload)
    if row is not None and row.status == "done" and payload.get("session"):
        return _session_infos([row], zone)[0]  # replayed: already stopped
    row = _require_live(row)
    elapsed = _elapsed(row, at)
    minutes = payload.get("minutes")
    if minutes is None:
        info = _timer_info(row, limit)
        if info.needs_review(at):
            from herotui.i18n import format_minutes

            raise Conflict("learn.error.long_timer", elapsed=format_minutes(int(elapsed // 60)),
                           limit=format_minutes(limit))
        minutes = counted_minutes(elapsed)
    minutes = validate_minutes(minutes)
    changes = _details(payload)
    title = changes.get("title", row.title)
    validate_title(title)
    end = row.paused_at if row.status == "paused" and row.paused_at is not None else max(at, row.started_at)
    overlap = min(minutes, _overlap_minutes(row, row.started_at, end))
    LearningSession.update(status="done", ended_at=end, paused_at=None, minutes=minutes, updated_at=at,
                           overlap_minutes=overlap, **changes).where(LearningSession.id == row.id).execute()
    if payload.get("areas") is not None:
        _set_areas(row.id, payload["areas"])
    return _session_infos([LearningSession.get_by_id(row.id)], zone)[0]


@action("learning.log")
def _log(hero: "Hero", payload: dict) -> SessionInfo:
    zone = _settings(hero)[0]
    done = LearningSession.get_or_none(LearningSession.uuid == payload["uuid"])
    if done is not None:
        return _session_infos([done], zone)[0]
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    minutes = validate_minutes(payload["minutes"])
    validate_title(payload.get("title"))
    started = datetime.fromisoformat(payload["started_at"])
    row_id = LearningSession.insert(
        uuid=payload["uuid"], person=me.id, status="done", started_at=started,
        ended_at=started + timedelta(minutes=minutes), minutes=minutes, manual=True, created_at=at, updated_at=at,
        **{"kind": "other", "title": "", "note": "", **_details(payload)},
    ).execute()
    if payload.get("areas"):
        _set_areas(row_id, payload["areas"])
    return _session_infos([LearningSession.get_by_id(row_id)], zone)[0]


@action("learning.edit")
def _edit(hero: "Hero", payload: dict) -> SessionInfo:
    at = action_time(payload)
    zone = _settings(hero)[0]
    _, row = _target(hero, payload)
    if row is None:
        raise NotFound("learn.error.no_session")
    if row.status in LIVE:
        raise Conflict("learn.error.edit_live")
    changes = _details(payload)
    if "title" in changes:
        validate_title(changes["title"])
    if payload.get("minutes") is not None:
        changes["minutes"] = validate_minutes(payload["minutes"])
    if payload.get("started_at"):
        changes["started_at"] = datetime.fromisoformat(payload["started_at"])
    if "minutes" in changes or "started_at" in changes:
        start = changes.get("started_at", row.started_at)
        changes["ended_at"] = start + timedelta(minutes=changes.get("minutes", row.minutes))
    LearningSession.update(updated_at=at, **changes).where(LearningSession.id == row.id).execute()
    if payload.get("areas") is not None:
        _set_areas(row.id, payload["areas"])
    return _session_infos([LearningSession.get_by_id(row.id)], zone)[0]


@action("learning.delete")
def _delete(hero: "Hero", payload: dict) -> None:
    _, row = _target(hero, payload)
    if row is None:
        return None  # already gone (or replayed)
    if row.status in LIVE:
        raise Conflict("learn.error.edit_live")
    LearningSession.delete().where(LearningSession.id == row.id).execute()
    return None


@action("learning.overlap")
def _overlap(hero: "Hero", payload: dict) -> SessionInfo:
    _, row = _target(hero, payload)
    if row is None:
        raise NotFound("learn.error.no_session")
    LearningSession.update(overlap_kept=bool(payload.get("keep_both"))).where(LearningSession.id == row.id).execute()
    return _session_infos([LearningSession.get_by_id(row.id)], _settings(hero)[0])[0]


@action("learning.holiday")
def _holiday(hero: "Hero", payload: dict) -> bool:
    me = person_row(hero, payload["login"], at=action_time(payload))
    week = date.fromisoformat(payload["week_start"]).isoformat()
    if payload.get("on", True):
        HolidayWeek.insert(person=me.id, week_start=week).on_conflict_ignore().execute()
    else:
        HolidayWeek.delete().where((HolidayWeek.person == me.id) & (HolidayWeek.week_start == week)).execute()
    return bool(payload.get("on", True))
