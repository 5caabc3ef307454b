"""The breakfast calendar: slots from the organisation's rule, claims, RSVPs, waitlist, hand-overs.

Slots for the next twelve months are made from the rule (`breakfast_rule`, local wall time in the
organisation's zone) the first time someone looks. Each rule slot carries `rule_key = YYYY-MM`,
which is UNIQUE, and is inserted with ON CONFLICT DO NOTHING, so two computers generating at the
same moment end up with one slot per month.

Who hosts a slot is settled by the database: a claim is one conditional
`UPDATE ... WHERE id = ? AND host IS NULL AND status = 'scheduled'`; whoever's update changed no
row lost and is told who won. Every write is a replayable action (see `herotui.services.actions`)
whose handler re-checks the rules when it runs, which may be long after an offline click.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Iterable
from zoneinfo import ZoneInfo

from peewee import JOIN, fn

from herotui.i18n import format_date, format_datetime
from herotui.collation import fold, sort_by_name, sort_key
from herotui.services.actions import Queued, action, action_time
from herotui.services.areas import resolve_areas
from herotui.services.breakfast_plan import RuleChange, fix_stale, plan_from, replan, stale_free_slots
from herotui.services.breakfast_turns import (
    advance_turns,
    close_turn,
    offer_next,
    open_turns,
    reservation_blocks,
    turns_due,
)
from herotui.services.calendar_rules import (
    BreakfastPlan,
    MonthlyRule,
    local_to_utc,
    parse_hhmm,
    parse_month_key,
    planned_months,
)
from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.services.people import person_row, require_admin
from herotui.store.errors import DatabaseUnavailable
from herotui.store.upsert import upsert
from herotui.store.models import (
    BreakfastSlot,
    FocusArea,
    Handover,
    OrgSetting,
    Person,
    Rsvp,
    Share,
    ShareArea,
    SlotArea,
    WaitlistEntry,
    WaitlistTurn,
    new_uuid,
)
from herotui.text import clean_block, clean_line

if TYPE_CHECKING:
    from herotui.services.hero import Hero

MAX_TOPIC = 200
MAX_DESCRIPTION = 2000
MONTHS_AHEAD = 12
IDEA_WINDOW_DAYS = 90
"""Topic ideas count shares of the last 90 days ..."""
COVERED_WINDOW_DAYS = 180
"""... in focus areas that no breakfast within half a year (either side of today) covered."""
ARCHIVE_LIMIT = 240


# -- what the services hand out -----------------------------------------------------------------


@dataclass(frozen=True)
class OfferInfo:
    """A hand-over: the host offers their breakfast to a named colleague."""

    uuid: str
    slot_uuid: str
    slot_start: datetime  # local, org zone
    from_login: str
    from_name: str
    to_login: str
    to_name: str
    status: str  # offered, accepted, declined, withdrawn


@dataclass(frozen=True)
class SlotInfo:
    id: int
    uuid: str
    starts_at: datetime
    """UTC."""
    local_start: datetime
    """The same moment in the organisation's zone (what people see)."""
    minutes: int
    status: str  # scheduled, cancelled
    is_extra: bool
    rule_key: str | None
    moved_from: datetime | None  # local, org zone
    move_seen: bool
    host_login: str | None
    host_name: str | None
    topic: str
    description: str
    claimed_at: datetime | None
    areas: tuple[str, ...]
    rsvp_count: int
    i_am_coming: bool
    is_mine: bool
    is_past: bool
    """The breakfast has started (or is over): no more claims, RSVPs or changes."""
    attendees: tuple[str, ...] = ()
    """Names of those coming; filled in for the host and for admins only."""
    offer: OfferInfo | None = None
    """An open hand-over offer for this slot."""
    pending: str | None = None
    """The name of an action on this slot still waiting in this computer's outbox."""
    revision: int = 0
    """Counts every change a calendar shows; the ICS SEQUENCE."""
    reserved_name: str | None = None
    """Whom the waitlist reserved this released breakfast for, until `reserved_until` (UTC)."""
    reserved_until: datetime | None = None
    reserved_for_me: bool = False

    @property
    def reserved_for_other(self) -> bool:
        return self.reserved_name is not None and not self.reserved_for_me

    @property
    def day(self) -> date:
        return self.local_start.date()

    @property
    def local_end(self) -> datetime:
        return self.local_start + timedelta(minutes=self.minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_free(self) -> bool:
        return self.status == "scheduled" and self.host_login is None and not self.is_past

    @property
    def state(self) -> str:
        """cancelled, mine, claimed, free or open (past without a host)."""
        if self.is_cancelled:
            return "cancelled"
        if self.is_mine:
            return "mine"
        if self.host_login is not None:
            return "claimed"
        return "open" if self.is_past else "free"


@dataclass(frozen=True)
class WaitEntry:
    position: int
    login: str
    name: str
    since: datetime


@dataclass(frozen=True)
class WaitlistInfo:
    entries: tuple[WaitEntry, ...]
    my_position: int | None
    my_turn: SlotInfo | None
    """A breakfast reserved for me (claim it or pass before `my_turn.reserved_until`); else, when
    I am first in line and a breakfast is free for anyone, the earliest one, to claim now."""


@dataclass(frozen=True)
class RotationEntry:
    login: str
    name: str
    times_hosted: int
    last_hosted: date | None
    next_hosting: date | None


@dataclass(frozen=True)
class TopicIdea:
    area: str
    shares: int
    last_covered: date | None
    priority: str = "normal"
    """The area's priority (high areas not covered lately come first: they are the insights' gaps)."""


@dataclass(frozen=True)
class Overview:
    """Everything the breakfast screen shows, read in one transaction."""

    me_login: str
    is_admin: bool
    today: date
    zone: str
    rule: MonthlyRule
    upcoming: tuple[SlotInfo, ...]
    past: tuple[SlotInfo, ...]
    """Newest first."""
    waitlist: WaitlistInfo
    offers_to_me: tuple[OfferInfo, ...]
    moved_for_me: tuple[SlotInfo, ...]
    """My breakfasts that an admin (or a rule change) moved since I last looked."""
    rotation: tuple[RotationEntry, ...]
    ideas: tuple[TopicIdea, ...]
    holidays: dict[date, str] = field(default_factory=dict)
    """Public holidays (local date -> name) from a year back to beyond the months ahead."""

    def slot(self, uuid: str) -> SlotInfo | None:
        for slot in (*self.upcoming, *self.past):
            if slot.uuid == uuid:
                return slot
        return None

    def all_slots(self) -> tuple[SlotInfo, ...]:
        return (*reversed(self.past), *self.upcoming)


# -- validation ---------------------------------------------------------------------------------


def validate_topic(topic: str | None) -> str:
    cleaned = clean_line(topic)
    if not cleaned:
        raise ValidationError("breakfast.error.topic_required")
    if len(cleaned) > MAX_TOPIC:
        raise ValidationError("breakfast.error.topic_too_long", max=MAX_TOPIC)
    return cleaned


def validate_description(text: str | None) -> str:
    cleaned = clean_block(text)
    if len(cleaned) > MAX_DESCRIPTION:
        raise ValidationError("breakfast.error.description_too_long", max=MAX_DESCRIPTION)
    return cleaned


def validate_rule(value: object) -> MonthlyRule:
    """The `breakfast_rule` setting, checked. (OrgService.set may call this for the key too.)"""
    try:
        return MonthlyRule.from_setting(value)
    except ValueError as exc:
        raise ValidationError("breakfast.error.rule_invalid", reason=str(exc)) from None


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError("breakfast.error.bad_date", value=clean_line(text)) from None


def parse_time(text: str) -> str:
    try:
        return f"{parse_hhmm(text):%H:%M}"
    except ValueError:
        raise ValidationError("breakfast.error.bad_time", value=clean_line(text)) from None


def _minutes(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 15 <= value <= 240:
        raise ValidationError("breakfast.error.bad_minutes", low=15, high=240)
    return value


# -- rows to dataclasses (the one place that sees peewee rows) ----------------------------------


def _zone(hero: "Hero") -> ZoneInfo:
    return hero.org.timezone()


def _rule(hero: "Hero") -> MonthlyRule:
    try:
        return MonthlyRule.from_setting(hero.org.get("breakfast_rule"))
    except ValueError:
        return MonthlyRule()


def _plan(hero: "Hero", settings: dict[str, Any] | None = None) -> BreakfastPlan:
    from herotui.i18n import language

    settings = settings if settings is not None else hero.org.settings()
    today = hero.now().astimezone(_zone(hero)).date()
    return plan_from(settings, today, "sv" if language() == "sv" else "en_US")


def _when(slot_start: datetime, zone: ZoneInfo) -> str:
    return format_date(slot_start.astimezone(zone).date(), with_year=True)


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
            pending=pending.get(row.uuid),
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


def _slot_query():
    return (
        BreakfastSlot.select(BreakfastSlot, Person)
        .join(Person, JOIN.LEFT_OUTER, on=(BreakfastSlot.host == Person.id))
    )


def _slot_row(uuid: str) -> BreakfastSlot:
    row = _slot_query().where(BreakfastSlot.uuid == uuid).first()
    if row is None:
        raise NotFound("breakfast.error.no_slot")
    return row


def _host_name(slot: BreakfastSlot) -> str:
    host = Person.get_or_none(Person.id == slot.host_id) if slot.host_id else None
    return host.display_name if host else "?"


def _require_open(hero: "Hero", slot: BreakfastSlot, zone: ZoneInfo) -> None:
    """Refuse changes to a breakfast that has started or was cancelled (checked when the action runs)."""
    if slot.starts_at <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, zone))
    if slot.status != "scheduled":
        raise Conflict("breakfast.error.cancelled", date=_when(slot.starts_at, zone))


