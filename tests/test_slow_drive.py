"""A drive so slow that every query takes 2 seconds: the interface still answers at once."""

from __future__ import annotations

import asyncio
import gc
import statistics
import time

from textual.widgets import Input

from benchmarks.screen import Heartbeat
from herotui.app import make_app
from herotui.screens.breakfast import BreakfastScreen
from herotui.screens.help import HelpScreen
from herotui.screens.learning import LearningScreen
from herotui.screens.shares import SharesScreen

SLOW_SECONDS = 2.0
RESPONSE_LIMIT = SLOW_SECONDS / 4
"""A key answered within a quarter of one slowed query did not wait for the drive. How fast it
answers is a benchmark figure (`benchmarks`, the slow-drive row), not a timed assertion here: on
a loaded 2-core CI runner 0.1 s was missed by screens that waited for nothing (0.34 s)."""


class SlowDrive:
    """Installed on the database thread's connection: once switched on, each statement waits 2 s."""

    def __init__(self) -> None:
        self.on = False
        self.slowed = 0

    def install(self, store) -> None:
        store.db.connection().set_trace_callback(self._statement)

    def _statement(self, sql: str) -> None:
        if self.on:
            self.slowed += 1
            time.sleep(SLOW_SECONDS)


async def answered_within(app, pilot, key: str, done) -> float:
    """Seconds from a key press reaching the app until `done()` is true on screen.

    (Pilot's own `press` also waits for the whole app to go idle, which measures Pilot.)
    """
    await pilot.pause()  # let the previous answer finish painting first
    start = time.perf_counter()
    app.simulate_key(key)
    while not done():
        await asyncio.sleep(0.002)
        if time.perf_counter() - start > 5:
            break
    return time.perf_counter() - start


async def test_switching_and_typing_stay_fast_while_every_query_takes_two_seconds(launch_for):
    """Keys are answered within 100 ms (median of every switch and every typed key) while the
    database thread sits in 2-second queries; no single answer comes near the 2 s a wait on the
    drive would cost, and the event loop never stalls that long.
    """
    drive = SlowDrive()
    app = make_app(launch_for(warm_screens=True), on_connect=drive.install)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await app.screens_built.wait()
        await pilot.pause()
        drive.on = True
        # Hundreds of earlier tests leave garbage in this process; a full collection in the middle
        # of a measurement is pytest's cost, not the app's.
        gc.collect()
        heartbeat = Heartbeat()
        heartbeat.start()
        screens = {"1": LearningScreen, "2": SharesScreen, "3": BreakfastScreen}
        switches = []
        for key in "231231231":
            target = screens[key]
            switches.append(await answered_within(app, pilot, key, lambda t=target: isinstance(app.screen, t)))
        help_opened = await answered_within(app, pilot, "question_mark", lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        palette_input = app.screen.query_one(Input)
        typed = []
        for char in "frukost":
            typed.append(await answered_within(app, pilot, char, lambda c=char: palette_input.value.endswith(c)))
        assert palette_input.value == "frukost"
        longest_stall = heartbeat.stop() + heartbeat.period  # the longest gap between two beats
        assert drive.slowed > 0  # screens and polling really were waiting on the slow drive
        drive.on = False

    assert statistics.median(switches) < RESPONSE_LIMIT, switches
    assert statistics.median(typed) < RESPONSE_LIMIT, typed
    assert help_opened < RESPONSE_LIMIT
    # A single answer can be late on a loaded two-core CI machine (scheduling, not the app);
    # a wait on the drive would cost a whole slow query, and none comes near that.
    worst = max(*switches, *typed)
    assert worst < SLOW_SECONDS / 2, (switches, typed)
    # Waiting on the drive would freeze the loop for a whole slow query; nothing comes close.
    assert longest_stall < SLOW_SECONDS / 2, heartbeat.explain()


SWITCH_DEADLINE = RESPONSE_LIMIT
"""Seconds a screen switch may take while write keys wait on the slow drive (see `RESPONSE_LIMIT`)."""

WRITE_KEYS = {
    # Keys that write without opening a dialog first. Some are refused or explained (no timer,
    # still saving); what matters is that none holds the keyboard while the drive is slow.
    "1": ("s", "p", "r", "space", "v", "x", "left_square_bracket", "t"),
    "2": ("u", "s", "r", "R"),
    "3": ("o", "w", "right_square_bracket", "t"),
}


async def test_write_keys_never_hold_the_keyboard_on_a_slow_drive(launch_for, hero_for):
    """Every write key of every screen starts its work and returns: with each statement taking
    2 s, pressing them all and then switching screens answers within 200 ms each time (before,
    the learning screen's keys awaited the drive and a switch took 22 s)."""
    from herotui.services.learning import make_draft

    hero_for("anna").learning.log(25, make_draft(title="Ett pass"))
    hero_for("erik").shares.post("https://example.se/slow", "Långsam enhet", "article", ["Ledarskap"])

    drive = SlowDrive()
    app = make_app(launch_for(warm_screens=True), on_connect=drive.install)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await app.screens_built.wait()
        await pilot.pause()
        drive.on = True
        gc.collect()
        heartbeat = Heartbeat()
        heartbeat.start()
        screens = {"1": LearningScreen, "2": SharesScreen, "3": BreakfastScreen}
        switches = {}
        for here, after in (("1", "2"), ("2", "3"), ("3", "1")):
            assert isinstance(app.screen, screens[here])
            for key in WRITE_KEYS[here]:
                app.simulate_key(key)
                await pilot.pause()  # the next key once this one is handled, as a typist would
            switches[here + after] = await answered_within(app, pilot, after,
                                                           lambda t=screens[after]: isinstance(app.screen, t))
            assert isinstance(app.screen, screens[after]), (here, after)
        longest_stall = heartbeat.stop() + heartbeat.period  # the longest gap between two beats
        assert drive.slowed > 0
        drive.on = False
    # Typically 0.05-0.15 s; on a two-core machine shared with other test runs (load 20) single
    # switches reached 0.23 s. A key that waited on the drive would take at least a whole 2 s query.
    assert statistics.median(switches.values()) < SWITCH_DEADLINE, switches
    assert max(switches.values()) < SLOW_SECONDS / 2, switches
    assert longest_stall < SLOW_SECONDS / 2, heartbeat.explain()
