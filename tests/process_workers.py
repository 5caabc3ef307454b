"""What the process tests run in their child processes, and how those are started.

`context()` and `child()` start each child as its own process with the test's environment and
working folder, as "spawn" would, but forked from a server that imported herotui once
("forkserver", with `PRELOAD`): a spawned child spends 0.2-0.3 s of CPU importing herotui (and
psycopg) before its first statement, and the suite starts almost 200 of them. Where there is no
forkserver (Windows) they are spawned.

A child imports the module its function lives in. Here that is this module, which imports
nothing but the standard library at the top (herotui inside each function): a child of a test
module would import pytest and, for the screen tests, Textual too.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

MIXED_WRITES = 100
"""Writes per process in tests/test_mixed_writes.py."""
SHARE_MOMENT = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
"""The fixed moment of tests/test_share_processes.py's colleagues (a moment of its own, not today)."""


PRELOAD = ("process_workers", "herotui.clock", "herotui.services.hero", "herotui.services.learning",
           "herotui.store", "herotui.store.models", "herotui.store.pgdriver", "psycopg")
"""Modules the fork server imports once for all children (a missing one, such as psycopg without
the extra, is skipped by multiprocessing)."""


def context():
    """The multiprocessing context for the process tests: "forkserver" preloading `PRELOAD`
    where the platform has it, else "spawn". Its Barrier and Queue are the ones to use."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


def child(ctx, target, *args):
    """An unstarted process of `ctx` running `target(*args)` in this process's current
    environment variables (TZ and the character locale applied), and working folder: the fork
    server keeps the ones it started with. Unlike spawned children, forked ones share the fork
    server's hash seed."""
    return ctx.Process(target=_as_spawned, args=(dict(os.environ), os.getcwd(), target, args))


def released_together(target, argument_lists, timeout: float = 120) -> list:
    """Run `target(*arguments, barrier, results)` in one child per entry of `argument_lists`,
    released together by a barrier, and return what each child put on `results` (one item each,
    in the order they arrived) once every child has exited with code 0.

    Raises `queue.Empty` when a child puts nothing within `timeout` seconds, and AssertionError
    when a child exits with another code.
    """
    ctx = context()
    barrier = ctx.Barrier(len(argument_lists))
    results = ctx.Queue()
    workers = [child(ctx, target, *arguments, barrier, results) for arguments in argument_lists]
    for proc in workers:
        proc.start()
    outcomes = [results.get(timeout=timeout) for _ in workers]
    for proc in workers:
        proc.join(timeout=60)
        assert proc.exitcode == 0, f"a child of {target.__name__} exited with {proc.exitcode}"
    return outcomes


def _as_spawned(environment: dict[str, str], folder: str, target, args) -> None:
    import locale
    import time

    os.environ.clear()
    os.environ.update(environment)
    os.chdir(folder)
    if hasattr(time, "tzset"):
        time.tzset()  # TZ as the test set it, as a new interpreter would read it
    try:
        locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:
        pass
    target(*args)


def _service_racer(path: str, login: str, barrier, results) -> None:
    from herotui.clock import default_clock
    from herotui.services.errors import Conflict
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(path, write_deadline=60)
    hero = Hero(store, login, clock=default_clock())
    hero.people.ensure_me()
    barrier.wait()
    hero.breakfast.ensure_slots()  # everyone generates the year at the same moment
    slot = hero.breakfast.overview().upcoming[0]
    barrier.wait()
    try:
        won = hero.breakfast.claim(slot.uuid, f"Ämne från {login}")
        results.put((login, "won", won.host_login))
    except Conflict as exc:
        results.put((login, "lost", exc.message()))
    finally:
        store.close()


def _cli_racer(path: str, day: str, login: str, data_dir: str, barrier, results) -> None:
    env = {**os.environ, "HEROTUI_USER": login, "HEROTUI_DATA_DIR": data_dir, "HEROTUI_LANG": "en"}
    barrier.wait()
    done = subprocess.run(
        [sys.executable, "-m", "herotui", "breakfast", "claim", day, "--topic", f"Ämne från {login}", "--db", path],
        capture_output=True, text=True, env=env, timeout=120,
    )
    results.put((login, done.returncode, done.stderr))