def _set_areas(slot_id: int, names: list[str]) -> None:
    SlotArea.delete().where(SlotArea.slot == slot_id).execute()
    rows = resolve_areas(names)
    if rows:
        SlotArea.insert_many([{"slot": slot_id, "area": area.id} for area in rows]).on_conflict_ignore().execute()


def _withdraw_offers(slot_id: int, at: datetime) -> None:
    Handover.update(status="withdrawn", answered_at=at).where(
        Handover.slot == slot_id, Handover.status == "offered"
    ).execute()


def _info(hero: "Hero", uuid: str) -> SlotInfo:
    """A fresh `SlotInfo` for the acting person (inside the handler's transaction)."""
    zone = _zone(hero)
    me = Person.get_or_none(Person.login_key == fold(hero.login))
    return _slot_infos([_slot_row(uuid)], hero, me, zone, hero.now(), {})[0]


# -- generation ---------------------------------------------------------------------------------


def _insert_missing(hero: "Hero", plan: BreakfastPlan, zone: ZoneInfo) -> int:
    """Insert this plan's slots for months that have none yet; a no-op for months that have one."""
    now = hero.now()
    rule = plan.rule
    planned = planned_months(plan, now, zone, MONTHS_AHEAD)
    keys = [key for key, _ in planned]
    present = {k for (k,) in BreakfastSlot.select(BreakfastSlot.rule_key).where(BreakfastSlot.rule_key.in_(keys)).tuples()}
    missing = [(key, starts) for key, starts in planned if key not in present]
    for key, starts in missing:
        BreakfastSlot.insert(
            uuid=new_uuid(), starts_at=starts, duration_minutes=rule.minutes, rule_key=key,
            created_at=now,
        ).on_conflict_ignore().execute()
    return len(missing)


