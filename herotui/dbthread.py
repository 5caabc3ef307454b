"""The one thread that talks to the team database on behalf of the UI.

The UI never waits for the drive: it awaits `DbThread.run`, which hands the call to a single
worker thread. One thread means one long-lived connection (peewee keeps a connection per
thread), which is also what makes `PRAGMA data_version` meaningful, and serialises access.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

T = TypeVar("T")


class DbThread:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="herotui-db")

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args, **kwargs))

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any):
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self) -> None:
        # Do not wait: a call stuck on a stalled drive must not keep the app from quitting.
        self._executor.shutdown(wait=False, cancel_futures=True)
