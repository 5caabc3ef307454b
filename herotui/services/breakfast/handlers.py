"""The breakfast actions: one handler per `@action`, run inside one IMMEDIATE write transaction.

Each handler is idempotent (a replay from the outbox, perhaps long after an offline click, finds
its work done and returns the current state) and re-checks the rules when it runs. Who hosts a
slot is settled by the database: a claim is one conditional
`UPDATE ... WHERE id = ? AND host IS NULL AND status = 'scheduled'`; whoever's update changed no
row lost and is told who won. Payloads carry `login` and `uuid` (added by `Hero.submit`) and the
fields the service method put there; errors are the service errors of `herotui.services.errors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peewee import fn

from herotui.collation import fold
from herotui.i18n import format_datetime
from herotui.services.actions import action, action_time
from herotui.services.breakfast.read import _info, _offer, waitlist_now
from herotui.services.breakfast.rules import _minutes, parse_day, validate_description, validate_topic
from herotui.services.breakfast.schedule import (
    _host_name,
    _require_open,
    _set_areas,
    _slot_row,
    _when,
    _withdraw_offers,
    _zone,
)
from herotui.services.breakfast.types import OfferInfo, SlotInfo, WaitlistInfo
from herotui.services.breakfast_turns import advance_turns, close_turn, end_turns_of, offer_next, reservation_blocks
from herotui.services.calendar_rules import local_to_utc, parse_hhmm
from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.services.people import person_row, require_admin
from herotui.store.models import BreakfastSlot, Handover, Person, Rsvp, SlotArea, WaitlistEntry, WaitlistTurn

if TYPE_CHECKING:
    from herotui.services.hero import Hero


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
    end_turns_of(hero, me.id, now)  # a reservation of another breakfast goes to the next in line
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
    areas_changed = _set_areas(slot.id, payload.get("areas") or [])
    if areas_changed or (topic, description) != (slot.topic, slot.description):
        changes[BreakfastSlot.revision] = BreakfastSlot.revision + 1  # a replay changes nothing
    BreakfastSlot.update(changes).where(BreakfastSlot.id == slot.id, BreakfastSlot.host == me.id).execute()
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
    return waitlist_now(hero)


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
    return waitlist_now(hero)


@action("breakfast.waitlist.leave")
def _leave_waitlist(hero: "Hero", payload: dict) -> WaitlistInfo:
    me = person_row(hero, payload["login"], at=action_time(payload))
    WaitlistEntry.update(status="left").where(WaitlistEntry.person == me.id, WaitlistEntry.status == "waiting").execute()
    end_turns_of(hero, me.id, hero.now())  # the next in line need not wait out a reservation nobody wants
    return waitlist_now(hero)


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
        end_turns_of(hero, me.id, hero.now())
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
        # Nobody's turn is spent on a breakfast that will not happen; restoring it starts the line again.
        WaitlistTurn.delete().where(WaitlistTurn.slot == slot.id, WaitlistTurn.status == "offered").execute()
    else:
        advance_turns(hero, hero.now())
        offer_next(hero, slot.id, hero.now())
    return _info(hero, slot.uuid)