# -- the service --------------------------------------------------------------------------------


class BreakfastService:
    def __init__(self, hero: "Hero") -> None:
        self.hero = hero

    # reads ------------------------------------------------------------------------------------

    def rule(self) -> MonthlyRule:
        return _rule(self.hero)

    def ensure_slots(self) -> int:
        """Make sure the next 12 months have their plan's slots, free breakfasts made before a
        holiday or month off was known follow the plan, and waitlist reservations that ran out
        pass to the next in line. Writes only when one of those is due."""
        hero = self.hero
        plan, zone = _plan(hero), _zone(hero)
        keys = [key for key, _ in planned_months(plan, hero.now(), zone, MONTHS_AHEAD)]

        def is_admin() -> bool:
            me = Person.get_or_none(Person.login_key == fold(hero.login))
            return bool(me is not None and me.is_admin)

        def due() -> bool:
            present = BreakfastSlot.select().where(BreakfastSlot.rule_key.in_(keys)).count()
            # Moving breakfasts made before a holiday was known is an admin's change (on a server
            # with one role per person only admins may move a slot), done when an admin looks.
            stale = is_admin() and bool(stale_free_slots(hero, plan, zone))
            return present != len(keys) or stale or turns_due(hero.now())

        if hero.store.read_only or not hero.store.read(due):
            return 0

        def write() -> int:
            fresh, zone_now = _plan(hero), _zone(hero)
            changed = fix_stale(hero, fresh, zone_now) if is_admin() else 0
            advance_turns(hero, hero.now())
            return changed + _insert_missing(hero, fresh, zone_now)

        return hero.store.write(write)

    def overview(self) -> Overview:
        """Everything for the screen. Generates missing rule slots first (see `ensure_slots`)."""
        self.ensure_slots()
        pending = self._pending_actions()
        return self.hero.store.read(self._read_overview, pending)

    def _read_overview(self, pending: dict[str, str]) -> Overview:
        hero = self.hero
        zone, rule, now = _zone(hero), _rule(hero), hero.now()
        me = Person.get_or_none(Person.login_key == fold(hero.login))
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
        return Overview(
            me_login=me.login if me is not None else hero.login,  # the stored spelling
            is_admin=bool(me and me.is_admin),
            today=now.astimezone(zone).date(),
            zone=zone.key,
            rule=rule,
            upcoming=tuple(upcoming),
            past=tuple(past),
            waitlist=self._read_waitlist(me, upcoming),
            offers_to_me=offers_to_me,
            moved_for_me=moved,
            rotation=tuple(self._read_rotation(now, zone)),
            ideas=tuple(self._read_ideas(now, zone)),
            holidays=dict(_plan(hero).holidays),
        )

    def _read_waitlist(self, me: Person | None, upcoming: list[SlotInfo]) -> WaitlistInfo:
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

    def _read_rotation(self, now: datetime, zone: ZoneInfo) -> list[RotationEntry]:
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

    def _read_ideas(self, now: datetime, zone: ZoneInfo, limit: int = 5) -> list[TopicIdea]:
        since = now - timedelta(days=IDEA_WINDOW_DAYS)
        counts = (
            ShareArea.select(ShareArea.area, fn.COUNT(ShareArea.share).alias("n"))
            .join(Share).where(Share.created_at >= since).group_by(ShareArea.area).tuples()
        )
        covered = dict(
            SlotArea.select(SlotArea.area, fn.MAX(BreakfastSlot.starts_at)).join(BreakfastSlot).where(
                BreakfastSlot.host.is_null(False), BreakfastSlot.status == "scheduled",
            ).group_by(SlotArea.area).tuples()
        )
        recent = now - timedelta(days=COVERED_WINDOW_DAYS)
        areas = {a.id: (a.name, a.priority or "normal")
                 for a in FocusArea.select().where(FocusArea.retired == False)}  # noqa: E712
        counts = dict(counts)
        # A high-priority area is an idea even when nobody shared in it lately: that is the gap.
        candidates = set(counts) | {area_id for area_id, (_, priority) in areas.items() if priority == "high"}
        ideas = []
        for area_id in candidates:
            count = counts.get(area_id, 0)
            if area_id not in areas or (not count and areas[area_id][1] != "high"):
                continue
            last_at = _moment(covered.get(area_id))
            if last_at is not None and last_at >= recent:
                continue
            name, priority = areas[area_id]
            ideas.append(TopicIdea(name, count, last_at.astimezone(zone).date() if last_at else None, priority))
        ideas.sort(key=lambda i: (i.priority != "high", -i.shares, sort_key(i.area)))
        return ideas[:limit]

    def _pending_actions(self) -> dict[str, str]:
        """Slot uuid -> action, for breakfast actions waiting in this computer's outbox."""
        outbox = self.hero.outbox
        if outbox is None:
            return {}
        result = {}
        for entry in outbox.pending(self.hero.store.database_key):
            slot = entry.payload.get("slot")
            if entry.action.startswith("breakfast.") and isinstance(slot, str):
                result[slot] = entry.action
        return result

    def upcoming(self) -> list[SlotInfo]:
        return list(self.overview().upcoming)

    def past(self) -> list[SlotInfo]:
        return list(self.overview().past)

    def slot(self, uuid: str) -> SlotInfo:
        return self.hero.store.read(_info, self.hero, uuid)

    def slot_on(self, day: date | str, *, include_past: bool = False) -> SlotInfo:
        """The breakfast on a local date (for the command line). Refuses none or several."""
        if isinstance(day, str):
            day = parse_day(day)
        overview = self.overview()
        candidates = [s for s in overview.all_slots() if s.day == day and (include_past or not s.is_past)]
        if len(candidates) > 1:
            live = [s for s in candidates if not s.is_cancelled]
            candidates = live if live else candidates
        if not candidates:
            if not include_past and any(s.day == day for s in overview.all_slots()):
                raise NotFound("breakfast.error.past_on", date=format_date(day, with_year=True),
                               day=day.isoformat())
            raise NotFound("breakfast.error.none_on", date=format_date(day, with_year=True))
        if len(candidates) > 1:
            raise ValidationError("breakfast.error.several_on", date=format_date(day, with_year=True))
        return candidates[0]

    def people(self) -> list[tuple[str, str]]:
        """(login, display name) of colleagues one could hand a breakfast over to."""
        me = fold(self.hero.login)
        return [(p.login, p.display_name) for p in self.hero.people.list() if fold(p.login) != me]

    def ics(self, slot_uuids: list[str] | None = None, *, all_alarms: bool = False) -> bytes:
        """An iCalendar file (RFC 5545) for the given slots, or for every upcoming breakfast.

        The "all upcoming" file names a calendar and includes cancelled breakfasts as
        STATUS:CANCELLED, so a calendar that imported them before removes them; a file of chosen
        breakfasts names none (Outlook would open it as a separate calendar). Alarms go only on
        breakfasts I host or come to, unless `all_alarms`. NotFound when no slot matches.
        """
        from herotui.services.ics import calendar_bytes

        overview = self.overview()
        if slot_uuids is None:
            slots = list(overview.upcoming)
        else:
            slots = [s for s in overview.all_slots() if s.uuid in slot_uuids]
            if not slots:
                raise NotFound("breakfast.error.no_slot")
        return calendar_bytes(slots, ZoneInfo(overview.zone), stamp=self.hero.now(),
                              calendar_name=slot_uuids is None, all_alarms=all_alarms)

    # writes by anyone ---------------------------------------------------------------------------

    def claim(self, slot_uuid: str, topic: str, description: str = "",
              areas: list[str] | tuple[str, ...] = ()) -> SlotInfo | Queued:
        payload = {"slot": slot_uuid, "topic": validate_topic(topic),
                   "description": validate_description(description), "areas": list(areas)}
        return self.hero.submit("breakfast.claim", payload)

    def edit(self, slot_uuid: str, topic: str, description: str = "",
             areas: list[str] | tuple[str, ...] = ()) -> SlotInfo | Queued:
        payload = {"slot": slot_uuid, "topic": validate_topic(topic),
                   "description": validate_description(description), "areas": list(areas)}
        return self.hero.submit("breakfast.edit", payload)

    def release(self, slot_uuid: str) -> SlotInfo | Queued:
        """Give up a claim (your own; admins may release anyone's)."""
        slot = self.slot(slot_uuid)
        if slot.host_login is None:
            raise ValidationError("breakfast.error.not_claimed")
        return self.hero.submit("breakfast.release", {"slot": slot_uuid, "host": slot.host_login})

    def rsvp(self, slot_uuid: str, coming: bool = True) -> SlotInfo | Queued:
        return self.hero.submit("breakfast.rsvp", {"slot": slot_uuid, "coming": bool(coming)})

    def join_waitlist(self) -> WaitlistInfo | Queued:
        try:
            self.ensure_slots()  # "every slot is taken" must look at all twelve months
        except DatabaseUnavailable:
            pass  # offline: the handler checks again when the outbox sends it
        return self.hero.submit("breakfast.waitlist.join", {})

    def leave_waitlist(self) -> WaitlistInfo | Queued:
        return self.hero.submit("breakfast.waitlist.leave", {})

    def waitlist(self) -> WaitlistInfo:
        return self.overview().waitlist

    def offer(self, slot_uuid: str, to_login: str) -> OfferInfo | Queued:
        to_login = clean_line(to_login)
        if not to_login:
            raise ValidationError("error.login_required")
        return self.hero.submit("breakfast.handover.offer", {"slot": slot_uuid, "to": to_login})

    def answer(self, handover_uuid: str, accept: bool) -> OfferInfo | Queued:
        return self.hero.submit("breakfast.handover.answer", {"handover": handover_uuid, "accept": bool(accept)})

    def withdraw(self, handover_uuid: str) -> OfferInfo | Queued:
        return self.hero.submit("breakfast.handover.withdraw", {"handover": handover_uuid})

    def mark_moves_seen(self, slot_uuids: list[str]) -> int | Queued:
        return self.hero.submit("breakfast.move_seen", {"slots": list(slot_uuids)})

    # writes by admins ---------------------------------------------------------------------------

    def add_extra(self, day: date | str, start: str | None = None, minutes: int | None = None) -> SlotInfo | Queued:
        rule = self.rule()
        day = parse_day(day) if isinstance(day, str) else day
        payload = {"day": day.isoformat(), "start": parse_time(start or rule.start),
                   "minutes": _minutes(minutes if minutes is not None else rule.minutes)}
        return self.hero.submit("breakfast.extra", payload)

    def move(self, slot_uuid: str, day: date | str, start: str | None = None) -> SlotInfo | Queued:
        day = parse_day(day) if isinstance(day, str) else day
        if start is None:
            start = f"{self.slot(slot_uuid).local_start:%H:%M}"
        return self.hero.submit("breakfast.move", {"slot": slot_uuid, "day": day.isoformat(),
                                                    "start": parse_time(start)})

    def cancel(self, slot_uuid: str, cancelled: bool = True) -> SlotInfo | Queued:
        return self.hero.submit("breakfast.cancel", {"slot": slot_uuid, "cancelled": bool(cancelled)})

    def set_rule(self, value: dict[str, object], *, move_claimed: bool | list[str] = False) -> RuleChange:
        """Change the organisation's rule (admins only); free upcoming breakfasts follow it.

        Claimed ones keep their date unless `move_claimed` is True or lists their slot uuids:
        they come back in `RuleChange.kept`. ValidationError for a bad rule.
        """
        return self.set_plan_setting("breakfast_rule", validate_rule(value).as_setting(), move_claimed=move_claimed)

    def set_plan_setting(self, key: str, value: Any, *, move_claimed: bool | list[str] = False) -> RuleChange:
        """Store one setting that shapes the plan (`breakfast_rule`, `holiday_country`,
        `breakfast_on_holiday`, `breakfast_months_off`; already validated) and move the upcoming
        breakfasts with it, as `set_rule` describes."""
        hero = self.hero

        def write() -> RuleChange:
            me = require_admin(hero, hero.login)
            settings = hero.org.settings()
            old, zone = _plan(hero, settings), _zone(hero)
            new = _plan(hero, {**settings, key: value})
            upsert(OrgSetting, OrgSetting.key, {"key": key, "value": json.dumps(value),
                                                "updated_at": hero.now(), "updated_by": me.id})
            change = replan(hero, old, new, zone, move_claimed)
            _insert_missing(hero, new, zone)
            return change

        return hero.store.write(write)

    def pass_turn(self, slot_uuid: str) -> WaitlistInfo | Queued:
        """Say no to a breakfast the waitlist reserved for me; the next in line gets it."""
        return self.hero.submit("breakfast.waitlist.pass", {"slot": slot_uuid})


