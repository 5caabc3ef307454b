"""Looking at a running app from outside its screens: is it settled, what does the screen say.

The benchmarks must not depend on how a screen is built inside, so they read what a person
would: the text on screen (composed by Textual's compositor, the same strips a terminal would
get) and whether background loading has finished.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
import traceback
from typing import Any, Callable

# Worker groups that run forever by design: the change poll. Everything else is loading.
BACKGROUND_GROUPS = frozenset({"poll"})


def _for_current_screen(app: Any, worker: Any) -> bool:
    """Whether a worker belongs to the app itself or to the screen being shown."""
    node = worker.node
    screen = app.screen
    while node is not None:
        if node is app or node is screen:
            return True
        node = node.parent
    return False


def loading(app: Any, *, screen_only: bool = False) -> bool:
    """True while a worker other than the change poll is pending or running.

    With `screen_only`, only the app's own workers and those of the screen being shown count
    (screens built in the background may still be loading).
    """
    from textual.worker import WorkerState

    active = (WorkerState.PENDING, WorkerState.RUNNING)
    return any(w.state in active and w.group not in BACKGROUND_GROUPS
               and (not screen_only or _for_current_screen(app, w)) for w in app.workers)


async def settle(app: Any, *, timeout: float = 120.0, screen_only: bool = False) -> None:
    """Wait until the database is open and no loading worker is left (three quiet looks in a row)."""
    ready = getattr(app, "ready", None)
    deadline = time.perf_counter() + timeout
    if ready is not None:
        await asyncio.wait_for(ready.wait(), timeout)
    quiet = 0
    while quiet < 3:
        quiet = 0 if loading(app, screen_only=screen_only) else quiet + 1
        if time.perf_counter() > deadline:
            raise TimeoutError("the app kept loading")
        await asyncio.sleep(0.001)


def screen_text(app: Any) -> str:
    """The current screen as plain text, line by line, as it would be painted now."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def wait_until(check: Callable[[], bool], *, timeout: float, step: float = 0.001) -> float:
    """Seconds until `check()` is true (polling the event loop); raises TimeoutError after `timeout`."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"not answered within {timeout} s")
        await asyncio.sleep(step)
    return time.perf_counter() - start


class Heartbeat:
    """The longest stall of the event loop while it runs (seconds beyond the `period` a task
    wants to wake after), and where the loop was during it.

    A watchdog thread samples the main thread's stack once the loop has missed its beat for
    `sample_after` seconds, and a garbage-collector callback adds up collection time, so that
    `explain()` names what held the loop (a wait on the drive, a collection, a long layout)
    instead of only how long it was. Start it from the thread that runs the event loop.
    """

    def __init__(self, period: float = 0.005, sample_after: float = 0.25) -> None:
        self.period = period
        self.sample_after = sample_after
        self.longest = 0.0
        self.gc_seconds = 0.0
        self._task: asyncio.Task | None = None
        self._last = time.perf_counter()
        self._stall_stacks: list[str] = []
        self._stacks_of_longest: list[str] = []
        self._gc_started = 0.0
        self._stopped = threading.Event()
        self._loop_thread = threading.get_ident()

    def start(self) -> "Heartbeat":
        self._loop_thread = threading.get_ident()
        self._last = time.perf_counter()
        self._task = asyncio.get_running_loop().create_task(self._beat())
        gc.callbacks.append(self._gc)
        threading.Thread(target=self._watch, name="heartbeat-watchdog", daemon=True).start()
        return self

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.period)
            now = time.perf_counter()
            stall = now - self._last - self.period
            if stall > self.longest:
                self.longest = stall
                self._stacks_of_longest = self._stall_stacks
            self._stall_stacks = []
            self._last = now

    def _watch(self) -> None:
        while not self._stopped.wait(0.05):  # a sampling period, not a wait for anything
            behind = time.perf_counter() - self._last
            if behind > self.sample_after and len(self._stall_stacks) < 20:
                frame = sys._current_frames().get(self._loop_thread)
                if frame is not None:
                    stack = "".join(traceback.format_stack(frame, limit=12))
                    self._stall_stacks.append(f"after {behind:.2f} s:\n{stack}")

    def _gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc_seconds += time.perf_counter() - self._gc_started

    def stop(self) -> float:
        """Stop measuring; the longest stall, in seconds."""
        if self._task is not None:
            self._task.cancel()
        self._stopped.set()
        if self._gc in gc.callbacks:
            gc.callbacks.remove(self._gc)
        return self.longest

    def explain(self) -> str:
        """The longest stall, the garbage collector's time over the run, and the loop thread's
        stacks sampled during that stall (the last sample first)."""
        stacks = "\n".join(reversed(self._stacks_of_longest[-3:])) or f"(no sample: under {self.sample_after:g} s)"
        return f"longest stall {self.longest:.2f} s; garbage collection {self.gc_seconds:.2f} s\n{stacks}"


# -- the share feed ---------------------------------------------------------------------------------

FEED_ID = "share-feed"


def screen_named(app: Any, name: str) -> bool:
    """Whether the screen on top is of the class `name` or a subclass of it (herotui's palette is
    a `CommandPalette`)."""
    return any(cls.__name__ == name for cls in type(app.screen).__mro__)


def feed_widget(app: Any) -> Any | None:
    """The feed list of the shares screen, if that screen is showing."""
    if not screen_named(app, "SharesScreen"):
        return None
    found = app.screen.query(f"#{FEED_ID}")
    return found.first() if found else app.screen.focused


def feed_position(app: Any) -> int | None:
    """The index of the highlighted share, counted from the top of the feed, once its line is loaded.

    None while the feed is not showing, or while the highlighted line is still a placeholder.
    """
    feed = feed_widget(app)
    if feed is None:
        return None
    for name in ("cursor", "highlighted", "cursor_row", "index"):
        position = getattr(feed, name, None)
        if isinstance(position, int):
            break
    else:
        return None
    if getattr(feed, "highlighted_item", True) is None:
        return None
    total = getattr(getattr(feed, "window", None), "total", None)
    if total == 0:
        return None
    return position


def describe_feed(app: Any) -> str:
    """What the feed looks like now, for a message when it does not answer."""
    feed = feed_widget(app)
    if feed is None:
        return f"the feed is not showing (screen {type(app.screen).__name__})"
    state = {name: getattr(feed, name) for name in ("cursor", "highlighted", "cursor_row", "index")
             if hasattr(feed, name)}
    state["loaded"] = getattr(feed, "highlighted_item", True) is not None
    state["total"] = getattr(getattr(feed, "window", None), "total", None)
    state["workers"] = sorted(f"{w.group}:{w.state.name}" for w in app.workers)
    state["focused"] = type(app.focused).__name__ if app.focused is not None else None
    if hasattr(app.focused, "value"):
        state["focused_value"] = app.focused.value
    state["screen"] = type(app.screen).__name__
    return repr(state)


def notice_texts(count: int) -> list[str]:
    """What the shares screen says when `count` shares arrived since the feed was opened."""
    from herotui.i18n import t

    keys = [("share.notice.new_one", {})] if count == 1 else []
    keys.append(("share.notice.new", {"n": count}))
    texts = []
    for key, params in keys:
        text = t(key, **params)
        if text != key:
            texts.append(text)
    return texts


def write_started(app: Any) -> Callable[[], bool]:
    """A `done` test for a write key: true once the key has started its work (a worker that was
    not there before, or a new notice: "still saving", "choose a share first"). A write key is
    answered when the app has handed the write to the background, not when the drive is done;
    a key that awaited the drive in its handler would show neither for a whole slow query."""
    workers = {id(w) for w in app.workers}
    notices = len(app._notifications)
    return lambda: any(id(w) not in workers for w in app.workers) or len(app._notifications) > notices
