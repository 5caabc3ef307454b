"""herotui.textual_fixes: corrections to Textual, pinned here so that an upgrade that changes what
they rely on fails in the suite."""

from __future__ import annotations

import asyncio

import herotui.textual_fixes  # noqa: F401 - installs the fixes


async def test_removing_a_widget_whose_task_was_cancelled_does_not_cancel_the_remover():
    """Textual's `AwaitRemove` gathered the removed widgets' tasks; one that ended cancelled raised
    CancelledError in the app's message loop, which then stopped for good (no key answered)."""
    from textual.await_remove import AwaitRemove

    async def pump() -> None:
        await asyncio.sleep(10)

    cancelled = asyncio.create_task(pump())
    finished = asyncio.create_task(asyncio.sleep(0))
    await asyncio.sleep(0)
    cancelled.cancel()
    removed = []
    await AwaitRemove([cancelled, finished], lambda: removed.append(True))()
    assert cancelled.cancelled() and finished.done()
    assert removed == [True]  # what Textual does after a removal still runs