# -- action handlers (idempotent; they re-check the rules when they run) -----------------------


@action("breakfast.claim")
def _claim(hero: "Hero", payload: dict) -> SlotInfo:
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    zone = _zone(hero)
    slot = _slot_row(payload["slot"])
    topic = validate_topic(payload["topic"])
    description = validate_description(payload.get("description", ""))
    if slot.host_id == me.id:
        return _info(hero, slot.uuid)  # sent twice (a replay): it is already ours
    _require_open(hero, slot, zone)
    if slot.host_id is not None:
        raise Conflict("breakfast.error.taken", name=_host_name(slot), date=_when(slot.starts_at, zone))
    now = hero.now()
    advance_turns(hero, now)
    blocked = reservation_blocks(slot.id, me.id, now)
    if blocked is not None:
        raise Conflict("breakfast.error.reserved", name=blocked[0], date=_when(slot.starts_at, zone),
                       until=format_datetime(blocked[1].astimezone(zone)))
    others_turn = WaitlistTurn.select().where(WaitlistTurn.slot == slot.id, WaitlistTurn.status == "offered",
                                              WaitlistTurn.person != me.id)
    won = (
        BreakfastSlot.update(host=me.id, topic=topic, description=description, claimed_at=at, move_seen=True,
                             revision=BreakfastSlot.revision + 1)
        .where(BreakfastSlot.id == slot.id, BreakfastSlot.host.is_null(), BreakfastSlot.status == "scheduled",
               ~fn.EXISTS(others_turn))
        .execute()
    )
    if not won:
        # Someone's update got there first; say who, from the row as it is now.
        fresh = BreakfastSlot.get_by_id(slot.id)
        if fresh.status != "scheduled":
            raise Conflict("breakfast.error.cancelled", date=_when(fresh.starts_at, zone))
        raise Conflict("breakfast.error.taken", name=_host_name(fresh), date=_when(fresh.starts_at, zone))
    close_turn(slot.id, me.id, "accepted")
    _set_areas(slot.id, payload.get("areas") or [])
    # The host brings the breakfast; an RSVP of their own would count them twice.
    Rsvp.delete().where(Rsvp.slot == slot.id, Rsvp.person == me.id).execute()
    WaitlistEntry.update(status="done").where(WaitlistEntry.person == me.id, WaitlistEntry.status == "waiting").execute()
    return _info(hero, slot.uuid)


