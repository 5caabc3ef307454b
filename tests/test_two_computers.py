"""Two computers per person, and clocks that lie (issue 19). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from herotui.clock import FakeClock, SystemClock
from herotui.services.actions import Queued, replay
from herotui.services.hero import Hero
from herotui.services.learning import make_draft
from herotui.services.shares import FeedFilter
from herotui.isoweek import local_day
from herotui.store import open_store
from herotui.store.unreachable import UnreachableStore

# Weeks are computed from the suite's moment: `.ci/moments` runs these again at treacherous moments.
pytestmark = pytest.mark.date_sensitive


def test_a_replayed_session_overlapping_one_recorded_meanwhile_counts_once(store, clock, outbox):
    # The laptop is off the drive: its timer waits in its outbox.
    laptop = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna.berg", clock=clock, outbox=outbox)
    desktop = Hero(store, "Anna.Berg", clock=clock)
    desktop.people.ensure_me()
    day = local_day(clock.now(), desktop.learning.zone())
    laptop.learning.start(make_draft(title="På laptopen"))  # 10:00
    clock.advance(minutes=10)
    desktop.learning.start(make_draft(title="På skrivbordet"))  # 10:10, no timer seen
    clock.advance(minutes=30)
    desktop.learning.stop()  # 10:40
    clock.advance(minutes=5)
    assert isinstance(laptop.learning.stop(), Queued)  # 10:45, still offline

    back = Hero(store, "anna.berg", clock=clock, outbox=outbox)
    report = replay(back)
    assert len(report.sent) == 2 and report.refused == []
    assert [(o.title, o.minutes) for o in report.overlaps] == [("På laptopen", 30)]
    assert "--keep-both" in report.overlaps[0].message()
    week = back.learning.week(day)
    assert sorted(s.minutes for s in week.sessions) == [30, 45]
    assert week.minutes == 45  # 45 real minutes, not 75
    assert back.learning.pulse(day).team_minutes == 45

    back.learning.count_overlap(report.overlaps[0].session, keep_both=True)
    assert back.learning.week(day).minutes == 75
    back.learning.count_overlap(report.overlaps[0].session, keep_both=False)
    assert back.learning.week(day).minutes == 45


def test_sessions_one_after_the_other_do_not_overlap(hero, clock):
    day = local_day(clock.now(), hero.learning.zone())
    hero.learning.start(make_draft(title="Ett"))
    clock.advance(minutes=20)
    assert hero.learning.stop().overlap_minutes == 0
    hero.learning.log(30, make_draft(title="Loggat"))  # a logged entry's time of day is made up
    hero.learning.start(make_draft(title="Två"))
    clock.advance(minutes=15)
    assert hero.learning.stop().overlap_minutes == 0
    assert hero.learning.week(day).minutes == 65


def test_the_cli_sync_reports_the_overlap(db_path, clock, outbox):
    store = open_store(str(db_path), clock=clock)
    laptop = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=outbox)
    desktop = Hero(store, "anna", clock=clock)
    laptop.learning.start(make_draft(title="Laptop"))
    clock.advance(minutes=10)
    desktop.learning.start(make_draft(title="Desktop"))
    clock.advance(minutes=30)
    desktop.learning.stop()
    clock.advance(minutes=5)
    laptop.learning.stop()
    store.close()
    done = subprocess.run([sys.executable, "-m", "herotui", "sync", "--db", str(db_path), "--lang", "en"],
                          capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "overlaps" in done.stdout and "30 min" in done.stdout


# -- clocks that lie ---------------------------------------------------------------------------------


def test_a_share_from_a_clock_a_year_ahead_is_stored_at_the_databases_now(store, clock, hero):
    laptop_clock = FakeClock(clock.now() + timedelta(days=365))
    laptop = Hero(store, "erik", clock=laptop_clock)
    laptop.people.ensure_me()
    hero.shares.post("https://example.com/honest", "Ärlig", "article", ["Ledarskap"])
    clock.advance(minutes=1)
    posted = laptop.shares.post("https://example.com/future", "Från framtiden", "article", ["Ledarskap"])
    assert posted.created_at == clock.now()
    assert laptop.clock_ahead is not None and laptop.clock_ahead > timedelta(days=364)
    warning = laptop.take_clock_warning()
    assert warning and "ahead" in warning and laptop.take_clock_warning() is None
    # A back-dated entry keeps the day the person chose.
    week_ago = local_day(clock.now(), laptop.learning.zone()) - timedelta(days=7)
    session = laptop.learning.log(25, make_draft(title="Bok"), day=week_ago)
    assert session.day == week_ago
    # The honest computer is not warned, and a few minutes' drift is tolerated.
    hero.shares.post("https://example.com/honest2", "Ärlig två", "article", ["Ledarskap"])
    assert hero.clock_ahead is None
    drifting = Hero(store, "sara", clock=FakeClock(clock.now() + timedelta(minutes=3)))
    drifting.shares.post("https://example.com/drift", "Lite före", "article", ["Ledarskap"])
    assert drifting.clock_ahead is None


def test_the_real_clocks_a_server_or_a_shared_file_keeps(db_target, clock):
    """Unpinned: the database's now comes from PostgreSQL's `now()` or the journal's mtime."""
    store = open_store(db_target, clock=SystemClock())
    try:
        real_now = SystemClock().now()
        laptop = Hero(store, "erik", clock=FakeClock(real_now + timedelta(days=365)))
        laptop.people.ensure_me()
        posted = laptop.shares.post("https://example.com/x", "Framtid", "article", ["Ledarskap"])
        assert abs(posted.created_at - real_now) < timedelta(minutes=2)
        assert laptop.take_clock_warning()
        honest = Hero(store, "anna", clock=SystemClock())
        honest.shares.post("https://example.com/y", "Nu", "article", ["Ledarskap"])
        assert honest.clock_ahead is None
    finally:
        store.close()


