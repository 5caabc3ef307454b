"""Quitting while the database thread is stuck keeps every action the person made (issue 12's
"nothing is lost", without FUSE: a call that never returns stands in for a stalled drive)."""

from __future__ import annotations

import threading
import time

from textual.worker import WorkerState

from herotui.app import make_app
from herotui.services.actions import replay
from herotui.services.hero import Hero
from herotui.store import open_store
from herotui.store.models import Share
from herotui.store.outbox import Outbox
from conftest import until


async def test_an_action_queued_behind_a_stuck_call_reaches_the_outbox_on_quit(launch_for, db_path, clock):
    launch = launch_for("anna")
    app = make_app(launch)
    release = threading.Event()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await until(pilot, lambda: app.db_state == "online", what="online")
        app.dbt.submit(release.wait, 60)  # a read stuck on the drive
        worker = app.run_worker(app.db(app.hero.shares.post, None, "Bakom", "article", ["Ledarskap"]),
                                exit_on_error=False)
        await until(pilot, lambda: worker.state == WorkerState.RUNNING and app.dbt.queued() >= 1,
                    what="the post waiting behind the stuck call")
        outbox = Outbox(launch.outbox_path)
        assert outbox.pending() == []  # not journaled yet: it never reached the thread
        begin = time.monotonic()
        await pilot.press("q")
    assert time.monotonic() - begin < 10.0  # quitting does not wait for the stuck call (60 s)
    release.set()
    assert [(e.action, e.payload["title"]) for e in outbox.pending()] == [("share.post", "Bakom")]

    # Next start sends it, once.
    store = open_store(str(db_path), clock=clock)
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    replay(hero)
    replay(hero)
    assert outbox.pending() == []
    assert store.read(lambda: Share.select().where(Share.title == "Bakom").count()) == 1
    store.close()
