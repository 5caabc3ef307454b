"""Corrections to Textual that herotui needs until Textual makes them itself.

Each one leans on a private part of Textual; `tests/test_textual_fixes.py` pins what it relies on,
so a Textual upgrade that changes it fails there rather than in front of a person. They are
installed when this module is first imported (by `herotui.screens.base`, before any screen).
"""

from __future__ import annotations


def keep_no_widget_in_the_background_cache() -> None:
    """Textual caches `StylesCache.get_inner_outer` with `functools.lru_cache` on the method, so
    the cache's keys hold the `StylesCache` itself: up to 1,024 caches of widgets long removed,
    each with the lines it drew (in the test suite ~300,000 objects that every full garbage
    collection walked: a quarter of a screen test's time; in the app, memory never given back).
    The two styles depend only on the two colours, so they are cached by those here, computed by
    Textual's own function. Does nothing once Textual no longer caches on the method.
    """
    from functools import lru_cache

    from textual._styles_cache import StylesCache

    compute = getattr(StylesCache.get_inner_outer, "__wrapped__", None)
    if compute is None:
        return

    @lru_cache(1024)
    def inner_outer(base_background, background):
        return compute(None, base_background, background)  # its first argument is unused

    def get_inner_outer(self, base_background, background):
        return inner_outer(base_background, background)

    StylesCache.get_inner_outer = get_inner_outer


def keep_the_app_running_when_a_removed_widget_was_cancelled() -> None:
    """Removing widgets (a recompose, `remove()`) queues an `AwaitRemove` on the app, which
    awaits the removed widgets' message-loop tasks with `asyncio.gather`. If one of those tasks
    ended cancelled, gather raises `CancelledError` inside the app's own message loop, and Textual
    takes that for a shutdown: the loop ends quietly, the app stays on screen and answers no key
    again. Under load (eight apps on two cores) the footer's recompose, when focus moved to the
    search box, did this about once in forty runs. The module's `gather` here returns exceptions
    instead of raising them: a cancelled widget is as removed as a finished one.
    """
    import asyncio
    from functools import partial

    from textual import await_remove

    await_remove.gather = partial(asyncio.gather, return_exceptions=True)


keep_no_widget_in_the_background_cache()
keep_the_app_running_when_a_removed_widget_was_cancelled()
