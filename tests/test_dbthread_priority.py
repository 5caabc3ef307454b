"""The shown screen's load never waits behind background work (issue 16, item 3): the database
thread serves foreground calls before queued background ones (the change poll, hidden screens)."""

from __future__ import annotations

import threading

from herotui.dbthread import DbThread


def _blocked_thread() -> tuple[DbThread, threading.Event, threading.Event]:
    thread = DbThread()
    started, release = threading.Event(), threading.Event()

    def stuck() -> None:
        started.set()
        release.wait(30)

    thread.submit(stuck)
    assert started.wait(10)
    return thread, started, release


def test_foreground_calls_go_ahead_of_queued_background_calls():
    thread, _, release = _blocked_thread()
    order: list[str] = []
    futures = [
        thread.submit_background(order.append, "poll"),
        thread.submit_background(order.append, "hidden screen"),
        thread.submit(order.append, "shown screen"),
        thread.submit(order.append, "action"),
        thread.submit_background(order.append, "poll again"),
    ]
    assert thread.queued() == 5
    release.set()
    for future in futures:
        future.result(timeout=10)
    # Foreground first, in the order asked; then background, in the order asked.
    assert order == ["shown screen", "action", "poll", "hidden screen", "poll again"]
    assert thread.shutdown(wait=5.0) == []


def test_background_calls_still_run_and_shutdown_hands_back_both_queues():
    thread, _, release = _blocked_thread()
    background = thread.submit_background(lambda: "poll")
    foreground = thread.submit(lambda: "write")
    left = thread.shutdown(wait=0.2)
    # Behind a stuck call, what never started comes back: foreground first, then background.
    assert [call() for call in left] == ["write", "poll"]
    assert background.cancelled() and foreground.cancelled()
    release.set()


async def test_run_background_awaits_its_result():
    thread = DbThread()
    assert await thread.run_background(lambda: 42) == 42
    assert await thread.run(lambda: 7) == 7
    thread.shutdown(wait=5.0)
