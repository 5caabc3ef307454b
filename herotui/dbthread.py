"""The one thread that talks to the team database on behalf of the UI.

The UI never waits for the drive: it awaits `DbThread.run`, which hands the call to a single
worker thread. One thread means one long-lived connection (peewee keeps a connection per
thread), which is also what makes `PRAGMA data_version` meaningful, and serialises access.

The thread is a daemon: a call stuck on a stalled drive (a hard mount can block for ever) must
not keep the process alive after the person quit. `ThreadPoolExecutor` cannot be used for that,
because the interpreter joins its threads at exit. What a stuck write was doing is safe anyway:
the app's `Hero` writes every action to the outbox before sending it (`journal_first`).
"""

from __future__ import annotations

import asyncio
import functools
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable, TypeVar

T = TypeVar("T")


class DbThread:
    def __init__(self) -> None:
        self._queue: "queue.SimpleQueue[tuple[Future, Callable[[], Any]] | None]" = queue.SimpleQueue()
        self._closed = False
        self._waiters: set[asyncio.Future] = set()
        self._thread = threading.Thread(target=self._loop, name="herotui-db", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
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

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> "Future[T]":
        """Queue `fn(*args, **kwargs)` for the database thread; a cancelled future once shut down."""
        future: Future = Future()
        if self._closed:
            future.cancel()
            return future
        self._queue.put((future, functools.partial(fn, *args, **kwargs)))
        return future

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on the database thread and await its result (or its exception).

        Raises what `abandon` gives instead, if the app lets go of the call first.
        """
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future = loop.create_future()
        call = self.submit(fn, *args, **kwargs)

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
        self._queue.put(None)
        self._thread.join(timeout=wait)
        left: list[Callable[[], Any]] = []
        if self._thread.is_alive():
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None and item[0].cancel():
                    left.append(item[1])
        return left

    def queued(self) -> int:
        """How many calls wait for the thread (not counting the one it runs)."""
        return self._queue.qsize()

    def busy(self) -> bool:
        """True while the thread still runs (after `shutdown`: a call stuck on the drive)."""
        return self._thread.is_alive()
