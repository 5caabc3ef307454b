"""Many processes at once on one database: writes under contention, and the breakfast slot race.

`db` is a file path or a `postgresql://` URL (`benchmarks.backends`): the same writes and checks
run against the shared file and against PostgreSQL.

Processes (not threads) are started with the `spawn` method, prepare everything (imports, the
person's row), then wait at a barrier so the measured part starts at the same moment for all.
Every worker sends back what it was told (acknowledged results, errors, latencies); the parent
then checks the file itself, so "lost" means acknowledged but not in the database.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import backends

# -- writes under contention ----------------------------------------------------------------------

# One cycle of ten writes a person might make in a week: three finds shared, three sessions
# logged, two "useful" marks toggled on colleagues' shares, a timer started and stopped.
CYCLE = ("post", "log", "useful", "post", "start", "log", "useful", "post", "log", "stop")


def plan(writes: int) -> list[str]:
    """`writes` operations following CYCLE; a timer started near the end is still stopped."""
    ops = [CYCLE[i % len(CYCLE)] for i in range(writes)]
    last_start = max((i for i, op in enumerate(ops) if op == "start"), default=-1)
    last_stop = max((i for i, op in enumerate(ops) if op == "stop"), default=-1)
    if last_start > last_stop:
        ops[-1] = "stop"
    return ops


@dataclass
class Outcome:
    """What one persona's writes came back with."""

    login: str
    acknowledged: dict[str, list[str]] = field(default_factory=dict)
    """Kind of row ("share", "session") to the UUIDs the app said were saved."""
    useful: dict[str, bool] = field(default_factory=dict)
    """Share UUID to the last acknowledged state of my "useful" mark."""
    errors: list[str] = field(default_factory=list)
    """Messages a person would have seen as a failure."""
    queued: int = 0
    """Writes that went to the offline outbox ("saved offline") because the file stayed busy."""
    latencies: list[float] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0


class Persona:
    """One colleague's writes through the services, exactly as the app and the CLI make them."""

    def __init__(self, hero: Any, index: int, run: str, targets: list[str]) -> None:
        self.hero = hero
        self.index = index
        self.run = run
        self.targets = targets
        self.outcome = Outcome(hero.login)
        self._count = 0
        self._timer = None

    def do(self, op: str) -> None:
        from herotui.services.actions import Queued
        from herotui.services.errors import HeroError
        from herotui.store.errors import StoreError

        self._count += 1
        started = time.perf_counter()
        try:
            result = getattr(self, "_" + op)()
        except (HeroError, StoreError) as exc:
            self.outcome.errors.append(f"{op}: {exc.message()}")
            result = None
        except Exception as exc:  # noqa: BLE001 - anything unexpected is an error a person sees
            self.outcome.errors.append(f"{op}: {type(exc).__name__}: {exc}")
            result = None
        self.outcome.latencies.append(time.perf_counter() - started)
        if isinstance(result, Queued):
            self.outcome.queued += 1

    def _post(self):
        from herotui.services.actions import Queued

        n = self._count
        result = self.hero.shares.post(
            f"https://kunskap.example.org/{self.run}/{self.index}/{n}",
            f"Mätning {self.index}-{n}: strukturerade intervjuer",
            "article",
            ["Rekrytering"],
            tags=["mätning"],
            note="Skriven under belastning.",
        )
        if not isinstance(result, Queued):
            self.outcome.acknowledged.setdefault("share", []).append(result.uuid)
        return result

    def _log(self):
        from herotui.services.actions import Queued
        from herotui.services.learning import Draft

        result = self.hero.learning.log(15, Draft(kind="podcast", title=f"Avsnitt {self._count}"))
        if not isinstance(result, Queued):
            self.outcome.acknowledged.setdefault("session", []).append(result.uuid)
        return result

    def _useful(self):
        from herotui.services.actions import Queued

        target = self.targets[(self.index + self._count) % len(self.targets)]
        on = not self.outcome.useful.get(target, False)
        result = self.hero.shares.set_useful(target, on)
        if not isinstance(result, Queued):
            self.outcome.useful[target] = on
        return result

    def _start(self):
        from herotui.services.learning import Draft

        self._timer = self.hero.learning.start(Draft(kind="webinar", title="Webbinarium om ledarskap"))
        return self._timer

    def _stop(self):
        from herotui.services.actions import Queued
        from herotui.services.learning import Draft

        result = self.hero.learning.stop(Draft(kind="webinar", title="Webbinarium om ledarskap"),
                                         minutes=20, timer=self._timer)
        if not isinstance(result, Queued):
            self.outcome.acknowledged.setdefault("session", []).append(result.uuid)
        return result


