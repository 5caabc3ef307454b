"""Changing the weekly goal does not rewrite history (issue 14): each ISO week keeps the goal that
applied then, in the streak, the history bars and the team pulse. Weeks come from `clock`."""

from __future__ import annotations

from datetime import timedelta

from herotui.services.learning import Draft
from herotui.isoweek import week_start

from conftest import STOCKHOLM


def _log(hero, day, minutes: int) -> None:
    hero.learning.log(minutes, Draft(title="Kurs"), day=day)


def test_raising_the_goal_keeps_the_streak_earned_under_the_old_one(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    this_monday = week_start(clock.now(), STOCKHOLM)
    for weeks_ago in range(1, 6):
        _log(erik, this_monday - timedelta(weeks=weeks_ago), 60)
    assert erik.learning.week().streak == 5
    anna.org.set("weekly_goal_minutes", 90)
    week = erik.learning.week()
    assert week.goal == 90 and week.streak == 5  # was "no streak yet"
    bars = {bar.week_start: bar for bar in erik.learning.overview().history}
    for weeks_ago in range(1, 6):
        assert bars[this_monday - timedelta(weeks=weeks_ago)].goal_met
    last_week = erik.learning.overview(this_monday - timedelta(weeks=1))
    assert last_week.week.goal == 60 and last_week.week.goal_met
    assert last_week.pulse.had_hour >= 1
    # This week counts against the new goal: 60 does not meet 90, 90 does and extends the streak.
    _log(erik, clock.now().astimezone(STOCKHOLM).date(), 60)
    assert not erik.learning.week().goal_met and erik.learning.week().streak == 5
    _log(erik, clock.now().astimezone(STOCKHOLM).date(), 30)
    assert erik.learning.week().goal_met and erik.learning.week().streak == 6


def test_a_lower_goal_later_does_not_lift_old_weeks(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    this_monday = week_start(clock.now(), STOCKHOLM)
    _log(erik, this_monday - timedelta(weeks=2), 40)
    _log(erik, this_monday - timedelta(weeks=1), 40)
    anna.org.set("weekly_goal_minutes", 30)
    assert erik.learning.week().streak == 0  # 40 did not meet the 60 of those weeks
    _log(erik, clock.now().astimezone(STOCKHOLM).date(), 30)
    assert erik.learning.week().streak == 1
    from herotui.store.models import GoalWeek  # new in schema 3

    rows = {w: m for w, m in anna.store.read(lambda: list(GoalWeek.select(GoalWeek.week_start, GoalWeek.minutes).tuples()))}
    assert rows[this_monday.isoformat()] == 30 and 60 in rows.values()


def test_the_pulse_of_a_past_week_uses_that_weeks_goal(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    last_monday = week_start(clock.now(), STOCKHOLM) - timedelta(weeks=1)
    _log(erik, last_monday, 60)
    before = erik.learning.overview(last_monday).pulse
    anna.org.set("weekly_goal_minutes", 120)
    after = erik.learning.overview(last_monday).pulse
    assert after == before
