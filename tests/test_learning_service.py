"""The learning hour's rules, on a real database file with an injected clock (nothing sleeps)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from herotui.services.errors import Conflict, NotAllowed, NotFound, ValidationError
from herotui.services.hero import Hero
from herotui.services.learning import Draft, make_draft, streak
from herotui.store.models import LearningSession, Share

from conftest import STOCKHOLM, en_day_time, iso_week_name, local_now, local_today, week_monday


def at_local(clock, *args) -> datetime:
    clock.set(datetime(*args, tzinfo=STOCKHOLM))
    return clock.now()


def draft(title="Podd: Framtidens arbetsrätt", **kw) -> Draft:
    return make_draft(title=title, **kw)


# -- the timer ---------------------------------------------------------------------------------


def test_start_pause_resume_stop_arithmetic(hero, clock):
    started_on = local_today(clock)
    timer = hero.learning.start()
    assert timer.running and timer.elapsed_seconds(clock.now()) == 0
    clock.advance(minutes=20)
    paused = hero.learning.pause(timer)
    assert paused.paused and paused.elapsed_seconds(clock.now()) == 20 * 60
    clock.advance(minutes=10)  # a coffee: not counted
    assert hero.learning.timer().elapsed_seconds(clock.now()) == 20 * 60
    resumed = hero.learning.resume(paused)
    assert resumed.running and resumed.paused_seconds == 600
    clock.advance(minutes=25, seconds=20)
    assert resumed.elapsed_seconds(clock.now()) == 45 * 60 + 20
    session = hero.learning.stop(draft(kind="podcast"), timer=resumed)
    assert session.minutes == 45
    assert session.kind == "podcast" and session.day == started_on
    assert hero.learning.timer() is None
    assert hero.learning.week(started_on).minutes == 45


def test_a_session_across_midnight_and_the_week_end_counts_for_the_week_it_started(hero, clock):
    at_local(clock, 2026, 11, 29, 23, 40)  # Sunday of week 48
    hero.learning.start(draft())
    clock.advance(minutes=50)  # Monday 00:30, week 49
    session = hero.learning.stop()
    assert session.minutes == 50 and session.day == date(2026, 11, 29)
    assert hero.learning.week().minutes == 0  # week 49: nothing yet
    last = hero.learning.week(date(2026, 11, 29))
    assert (last.week, last.minutes) == (48, 50)


def test_a_pause_over_the_week_end_is_not_counted(hero, clock):
    at_local(clock, 2026, 11, 29, 23, 0)
    timer = hero.learning.start(draft())
    clock.advance(minutes=30)
    timer = hero.learning.pause(timer)
    at_local(clock, 2026, 11, 30, 8, 0)
    timer = hero.learning.resume(timer)
    assert timer.paused_seconds == 8 * 3600 + 30 * 60
    clock.advance(minutes=15)
    assert hero.learning.stop(timer=timer).minutes == 45


def test_daylight_saving_change_counts_real_time(hero, clock):
    at_local(clock, 2026, 10, 25, 1, 30)  # clocks go back at 03:00 that night
    hero.learning.start(draft())
    clock.advance(hours=2)  # 02:30 the second time round, in local time
    assert hero.learning.stop().minutes == 120


def test_stopping_a_paused_timer_counts_up_to_the_pause(hero, clock):
    timer = hero.learning.start(draft())
    clock.advance(minutes=30)
    hero.learning.pause(timer)
    clock.advance(hours=2)  # forgot it, but it was paused
    session = hero.learning.stop()
    assert session.minutes == 30
    assert session.ended_at == session.started_at + timedelta(minutes=30)


def test_a_partial_minute_counts_as_one(hero, clock):
    hero.learning.start(draft())
    clock.advance(seconds=20)
    assert hero.learning.stop().minutes == 1


def test_the_timer_lives_in_the_database_not_in_memory(store, clock, outbox):
    first = Hero(store, "anna", clock=clock, outbox=outbox)
    first.learning.start(draft(kind="book", areas=["Ledarskap"]))
    clock.advance(minutes=12)
    first.learning.pause()
    clock.advance(minutes=5)
    del first
    again = Hero(store, "anna", clock=clock, outbox=outbox)  # "the next start, on any machine"
    timer = again.learning.timer()
    assert timer.paused and timer.elapsed_seconds(clock.now()) == 12 * 60
    assert (timer.kind, timer.title, timer.areas) == ("book", "Podd: Framtidens arbetsrätt", ("Ledarskap",))


def test_one_running_timer_per_person(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    anna.learning.start()
    with pytest.raises(Conflict) as caught:
        anna.learning.start()
    assert "You already have a timer going" in caught.value.message()
    assert en_day_time(local_now(clock)) in caught.value.message()
    erik.learning.start()  # colleagues have their own
    with pytest.raises(Conflict):
        anna.learning.start()  # a paused one counts too
    rows = anna.store.read(lambda: LearningSession.select().where(LearningSession.status != "done").count())
    assert rows == 2


def test_starting_again_after_stopping_is_fine(hero, clock):
    hero.learning.start(draft())
    clock.advance(minutes=5)
    hero.learning.stop()
    assert hero.learning.start().running


def test_pause_resume_stop_without_a_timer_are_refused_clearly(hero):
    for call in (hero.learning.pause, hero.learning.resume, hero.learning.stop, hero.learning.discard):
        with pytest.raises(NotFound) as caught:
            call()
        assert caught.value.message() == "You have no timer running."


def test_pausing_twice_and_resuming_twice_change_nothing(hero, clock):
    timer = hero.learning.start(draft())
    clock.advance(minutes=3)
    hero.learning.pause(timer)
    clock.advance(minutes=3)
    assert hero.learning.pause(timer).paused_at == timer.started_at + timedelta(minutes=3)
    hero.learning.resume(timer)
    clock.advance(minutes=3)
    again = hero.learning.resume(timer)
    assert again.elapsed_seconds(clock.now()) == 6 * 60


def test_the_stop_needs_a_title(hero, clock):
    hero.learning.start()
    clock.advance(minutes=10)
    with pytest.raises(ValidationError) as caught:
        hero.learning.stop()
    assert "Please give a title" in caught.value.message()
    assert hero.learning.timer() is not None  # nothing was lost
    assert hero.learning.stop(draft()).minutes == 10


# -- the long timer ------------------------------------------------------------------------------


def test_a_long_timer_is_not_counted_silently(hero, clock):
    timer = hero.learning.start(draft())
    clock.advance(hours=3, minutes=1)
    timer = hero.learning.timer()
    assert timer.needs_review(clock.now())
    with pytest.raises(Conflict) as caught:
        hero.learning.stop()
    assert "3 h 1 min" in caught.value.message() and "--minutes" in caught.value.message()
    assert hero.learning.stop(minutes=60).minutes == 60  # trim


def test_keep_lets_it_go_on_and_asks_again_a_limit_later(hero, clock):
    hero.learning.start(draft())
    clock.advance(hours=3, minutes=5)
    kept = hero.learning.keep()
    assert kept.confirmed_minutes == 185 and not kept.needs_review(clock.now())
    clock.advance(hours=2)
    assert not hero.learning.timer().needs_review(clock.now())
    clock.advance(hours=1, minutes=1)
    assert hero.learning.timer().needs_review(clock.now())


def test_discard_counts_nothing(hero, clock):
    hero.learning.start(draft())
    clock.advance(hours=9)
    hero.learning.discard()
    assert hero.learning.timer() is None
    assert hero.learning.week().minutes == 0


def test_the_limit_is_an_organisation_setting(hero, clock):
    hero.org.set("long_timer_hours", 1)
    hero.learning.start(draft())
    clock.advance(minutes=59)
    assert not hero.learning.timer().needs_review(clock.now())
    clock.advance(minutes=2)
    assert hero.learning.timer().needs_review(clock.now())


def test_a_paused_long_timer_does_not_grow(hero, clock):
    timer = hero.learning.start(draft())
    clock.advance(minutes=40)
    hero.learning.pause(timer)
    clock.advance(days=3)
    assert not hero.learning.timer().needs_review(clock.now())
    assert hero.learning.stop().minutes == 40


def test_a_long_live_timer_does_not_count_in_the_week_on_screen(hero, clock):
    hero.learning.start(draft())
    clock.advance(minutes=30)
    overview = hero.learning.overview()
    assert overview.week.minutes_with(overview.timer, clock.now(), overview.zone) == 30
    clock.advance(hours=4)
    overview = hero.learning.overview()
    assert overview.week.minutes_with(overview.timer, clock.now(), overview.zone) == 0


# -- logging, editing, deleting --------------------------------------------------------------------


def test_manual_back_dated_entry_counts_for_its_day(hero, clock):
    yesterday = local_today(clock) - timedelta(days=1)
    session = hero.learning.log(35, draft(kind="podcast", areas=["Arbetsrätt"], note="Lyssnade på tåget"),
                                day=yesterday.isoformat())
    assert session.day == yesterday and session.manual and session.minutes == 35
    assert session.areas == ("Arbetsrätt",) and session.note == "Lyssnade på tåget"
    assert hero.learning.week(yesterday).minutes == 35
    assert hero.learning.week().minutes == (35 if week_monday(yesterday) == week_monday(local_today(clock)) else 0)


def test_logging_early_on_monday_stays_on_monday(hero, clock):
    at_local(clock, 2026, 11, 30, 0, 20)
    session = hero.learning.log(90, draft())
    assert session.day == date(2026, 11, 30)
    assert hero.learning.week().minutes == 90


@pytest.mark.parametrize(("minutes", "day", "title", "expected"), [
    (0, None, "x", "Give 1 to 600 minutes."),
    (601, None, "x", "Give 1 to 600 minutes."),
    ("abc", None, "x", "Minutes must be a whole number"),
    (30, "tomorrow", "x", "cannot be in the future"),
    (30, "26/11/2026", "x", "YYYY-MM-DD"),
    (30, None, "   ", "Please give a title"),
])
def test_log_validation(hero, clock, minutes, day, title, expected):
    if day == "tomorrow":
        day = (local_today(clock) + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as caught:
        hero.learning.log(minutes, Draft(title=title), day=day)
    assert expected in caught.value.message()
    assert hero.learning.week().sessions == ()


@pytest.mark.parametrize(("fields", "expected"), [
    ({"link": "javascript:alert(1)"}, "must start with http"),
    ({"kind": "tiktok"}, "Unknown kind"),
    ({"title": "x" * 201}, "at most 200"),
])
def test_draft_validation(fields, expected):
    with pytest.raises(ValidationError) as caught:
        make_draft(**{"title": "ok", **fields})
    assert expected in caught.value.message()


def test_unknown_area_is_refused(hero):
    with pytest.raises(ValidationError) as caught:
        hero.learning.log(30, draft(areas=["Astrologi"]))
    assert "Unknown focus area: Astrologi" in caught.value.message()
    # It names what one can choose instead, and who can add one; a retired area is not offered.
    hero.areas.set_retired("Rekrytering")
    with pytest.raises(ValidationError) as caught:
        hero.learning.log(30, draft(areas=["Astrologi"]))
    said = caught.value.message()
    assert "Choose one of: AI i HR, Arbetsmiljö, Arbetsrätt," in said and "Ledarskap" in said
    assert "Rekrytering" not in said and "herotui areas add" in said


def test_edit_and_delete_own_sessions_only(hero_for, clock):
    anna, erik = hero_for("anna"), hero_for("erik")
    session = anna.learning.log(30, draft())
    edited = anna.learning.edit(session.uuid, make_draft(title="Boken om LAS", kind="book"), minutes=50,
                                day="2026-11-23")
    assert (edited.title, edited.kind, edited.minutes, edited.day) == ("Boken om LAS", "book", 50, date(2026, 11, 23))
    with pytest.raises(NotAllowed):
        erik.learning.edit(session.uuid, make_draft(title="mine now"))
    with pytest.raises(NotAllowed):
        erik.learning.delete(session.uuid)
    with pytest.raises(ValidationError):
        anna.learning.edit(session.uuid, minutes=700)
    anna.learning.delete(session.uuid)
    assert anna.learning.week().minutes == 0


def test_hostile_text_is_cleaned_before_it_is_stored(hero):
    session = hero.learning.log(20, make_draft(title="\x1b[2J[@click=app.quit]x[/]\u202e", note="a\x07b\nc"))
    assert session.title == "[2J[@click=app.quit]x[/]"  # ESC gone; markup kept as text, shown literally
    assert session.note == "ab\nc"


# -- sharing a session ---------------------------------------------------------------------------


def test_share_from_a_session_is_prefilled_from_it(hero, clock):
    session = hero.learning.log(40, draft(kind="podcast", link="https://podd.example.se/avsnitt/12?utm_source=x",
                                          areas=["Arbetsrätt", "Ledarskap"], note="Tre saker om LAS."))
    share = hero.learning.share(session.uuid)
    assert (share.title, share.kind, share.url) == (session.title, "podcast", "https://podd.example.se/avsnitt/12?utm_source=x")
    assert set(share.areas) == {"Arbetsrätt", "Ledarskap"}
    row = hero.store.read(lambda: Share.get(Share.uuid == share.uuid))
    assert row.note == "Tre saker om LAS."
    assert hero.store.read(lambda: row.from_session.uuid) == session.uuid
    assert hero.learning.week().sessions[0].shared


def test_sharing_a_link_twice_is_flagged_and_can_be_forced(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    link = "https://www.example.com/artikel"
    anna.learning.share(anna.learning.log(20, draft(link=link, areas=["Ledarskap"])).uuid)
    mine = erik.learning.log(25, draft(link="http://example.com/artikel/", areas=["Ledarskap"]))
    with pytest.raises(Conflict) as caught:
        erik.learning.share(mine.uuid)
    assert "already shared by Anna Berg" in caught.value.message()
    forced = erik.learning.share(mine.uuid, force=True)
    assert erik.store.read(lambda: Share.get(Share.uuid == forced.uuid).from_session.uuid) == mine.uuid


def test_sharing_needs_a_focus_area(hero):
    session = hero.learning.log(20, draft())
    with pytest.raises(ValidationError) as caught:
        hero.learning.share(session.uuid)
    assert "at least one focus area" in caught.value.message()


def test_a_book_without_a_link_can_be_shared(hero):
    session = hero.learning.log(60, draft(kind="book", areas=["Ledarskap"]))
    assert hero.learning.share(session.uuid).url == ""


# -- the week, the streak, the pulse -----------------------------------------------------------------


def _log_week(hero, clock, monday: date, minutes: int) -> None:
    hero.learning.log(minutes, draft(), day=monday + timedelta(days=1))


def test_week_summary(hero, clock):
    today = local_today(clock)
    monday = week_monday(today)
    hero.learning.log(25, draft(kind="podcast"), day=monday.isoformat())
    hero.learning.log(20, draft(kind="article"), day=today.isoformat())
    hero.learning.log(90, draft(), day=(monday - timedelta(days=3)).isoformat())  # last week
    week = hero.learning.week()
    assert (week.week, week.minutes, week.goal, week.goal_met) == (today.isocalendar().week, 45, 60, False)
    assert [s.minutes for s in week.sessions] == [20, 25]  # newest first
    hero.org.set("weekly_goal_minutes", 45)
    assert hero.learning.week().goal_met


def test_streak_counts_weeks_in_a_row_and_steps_over_holidays(hero, clock):
    monday = week_monday(local_today(clock))
    for weeks_ago in (1, 2, 4, 5):  # week 3 ago was a holiday
        _log_week(hero, clock, monday - timedelta(weeks=weeks_ago), 60)
    assert hero.learning.week().streak == 2
    hero.learning.set_holiday((monday - timedelta(weeks=3)).isoformat())  # three weeks ago
    assert hero.learning.week().streak == 4
    _log_week(hero, clock, monday - timedelta(weeks=7), 60)
    assert hero.learning.week().streak == 4  # week 6 ago broke it
    hero.learning.log(60, draft())
    week = hero.learning.week()
    assert week.streak == 5 and week.goal_met
    hero.learning.set_holiday(iso_week_name(monday - timedelta(weeks=3)), on=False)
    assert hero.learning.week().streak == 3


def test_this_week_unfinished_does_not_break_the_streak():
    monday = date(2026, 11, 23)
    per_week = {monday - timedelta(weeks=1): 60, monday - timedelta(weeks=2): 75, monday: 10}
    assert streak(per_week, set(), 60, monday) == 2
    assert streak(per_week, {monday - timedelta(weeks=1)}, 60, monday) == 1  # a holiday adds nothing
    assert streak({}, set(), 60, monday) == 0


def test_history_has_twelve_weeks_against_the_goal(hero, clock):
    monday = week_monday(local_today(clock))
    hero.learning.log(70, draft(), day=(monday - timedelta(days=6)).isoformat())  # Tuesday last week
    hero.learning.set_holiday((monday - timedelta(weeks=2)).isoformat())
    history = hero.learning.overview().history
    assert len(history) == 12
    assert history[-1].week == monday.isocalendar().week and history[-2].minutes == 70 and history[-2].goal_met
    assert history[-3].holiday and history[0].week == (monday - timedelta(weeks=11)).isocalendar().week


def test_breakdown_by_kind_and_area(hero, clock):
    hero.learning.log(30, draft(kind="podcast", areas=["Arbetsrätt"]))
    hero.learning.log(20, draft(kind="podcast", areas=["Arbetsrätt", "Ledarskap"]))
    hero.learning.log(15, draft(kind="book"))
    breakdown = hero.learning.overview().breakdown
    assert breakdown.by_kind == (("podcast", 50), ("book", 15))
    assert breakdown.by_area == (("Arbetsrätt", 50), ("Ledarskap", 20), ("", 15))


def test_team_pulse_counts_names_only_the_willing_and_never_ranks(hero_for, clock):
    people = {name: hero_for(name) for name in ("anna", "erik", "sara", "nils", "omar")}
    people["erik"].people.set_display_name("Erik Lind")
    people["erik"].people.set_named_in_pulse(True)
    people["sara"].people.set_display_name("Sara Ek")
    people["sara"].people.set_named_in_pulse(True)
    people["anna"].people.set_named_in_pulse(False)
    people["anna"].learning.log(60, draft())
    people["erik"].learning.log(30, draft())
    people["erik"].learning.log(45, draft())
    people["sara"].learning.log(120, draft())
    people["nils"].learning.log(20, draft())
    people["omar"].learning.set_holiday()  # on leave: not expected this week
    people["nils"].learning.log(90, draft(), day="2026-11-20")  # last week: not counted
    pulse = people["nils"].learning.pulse()
    assert (pulse.had_hour, pulse.colleagues) == (3, 4)
    assert pulse.team_minutes == 60 + 75 + 120 + 20
    assert pulse.named == ("Erik Lind", "Sara Ek")  # alphabetical, Anna chose not to be named


# -- offline and replay ------------------------------------------------------------------------------


def test_a_start_made_offline_runs_locally_and_is_sent_later(hero, clock, monkeypatch):
    from herotui.services.actions import replay
    from herotui.store.errors import DatabaseUnavailable

    real_write = hero.store.write

    def unreachable(*args, **kwargs):
        raise DatabaseUnavailable(path="S:")

    monkeypatch.setattr(hero.store, "write", unreachable)
    timer = hero.learning.start(draft())
    assert timer.saved_offline and timer.running
    clock.advance(minutes=10)
    paused = hero.learning.pause(timer)
    assert paused.saved_offline and paused.elapsed_seconds(clock.now()) == 600
    monkeypatch.setattr(hero.store, "write", real_write)
    report = replay(hero)
    assert len(report.sent) == 2
    stored = hero.learning.timer()
    assert stored.uuid == timer.uuid and stored.paused and stored.elapsed_seconds(clock.now()) == 600
    assert replay(hero).sent == []


def test_replaying_a_start_twice_adds_nothing(hero, clock):
    payload = {"uuid": "6b0c6f5e-0000-4000-8000-000000000001"}
    hero.submit("learning.start", payload)
    hero.submit("learning.start", payload)
    assert hero.store.read(lambda: LearningSession.select().count()) == 1
