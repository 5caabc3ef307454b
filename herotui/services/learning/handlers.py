"""Writing the learning hour: the `@action` handlers behind `LearningService`'s write methods.

Each handler runs inside one IMMEDIATE transaction (see `herotui.services.actions`) and is safe to
replay: its payload carries the moment the action was taken (`at`, ISO 8601) and client-made
UUIDs, so an action kept in the offline outbox means the same thing when it is sent later.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable

from herotui.services.actions import action, action_time
from herotui.services.areas import resolve_areas
from herotui.services.errors import Conflict, NotAllowed, NotFound
from herotui.services.learning.rules import validate_minutes, validate_title
from herotui.services.learning.types import LIVE, SessionInfo, TimerInfo, counted_minutes
from herotui.services.learning.week import _as_moment, _live_row, _own_session, _session_infos, _settings, _timer_info
from herotui.services.people import person_row
from herotui.store.models import FocusArea, HolidayWeek, LearningSession, Person, SessionArea

if TYPE_CHECKING:
    from herotui.services.hero import Hero


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


@action("learning.share")
def _share_session(hero: "Hero", payload: dict):
    """Post one of my sessions to the feed (the `share.post` rules, the share's uuid is this
    action's), reading the session when the action runs: it may have been logged offline.
    Without `session`, the one I stopped last (before this action's moment)."""
    from herotui.services.shares.handlers import _post

    if payload.get("session"):
        row = _own_session(payload["login"], payload["session"])
    else:
        # "The session I just stopped": a stop made offline does not know the timer's uuid. The
        # stop was sent right before this action and set `updated_at` to its own moment.
        me = person_row(hero, payload["login"], at=action_time(payload))
        row = (LearningSession.select().where(LearningSession.person == me.id, LearningSession.status == "done",
                                              LearningSession.updated_at <= action_time(payload))
               .order_by(LearningSession.updated_at.desc(), LearningSession.id.desc()).first())
        if row is None:
            raise NotFound("learn.error.no_session")
    areas = [name for (name,) in SessionArea.select(FocusArea.name).join(FocusArea)
             .where(SessionArea.session == row.id).tuples()]
    return _post(hero, {**payload, "url": row.link or "", "title": row.title, "kind": row.kind,
                        "areas": areas, "tags": [], "note": row.note, "from_session": row.uuid})