@action("breakfast.edit")
def _edit(hero: "Hero", payload: dict) -> SlotInfo:
    me = person_row(hero, payload["login"], at=action_time(payload))
    slot = _slot_row(payload["slot"])
    if slot.host_id != me.id:
        raise NotAllowed("breakfast.error.not_your_slot")
    if slot.starts_at <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, _zone(hero)))
    topic = validate_topic(payload["topic"])
    description = validate_description(payload.get("description", ""))
    changes: dict[Any, Any] = {BreakfastSlot.topic: topic, BreakfastSlot.description: description}
    if (topic, description) != (slot.topic, slot.description):
        changes[BreakfastSlot.revision] = BreakfastSlot.revision + 1  # a replay changes nothing
    BreakfastSlot.update(changes).where(BreakfastSlot.id == slot.id, BreakfastSlot.host == me.id).execute()
    _set_areas(slot.id, payload.get("areas") or [])
    return _info(hero, slot.uuid)


@action("breakfast.release")
def _release(hero: "Hero", payload: dict) -> SlotInfo:
    at = action_time(payload)
    actor = person_row(hero, payload["login"], at=at)
    zone = _zone(hero)
    slot = _slot_row(payload["slot"])
    expected = Person.get_or_none(Person.login_key == fold(payload["host"]))
    if slot.host_id is None or expected is None or slot.host_id != expected.id:
        return _info(hero, slot.uuid)  # already released (perhaps claimed anew since): nothing to undo
    if actor.id != slot.host_id and not actor.is_admin:
        raise NotAllowed("breakfast.error.not_your_slot")
    if slot.starts_at <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, zone))
    BreakfastSlot.update(host=None, topic="", description="", claimed_at=None, move_seen=True,
                         revision=BreakfastSlot.revision + 1).where(
        BreakfastSlot.id == slot.id, BreakfastSlot.host == expected.id
    ).execute()
    SlotArea.delete().where(SlotArea.slot == slot.id).execute()
    _withdraw_offers(slot.id, at)
    # Waitlist priority: the first in line gets it reserved before anyone else may claim it.
    advance_turns(hero, hero.now())
    WaitlistTurn.delete().where(WaitlistTurn.slot == slot.id, WaitlistTurn.status != "offered").execute()
    offer_next(hero, slot.id, hero.now())
    return _info(hero, slot.uuid)


