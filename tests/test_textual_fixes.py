"""herotui.textual_fixes: corrections to Textual, pinned here so that an upgrade that changes what
they rely on fails in the suite."""

from __future__ import annotations

import asyncio

import herotui.textual_fixes  # noqa: F401 - installs the fixes


async def test_removing_a_widget_whose_task_was_cancelled_does_not_cancel_the_remover():
    """Textual's `AwaitRemove` gathered the removed widgets' tasks; one that ended cancelled raised
    CancelledError in the app's message loop, which then stopped for good (no key answered)."""
    from textual.await_remove import AwaitRemove

    async def nothing() -> None:
        return None

    finished = asyncio.create_task(nothing())
    await finished
    cancelled = asyncio.create_task(asyncio.Event().wait())  # an event nobody sets: never ends
    cancelled.cancel()
    removed = []
    await AwaitRemove([cancelled, finished], lambda: removed.append(True))()
    assert cancelled.cancelled() and finished.done()
    assert removed == [True]  # what Textual does after a removal still runs


def test_the_background_style_cache_keeps_no_widget_alive():
    """Textual's `StylesCache.get_inner_outer` was an lru_cache on the method, which kept up to
    1,024 styles caches of removed widgets (and what they drew) alive; herotui caches it by the
    two colours only, with Textual's own function computing the styles."""
    import gc
    import weakref

    from textual._styles_cache import StylesCache
    from textual.color import Color

    cache = StylesCache()
    gone = weakref.ref(cache)
    inner, outer = cache.get_inner_outer(Color(10, 20, 30), Color(200, 0, 0, 0.5))
    assert outer.background == Color(10, 20, 30)
    assert inner.background == Color(10, 20, 30) + Color(200, 0, 0, 0.5)
    del cache
    gc.collect()
    assert gone() is None
