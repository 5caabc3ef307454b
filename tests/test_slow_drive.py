"""A drive so slow that every query takes 2 seconds: the interface still answers at once."""

from __future__ import annotations

import asyncio
import time

from textual.widgets import Input

from herotui.app import make_app
from herotui.screens.breakfast import BreakfastScreen
from herotui.screens.help import HelpScreen
from herotui.screens.learning import LearningScreen
from herotui.screens.shares import SharesScreen

SLOW_SECONDS = 2.0
RESPONSE_LIMIT = 0.1


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


class Heartbeat:
    """Measures the longest stall of the UI's event loop while it runs."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        return self.longest


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
    drive = SlowDrive()
    app = make_app(launch_for(), on_connect=drive.install)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await app.screens_built.wait()
        await pilot.pause()
        drive.on = True
        heartbeat = Heartbeat()
        heartbeat.start()
        timings = {
            "2": await answered_within(app, pilot, "2", lambda: isinstance(app.screen, SharesScreen)),
            "3": await answered_within(app, pilot, "3", lambda: isinstance(app.screen, BreakfastScreen)),
            "1": await answered_within(app, pilot, "1", lambda: isinstance(app.screen, LearningScreen)),
            "?": await answered_within(app, pilot, "question_mark", lambda: isinstance(app.screen, HelpScreen)),
        }
        await pilot.press("escape")
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        palette_input = app.screen.query_one(Input)
        typed = []
        for char in "frukost":
            typed.append(await answered_within(app, pilot, char, lambda c=char: palette_input.value.endswith(c)))
        assert palette_input.value == "frukost"
        slowest = max([*timings.values(), *typed])
        assert slowest < RESPONSE_LIMIT, (timings, typed)
        longest_stall = heartbeat.stop()
        assert longest_stall < RESPONSE_LIMIT, longest_stall  # the event loop never stalled on the drive
        assert drive.slowed > 0  # screens and polling really were waiting on the slow drive
        drive.on = False