@action("breakfast.rsvp")
def _rsvp(hero: "Hero", payload: dict) -> SlotInfo:
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    zone = _zone(hero)
    slot = _slot_row(payload["slot"])
    if payload.get("coming", True):
        if slot.host_id == me.id:
            raise ValidationError("breakfast.error.host_rsvp")
        _require_open(hero, slot, zone)
        Rsvp.insert(uuid=payload["uuid"], slot=slot.id, person=me.id, created_at=at).on_conflict_ignore().execute()
    else:
        if slot.starts_at <= hero.now():
            # History is read-only: who came to a breakfast that happened stays as it was.
            raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, zone))
        Rsvp.delete().where(Rsvp.slot == slot.id, Rsvp.person == me.id).execute()
    return _info(hero, slot.uuid)


def _waitlist_now(hero: "Hero") -> WaitlistInfo:
    zone = _zone(hero)
    now = hero.now()
    me = Person.get_or_none(Person.login_key == fold(hero.login))
    rows = list(_slot_query().where(BreakfastSlot.starts_at > now).order_by(BreakfastSlot.starts_at))
    upcoming = _slot_infos(rows, hero, me, zone, now, {})
    return hero.breakfast._read_waitlist(me, upcoming)


@action("breakfast.waitlist.join")
def _join_waitlist(hero: "Hero", payload: dict) -> WaitlistInfo:
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    waiting = WaitlistEntry.get_or_none(WaitlistEntry.person == me.id, WaitlistEntry.status == "waiting")
    if waiting is None:
        reserved = WaitlistTurn.select(WaitlistTurn.slot).where(WaitlistTurn.status == "offered")
        free = (
            BreakfastSlot.select().where(BreakfastSlot.host.is_null(), BreakfastSlot.status == "scheduled",
                                         BreakfastSlot.starts_at > hero.now(), BreakfastSlot.id.not_in(reserved))
            .order_by(BreakfastSlot.starts_at).first()
        )
        if free is not None:
            raise ValidationError("breakfast.error.slot_free", date=_when(free.starts_at, _zone(hero)))
        WaitlistEntry.insert(uuid=payload["uuid"], person=me.id, status="waiting", created_at=at).on_conflict_ignore().execute()
    return _waitlist_now(hero)


