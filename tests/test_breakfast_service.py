"""The breakfast service: slots from the rule, claims, releases, RSVPs, waitlist, hand-overs,
admin moves and cancellations, rotation and topic ideas, on a real database file."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from herotui.services.actions import replay
from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.i18n import format_date
from herotui.services.calendar_rules import add_months, month_key, nth_weekday
from herotui.services.public_holidays import holidays_between
from herotui.store.models import BreakfastSlot, FocusArea, Person, Share, ShareArea, new_uuid

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = timezone.utc
HOLIDAYS = holidays_between("SE", date(2025, 1, 1), date(2029, 12, 31))


def upcoming(hero):
    return list(hero.breakfast.overview().upcoming)


def first_free(hero):
    return next(s for s in upcoming(hero) if s.is_free)


# -- generation -----------------------------------------------------------------------------------


def test_twelve_months_of_first_fridays_at_eight_local(hero, clock):
    slots = upcoming(hero)
    today = clock.now().astimezone(STOCKHOLM).date()
    first = (today.year, today.month) if nth_weekday(today.year, today.month, 1, 5) >= today else \
        add_months(today.year, today.month, 1)
    # (A breakfast later in this month because of a holiday may still be ahead: count from the first key.)
    start = (int(slots[0].rule_key[:4]), int(slots[0].rule_key[5:]))
    assert start in (first, (today.year, today.month))
    assert [s.rule_key for s in slots] == [month_key(*add_months(*start, i)) for i in range(12)]
    # First Fridays, except where that is a public holiday (New Year's Day 2027): the Friday after.
    for slot in slots:
        year, month = int(slot.rule_key[:4]), int(slot.rule_key[5:])
        first_friday = nth_weekday(year, month, 1, 5)
        expected = first_friday + timedelta(days=7) if first_friday in HOLIDAYS else first_friday
        assert slot.day == expected
    assert all(s.local_start.strftime("%H:%M") == "08:00" and s.minutes == 60 for s in slots)
    # Stored in UTC: an hour's difference across the daylight-saving changes.
    for slot in slots:
        summer = slot.local_start.utcoffset() == timedelta(hours=2)
        assert slot.starts_at.astimezone(UTC).hour == (6 if summer else 7)
    assert {s.starts_at.astimezone(UTC).hour for s in slots} == {6, 7}


def test_generation_is_idempotent_and_only_writes_when_something_is_missing(hero, store, clock):
    assert hero.breakfast.ensure_slots() == 12
    assert hero.breakfast.ensure_slots() == 0
    clock.advance(days=15)  # the December breakfast is over: December 2027 is now due
    assert hero.breakfast.ensure_slots() == 1
    assert store.read(lambda: BreakfastSlot.select().count()) == 13
    keys = store.read(lambda: [s.rule_key for s in BreakfastSlot.select()])
    assert len(keys) == len(set(keys))


def test_last_sunday_rule_across_both_daylight_saving_changes(hero):
    hero.org.set("holiday_country", "")  # 28 March 2027 is Easter Sunday; this test is about the clocks
    hero.breakfast.set_rule({"nth": -1, "weekday": 7, "start": "08:00", "minutes": 60})
    by_key = {s.rule_key: s for s in upcoming(hero)}
    # Whichever of the two change-over Sundays lie ahead: 08:00 local, 06:00 UTC in March, 07:00 in October.
    changes = [(f"{y}-03", datetime(y, 3, 1)) for y in (2026, 2027, 2028)] + \
              [(f"{y}-10", datetime(y, 10, 1)) for y in (2026, 2027, 2028)]
    seen = 0
    for key, _ in changes:
        slot = by_key.get(key)
        if slot is None:
            continue
        seen += 1
        assert slot.day == nth_weekday(slot.day.year, slot.day.month, -1, 7)
        assert slot.starts_at.astimezone(UTC).hour == (6 if key.endswith("-03") else 7)
    assert seen >= 2  # (slots made before the rule change may reach a month further)
    assert {s.local_start.strftime("%H:%M") for s in by_key.values()} == {"08:00"}


def test_rule_change_moves_rule_slots_keeps_hosts_and_hand_moved_slots(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    slots = [s for s in upcoming(anna) if s.starts_at > clock.now() + timedelta(days=14)]
    claimed, by_hand, free = slots[0], slots[1], slots[2]
    erik.breakfast.claim(claimed.uuid, "Psykologisk trygghet")
    hand_day = by_hand.day + timedelta(days=4)  # moved by hand (a Tuesday)
    anna.breakfast.move(by_hand.uuid, hand_day)
    anna.breakfast.set_rule({"nth": 2, "weekday": 4, "start": "08:30", "minutes": 45}, move_claimed=True)
    after = {s.uuid: s for s in upcoming(anna)}

    def second_thursday(slot) -> date:
        year, month = int(slot.rule_key[:4]), int(slot.rule_key[5:])
        return nth_weekday(year, month, 2, 4)

    assert after[claimed.uuid].day == second_thursday(claimed)
    assert after[claimed.uuid].local_start.strftime("%H:%M") == "08:30"
    assert after[claimed.uuid].host_login == "erik" and after[claimed.uuid].minutes == 45
    assert after[by_hand.uuid].day == hand_day  # stays where the admin put it
    assert after[free.uuid].day in (second_thursday(free), second_thursday(free) + timedelta(days=7))
    moved = erik.breakfast.overview().moved_for_me
    assert [s.uuid for s in moved] == [claimed.uuid]
    assert moved[0].moved_from.date() == claimed.day


def test_setting_the_rule_is_for_admins_and_validated(hero_for):
    with pytest.raises(NotAllowed):
        hero_for("erik").breakfast.set_rule({"nth": 1, "weekday": 5, "start": "08:00", "minutes": 60})
    with pytest.raises(ValidationError):
        hero_for("anna").breakfast.set_rule({"nth": 9, "weekday": 5, "start": "08:00", "minutes": 60})


# -- claiming -------------------------------------------------------------------------------------


def test_claim_then_the_loser_is_told_who_got_it(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    slot = first_free(anna)
    won = erik.breakfast.claim(slot.uuid, "  Kompetensbaserad rekrytering ", "Ta med frågor", ["Rekrytering"])
    assert won.host_login == "erik" and won.topic == "Kompetensbaserad rekrytering"
    assert won.areas == ("Rekrytering",) and won.is_mine
    with pytest.raises(Conflict) as info:
        anna.breakfast.claim(slot.uuid, "Något annat")
    assert "erik" in info.value.message() and format_date(slot.day, with_year=True) in info.value.message()
    assert anna.breakfast.slot(slot.uuid).host_login == "erik"


def test_claim_needs_a_topic_and_refuses_past_and_cancelled(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    slots = upcoming(anna)
    with pytest.raises(ValidationError):
        erik.breakfast.claim(slots[0].uuid, "   ")
    with pytest.raises(ValidationError):
        erik.breakfast.claim(slots[0].uuid, "x" * 201)
    with pytest.raises(ValidationError):
        erik.breakfast.claim(slots[0].uuid, "ok", areas=["Ingen sådan"])
    anna.breakfast.cancel(slots[1].uuid)
    with pytest.raises(Conflict):
        erik.breakfast.claim(slots[1].uuid, "Ämne")
    clock.set(slots[0].starts_at + timedelta(minutes=1))
    with pytest.raises(ValidationError) as info:
        erik.breakfast.claim(slots[0].uuid, "Ämne")
    assert info.value.key == "breakfast.error.past"


def test_an_offline_claim_replayed_later_finds_the_slot_taken(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    slot = first_free(anna)
    payload = {"slot": slot.uuid, "topic": "Offline-ämne", "description": "", "areas": [],
               "uuid": new_uuid(), "login": "anna", "at": clock.now().isoformat()}
    anna.outbox.add(payload["uuid"], "breakfast.claim", payload, anna.store.database_key, clock.now())
    clock.advance(minutes=30)
    erik.breakfast.claim(slot.uuid, "Erik hann före")
    report = replay(anna)
    assert report.sent == [] and len(report.refused) == 1
    assert "erik" in report.refused[0][1]
    assert anna.refusals and "erik" in anna.refusals[0].message
    assert anna.pending_count() == 0


def test_the_same_claim_sent_twice_is_done_once(hero_for, clock):
    anna = hero_for("anna")
    slot = first_free(anna)
    payload = {"slot": slot.uuid, "topic": "Två gånger", "areas": [], "uuid": new_uuid()}
    first = anna.submit("breakfast.claim", payload)
    second = anna.submit("breakfast.claim", payload)
    assert first.host_login == second.host_login == "anna"
    assert first.claimed_at == second.claimed_at


def test_release_own_admin_releases_any_others_may_not(hero_for):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    slots = upcoming(anna)
    erik.breakfast.claim(slots[0].uuid, "Eriks ämne", areas=["Ledarskap"])
    erik.breakfast.claim(slots[1].uuid, "Eriks andra")
    with pytest.raises(NotAllowed):
        maria.breakfast.release(slots[0].uuid)
    freed = erik.breakfast.release(slots[0].uuid)
    assert freed.host_login is None and freed.topic == "" and freed.areas == () and freed.is_free
    assert anna.breakfast.release(slots[1].uuid).host_login is None
    with pytest.raises(ValidationError):
        anna.breakfast.release(slots[1].uuid)  # nobody hosts it now


def test_an_old_release_does_not_free_a_newer_claim(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    slot = first_free(anna)
    erik.breakfast.claim(slot.uuid, "Först")
    stale = {"slot": slot.uuid, "host": "erik"}
    erik.breakfast.release(slot.uuid)
    anna.breakfast.claim(slot.uuid, "Sedan")
    erik.submit("breakfast.release", stale)  # replayed from an outbox: must not touch anna's claim
    assert anna.breakfast.slot(slot.uuid).host_login == "anna"


def test_edit_topic_only_by_the_host(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    slot = first_free(anna)
    erik.breakfast.claim(slot.uuid, "Utkast")
    assert erik.breakfast.edit(slot.uuid, "Färdigt ämne", "Beskrivning", ["AI i HR"]).topic == "Färdigt ämne"
    with pytest.raises(NotAllowed):
        anna.breakfast.edit(slot.uuid, "Kapat")


# -- RSVP -----------------------------------------------------------------------------------------


def test_rsvp_counts_and_only_the_host_and_admins_see_names(hero_for):
    anna, erik, maria, lars = (hero_for(x) for x in ("anna", "erik", "maria", "lars"))
    slot = first_free(anna)
    erik.breakfast.claim(slot.uuid, "Frukost med Erik")
    maria.breakfast.rsvp(slot.uuid)
    maria.breakfast.rsvp(slot.uuid)  # twice is still once
    assert lars.breakfast.rsvp(slot.uuid).rsvp_count == 2
    assert erik.breakfast.slot(slot.uuid).attendees == ("lars", "maria")
    assert anna.breakfast.slot(slot.uuid).attendees == ("lars", "maria")
    seen_by_lars = lars.breakfast.slot(slot.uuid)
    assert seen_by_lars.attendees == () and seen_by_lars.i_am_coming and seen_by_lars.rsvp_count == 2
    assert lars.breakfast.rsvp(slot.uuid, coming=False).rsvp_count == 1
    with pytest.raises(ValidationError):
        erik.breakfast.rsvp(slot.uuid)  # the host is coming anyway


# -- waitlist -------------------------------------------------------------------------------------


def _claim_everything(hero_for):
    anna = hero_for("anna")
    for index, slot in enumerate(upcoming(anna)):
        hero_for(f"host{index}").breakfast.claim(slot.uuid, f"Ämne {index}")


def test_waitlist_first_in_line_sees_a_released_slot_and_claims_it(hero_for):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    with pytest.raises(ValidationError) as info:
        erik.breakfast.join_waitlist()  # a slot is still free: take it instead
    assert info.value.key == "breakfast.error.slot_free"
    _claim_everything(hero_for)
    assert erik.breakfast.join_waitlist().my_position == 1
    assert erik.breakfast.join_waitlist().my_position == 1  # joining twice keeps one place
    assert maria.breakfast.join_waitlist().my_position == 2
    assert erik.breakfast.waitlist().my_turn is None
    target = upcoming(anna)[3]
    hero_for("host3").breakfast.release(target.uuid)
    turn = erik.breakfast.waitlist().my_turn
    assert turn is not None and turn.uuid == target.uuid
    assert maria.breakfast.waitlist().my_turn is None  # only the first in line is told
    erik.breakfast.claim(target.uuid, "Äntligen")
    waitlist = maria.breakfast.waitlist()
    assert [e.login for e in waitlist.entries] == ["maria"] and waitlist.my_position == 1
    assert maria.breakfast.leave_waitlist().entries == ()


# -- hand-over ------------------------------------------------------------------------------------


def test_handover_offer_accept(hero_for):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    slot = first_free(anna)
    erik.breakfast.claim(slot.uuid, "Eriks ämne")
    maria.breakfast.rsvp(slot.uuid)
    with pytest.raises(NotAllowed):
        anna.breakfast.offer(slot.uuid, "maria")  # not anna's breakfast
    with pytest.raises(ValidationError):
        erik.breakfast.offer(slot.uuid, "erik")
    with pytest.raises(NotFound):
        erik.breakfast.offer(slot.uuid, "nobody")
    offer = erik.breakfast.offer(slot.uuid, "maria")
    assert offer.status == "offered" and erik.breakfast.slot(slot.uuid).offer.to_login == "maria"
    assert [o.uuid for o in maria.breakfast.overview().offers_to_me] == [offer.uuid]
    with pytest.raises(NotAllowed):
        anna.breakfast.answer(offer.uuid, True)
    assert maria.breakfast.answer(offer.uuid, True).status == "accepted"
    taken = maria.breakfast.slot(slot.uuid)
    assert taken.host_login == "maria" and taken.topic == "Eriks ämne" and taken.offer is None
    assert taken.rsvp_count == 0  # the new host no longer counts as a guest
    assert maria.breakfast.answer(offer.uuid, True).status == "accepted"  # a replay changes nothing
    with pytest.raises(Conflict):
        maria.breakfast.answer(offer.uuid, False)


def test_handover_decline_withdraw_and_a_stale_offer(hero_for):
    anna, erik, maria, lars = (hero_for(x) for x in ("anna", "erik", "maria", "lars"))
    slot = first_free(anna)
    erik.breakfast.claim(slot.uuid, "Eriks ämne")
    first = erik.breakfast.offer(slot.uuid, "maria")
    assert maria.breakfast.answer(first.uuid, False).status == "declined"
    assert erik.breakfast.slot(slot.uuid).host_login == "erik"
    second = erik.breakfast.offer(slot.uuid, "lars")
    third = erik.breakfast.offer(slot.uuid, "maria")  # a new offer replaces the open one
    with pytest.raises(Conflict):
        lars.breakfast.answer(second.uuid, True)
    assert erik.breakfast.withdraw(third.uuid).status == "withdrawn"
    with pytest.raises(Conflict):
        maria.breakfast.answer(third.uuid, True)
    fourth = erik.breakfast.offer(slot.uuid, "lars")
    erik.breakfast.release(slot.uuid)  # releasing takes open offers back
    with pytest.raises(Conflict):
        lars.breakfast.answer(fourth.uuid, True)
    assert anna.breakfast.slot(slot.uuid).host_login is None


# -- admins: extra, move, cancel ------------------------------------------------------------------


def test_move_keeps_the_host_who_then_sees_it_once(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    january = upcoming(anna)[1]
    erik.breakfast.claim(january.uuid, "Nyårsfrukost")
    first_move, second_move = january.day + timedelta(days=7), january.day + timedelta(days=14)
    with pytest.raises(NotAllowed):
        erik.breakfast.move(january.uuid, first_move)
    moved = anna.breakfast.move(january.uuid, first_move, "09:00")
    assert moved.day == first_move and moved.local_start.strftime("%H:%M") == "09:00"
    assert moved.host_login == "erik" and moved.moved_from.date() == january.day
    overview = erik.breakfast.overview()
    assert [s.uuid for s in overview.moved_for_me] == [january.uuid]
    assert overview.slot(january.uuid).moved_from is not None
    erik.breakfast.mark_moves_seen([january.uuid])
    assert erik.breakfast.overview().moved_for_me == ()
    # Moving again after the host looked: "moved from" is where the host last saw it.
    anna.breakfast.move(january.uuid, second_move)
    again = erik.breakfast.overview().moved_for_me
    assert again[0].moved_from.date() == first_move


def test_cancelled_breakfasts_stay_visible_and_can_be_restored(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    slot = upcoming(anna)[2]
    erik.breakfast.claim(slot.uuid, "Inställt?")
    with pytest.raises(NotAllowed):
        erik.breakfast.cancel(slot.uuid)
    cancelled = anna.breakfast.cancel(slot.uuid)
    assert cancelled.is_cancelled and cancelled.state == "cancelled" and cancelled.host_login == "erik"
    assert slot.uuid in [s.uuid for s in upcoming(erik)]
    with pytest.raises(Conflict):
        hero_for("maria").breakfast.rsvp(slot.uuid)
    assert anna.breakfast.cancel(slot.uuid, cancelled=False).state == "claimed"


def test_extra_breakfast_for_admins(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    first, second = upcoming(anna)[:2]
    day = first.day + (second.day - first.day) // 2  # between the first two breakfasts
    with pytest.raises(NotAllowed):
        erik.breakfast.add_extra(day.isoformat())
    extra = anna.breakfast.add_extra(day.isoformat(), "07:45", 90)
    assert extra.is_extra and extra.rule_key is None and extra.minutes == 90
    assert extra.local_start == datetime(day.year, day.month, day.day, 7, 45, tzinfo=STOCKHOLM)
    assert [s.day for s in upcoming(anna)][:3] == [first.day, day, second.day]
    with pytest.raises(ValidationError):
        anna.breakfast.add_extra((first.day - timedelta(days=60)).isoformat())
    with pytest.raises(ValidationError):
        anna.breakfast.add_extra("16/12")


def test_slot_on_a_date(hero_for):
    anna = hero_for("anna")
    slot = upcoming(anna)[1]
    assert anna.breakfast.slot_on(slot.day.isoformat()).rule_key == slot.rule_key
    with pytest.raises(NotFound):
        anna.breakfast.slot_on((slot.day + timedelta(days=1)).isoformat())
    anna.breakfast.add_extra(slot.day.isoformat(), "12:00")
    with pytest.raises(ValidationError):
        anna.breakfast.slot_on(slot.day.isoformat())


# -- archive, rotation and ideas ------------------------------------------------------------------


def test_archive_holds_past_breakfasts_with_host_and_topic(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    slots = upcoming(anna)
    erik.breakfast.claim(slots[0].uuid, "Det som var")
    anna.breakfast.cancel(slots[1].uuid)
    clock.set(slots[1].starts_at + timedelta(hours=2))
    past = anna.breakfast.overview().past
    assert [s.uuid for s in past] == [slots[1].uuid, slots[0].uuid]  # newest first
    assert past[1].topic == "Det som var" and past[1].host_name == "erik" and past[1].is_past
    assert past[0].state == "cancelled"


def test_rotation_lists_who_never_hosted_first_then_longest_ago(hero_for, clock):
    anna, erik, maria, lars = (hero_for(x) for x in ("anna", "erik", "maria", "lars"))
    slots = upcoming(anna)
    maria.breakfast.claim(slots[0].uuid, "Marias")
    erik.breakfast.claim(slots[1].uuid, "Eriks")
    lars.breakfast.claim(slots[5].uuid, "Lars senare")
    clock.set(slots[1].starts_at + timedelta(hours=2))
    rotation = anna.breakfast.overview().rotation
    order = [e.login for e in rotation]
    assert order == ["anna", "maria", "erik", "lars"]
    by_login = {e.login: e for e in rotation}
    assert by_login["anna"].last_hosted is None and by_login["anna"].times_hosted == 0
    assert by_login["maria"].last_hosted == slots[0].day and by_login["maria"].times_hosted == 1
    assert by_login["lars"].next_hosting == slots[5].day


def test_topic_ideas_are_busy_areas_no_breakfast_covered_lately(hero_for, store, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    now = clock.now()

    def share(area: str, days_ago: int) -> None:
        def write() -> None:
            person = Person.get(Person.login == "erik")
            created = now - timedelta(days=days_ago)
            share_id = Share.insert(uuid=new_uuid(), person=person, url=f"https://e.example/{new_uuid()}",
                                    url_key=new_uuid(), title="t", created_at=created, updated_at=created).execute()
            ShareArea.insert(share=share_id, area=FocusArea.get(FocusArea.name == area)).execute()

        store.write(write)

    for _ in range(3):
        share("AI i HR", 5)
    for _ in range(2):
        share("Arbetsrätt", 10)
    share("Ledarskap", 20)
    share("Arbetsmiljö", 200)  # too old to count
    ideas = anna.breakfast.overview().ideas
    assert [(i.area, i.shares) for i in ideas] == [("AI i HR", 3), ("Arbetsrätt", 2), ("Ledarskap", 1)]
    erik.breakfast.claim(first_free(erik).uuid, "AI och rekrytering", areas=["AI i HR"])
    assert [i.area for i in anna.breakfast.overview().ideas] == ["Arbetsrätt", "Ledarskap"]


def test_hostile_topics_are_cleaned_on_the_way_in(hero_for):
    erik = hero_for("erik")
    slot = first_free(erik)
    claimed = erik.breakfast.claim(slot.uuid, "\x1b[2J[bold]Rubrik[/]\u202e", "rad1\r\nrad2\x07")
    assert claimed.topic == "[2J[bold]Rubrik[/]" and claimed.description == "rad1\nrad2"


def test_an_action_waiting_in_the_outbox_marks_its_slot_pending(hero_for, clock):
    anna = hero_for("anna")
    slot = first_free(anna)
    payload = {"slot": slot.uuid, "topic": "Väntar", "areas": [], "uuid": new_uuid(), "login": "anna",
               "at": clock.now().isoformat()}
    anna.outbox.add(payload["uuid"], "breakfast.claim", payload, anna.store.database_key, clock.now())
    assert anna.breakfast.overview().slot(slot.uuid).waiting_action == "breakfast.claim"
    assert replay(anna).sent == [payload["uuid"]]
    after = anna.breakfast.overview().slot(slot.uuid)
    assert after.waiting_action is None and after.host_login == "anna"
