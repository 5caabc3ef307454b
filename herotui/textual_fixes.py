"""Corrections to Textual that herotui needs until Textual makes them itself.

Each one leans on a private part of Textual; `tests/test_textual_fixes.py` pins what it relies on,
so a Textual upgrade that changes it fails there rather than in front of a person.
"""

from __future__ import annotations


def keep_the_app_running_when_a_removed_widget_was_cancelled() -> None:
    """Removing widgets (a recompose, `remove()`) queues an `AwaitRemove` on the app, which
    awaits the removed widgets' message-loop tasks with `asyncio.gather`. If one of those tasks
    ended cancelled, gather raises `CancelledError` inside the app's own message loop, and Textual
    takes that for a shutdown: the loop ends quietly, the app stays on screen and answers no key
    again. Under load (eight apps on two cores) the footer's recompose, when focus moved to the
    search box, did this about once in forty runs. Here the removal waits for the tasks with
    `return_exceptions=True`: a cancelled widget is as removed as a finished one.
    """
    import asyncio

    from textual import await_remove
    from textual._callback import invoke

    AwaitRemove = await_remove.AwaitRemove
    if getattr(AwaitRemove, "_herotui_fixed", False):
        return

    def __await__(self):
        current = asyncio.current_task()
        tasks = [task for task in self._tasks if task is not current]

        async def await_prune() -> None:
            await asyncio.gather(*tasks, return_exceptions=True)
            if self._post_remove is not None:
                await invoke(self._post_remove)

        return await_prune().__await__()

    AwaitRemove.__await__ = __await__
    AwaitRemove._herotui_fixed = True


keep_the_app_running_when_a_removed_widget_was_cancelled()
