"""The one thread that talks to the team database on behalf of the UI.

The UI never waits for the drive: it awaits `DbThread.run`, which hands the call to a single
worker thread. One thread means one long-lived connection (peewee keeps a connection per
thread), which is also what makes `PRAGMA data_version` meaningful, and serialises access.

The thread is a daemon: a call stuck on a stalled drive (a hard mount can block for ever) must
not keep the process alive after the person quit. `ThreadPoolExecutor` cannot be used for that,
because the interpreter joins its threads at exit. What a stuck write was doing is safe anyway:
the app's `Hero` writes every action to the outbox before sending it (`journal_first`).

Two queues, one thread: what the person waits for (the shown screen's load, an action) goes
first; background work (the once-a-second change poll, loads of screens not shown) runs when
nothing else waits. A call already running is never interrupted.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import threading
from concurrent.futures import Future
from typing import Any, Callable, TypeVar

T = TypeVar("T")


class DbThread:
    """One daemon thread running database calls: `run`/`submit` for what the person waits for,
    `run_background`/`submit_background` for work that may wait (served only when no
    foreground call is queued). Each queue is first in, first out."""

    def __init__(self) -> None:
        self._foreground: "collections.deque[tuple[Future, Callable[[], Any]]]" = collections.deque()
        self._background: "collections.deque[tuple[Future, Callable[[], Any]]]" = collections.deque()
        self._wake = threading.Condition()
        self._stopping = False
        self._closed = False
        self._waiters: set[asyncio.Future] = set()
        self._thread = threading.Thread(target=self._loop, name="herotui-db", daemon=True)
        self._thread.start()

    def _next(self) -> "tuple[Future, Callable[[], Any]] | None":
        with self._wake:
            while not (self._foreground or self._background or self._stopping):
                self._wake.wait()
            if self._foreground:
                return self._foreground.popleft()
            if self._background:
                return self._background.popleft()
            return None  # stopping, and nothing left to do

    def _loop(self) -> None:
        while True:
            item = self._next()
            if item is None:
                return
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = call()
            except BaseException as exc:  # handed to whoever awaits the future
                future.set_exception(exc)
            else:
                future.set_result(result)

    def _put(self, background: bool, fn: Callable[..., T], args: tuple, kwargs: dict) -> "Future[T]":
        future: Future = Future()
        if self._closed:
            future.cancel()
            return future
        with self._wake:
            (self._background if background else self._foreground).append(
                (future, functools.partial(fn, *args, **kwargs)))
            self._wake.notify()
        return future

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> "Future[T]":
        """Queue `fn(*args, **kwargs)` in the foreground queue; a cancelled future once shut down."""
        return self._put(False, fn, args, kwargs)

    def submit_background(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> "Future[T]":
        """Queue `fn(*args, **kwargs)` to run only when no foreground call waits."""
        return self._put(True, fn, args, kwargs)

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on the database thread (foreground) and await its result (or its exception).

        Raises what `abandon` gives instead, if the app lets go of the call first.
        """
        return await self._await(self.submit(fn, *args, **kwargs))

    async def run_background(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`run`, behind every foreground call (the change poll, a hidden screen's load)."""
        return await self._await(self.submit_background(fn, *args, **kwargs))

    async def _await(self, call: "Future[T]") -> T:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future = loop.create_future()

        def settle(done: Future) -> None:
            if waiter.done():
                return  # abandoned: nobody waits for this answer any more
            if done.cancelled():
                waiter.cancel()
            elif done.exception() is not None:
                waiter.set_exception(done.exception())
            else:
                waiter.set_result(done.result())

        def finished(done: Future) -> None:
            try:
                loop.call_soon_threadsafe(settle, done)
            except RuntimeError:
                pass  # the event loop is closed: the app has quit

        call.add_done_callback(finished)
        self._waiters.add(waiter)
        try:
            return await waiter
        finally:
            self._waiters.discard(waiter)

    def abandon(self, error: Callable[[], BaseException]) -> None:
        """Make everyone awaiting `run` get `error()` now, without waiting for the drive.

        For quitting: a screen whose handler awaits a call stuck on a stalled share would keep
        Textual from closing it until the call returns.
        """
        for waiter in list(self._waiters):
            if not waiter.done():
                waiter.set_exception(error())

    def shutdown(self, wait: float = 0.5) -> list[Callable[[], Any]]:
        """Stop taking work; give what is queued up to `wait` seconds, then let go.

        Returns the calls that never started (empty when the thread finished its work in time),
        for the caller to run another way: behind a call stuck on the drive they may carry a
        person's action, which must reach the outbox rather than vanish. Their futures are
        cancelled. Never blocks longer than `wait`: quitting on a stalled drive takes well under
        a second.
        """
        self._closed = True
        with self._wake:
            self._stopping = True
            self._wake.notify()
        self._thread.join(timeout=wait)
        left: list[Callable[[], Any]] = []
        if self._thread.is_alive():
            with self._wake:
                items = [*self._foreground, *self._background]
                self._foreground.clear()
                self._background.clear()
            left = [call for future, call in items if future.cancel()]
        return left

    def queued(self) -> int:
        """How many calls wait for the thread (not counting the one it runs), both queues."""
        with self._wake:
            return len(self._foreground) + len(self._background)

    def busy(self) -> bool:
        """True while the thread still runs (after `shutdown`: a call stuck on the drive)."""
        return self._thread.is_alive()


async def in_daemon_thread(fn: Callable[[], T]) -> T:
    """`fn()` on a throw-away daemon thread (not the database thread), awaited: for a blocking
    probe that may take a connect timeout and must neither hold up database calls nor keep the
    process from quitting (asyncio's own executor is joined at exit)."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future = loop.create_future()

    def settle(setter, value) -> None:
        if not done.done():
            setter(value)

    def run() -> None:
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
            outcome = (done.set_exception, exc)
        else:
            outcome = (done.set_result, result)
        try:
            loop.call_soon_threadsafe(settle, *outcome)
        except RuntimeError:  # the loop closed while we ran: nobody waits any more
            pass

    threading.Thread(target=run, name="herotui-probe", daemon=True).start()
    return await done