@action("breakfast.waitlist.pass")
def _pass_turn(hero: "Hero", payload: dict) -> WaitlistInfo:
    me = person_row(hero, payload["login"], at=action_time(payload))
    slot = _slot_row(payload["slot"])
    now = hero.now()
    advance_turns(hero, now)
    if close_turn(slot.id, me.id, "passed"):
        offer_next(hero, slot.id, now)
    elif not WaitlistTurn.select().where(WaitlistTurn.slot == slot.id, WaitlistTurn.person == me.id,
                                         WaitlistTurn.status == "passed").exists():
        raise ValidationError("breakfast.error.no_turn")  # a replay of a pass is fine; anything else is not
    return _waitlist_now(hero)


@action("breakfast.waitlist.leave")
def _leave_waitlist(hero: "Hero", payload: dict) -> WaitlistInfo:
    me = person_row(hero, payload["login"], at=action_time(payload))
    WaitlistEntry.update(status="left").where(WaitlistEntry.person == me.id, WaitlistEntry.status == "waiting").execute()
    return _waitlist_now(hero)


def _handover_row(uuid: str) -> Handover:
    row = Handover.get_or_none(Handover.uuid == uuid)
    if row is None:
        raise NotFound("breakfast.error.no_offer")
    return row


def _offer_info(hero: "Hero", row: Handover) -> OfferInfo:
    return _offer(row, Person.get_by_id(row.from_person_id), Person.get_by_id(row.to_person_id),
                  BreakfastSlot.get_by_id(row.slot_id), _zone(hero))


@action("breakfast.handover.offer")
def _offer_handover(hero: "Hero", payload: dict) -> OfferInfo:
    at = action_time(payload)
    existing = Handover.get_or_none(Handover.uuid == payload["uuid"])
    if existing is not None:
        return _offer_info(hero, existing)
    me = person_row(hero, payload["login"], at=at)
    zone = _zone(hero)
    slot = _slot_row(payload["slot"])
    if slot.host_id != me.id:
        raise NotAllowed("breakfast.error.not_your_slot")
    _require_open(hero, slot, zone)
    to = person_row(hero, payload["to"], create=False)
    if to.id == me.id:
        raise ValidationError("breakfast.error.offer_self")
    _withdraw_offers(slot.id, at)
    Handover.insert(uuid=payload["uuid"], slot=slot.id, from_person=me.id, to_person=to.id,
                    status="offered", created_at=at).on_conflict_ignore().execute()
    return _offer_info(hero, Handover.get(Handover.uuid == payload["uuid"]))


@action("breakfast.handover.answer")
def _answer_handover(hero: "Hero", payload: dict) -> OfferInfo:
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    zone = _zone(hero)
    row = _handover_row(payload["handover"])
    accept = bool(payload["accept"])
    if row.to_person_id != me.id:
        raise NotAllowed("breakfast.error.not_your_offer")
    if row.status == ("accepted" if accept else "declined"):
        return _offer_info(hero, row)  # answered already (a replay)
    if row.status != "offered":
        raise Conflict("breakfast.error.offer_closed")
    slot = BreakfastSlot.get_by_id(row.slot_id)
    if accept:
        _require_open(hero, slot, zone)
        # Like a claim, the change of host is one conditional update: it must still be the giver's.
        moved = BreakfastSlot.update(host=me.id, claimed_at=at, revision=BreakfastSlot.revision + 1).where(
            BreakfastSlot.id == slot.id, BreakfastSlot.host == row.from_person_id,
            BreakfastSlot.status == "scheduled",
        ).execute()
        if not moved:
            Handover.update(status="withdrawn", answered_at=at).where(Handover.id == row.id).execute()
            raise Conflict("breakfast.error.offer_closed")
        Rsvp.delete().where(Rsvp.slot == slot.id, Rsvp.person == me.id).execute()
        WaitlistEntry.update(status="done").where(WaitlistEntry.person == me.id, WaitlistEntry.status == "waiting").execute()
    Handover.update(status="accepted" if accept else "declined", answered_at=at).where(
        Handover.id == row.id, Handover.status == "offered"
    ).execute()
    return _offer_info(hero, Handover.get_by_id(row.id))


