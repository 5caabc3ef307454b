"""The breakfast rule meets the real calendar (issue 14): public holidays (the `holidays` package,
Swedish by default, Sundays not counted), months an admin leaves out, and rule changes that keep
claimed breakfasts where their host planned them unless the admin confirms each move."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from herotui.cli import main
from herotui.services.calendar_rules import MonthlyRule, nth_weekday
from herotui.services.errors import ValidationError


def upcoming(hero):
    return list(hero.breakfast.overview().upcoming)


def se_holidays(first: date, last: date) -> dict[date, str]:
    from herotui.services.public_holidays import holidays_between  # (imported here: each test fails alone on old code)

    return holidays_between("SE", first, last)


def BreakfastPlan(*args, **kwargs):
    from herotui.services.calendar_rules import BreakfastPlan as plan

    return plan(*args, **kwargs)


# -- the plan itself (no database) ------------------------------------------------------------------


def test_new_years_day_2027_gets_no_breakfast_under_the_default_rule():
    days = se_holidays(date(2026, 1, 1), date(2028, 12, 31))
    assert date(2027, 1, 1) in days  # the holidays package knows it
    plan = BreakfastPlan(MonthlyRule(), days)
    assert plan.day_in(2027, 1) == date(2027, 1, 8)  # the same weekday a week later
    assert BreakfastPlan(MonthlyRule(), days, on_holiday="skip").day_in(2027, 1) is None
    assert plan.day_in(2027, 2) == date(2027, 2, 5)  # an ordinary month is untouched


def test_sundays_are_not_holidays_and_the_swedish_eves_are():
    days = se_holidays(date(2027, 1, 1), date(2027, 12, 31))
    assert date(2027, 1, 3) not in days  # an ordinary Sunday (older `holidays` counted every Sunday)
    assert {date(2027, 6, 25), date(2027, 12, 24), date(2027, 12, 31)} <= set(days)  # midsummer, Christmas, New Year's Eve
    last_sunday = BreakfastPlan(MonthlyRule(nth=-1, weekday=7), days)
    assert last_sunday.day_in(2027, 10) == date(2027, 10, 31)
    assert last_sunday.day_in(2027, 3) == date(2027, 3, 21)  # Easter Sunday: a week earlier, same month


def test_a_month_left_out_has_no_breakfast():
    plan = BreakfastPlan(MonthlyRule(), {}, months_off=frozenset({7}))
    assert plan.day_in(2027, 7) is None and plan.day_in(2027, 8) == nth_weekday(2027, 8, 1, 5)


# -- the service ------------------------------------------------------------------------------------


def test_no_rule_breakfast_falls_on_a_public_holiday(hero, clock):
    slots = [s for s in upcoming(hero) if s.rule_key]
    assert len(slots) == 12
    days = se_holidays(slots[0].day - timedelta(days=1), slots[-1].day + timedelta(days=1))
    assert not [s.day for s in slots if s.day in days]
    overview = hero.breakfast.overview()
    assert date(slots[0].day.year + 1, 1, 1) in overview.holidays  # the grid can mark them


def test_holidays_follow_the_country_setting_and_can_be_turned_off(hero_for, clock):
    anna = hero_for("anna")
    with pytest.raises(ValidationError):
        anna.org.set("holiday_country", "XX")
    anna.org.set("holiday_country", "no")
    assert anna.org.get("holiday_country") == "NO"
    assert date(2027, 5, 17) in anna.breakfast.overview().holidays  # Norway's constitution day
    anna.org.set("holiday_country", "")
    assert anna.breakfast.overview().holidays == {}
    with pytest.raises(ValidationError):
        anna.org.set("breakfast_on_holiday", "maybe")


def test_skip_setting_leaves_the_holiday_month_out(hero_for, clock):
    anna = hero_for("anna")
    today = clock.now().date()
    anna.org.set("breakfast_on_holiday", "skip")
    anna.breakfast.set_rule({"nth": -1, "weekday": 5, "start": "08:00", "minutes": 60})  # last Friday
    rule = MonthlyRule(nth=-1, weekday=5)
    days = se_holidays(today - timedelta(days=31), today + timedelta(days=800))
    live = [s for s in upcoming(anna) if s.rule_key and not s.is_cancelled]
    keys = {s.rule_key for s in live}
    for slot in live:
        assert slot.day not in days
    # Every month whose last Friday is a holiday (Christmas Eve 2027, Good Friday 2027...) has none.
    for slot_key in keys:
        year, month = map(int, slot_key.split("-"))
        assert rule.day_in(year, month) not in days


def test_an_admin_leaves_july_out(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    with pytest.raises(ValidationError):
        anna.org.set("breakfast_months_off", [13])
    free_month = next(s for s in upcoming(anna) if s.rule_key and s.is_free)
    month = free_month.day.month
    with pytest.raises(Exception):
        erik.org.set("breakfast_months_off", [month])
    change = anna.org.set("breakfast_months_off", [month])
    assert [m.slot_uuid for m in change.moved] == [free_month.uuid] and change.moved[0].new is None
    after = anna.breakfast.slot(free_month.uuid)
    assert after.is_cancelled and after.revision > free_month.revision  # calendars are told
    live_months = {s.day.month for s in upcoming(anna) if not s.is_cancelled}
    assert month not in live_months


def test_a_month_put_back_gets_its_breakfast_back(hero_for, db_path, capsys):
    """Leaving a month out cancels its breakfast; putting the month back brought nothing back (the
    breakfast stayed cancelled for good). Now it is back, calendars are told (SEQUENCE grows),
    and the command says so. A breakfast an admin cancelled by hand stays cancelled."""
    anna = hero_for("anna")
    free = [s for s in upcoming(anna) if s.rule_key and s.is_free]
    left_out, by_hand = free[0], free[1]
    anna.breakfast.cancel(by_hand.uuid)
    anna.org.set("breakfast_months_off", [left_out.day.month])
    cancelled = anna.breakfast.slot(left_out.uuid)
    assert cancelled.is_cancelled
    capsys.readouterr()
    assert main(["org", "set", "breakfast_months_off", "[]", "--db", str(db_path)]) == 0
    assert "is back" in capsys.readouterr().out
    back = anna.breakfast.slot(left_out.uuid)
    assert not back.is_cancelled and back.local_start == left_out.local_start
    assert back.revision > cancelled.revision
    assert anna.breakfast.slot(by_hand.uuid).is_cancelled


def test_a_rule_change_keeps_claimed_dates_unless_confirmed(hero_for):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    slots = [s for s in upcoming(anna) if s.rule_key]
    claimed, free, other = slots[0], slots[1], slots[2]
    erik.breakfast.claim(claimed.uuid, "Mitt ämne")
    maria.breakfast.rsvp(claimed.uuid)
    erik.breakfast.claim(other.uuid, "Nästa ämne")
    new_rule = {"nth": 2, "weekday": 4, "start": "08:30", "minutes": 45}
    change = anna.breakfast.set_rule(new_rule)
    assert sorted(k.slot_uuid for k in change.kept) == sorted([claimed.uuid, other.uuid])
    after = {s.uuid: s for s in upcoming(anna)}
    assert after[claimed.uuid].local_start == claimed.local_start  # kept: guests planned around it
    assert after[claimed.uuid].revision == anna.breakfast.slot(claimed.uuid).revision
    assert after[free.uuid].local_start.isoweekday() == 4 and after[free.uuid].local_start.strftime("%H:%M") == "08:30"
    assert erik.breakfast.overview().moved_for_me == ()
    # The admin confirms moving one of them: only that one follows the rule.
    old_rule = {"nth": 1, "weekday": 5, "start": "08:00", "minutes": 60}
    anna.breakfast.set_rule(old_rule)
    change = anna.breakfast.set_rule(new_rule, move_claimed=[claimed.uuid])
    assert [m.slot_uuid for m in change.moved if m.host_name] == [claimed.uuid]
    assert [k.slot_uuid for k in change.kept] == [other.uuid]
    moved = anna.breakfast.slot(claimed.uuid)
    assert moved.local_start.isoweekday() == 4 and moved.host_login == "erik" and moved.revision > claimed.revision
    assert [s.uuid for s in erik.breakfast.overview().moved_for_me] == [claimed.uuid]


def test_cli_rule_needs_yes_to_move_claimed_breakfasts(db_path, hero_for, capsys):
    anna, erik = hero_for("anna"), hero_for("erik")
    claimed = next(s for s in upcoming(anna) if s.rule_key)
    erik.breakfast.claim(claimed.uuid, "Värd")
    args = ["breakfast", "rule", "--start", "09:15", "--db", str(db_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "--yes" in out and anna.breakfast.slot(claimed.uuid).local_start == claimed.local_start
    assert main(["breakfast", "rule", "--start", "08:00", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main([*args, "--yes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert claimed.uuid in [m["slot_uuid"] for m in data["moved"]] and data["kept"] == []
    assert anna.breakfast.slot(claimed.uuid).local_start.strftime("%H:%M") == "09:15"


def test_yes_moves_what_the_same_change_kept_before(db_path, hero_for, capsys):
    """The kept line says "with --yes it moves to ...": running the same change again with --yes
    does that (it used to do nothing, since the rule was already in force). A hand-moved
    breakfast still stays."""
    anna, erik = hero_for("anna"), hero_for("erik")
    rule_slots = [s for s in upcoming(anna) if s.rule_key and s.is_free]
    claimed, by_hand = rule_slots[0], rule_slots[1]
    erik.breakfast.claim(claimed.uuid, "Värd")
    hand_day = by_hand.day + timedelta(days=1)
    anna.breakfast.move(by_hand.uuid, hand_day)
    erik.breakfast.claim(by_hand.uuid, "Flyttad för hand")
    args = ["breakfast", "rule", "--start", "09:15", "--db", str(db_path)]
    assert main(args) == 0
    assert "--yes" in capsys.readouterr().out
    assert anna.breakfast.slot(claimed.uuid).local_start == claimed.local_start
    assert main([*args, "--yes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["slot_uuid"] for m in data["moved"]] == [claimed.uuid] and data["kept"] == []
    assert anna.breakfast.slot(claimed.uuid).local_start.strftime("%H:%M") == "09:15"
    assert anna.breakfast.slot(by_hand.uuid).day == hand_day


def test_org_set_of_a_plan_setting_names_kept_breakfasts_and_takes_yes(db_path, hero_for, capsys):
    """`org set breakfast_months_off` (and the holiday settings) change the plan as `breakfast
    rule` does: the command names what moved and what kept its date, and --yes confirms."""
    anna, erik = hero_for("anna"), hero_for("erik")
    claimed = next(s for s in upcoming(anna) if s.rule_key and s.is_free)
    erik.breakfast.claim(claimed.uuid, "Värd")
    args = ["org", "set", "breakfast_months_off", json.dumps([claimed.day.month]), "--db", str(db_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "keeps its date" in out and "Värd" not in out  # the host's name, not the topic
    assert not anna.breakfast.slot(claimed.uuid).is_cancelled
    assert main([*args, "--yes"]) == 0
    assert "cancelled" in capsys.readouterr().out
    assert anna.breakfast.slot(claimed.uuid).is_cancelled


def test_an_unknown_setting_is_a_clear_error(hero):
    with pytest.raises(ValidationError) as info:
        hero.org.set("breakfast_holidays", "next")  # a typo; it used to crash with a TypeError
    assert info.value.params["setting"] == "breakfast_holidays"