def test_the_cli_warns_on_stderr_when_the_clock_is_ahead(db_path, clock):
    ahead = {**os.environ, "HEROTUI_USER": "erik", "HEROTUI_CLOCK": (clock.now() + timedelta(days=30)).isoformat(),
             "HEROTUI_DB_CLOCK": clock.now().isoformat()}
    done = subprocess.run([sys.executable, "-m", "herotui", "share", "add", "https://x.se/f", "--title", "F",
                           "--area", "Ledarskap", "--db", str(db_path), "--lang", "en"],
                          capture_output=True, text=True, env=ahead, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "clock is 30 days ahead" in done.stderr
    store = open_store(str(db_path), clock=clock)
    try:
        item = Hero(store, "anna", clock=clock).shares.feed_page(FeedFilter()).items[0]
        assert item.title == "F" and item.created_at == clock.now()
    finally:
        store.close()


def test_the_insights_count_the_overlapping_minutes_once_too(store, clock, outbox):
    """The same two-computer hour on the insights screen and its exports: 45 real minutes, not 75
    (75 again once the person keeps both)."""
    from tests.insights_data import area_id, local_moment, people, session

    ledarskap = area_id(store, "Ledarskap")
    today = local_day(clock.now(), Hero(store, "anna.berg", clock=clock).learning.zone())
    for person in people(store, 4):
        session(store, person, [ledarskap], 20, local_moment(today, hour=0))
    laptop = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna.berg",
                  clock=clock, outbox=outbox)
    desktop = Hero(store, "Anna.Berg", clock=clock)
    desktop.people.ensure_me()
    laptop.learning.start(make_draft(title="På laptopen", areas=["Ledarskap"]))
    clock.advance(minutes=10)
    desktop.learning.start(make_draft(title="På skrivbordet", areas=["Ledarskap"]))
    clock.advance(minutes=30)
    desktop.learning.stop()
    clock.advance(minutes=5)
    assert isinstance(laptop.learning.stop(), Queued)
    back = Hero(store, "anna.berg", clock=clock, outbox=outbox)
    report = replay(back)
    assert [o.minutes for o in report.overlaps] == [30]

    def ledarskap_minutes() -> int | None:
        return {r.name: r.minutes for r in back.insights.overview(quarter).rows}["Ledarskap"]

    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"  # the quarter the hour began in
    assert ledarskap_minutes() == 4 * 20 + 45
    assert back.insights.overview(quarter).total.minutes == 4 * 20 + 45
    back.learning.count_overlap(report.overlaps[0].session, keep_both=True)
    assert ledarskap_minutes() == 4 * 20 + 75