@action("breakfast.handover.withdraw")
def _withdraw_handover(hero: "Hero", payload: dict) -> OfferInfo:
    at = action_time(payload)
    me = person_row(hero, payload["login"], at=at)
    row = _handover_row(payload["handover"])
    if row.from_person_id != me.id:
        raise NotAllowed("breakfast.error.not_your_offer")
    Handover.update(status="withdrawn", answered_at=at).where(Handover.id == row.id, Handover.status == "offered").execute()
    return _offer_info(hero, Handover.get_by_id(row.id))


@action("breakfast.move_seen")
def _move_seen(hero: "Hero", payload: dict) -> int:
    me = person_row(hero, payload["login"], at=action_time(payload))
    uuids = [u for u in payload.get("slots", []) if isinstance(u, str)]
    if not uuids:
        return 0
    return BreakfastSlot.update(move_seen=True).where(BreakfastSlot.uuid.in_(uuids), BreakfastSlot.host == me.id).execute()


@action("breakfast.extra")
def _extra(hero: "Hero", payload: dict) -> SlotInfo:
    at = action_time(payload)
    require_admin(hero, payload["login"])
    zone = _zone(hero)
    starts = local_to_utc(parse_day(payload["day"]), parse_hhmm(payload["start"]), zone)
    if BreakfastSlot.get_or_none(BreakfastSlot.uuid == payload["uuid"]) is None:
        if starts <= hero.now():
            raise ValidationError("breakfast.error.past", date=_when(starts, zone))
        BreakfastSlot.insert(uuid=payload["uuid"], starts_at=starts, duration_minutes=_minutes(payload["minutes"]),
                             is_extra=True, created_at=at).on_conflict_ignore().execute()
    return _info(hero, payload["uuid"])


@action("breakfast.move")
def _move(hero: "Hero", payload: dict) -> SlotInfo:
    require_admin(hero, payload["login"])
    zone = _zone(hero)
    slot = _slot_row(payload["slot"])
    target = local_to_utc(parse_day(payload["day"]), parse_hhmm(payload["start"]), zone)
    if slot.starts_at == target:
        return _info(hero, slot.uuid)  # already there (a replay)
    if slot.starts_at <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, zone))
    if target <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(target, zone))
    changes: dict[Any, Any] = {BreakfastSlot.starts_at: target}
    # Remember where it was the last time the host looked, so they are told where it went.
    if slot.moved_from is None or slot.move_seen:
        changes[BreakfastSlot.moved_from] = slot.starts_at
    changes[BreakfastSlot.move_seen] = slot.host_id is None
    changes[BreakfastSlot.revision] = BreakfastSlot.revision + 1
    BreakfastSlot.update(changes).where(BreakfastSlot.id == slot.id).execute()
    return _info(hero, slot.uuid)


@action("breakfast.cancel")
def _cancel(hero: "Hero", payload: dict) -> SlotInfo:
    at = action_time(payload)
    require_admin(hero, payload["login"])
    zone = _zone(hero)
    slot = _slot_row(payload["slot"])
    status = "cancelled" if payload.get("cancelled", True) else "scheduled"
    if slot.status == status:
        return _info(hero, slot.uuid)
    if slot.starts_at <= hero.now():
        raise ValidationError("breakfast.error.past", date=_when(slot.starts_at, zone))
    # Restoring counts up too: a calendar must see the breakfast come back (SEQUENCE never falls).
    BreakfastSlot.update(status=status, revision=BreakfastSlot.revision + 1).where(BreakfastSlot.id == slot.id).execute()
    if status == "cancelled":
        _withdraw_offers(slot.id, at)
    return _info(hero, slot.uuid)


def describe_rule(rule: MonthlyRule) -> str:
    """"första fredagen i månaden, 08:00-09:00" in the current language."""
    from herotui.i18n import t

    end = (datetime.combine(date(2000, 1, 1), rule.start_time) + timedelta(minutes=rule.minutes)).time()
    return t("breakfast.rule.text", nth=t(f"breakfast.rule.nth.{rule.nth}"),
             weekday=t(f"breakfast.rule.weekday.{rule.weekday}"), start=rule.start, end=f"{end:%H:%M}")


__all__ = [
    "BreakfastService", "SlotInfo", "OfferInfo", "Overview", "WaitlistInfo", "WaitEntry", "RotationEntry",
    "TopicIdea", "validate_rule", "describe_rule",
]
