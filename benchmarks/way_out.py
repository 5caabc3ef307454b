"""The way out, measured (issue 16, item 7): the contention row and the slot race on PostgreSQL,
side by side with the shared file, so the README's advice on when to move rests on a figure.

Each round runs the file first and PostgreSQL second, the same processes, writes and checks
(`benchmarks.crowd`); rounds repeat `heavy_repeats` times and the medians are compared. The
server comes from `HEROTUI_BENCH_PG` or `HEROTUI_TEST_PG` (`benchmarks.backends`); each run gets
a fresh database on it, dropped afterwards. Without a server the rows say so (no verdict).
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

from benchmarks import backends, crowd
from benchmarks.measure import Line, median, percentile

if TYPE_CHECKING:  # `suite` imports this module to list the benchmarks
    from benchmarks.suite import Context

SIDES = ("file", "postgresql")
NO_SERVER = ("no PostgreSQL server: set HEROTUI_BENCH_PG=postgresql://USER@HOST:PORT/postgres "
             "(a role that may create databases) to measure this row")


def _unmeasured(name: str, what: str, unit: str, target: str) -> Line:
    return Line(name, what, "PostgreSQL", math.nan, "shared file", math.nan, unit, target, None,
                notes=NO_SERVER)


def _problems(checks: list[crowd.WriteCheck]) -> list[str]:
    problems = []
    lost = sum(c.lost for c in checks)
    errors = [e for c in checks for e in c.errors]
    if lost:
        problems.append(f"{lost} lost")
    if errors:
        problems.append(f"{len(errors)} errors, e.g. {errors[0]}")
    if sum(c.queued for c in checks):
        problems.append(f"{sum(c.queued for c in checks)} kept offline (busy past the write deadline)")
    if sum(c.live_timers for c in checks):
        problems.append(f"{sum(c.live_timers for c in checks)} timers left running")
    bad = [c.integrity for c in checks if c.integrity != "ok"]
    if bad:
        problems.append(f"integrity: {bad[0]}")
    return problems


def writes_pg(ctx: Context) -> list[Line]:
    """16 processes x 100 mixed writes (full run) on PostgreSQL and on the shared file, alternating.

    Both start from the same 1,000-share database (the file is copied, PostgreSQL gets it through
    `herotui migrate`'s copy). Every acknowledged write is checked afterwards on each backend.
    """
    p = ctx.profile
    what = f"Writes: {p.writers} processes x {p.writes_each} mixed, PostgreSQL vs the shared file"
    lat_what = f"Writes: latency p99, {p.writers} writers (PostgreSQL vs the shared file)"
    server = backends.pg_server()
    if server is None:
        return [_unmeasured("writes-pg", what, "writes/s", "0 lost, 0 errors"),
                _unmeasured("writes-pg-latency", lat_what, "ms", "report")]
    from herotui.store.copy import copy_to_postgres

    small = ctx.small_db()
    outboxes = ctx.work / "outboxes-pg"
    outboxes.mkdir(parents=True, exist_ok=True)
    speed: dict[str, list[float]] = {s: [] for s in SIDES}
    latencies: dict[str, list[float]] = {s: [] for s in SIDES}
    checks: dict[str, list[crowd.WriteCheck]] = {s: [] for s in SIDES}
    for rep in range(p.heavy_repeats):
        for side in SIDES:
            if side == "file":
                db = ctx.copy(small, "writes-file")
            else:
                db = backends.fresh_pg_database(server, f"writes{rep}")
                copy_to_postgres(small, db)
            try:
                targets = crowd.prepare_targets(db)
                run_id = f"{side}{rep}-{random.randrange(10**6)}"
                outcomes = crowd.contended_writes(db, p.writers, p.writes_each, run_id, targets,
                                                  outboxes / f"{side}{rep}")
                span = max(o.finished for o in outcomes) - min(o.started for o in outcomes)
                check = crowd.check_writes(db, outcomes)
            finally:
                if side == "postgresql":
                    backends.drop_pg_database(server, db)
            checks[side].append(check)
            speed[side].append(check.writes / span)
            latencies[side].extend(l for o in outcomes for l in o.latencies)
    problems = [f"{side}: {msg}" for side in SIDES for msg in _problems(checks[side])]
    pct = {s: [percentile(latencies[s], q) * 1000 for q in (50, 95, 99)] + [max(latencies[s]) * 1000]
           for s in SIDES}
    acknowledged = {s: sum(c.acknowledged for c in checks[s]) for s in SIDES}
    ok_note = (f"0 lost, 0 errors on both; {acknowledged['postgresql']} (PostgreSQL) and "
               f"{acknowledged['file']} (file) acknowledged writes checked; "
               f"throughput per round PostgreSQL {', '.join(f'{v:.0f}' for v in speed['postgresql'])}/s, "
               f"file {', '.join(f'{v:.0f}' for v in speed['file'])}/s")
    return [
        Line("writes-pg", what, "PostgreSQL", median(speed["postgresql"]), "shared file", median(speed["file"]),
             "writes/s", "0 lost, 0 errors", not problems, notes="; ".join(problems) or ok_note,
             extra={"throughput": speed, "errors": [e for s in SIDES for c in checks[s] for e in c.errors][:20]}),
        Line("writes-pg-latency", lat_what, "p99 PostgreSQL", pct["postgresql"][2], "p99 shared file",
             pct["file"][2], "ms", "report", None,
             notes="p50/p95/p99/max PostgreSQL {:.1f}/{:.1f}/{:.1f}/{:.0f} ms; shared file "
                   "{:.1f}/{:.1f}/{:.1f}/{:.0f} ms".format(*pct["postgresql"], *pct["file"]),
             extra={"percentiles_ms": pct}),
    ]


def _race_once(ctx: Context, db: str, home: str) -> tuple[float, crowd.RaceCheck, int]:
    p = ctx.profile
    days = crowd.prepare_slots(db, p.slots)
    outcomes = crowd.slot_race(db, p.racers, days, ctx.work / "homes" / home)
    settle = max(o.finished for o in outcomes) - min(o.go for o in outcomes)
    return settle, crowd.check_race(db, days, outcomes), sum(len(o.attempts) for o in outcomes)


def race_pg(ctx: Context) -> list[Line]:
    """32 processes claim the same 12 slots (full run) on PostgreSQL and on the file, alternating."""
    p = ctx.profile
    what = f"Slot race: {p.racers} processes, {p.slots} slots, time to settle (PostgreSQL vs the shared file)"
    target = f"exactly {p.slots} winners"
    server = backends.pg_server()
    if server is None:
        return [_unmeasured("race-pg", what, "s", target)]
    from herotui.store import create_store

    settles: dict[str, list[float]] = {s: [] for s in SIDES}
    attempts: dict[str, list[int]] = {s: [] for s in SIDES}
    failures: list[str] = []
    told = {s: [0, 0] for s in SIDES}
    for rep in range(p.heavy_repeats):
        for side in SIDES:
            if side == "file":
                db = ctx.empty_db("race-file")
            else:
                db = backends.fresh_pg_database(server, f"race{rep}")
                create_store(db, creator_login="anna.berg", creator_name="Anna Berg").close()
            try:
                settle, check, tries = _race_once(ctx, db, f"race-{side}{rep}")
            finally:
                if side == "postgresql":
                    backends.drop_pg_database(server, db)
            settles[side].append(settle)
            attempts[side].append(tries)
            told[side][0] += check.losers_told_winner
            told[side][1] += check.refusals
            if not (check.winners == p.slots == check.distinct_days == check.hosts_in_file and not check.unexpected):
                failures.append(f"{side} run {rep + 1}: {check.winners} winners on {check.distinct_days} days, "
                                f"{check.hosts_in_file} hosts stored; {check.unexpected[:2]}")
    notes = (f"{p.slots} winners every run on both; refusals naming the winner: PostgreSQL "
             f"{told['postgresql'][0]} of {told['postgresql'][1]}, file {told['file'][0]} of {told['file'][1]}; "
             f"settle per round PostgreSQL {', '.join(f'{v:.2f}' for v in settles['postgresql'])} s, "
             f"file {', '.join(f'{v:.2f}' for v in settles['file'])} s; claim commands per run "
             f"{median(attempts['postgresql']):.0f} vs {median(attempts['file']):.0f}")
    return [
        Line("race-pg", what, "PostgreSQL", median(settles["postgresql"]), "shared file", median(settles["file"]),
             "s", target, not failures, notes="; ".join(failures) or notes,
             extra={"settle": settles, "attempts": attempts}),
    ]

