"""The app's share form when the server stops answering mid-save (issue 20, verified from the outside).

Found by hand: with the `share` table locked by another session (ACCESS EXCLUSIVE, as a migration
or `VACUUM FULL` holds it: even reads wait), or with the server paused, the form's "already
shared?" check timed out, the app said "cannot be reached ... what you do is kept", and the share
was neither written nor kept in the outbox: the form just stayed open. It must wait in the outbox,
as `share add` does on the command line, and be sent once the server answers again.
"""

from __future__ import annotations

import psycopg

from conftest import until
from tests.pgtools import pg_proxy  # noqa: F401 - fixture
from test_share_screen import fill_form, notices, open_feed

from herotui.app import make_app
from herotui.screens.share_form import ShareFormScreen
from herotui.store import open_store
from herotui.store.models import Share


async def test_a_share_saved_while_even_reads_wait_goes_to_the_outbox(launch_for, pg_created, outbox, clock):
    launch = launch_for(target=pg_created)  # write deadline 3 s; reads give up after 5 s
    app = make_app(launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_feed(app, pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
        form = app.screen
        await fill_form(pilot, form, url="https://example.org/under-lock", title="Under lås", areas=["Ledarskap"])
        other = psycopg.connect(pg_created)
        try:
            other.execute("LOCK TABLE share IN ACCESS EXCLUSIVE MODE")
            await pilot.press("ctrl+s")
            took = await until(pilot, lambda: outbox.count() == 1, timeout=30, what="the share in the outbox")
            await until(pilot, lambda: app.screen is not form, what="the form closed")
            await until(pilot, lambda: "Saved offline" in notices(app), what="the notice " + repr(notices(app)))
            # The check and the write each had their deadline (5 s + 3 s), plus the watchdog's grace.
            assert took < 5 + 3 + 4, f"took {took:.1f} s"
        finally:
            other.close()
        await until(pilot, lambda: outbox.count() == 0, timeout=30, what="the share sent")
    store = open_store(pg_created, clock=clock)
    try:
        assert store.read(lambda: Share.select().where(Share.title == "Under lås").count()) == 1
    finally:
        store.close()


async def test_a_share_saved_while_the_server_host_is_frozen_waits_in_the_outbox(launch_for, pg_created, outbox,
                                                                                 clock, pg_proxy):
    """The whole host stops answering (a paused VM; here a relay that holds every byte): the form's
    check gives up at its deadline, and the find then goes to the outbox at once - not after
    another deadline for the write, and another for the outbox entries waiting before it."""
    relay = pg_proxy(pg_created)
    app = make_app(launch_for(target=relay.url))  # write deadline 3 s; reads give up after 5 s
    async with app.run_test(size=(120, 40)) as pilot:
        await open_feed(app, pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ShareFormScreen))
        form = app.screen
        await fill_form(pilot, form, url="https://example.org/frozen", title="Fryst", areas=["Ledarskap"])
        relay.freeze()
        try:
            await pilot.press("ctrl+s")
            took = await until(pilot, lambda: outbox.count() >= 1 and app.screen is not form, timeout=40,
                               what="the share in the outbox")
            await until(pilot, lambda: "Saved offline" in notices(app), what="the notice")
            assert app.db_state == "offline"
            # The check's deadline (5 s) and the watchdog's grace (1 s), not one more per step.
            assert took < 5 + 1 + 2.5, f"took {took:.1f} s"
        finally:
            relay.thaw()
        await until(pilot, lambda: outbox.count() == 0, timeout=40, what="the share sent")
    store = open_store(pg_created, clock=clock)
    try:
        assert store.read(lambda: Share.select().where(Share.title == "Fryst").count()) == 1
    finally:
        store.close()


def test_asking_whether_a_frozen_host_answers_leaves_the_other_threads_running(pg_created, pg_proxy):
    """A failed sign-in is sorted by asking libpq's PQping whether any server answered. psycopg's
    binding of it holds the GIL for as long as libpq waits (3 s here): asked in-process it froze
    every thread, the app's interface included. Asked in a child process, the rest keep going."""
    import threading
    import time

    from herotui.store.location import parse_location
    from herotui.store.postgres import connect_failure, connection_params

    relay = pg_proxy(pg_created)
    location = parse_location(relay.url)
    url, params = connection_params(location, write_deadline=3)
    relay.freeze()
    try:
        ticks: list[float] = []
        stop = threading.Event()

        def ticker() -> None:
            while not stop.wait(0.01):  # a tick every 10 ms until told to stop
                ticks.append(time.monotonic())

        found: list = []

        def classify() -> None:  # off the main thread, as the app's database thread asks it
            began = time.monotonic()
            found.append(connect_failure(psycopg.OperationalError("connection timeout expired"), url, params,
                                         location))
            found.append(time.monotonic() - began)

        thread = threading.Thread(target=ticker, daemon=True)
        thread.start()
        asking = threading.Thread(target=classify)
        asking.start()
        asking.join(timeout=30)
        stop.set()
        thread.join()
        error, took = found
        assert type(error).__name__ == "DatabaseUnavailable"
        assert took >= 2.5  # it did wait for the frozen host
        gaps = [b - a for a, b in zip(ticks, ticks[1:])]
        assert max(gaps) < 0.5, f"the other thread stood still for {max(gaps):.1f} s"
    finally:
        relay.thaw()
