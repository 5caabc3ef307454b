"""The app tells the person about an overlap found while sending the outbox, and about a wrong clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from herotui.app import make_app
from herotui.clock import FakeClock
from herotui.screens.learning import LearningScreen
from herotui.services.hero import Hero
from herotui.services.learning import make_draft
from herotui.store import open_store
from herotui.store.db_clock import DB_CLOCK_ENV
from herotui.store.outbox import Outbox
from herotui.store.unreachable import UnreachableStore
from conftest import until


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_the_app_shows_an_overlap_found_when_the_outbox_is_sent(launch_for, db_path, clock):
    launch = launch_for("anna")
    store = open_store(str(db_path), clock=clock)
    laptop = Hero(UnreachableStore(store.location, clock, database_key=store.database_key), "anna", clock=clock, outbox=Outbox(launch.outbox_path))
    desktop = Hero(store, "ANNA", clock=clock)
    laptop.learning.start(make_draft(title="Laptoppasset"))
    clock.advance(minutes=10)
    desktop.learning.start(make_draft(title="Skrivbordet"))
    clock.advance(minutes=30)
    desktop.learning.stop()
    clock.advance(minutes=5)
    laptop.learning.stop()
    store.close()

    app = make_app(launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await until(pilot, lambda: "Laptoppasset" in notices(app))
        assert "30 min" in notices(app) and "--keep-both" in notices(app)
        screen = next(s for s in app.screen_stack if isinstance(s, LearningScreen))
        await until(pilot, lambda: screen.overview is not None and screen.overview.week.minutes == 45)


async def test_the_app_warns_when_this_computers_clock_is_ahead(launch_for, hero_for, clock, monkeypatch):
    hero_for("erik").people.set_display_name("Erik Lund")  # no first-run name question
    monkeypatch.setenv(DB_CLOCK_ENV, clock.now().isoformat())
    launch = replace(launch_for("erik"), clock=FakeClock(clock.now() + timedelta(hours=2)))
    app = make_app(launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        screen = next(s for s in app.screen_stack if isinstance(s, LearningScreen))
        await until(pilot, lambda: screen.overview is not None)
        await pilot.press("s")
        await until(pilot, lambda: screen.timer is not None)
        await until(pilot, lambda: "ahead" in notices(app))
        assert "clock is 2 h ahead" in notices(app)