def _open_personas(db: str, first: int, count: int, run: str, targets: list[str], outbox_dir: Path) -> list[Persona]:
    from herotui.services.hero import Hero
    from herotui.store import open_store
    from herotui.store.outbox import Outbox

    store = open_store(db)
    personas = []
    for index in range(first, first + count):
        outbox = Outbox(outbox_dir / f"outbox-{index}.db")
        hero = Hero(store, writer_login(index), outbox=outbox)
        hero.people.ensure_me()
        personas.append(Persona(hero, index, run, targets))
    return personas


def writer_login(index: int) -> str:
    return f"skribent.{index:02d}"


def _writer_process(db: str, index: int, writes: int, run: str, targets: list[str], outbox_dir: str,
                    barrier: Any, results: Any) -> None:
    try:
        (persona,) = _open_personas(db, index, 1, run, targets, Path(outbox_dir))
    except BaseException as exc:  # noqa: BLE001 - the parent must hear about it, not hang
        barrier.abort()
        results.put(("failed", index, f"{type(exc).__name__}: {exc}"))
        return
    ops = plan(writes)
    barrier.wait()
    persona.outcome.started = time.perf_counter()
    for op in ops:
        persona.do(op)
    persona.outcome.finished = time.perf_counter()
    persona.hero.store.close()
    results.put(("done", index, persona.outcome))