def _starter(path: str, barrier, results) -> None:
    from herotui.services.errors import Conflict
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(path, write_deadline=60)
    hero = Hero(store, "anna")
    hero.people.ensure_me()
    barrier.wait()
    try:
        timer = hero.learning.start()
        results.put(("started", timer.uuid))
    except Conflict as exc:
        results.put(("refused", exc.message()))
    finally:
        store.close()


def _colleague(path: str, worker: int, share_uuids: list[str], slot_uuids: list[str], barrier, results) -> None:
    from herotui.services.actions import Queued
    from herotui.services.hero import Hero
    from herotui.services.learning import Draft
    from herotui.store import open_store

    store = open_store(path, write_deadline=120)
    hero = Hero(store, f"colleague{worker}")
    hero.people.ensure_me()
    acked: dict[str, list] = {"shares": [], "sessions": [], "useful": [], "rsvp": [], "errors": []}
    barrier.wait()
    for index in range(MIXED_WRITES):
        try:
            kind = index % 4
            if kind == 0:
                info = hero.shares.post(f"https://example.org/w{worker}/{index}", f"Fynd {worker}-{index}",
                                        "article", ["Ledarskap"], note="Bra läsning")
                acked["shares"].append(info.uuid)
            elif kind == 1:
                result = hero.learning.log(10, Draft(kind="podcast", title=f"Avsnitt {worker}-{index}",
                                                     areas=("Ledarskap",)))
                acked["sessions"].append(result.uuid)
            elif kind == 2:
                target = share_uuids[(worker + index) % len(share_uuids)]
                hero.shares.set_useful(target, True)
                acked["useful"].append(target)
            else:
                target = slot_uuids[(worker + index) % len(slot_uuids)]
                hero.breakfast.rsvp(target, True)
                acked["rsvp"].append(target)
            assert not isinstance(info if kind == 0 else None, Queued)
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the parent
            acked["errors"].append(f"{type(exc).__name__}: {exc}")
    store.close()
    results.put((worker, acked))


def _press(path: str, login: str, share_uuid: str, what: str, on: bool, rounds: int, barrier, results) -> None:
    """One colleague's process: wait for the others, then press "useful" or "save" `rounds` times."""
    from herotui.clock import FakeClock
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(path, write_deadline=60)
    hero = Hero(store, login, clock=FakeClock(SHARE_MOMENT))
    hero.people.ensure_me()
    press = hero.shares.set_useful if what == "useful" else hero.shares.set_saved
    barrier.wait()
    answers = [press(share_uuid, on) for _ in range(rounds)]
    store.close()
    results.put((login, [getattr(a, "on", a) for a in answers]))


def _post_from_another_process(path: str, count: int, done) -> None:
    from herotui.clock import FakeClock
    from herotui.services.hero import Hero
    from herotui.store import open_store

    store = open_store(path, write_deadline=60)
    hero = Hero(store, "maja", clock=FakeClock(SHARE_MOMENT + timedelta(hours=5)))
    hero.people.ensure_me()
    for n in range(count):
        hero.shares.post(f"https://maja.se/{n}", f"Majas fynd {n}", "podcast", ["AI i HR"])
    store.close()
    done.set()


def _writer(path: str, worker: int, count: int, barrier, results) -> None:
    from herotui.clock import default_clock
    from herotui.store import open_store
    from herotui.store.models import Person

    store = open_store(path, write_deadline=60)
    acknowledged = []
    barrier.wait()
    for index in range(count):
        login = f"w{worker}-{index}"
        store.write(lambda: Person.insert(login=login, display_name=login,
                                          created_at=default_clock().now()).execute())
        acknowledged.append(login)
    store.close()
    results.put(acknowledged)
