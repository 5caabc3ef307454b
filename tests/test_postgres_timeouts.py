"""A write either commits or goes to the outbox within the write deadline, on a real server.

Another session holds a table lock (as a long migration or a colleague's psql would): the write
must not wait past `write_deadline_seconds`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import psycopg

from herotui.services.actions import Queued, replay
from herotui.services.hero import Hero
from herotui.store import create_store, open_store
from herotui.store.models import Share


def _hold_share_lock(url: str) -> psycopg.Connection:
    """Another session: EXCLUSIVE blocks every insert into `share` but still lets people read."""
    other = psycopg.connect(url)
    other.execute("LOCK TABLE share IN EXCLUSIVE MODE")
    return other


def test_a_held_lock_sends_the_write_to_the_outbox_within_the_deadline(pg_target, clock, outbox):
    create_store(pg_target, creator_login="anna", clock=clock).close()
    store = open_store(pg_target, clock=clock, write_deadline=2)
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    hero.people.ensure_me()
    other = _hold_share_lock(pg_target)
    try:
        begin = time.monotonic()
        result = hero.shares.post("https://example.org/locked", "Under lås", "article", ["Ledarskap"])
        elapsed = time.monotonic() - begin
        assert isinstance(result, Queued)
        assert elapsed < 2 + 0.75, f"waited {elapsed:.2f} s for a 2 s deadline"
        assert elapsed > 1.5  # it did wait for the lock, up to the deadline
    finally:
        other.rollback()
        other.close()
    assert replay(hero).sent == [result.uuid]
    assert store.read(lambda: Share.select().where(Share.uuid == result.uuid).count()) == 1
    store.close()


def test_share_add_json_returns_queued_within_the_deadline(pg_target, clock, isolated_home):
    create_store(pg_target, creator_login="anna", clock=clock).close()
    config = isolated_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text("write_deadline_seconds = 3\n", encoding="utf-8")
    command = [sys.executable, "-m", "herotui", "--lang", "en", "share", "add", "https://example.org/l",
               "--title", "L", "--area", "Ledarskap", "--db", pg_target, "--json"]
    started = time.monotonic()
    warm = subprocess.run(command[:5] + ["whoami", "--db", pg_target], capture_output=True, text=True,
                          timeout=60)
    assert warm.returncode == 0, warm.stderr  # this computer now knows the database
    start_up = time.monotonic() - started  # a process that opens the database and answers
    other = _hold_share_lock(pg_target)
    try:
        begin = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=dict(os.environ))
        elapsed = time.monotonic() - begin
    finally:
        other.rollback()
        other.close()
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["queued"] is True and len(answer["uuid"]) == 36
    # The deadline covers the write; starting Python and opening the database come on top.
    assert elapsed < start_up + 3 + 1.5, f"took {elapsed:.1f} s (start-up {start_up:.1f} s)"


def test_a_paused_server_sends_the_write_to_the_outbox_within_the_deadline(pg_target, clock, outbox):
    """A frozen backend cannot enforce statement_timeout; the client's watchdog cuts the connection."""
    import signal

    create_store(pg_target, creator_login="anna", clock=clock).close()
    store = open_store(pg_target, clock=clock, write_deadline=2)
    hero = Hero(store, "anna", clock=clock, outbox=outbox)
    hero.people.ensure_me()
    backend = store.read(lambda: store.db.execute_sql("SELECT pg_backend_pid()").fetchone()[0])
    os.kill(backend, signal.SIGSTOP)  # the tests run as root or as the server's owner
    try:
        begin = time.monotonic()
        result = hero.shares.post("https://example.org/paused", "Pausad", "article", ["Ledarskap"])
        elapsed = time.monotonic() - begin
    finally:
        os.kill(backend, signal.SIGCONT)
    assert isinstance(result, Queued)
    assert elapsed < 2 + 1.0 + 0.75, f"waited {elapsed:.2f} s for a 2 s deadline"
    assert replay(hero).sent == [result.uuid]  # a fresh connection, the write arrives once
    assert store.read(lambda: Share.select().where(Share.uuid == result.uuid).count()) == 1
    store.close()