def contended_writes(db: str, processes: int, writes: int, run: str, targets: list[str],
                     outbox_dir: Path, timeout: float = 600.0) -> list[Outcome]:
    """`processes` processes, each one persona making `writes` writes, released together."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes)
    results = ctx.Queue()
    workers = [ctx.Process(target=_writer_process,
                           args=(db, i, writes, run, targets, str(outbox_dir), barrier, results))
               for i in range(processes)]
    for w in workers:
        w.start()
    outcomes = _collect(results, processes, timeout)
    for w in workers:
        w.join(timeout=30)
    return outcomes


def serial_writes(db: str, personas: int, writes: int, run: str, targets: list[str], outbox_dir: Path) -> list[Outcome]:
    """The same personas and writes from one process, one after another (round robin)."""
    people = _open_personas(db, 0, personas, run, targets, outbox_dir)
    ops = plan(writes)
    started = time.perf_counter()
    for persona in people:
        persona.outcome.started = started
    for op in ops:
        for persona in people:
            persona.do(op)
    finished = time.perf_counter()
    for persona in people:
        persona.outcome.finished = finished
    people[0].hero.store.close()
    return [p.outcome for p in people]


def _collect(results: Any, expected: int, timeout: float) -> list[Any]:
    import queue

    deadline = time.monotonic() + timeout
    collected: list[Any] = []
    while len(collected) < expected:
        try:
            status, index, payload = results.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"only {len(collected)} of {expected} processes reported back") from None
        if status == "failed":
            raise RuntimeError(f"process {index} could not start: {payload}")
        collected.append(payload)
    return collected


@dataclass
class WriteCheck:
    writes: int
    acknowledged: int
    lost: int
    errors: list[str]
    queued: int
    live_timers: int
    integrity: str


def check_writes(db: str, outcomes: list[Outcome]) -> WriteCheck:
    """Compare what the people were told with what the file holds."""
    conn = backends.connect_ro(db)
    try:
        lost = acknowledged = 0
        for outcome in outcomes:
            for table, uuids in (("share", outcome.acknowledged.get("share", [])),
                                 ("learning_session", outcome.acknowledged.get("session", []))):
                for uuid in uuids:
                    acknowledged += 1
                    if conn.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (uuid,)).fetchone() is None:
                        lost += 1
            person = conn.execute("SELECT id FROM person WHERE login = ?", (outcome.login,)).fetchone()
            for share_uuid, on in outcome.useful.items():
                acknowledged += 1
                present = conn.execute(
                    "SELECT 1 FROM reaction r JOIN share s ON s.id = r.share_id WHERE s.uuid = ? AND r.person_id = ?",
                    (share_uuid, person[0] if person else -1)).fetchone() is not None
                if present != on:
                    lost += 1
        logins = [o.login for o in outcomes]
        live = conn.execute(
            f"SELECT COUNT(*) FROM learning_session l JOIN person p ON p.id = l.person_id "
            f"WHERE l.status IN ('running', 'paused') AND p.login IN ({','.join('?' * len(logins))})",
            logins).fetchone()[0]
        integrity = backends.integrity(conn, db)
    finally:
        conn.close()
    return WriteCheck(
        writes=sum(len(o.latencies) for o in outcomes),
        acknowledged=acknowledged,
        lost=lost,
        errors=[e for o in outcomes for e in o.errors],
        queued=sum(o.queued for o in outcomes),
        live_timers=live,
        integrity=integrity,
    )


def prepare_targets(db: str, count: int = 4) -> list[str]:
    """UUIDs of the newest shares: what everybody marks as useful at once."""
    conn = backends.connect_ro(db)
    try:
        rows = conn.execute("SELECT uuid FROM share ORDER BY created_at DESC, id DESC LIMIT ?", (count,)).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


# -- the slot race ------------------------------------------------------------------------------------


def racer_login(index: int) -> str:
    return f"frukostvard.{index:02d}"


@dataclass
class Attempt:
    day: str
    code: int
    message: str
    seconds: float
    started: float = 0.0


@dataclass
class RaceOutcome:
    login: str
    attempts: list[Attempt] = field(default_factory=list)
    won: str | None = None
    go: float = 0.0
    finished: float = 0.0


def _cli(argv: list[str]) -> tuple[int, str]:
    """`herotui ARGV` in this process: the exit code and what it wrote to standard error."""
    from herotui.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    return code, err.getvalue().strip()


def _use_home(root: Path, login: str) -> None:
    os.environ["HEROTUI_USER"] = login
    os.environ["HEROTUI_DATA_DIR"] = str(root / login / "data")
    os.environ["HEROTUI_CONFIG_DIR"] = str(root / login / "config")


def claim_in_order(db: str, login: str, days: list[str], outcome: RaceOutcome) -> None:
    """Try the days in order with `herotui breakfast claim DAY --topic T` until one is mine."""
    for day in days:
        started = time.perf_counter()
        code, message = _cli(["breakfast", "claim", day, "--topic", f"Frukost med {login}", "--db", db])
        outcome.attempts.append(Attempt(day, code, message, time.perf_counter() - started, started))
        if code == 0:
            outcome.won = day
            return
        if code != 1:
            return  # not a refusal: the check in the parent reports it


def _racer_process(db: str, index: int, days: list[str], home: str, barrier: Any, results: Any) -> None:
    login = racer_login(index)
    try:
        _use_home(Path(home), login)
        code, message = _cli(["whoami", "--db", db])  # imports everything and registers the person
        if code != 0:
            raise RuntimeError(message)
        order = list(days)
        random.Random(index).shuffle(order)
    except BaseException as exc:  # noqa: BLE001
        barrier.abort()
        results.put(("failed", index, f"{type(exc).__name__}: {exc}"))
        return
    barrier.wait()
    outcome = RaceOutcome(login, go=time.perf_counter())
    claim_in_order(db, login, order, outcome)
    outcome.finished = time.perf_counter()
    results.put(("done", index, outcome))


def slot_race(db: str, racers: int, days: list[str], home: Path, timeout: float = 600.0) -> list[RaceOutcome]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(racers)
    results = ctx.Queue()
    workers = [ctx.Process(target=_racer_process, args=(db, i, days, str(home), barrier, results))
               for i in range(racers)]
    for w in workers:
        w.start()
    outcomes = _collect(results, racers, timeout)
    for w in workers:
        w.join(timeout=30)
    return outcomes


def serial_replay(db: str, outcomes: list[RaceOutcome], home: Path) -> tuple[float, list[RaceOutcome]]:
    """The baseline: the race's claim attempts again, in the order they started, from one process.

    Same people, same days, same number of `herotui breakfast claim` commands, same winners
    (the first attempt on a day wins it), but one at a time: what is left is the cost of the
    contention itself.
    """
    attempts = sorted(((a.started, o.login, a.day) for o in outcomes for a in o.attempts))
    replayed = {o.login: RaceOutcome(o.login) for o in outcomes}
    for login in replayed:
        _use_home(home, login)
        code, message = _cli(["whoami", "--db", db])
        if code != 0:
            raise RuntimeError(message)
    started = time.perf_counter()
    for _, login, day in attempts:
        _use_home(home, login)
        claim_in_order(db, login, [day], replayed[login])
    return time.perf_counter() - started, list(replayed.values())


def prepare_slots(db: str, count: int) -> list[str]:
    """Make the rule's upcoming slots and free the first `count` of them; their local dates."""
    from herotui.services.hero import Hero
    from herotui.store import open_store
    from herotui.store.models import BreakfastSlot

    store = open_store(db)
    try:
        hero = Hero(store, "anna.berg")
        hero.breakfast.ensure_slots()
        upcoming = [s for s in hero.breakfast.upcoming() if not s.is_cancelled][:count]
        if len(upcoming) < count:
            raise RuntimeError(f"only {len(upcoming)} upcoming breakfasts, {count} needed")

        def free() -> None:
            # Set up the race track directly: every raced slot starts without a host.
            BreakfastSlot.update(host=None, topic="", description="", claimed_at=None).where(
                BreakfastSlot.uuid.in_([s.uuid for s in upcoming])).execute()

        store.write(free)
        return [s.day.isoformat() for s in upcoming]
    finally:
        store.close()


