"""`LearningService`: the learning hour as the screens and the command line use it.

Reads run in one read transaction each (a consistent snapshot); writes are named actions sent
through `Hero.submit`, so each is one IMMEDIATE transaction, retried, idempotent, and kept in the
offline outbox when the database is out of reach (then the method returns `Queued`, or for the
timer the state it will have once sent, marked `pending`).

Units: minutes are whole minutes; moments are timezone-aware and stored in UTC; a "day" is a
local day in the organisation's time zone; a week is an ISO week named by its Monday.
Errors are `herotui.services.errors` (`ValidationError`, `Conflict`, `NotFound`, `NotAllowed`)
and the store's (`DatabaseUnavailable` on reads while the drive is away, `DatabaseReadOnly`,
`DatabaseBusy`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from herotui.services.actions import Queued
from herotui.services.errors import ValidationError
from herotui.services.learning.rules import (
    _limit_minutes, manual_start, validate_day, validate_minutes, validate_title,
)
from herotui.services.learning.types import Draft, WeekOverview, Pulse, SessionInfo, TimerInfo, WeekSummary
from herotui.services.learning.week import _live_info, _overview, _own_session, _session_infos
from herotui.isoweek import local_day, week_start
from herotui.store.models import new_uuid
from herotui.text import clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero


class LearningService:
    """The signed-in person's learning hour (`hero.login`), and the team's pulse."""

    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    # reading

    def zone(self) -> ZoneInfo:
        """The organisation's time zone (offline: the last one seen)."""
        return self.hero.org.timezone()

    def today(self) -> date:
        """Today's local day in the organisation's time zone, from the hero's clock."""
        return local_day(self.hero.now(), self.zone())

    def timer(self) -> TimerInfo | None:
        """My live timer (running or paused, on any computer), or None.
        Raises DatabaseUnavailable while the database cannot be read."""
        return self.hero.store.read(_live_info, self.hero, self.hero.login)

    def overview(self, day: date | None = None) -> WeekOverview:
        """Everything the learning screen shows for the ISO week holding the local `day` (default:
        this week), in one read transaction: my timer, the week's minutes and sessions, the
        streak, 12 weeks of history, the breakdown and the team pulse.
        Raises DatabaseUnavailable while the database cannot be read."""
        return self.hero.store.read(_overview, self.hero, day)

    def overview_and_areas(self, day: date | None = None) -> tuple[WeekOverview, list[str]]:
        """What the learning screen loads: `overview(day)` and the names of the focus areas a
        session can be given (`AreaService.list()`: not retired, alphabetical), in ONE read
        transaction (about ten statements; each is a round trip on a network drive).
        Raises DatabaseUnavailable while the database cannot be read."""
        def read() -> tuple[WeekOverview, list[str]]:
            return _overview(self.hero, day), [area.name for area in self.hero.areas.list()]

        return self.hero.store.read(read)

    def week(self, day: date | None = None) -> WeekSummary:
        """The ISO week holding the local `day` (default: this week); see `overview`."""
        return self.overview(day).week

    def pulse(self, day: date | None = None) -> Pulse:
        """The team's pulse for the ISO week holding the local `day`; see `overview`."""
        return self.overview(day).pulse

    def session(self, uuid: str) -> SessionInfo:
        """One of my logged sessions. Raises NotFound (`learn.error.no_session`) when there is
        none with that uuid and NotAllowed (`learn.error.not_yours`) when it is someone else's."""
        def read() -> SessionInfo:
            row = _own_session(self.hero.login, uuid)
            return _session_infos([row], self.zone())[0]

        return self.hero.store.read(read)

    # the timer

    def start(self, draft: Draft = Draft()) -> TimerInfo | None:
        """Start my timer now, with the details in `draft` (all optional).

        Returns the running timer (offline: as it will be, `saved_offline=True`; None only when a
        replay finds this start already stopped). Raises Conflict (`learn.error.already_running`)
        while I have a timer running or paused anywhere.
        """
        at = self.hero.now()
        payload = {"uuid": new_uuid(), "at": at.isoformat(), **draft.payload()}
        result = self.hero.submit("learning.start", payload)
        if isinstance(result, Queued):
            # The file is out of reach: show the timer as it will be once the outbox is sent.
            return TimerInfo(payload["uuid"], "running", at, None, 0, draft.kind or "other", draft.title or "",
                             draft.link or "", draft.note or "", draft.areas or (), 0,
                             _limit_minutes(None), saved_offline=True)
        return result

    def pause(self, timer: TimerInfo | None = None) -> TimerInfo | Queued:
        """Pause `timer` (default: my live timer) now; a paused timer stays as it is.

        Returns the paused timer (offline with `timer` given: as it will be, `saved_offline=True`;
        offline without it: `Queued`). Raises NotFound (`learn.error.no_timer`) when there is no
        live timer and NotAllowed when `timer` is someone else's.
        """
        at = self.hero.now()
        result = self.hero.submit("learning.pause", {"session": timer.uuid if timer else None,
                                                     "at": at.isoformat()})
        if isinstance(result, Queued) and timer is not None:
            return timer.paused_locally(at)
        return result

    def resume(self, timer: TimerInfo | None = None) -> TimerInfo | Queued:
        """Resume a paused `timer` (default: my live timer) now; the paused time is not counted.
        Returns and raises as `pause`."""
        at = self.hero.now()
        result = self.hero.submit("learning.resume", {"session": timer.uuid if timer else None,
                                                      "at": at.isoformat()})
        if isinstance(result, Queued) and timer is not None:
            return timer.resumed_locally(at)
        return result

    def keep(self, timer: TimerInfo | None = None) -> TimerInfo | Queued:
        """Answer "keep" to the long-timer question: it goes on, and we ask again a limit later.
        Raises NotFound (`learn.error.no_timer`) when there is no live timer."""
        return self.hero.submit("learning.keep", {"session": timer.uuid if timer else None})

    def discard(self, timer: TimerInfo | None = None) -> None | Queued:
        """Throw the live timer away: nothing is counted. Raises NotFound (`learn.error.no_timer`)
        when there is none and Conflict (`learn.error.not_live`) when `timer` was already stopped."""
        return self.hero.submit("learning.discard", {"session": timer.uuid if timer else None})

    def stop(self, draft: Draft = Draft(), *, minutes: int | None = None, timer: TimerInfo | None = None,
             at: datetime | None = None) -> SessionInfo | Queued:
        """Stop my timer (at `at`, default now) and log it. `minutes` trims it; without it the
        elapsed time counts (rounded, at least one minute).

        A timer past the long-timer limit is not counted silently: stopping it without `minutes`
        is refused with the question (Conflict `learn.error.long_timer`). Also raises
        ValidationError for bad minutes or a missing title and NotFound when there is no timer.
        Returns the logged `SessionInfo` (or `Queued`).
        """
        if minutes is not None:
            minutes = validate_minutes(minutes)
        payload = {"session": timer.uuid if timer else None, "minutes": minutes, **draft.payload()}
        if at is not None:
            payload["at"] = at.isoformat()
        return self.hero.submit("learning.stop", payload)

    # logged sessions

    def log(self, minutes: Any, draft: Draft, *, day: date | str | None = None) -> SessionInfo | Queued:
        """A manual or back-dated entry ("listened on the train on Tuesday") of `minutes` (1..600)
        for the local `day` (a date or ISO text; default today).

        Raises ValidationError for bad minutes, a missing title, a bad or future day.
        """
        minutes = validate_minutes(minutes)
        validate_title(draft.title)
        zone = self.zone()
        now = self.hero.now()
        day = validate_day(day, local_day(now, zone)) if day is not None else local_day(now, zone)
        started = manual_start(day, minutes, now, zone)
        payload = {"minutes": minutes, "started_at": started.isoformat(), **draft.payload()}
        return self.hero.submit("learning.log", payload)

    def edit(self, uuid: str, draft: Draft = Draft(), *, minutes: Any = None,
             day: date | str | None = None) -> SessionInfo | Queued:
        """Change one of my logged sessions: the fields given in `draft`, its minutes, its local day.

        Raises ValidationError for bad values, NotFound (`learn.error.no_session`), NotAllowed
        (`learn.error.not_yours`) and Conflict (`learn.error.edit_live`) for a live timer.
        """
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

    def delete(self, uuid: str) -> None | Queued:
        """Delete one of my logged sessions (gone already: nothing happens). Raises NotAllowed
        for someone else's and Conflict (`learn.error.edit_live`) for a live timer."""
        return self.hero.submit("learning.delete", {"session": uuid})

    def count_overlap(self, uuid: str, *, keep_both: bool) -> SessionInfo | Queued:
        """For a session that overlaps another one of mine: count the shared minutes once (the
        default) or, with `keep_both`, in both sessions. Returns `SessionInfo` (or `Queued`).
        Raises NotFound (`learn.error.no_session`) and NotAllowed."""
        return self.hero.submit("learning.overlap", {"session": uuid, "keep_both": bool(keep_both)})

    def share(self, session_uuid: str | None, *, force: bool = False) -> Any:
        """Post a logged session to the share feed, prefilled from it (title, link, kind, areas, note).
        `session_uuid` None: the session I stopped last (after a stop that waits in the outbox).

        Returns the share (or `Queued`, also when the session itself still waits in the outbox)
        and raises what posting raises (Conflict `share.error.already_shared` unless `force`),
        plus `session`'s errors (NotFound, NotAllowed).
        """
        # One action that reads the session when it runs: a session logged offline (still in the
        # outbox) is shared right after it is sent, instead of the command failing half done.
        return self.hero.submit("learning.share", {"session": session_uuid, "force": bool(force)})

    # weeks

    def set_holiday(self, day: date | str | None = None, on: bool = True) -> bool | Queued:
        """Mark (or unmark, `on=False`) the ISO week holding `day` (a date, `2026-11-25` or
        `2026-W48`; default this week) as holiday or leave: it neither breaks nor adds to a streak.

        Returns `on` (or `Queued`). Raises ValidationError (`learn.error.date_format`) for text
        that is not a date or an ISO week.
        """
        if day is None:
            day = self.today()
        elif isinstance(day, str):
            from herotui.isoweek import parse_week

            try:
                day = parse_week(day)
            except ValueError:
                raise ValidationError("learn.error.date_format", value=clean_line(day)[:20]) from None
        monday = week_start(day, self.zone())
        return self.hero.submit("learning.holiday", {"week_start": monday.isoformat(), "on": bool(on)})
