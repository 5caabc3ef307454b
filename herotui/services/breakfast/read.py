"""Reads: rows to dataclasses (the one place that sees peewee rows), the overview, the waitlist,
the rotation and topic ideas.

Every function here runs inside a transaction the caller opened (`store.read` or a handler's
write) and returns the dataclasses of `herotui.services.breakfast.types`. Times in the results
are UTC unless a field says local (the organisation's zone); dates are local dates.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Iterable
from zoneinfo import ZoneInfo

from peewee import fn

from herotui.collation import sort_by_name, sort_key
from herotui.services.breakfast.schedule import _me, _plan, _rule, _slot_query, _slot_row, _zone, slots_due
from herotui.services.breakfast.types import (
    OfferInfo,
    BreakfastOverview,
    RotationEntry,
    SlotInfo,
    TopicIdea,
    WaitEntry,
    WaitlistInfo,
)
from herotui.services.breakfast_turns import open_turns
from herotui.store.models import (
    BreakfastSlot,
    FocusArea,
    Handover,
    Person,
    Rsvp,
    SlotArea,
    WaitlistEntry,
)

if TYPE_CHECKING:
    from herotui.services.hero import Hero

IDEA_WINDOW_DAYS = 90
"""Topic ideas count shares of the last 90 days ..."""
COVERED_WINDOW_DAYS = 180
"""... in focus areas that no breakfast within half a year (either side of today) covered."""
ARCHIVE_LIMIT = 240
"""How many past breakfasts the overview carries (newest first)."""


def _offer(row: Handover, from_person: Person, to_person: Person, slot: BreakfastSlot,
           zone: ZoneInfo) -> OfferInfo:
    return OfferInfo(
        uuid=row.uuid,
        slot_uuid=slot.uuid,
        slot_start=slot.starts_at.astimezone(zone),
        from_login=from_person.login,
        from_name=from_person.display_name,
        to_login=to_person.login,
        to_name=to_person.display_name,
        status=row.status,
    )


def _open_offers(slot_ids: Iterable[int] | None, zone: ZoneInfo,
                 to_person_id: int | None = None) -> dict[int, OfferInfo]:
    """Open hand-over offers by slot id (one per slot; the newest wins if several)."""
    giver = Person.alias()
    taker = Person.alias()
    query = (
        Handover.select(Handover, giver, taker, BreakfastSlot)
        .join(giver, on=(Handover.from_person == giver.id))
        .switch(Handover)
        .join(taker, on=(Handover.to_person == taker.id))
        .switch(Handover)
        .join(BreakfastSlot)
        .where(Handover.status == "offered")
        .order_by(Handover.created_at)
    )
    if slot_ids is not None:
        query = query.where(Handover.slot.in_(list(slot_ids)))
    if to_person_id is not None:
        query = query.where(Handover.to_person == to_person_id)
    offers: dict[int, OfferInfo] = {}
    for row in query:
        offers[row.slot.id] = _offer(row, row.from_person, row.to_person, row.slot, zone)
    return offers


def _slot_infos(rows: list[BreakfastSlot], hero: "Hero", me: Person | None, zone: ZoneInfo,
                now: datetime, pending: dict[str, str]) -> list[SlotInfo]:
    ids = [row.id for row in rows]
    if not ids:
        return []
    # A host's own RSVP (left from before they hosted, or imported) is not a guest.
    guest = BreakfastSlot.host.is_null() | (Rsvp.person != BreakfastSlot.host)
    counts = dict(
        Rsvp.select(Rsvp.slot, fn.COUNT(Rsvp.id)).join(BreakfastSlot)
        .where(Rsvp.slot.in_(ids), guest).group_by(Rsvp.slot).tuples()
    )
    mine_rsvp: set[int] = set()
    if me is not None:
        mine_rsvp = {sid for (sid,) in Rsvp.select(Rsvp.slot).where(Rsvp.slot.in_(ids), Rsvp.person == me.id).tuples()}
    areas: dict[int, list[str]] = {}
    for slot_id, name in (
        SlotArea.select(SlotArea.slot, FocusArea.name).join(FocusArea)
        .where(SlotArea.slot.in_(ids)).order_by(FocusArea.name).tuples()
    ):
        areas.setdefault(slot_id, []).append(name)
    areas = {slot_id: sort_by_name(names, str) for slot_id, names in areas.items()}
    is_admin = bool(me is not None and me.is_admin)
    # The host (and admins) see who is coming, to know how much breakfast to buy.
    visible = [row.id for row in rows if is_admin or (me is not None and row.host_id == me.id)]
    attendees: dict[int, list[str]] = {}
    if visible:
        for slot_id, name in (
            Rsvp.select(Rsvp.slot, Person.display_name).join(Person).switch(Rsvp).join(BreakfastSlot)
            .where(Rsvp.slot.in_(visible), guest).order_by(Person.display_name).tuples()
        ):
            attendees.setdefault(slot_id, []).append(name)
    attendees = {slot_id: sort_by_name(names, str) for slot_id, names in attendees.items()}
    offers = _open_offers(ids, zone)
    turns = open_turns(ids)
    result = []
    for row in rows:
        host = row.host if row.host_id is not None else None
        result.append(SlotInfo(
            id=row.id,
            uuid=row.uuid,
            starts_at=row.starts_at,
            local_start=row.starts_at.astimezone(zone),
            minutes=row.duration_minutes,
            status=row.status,
            is_extra=row.is_extra,
            rule_key=row.rule_key,
            moved_from=row.moved_from.astimezone(zone) if row.moved_from else None,
            move_seen=row.move_seen,
            host_login=host.login if host else None,
            host_name=host.display_name if host else None,
            topic=row.topic,
            description=row.description,
            claimed_at=row.claimed_at,
            areas=tuple(areas.get(row.id, ())),
            rsvp_count=counts.get(row.id, 0),
            i_am_coming=row.id in mine_rsvp and (me is None or row.host_id != me.id),
            is_mine=bool(me is not None and row.host_id == me.id),
            is_past=row.starts_at <= now,
            attendees=tuple(attendees.get(row.id, ())),
            offer=offers.get(row.id),
            waiting_action=pending.get(row.uuid),
            revision=row.revision,
            reserved_name=turns[row.id][1] if row.id in turns else None,
            reserved_until=turns[row.id][2] if row.id in turns else None,
            reserved_for_me=bool(row.id in turns and me is not None and turns[row.id][0] == me.id),
        ))
    return result


def _moment(value: object) -> datetime | None:
    """An aggregate (MIN/MAX) of a timestamp column: peewee may or may not have converted it."""
    if value is None or isinstance(value, datetime):
        return value
    return BreakfastSlot.starts_at.python_value(value)


def _info(hero: "Hero", uuid: str) -> SlotInfo:
    """A fresh `SlotInfo` for the acting person (inside the handler's transaction)."""
    return _slot_infos([_slot_row(uuid)], hero, _me(hero), _zone(hero), hero.now(), {})[0]


def read_overview(hero: "Hero", pending: dict[str, str]) -> BreakfastOverview:
    """The `BreakfastOverview` for the acting person; `pending` maps slot uuid -> outbox action name."""
    zone, rule, now = _zone(hero), _rule(hero), hero.now()
    me = _me(hero)
    # A breakfast in progress still counts as upcoming; it joins the archive once over.
    rows = list(
        _slot_query().where(BreakfastSlot.starts_at > now - timedelta(minutes=240))
        .order_by(BreakfastSlot.starts_at)
    )
    upcoming_rows = [r for r in rows if r.starts_at + timedelta(minutes=r.duration_minutes) > now]
    past_rows = list(
        _slot_query().where(BreakfastSlot.starts_at <= now).order_by(BreakfastSlot.starts_at.desc())
        .limit(ARCHIVE_LIMIT)
    )
    past_rows = [r for r in past_rows if r.starts_at + timedelta(minutes=r.duration_minutes) <= now]
    upcoming = _slot_infos(upcoming_rows, hero, me, zone, now, pending)
    past = _slot_infos(past_rows, hero, me, zone, now, pending)
    offers_to_me: tuple[OfferInfo, ...] = ()
    if me is not None:
        offers_to_me = tuple(_open_offers(None, zone, to_person_id=me.id).values())
    moved = tuple(s for s in upcoming if s.is_mine and not s.move_seen and s.moved_from is not None)
    return BreakfastOverview(
        me_login=me.login if me is not None else hero.login,  # the stored spelling
        is_admin=bool(me and me.is_admin),
        today=now.astimezone(zone).date(),
        zone=zone.key,
        rule=rule,
        upcoming=tuple(upcoming),
        past=tuple(past),
        waitlist=read_waitlist(me, upcoming),
        offers_to_me=offers_to_me,
        moved_for_me=moved,
        rotation=tuple(read_rotation(now, zone)),
        ideas=tuple(read_ideas(hero, now, zone)),
        holidays=dict(_plan(hero).holidays),
    )


def read_waitlist(me: Person | None, upcoming: list[SlotInfo]) -> WaitlistInfo:
    """The waitlist in order of joining and my turn among `upcoming` (earliest first)."""
    rows = (
        WaitlistEntry.select(WaitlistEntry, Person).join(Person)
        .where(WaitlistEntry.status == "waiting")
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    )
    entries = tuple(
        WaitEntry(index, row.person.login, row.person.display_name, row.created_at)
        for index, row in enumerate(rows, start=1)
    )
    mine = next((e.position for e in entries if me is not None and e.login == me.login), None)
    reserved = next((s for s in upcoming if s.reserved_for_me and s.is_free), None)
    if reserved is not None:
        return WaitlistInfo(entries, mine, reserved)
    free = next((s for s in upcoming if s.is_free and s.reserved_name is None), None)
    return WaitlistInfo(entries, mine, free if mine == 1 else None)


def read_rotation(now: datetime, zone: ZoneInfo) -> list[RotationEntry]:
    """Everyone, in the order a fair rotation would ask them: those already booked last, then who
    never hosted, then who hosted longest ago. Dates local to `zone`; `now` is UTC."""
    hosted = {
        host: (count, last)
        for host, count, last in BreakfastSlot.select(
            BreakfastSlot.host, fn.COUNT(BreakfastSlot.id), fn.MAX(BreakfastSlot.starts_at)
        ).where(
            BreakfastSlot.host.is_null(False), BreakfastSlot.status == "scheduled",
            BreakfastSlot.starts_at <= now,
        ).group_by(BreakfastSlot.host).tuples()
    }
    coming = dict(
        BreakfastSlot.select(BreakfastSlot.host, fn.MIN(BreakfastSlot.starts_at)).where(
            BreakfastSlot.host.is_null(False), BreakfastSlot.status == "scheduled",
            BreakfastSlot.starts_at > now,
        ).group_by(BreakfastSlot.host).tuples()
    )

    def local_day(value: object) -> date | None:
        moment = _moment(value)
        return moment.astimezone(zone).date() if moment else None

    entries = []
    for person in Person.select().order_by(Person.display_name, Person.login):
        count, last = hosted.get(person.id, (0, None))
        entries.append(RotationEntry(person.login, person.display_name, count, local_day(last),
                                     local_day(coming.get(person.id))))
    # Those already booked go last; then whoever never hosted; then who hosted longest ago.
    entries.sort(key=lambda e: (e.next_hosting is not None, e.last_hosted is not None,
                                e.last_hosted or date.min, sort_key(e.name)))
    return entries

def read_ideas(hero: "Hero", now: datetime, zone: ZoneInfo, limit: int = 5) -> list[TopicIdea]:
    """Up to `limit` focus areas to talk about: the insights' gaps first (high priority, or learning
    below the area's quarterly target), then by recent shares (counted by the share service, which
    owns the share tables). An area a breakfast covered lately (or will cover) is left out."""
    per_name = hero.shares.shares_per_area(now - timedelta(days=IDEA_WINDOW_DAYS))
    behind = hero.insights.below_target(now)
    covered = dict(
        SlotArea.select(SlotArea.area, fn.MAX(BreakfastSlot.starts_at)).join(BreakfastSlot).where(
            BreakfastSlot.host.is_null(False), BreakfastSlot.status == "scheduled",
        ).group_by(SlotArea.area).tuples()
    )
    recent = now - timedelta(days=COVERED_WINDOW_DAYS)
    areas = {a.id: (a.name, a.priority or "normal")
             for a in FocusArea.select().where(FocusArea.retired == False)}  # noqa: E712
    ideas = []
    for area_id, (name, priority) in areas.items():
        count = per_name.get(name, 0)
        # A gap is an idea even when nobody shared in it lately: that is what makes it a gap.
        if not count and priority != "high" and name not in behind:
            continue
        last_at = _moment(covered.get(area_id))
        if last_at is not None and last_at >= recent:
            continue
        ideas.append(TopicIdea(name, count, last_at.astimezone(zone).date() if last_at else None, priority,
                               name in behind))
    ideas.sort(key=lambda i: (not (i.priority == "high" or i.below_target), i.priority != "high",
                              not i.below_target, -i.shares, sort_key(i.area)))
    return ideas[:limit]


def pending_actions(hero: "Hero") -> dict[str, str]:
    """Slot uuid -> action, for breakfast actions waiting in this computer's outbox."""
    return hero.waiting_actions("breakfast", "slot")


def waitlist_now(hero: "Hero") -> WaitlistInfo:
    """The waitlist as it stands inside a handler's transaction."""
    zone = _zone(hero)
    now = hero.now()
    me = _me(hero)
    rows = list(_slot_query().where(BreakfastSlot.starts_at > now).order_by(BreakfastSlot.starts_at))
    upcoming = _slot_infos(rows, hero, me, zone, now, {})
    return read_waitlist(me, upcoming)


def read_day(hero: "Hero", day: date, pending: dict[str, str]) -> tuple[bool, list[SlotInfo]]:
    """Inside one read: whether `ensure_slots` has work (see `slots_due`) and the breakfasts on a
    local date, earliest first, for the acting person. A handful of statements, whatever the
    size of the calendar: what `slot_on` (the command line's `claim DATE`) needs, not the overview."""
    settings = hero.org.settings()
    zone = hero.org.timezone()
    now = hero.now()
    me = _me(hero)
    due = slots_due(hero, _plan(hero, settings, zone), zone, me)
    # The local day lies within a day either side of the same UTC date (offsets are under 24 h).
    low = datetime.combine(day - timedelta(days=1), time(0), tzinfo=timezone.utc)
    high = datetime.combine(day + timedelta(days=2), time(0), tzinfo=timezone.utc)
    rows = [
        row for row in _slot_query().where(BreakfastSlot.starts_at >= low, BreakfastSlot.starts_at < high)
        .order_by(BreakfastSlot.starts_at)
        if row.starts_at.astimezone(zone).date() == day
    ]
    return due, _slot_infos(rows, hero, me, zone, now, pending)