@dataclass
class RaceCheck:
    winners: int
    distinct_days: int
    hosts_in_file: int
    losers_told_winner: int
    refusals: int
    unexpected: list[str]


def check_race(db: str, days: list[str], outcomes: list[RaceOutcome]) -> RaceCheck:
    """Exactly one host per raced slot; every refusal names the colleague who got the slot."""
    from datetime import date, datetime, time as dtime, timezone
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Stockholm")
    conn = backends.connect_ro(db)
    try:
        hosts: dict[str, tuple[str, str]] = {}
        for day in days:
            start = datetime.combine(date.fromisoformat(day), dtime(0), zone).astimezone(timezone.utc)
            lo = int(start.timestamp() * 1_000_000)
            row = conn.execute(
                "SELECT p.login, p.display_name FROM breakfast_slot b JOIN person p ON p.id = b.host_id "
                "WHERE b.starts_at >= ? AND b.starts_at < ? AND b.status = 'scheduled'",
                (lo, lo + 86_400_000_000)).fetchone()
            if row:
                hosts[day] = (row[0], row[1])
    finally:
        conn.close()
    winners = [o for o in outcomes if o.won]
    told = refusals = 0
    unexpected = []
    for outcome in outcomes:
        for attempt in outcome.attempts:
            if attempt.code == 1:
                refusals += 1
                host = hosts.get(attempt.day)
                if host and (host[0] in attempt.message or host[1] in attempt.message):
                    told += 1
                else:
                    unexpected.append(f"{outcome.login} {attempt.day}: {attempt.message}")
            elif attempt.code != 0:
                unexpected.append(f"{outcome.login} {attempt.day}: exit {attempt.code}: {attempt.message}")
            elif hosts.get(attempt.day, ("",))[0] != outcome.login:
                unexpected.append(f"{outcome.login} {attempt.day}: told it won, file says {hosts.get(attempt.day)}")
    return RaceCheck(
        winners=len(winners),
        distinct_days=len({o.won for o in winners}),
        hosts_in_file=len(hosts),
        losers_told_winner=told,
        refusals=refusals,
        unexpected=unexpected,
    )
