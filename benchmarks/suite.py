"""The nine benchmarks. Each returns result lines: the thing under test, its baseline from the
same run, the ratio of their medians, the target and the verdict.

Repetitions alternate the two sides (A B A B ...) so that a noisy moment hurts both alike, and a
first, uncounted run of each side warms the disk cache and the bytecode cache.
"""

from __future__ import annotations

import math
import queue
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from benchmarks import crowd
from benchmarks.memory import idle_memory
from benchmarks.children import REPO_ROOT, Sandbox, parse_probe_output, probe_command, run_probe
from benchmarks.measure import Line, median, percentile
from benchmarks.populate import cached, copy_database
from benchmarks.probe import MARK
from benchmarks.profiles import Profile
from benchmarks.waiting import command_line, startup, statements
from benchmarks.way_out import race_pg, writes_pg


@dataclass
class Context:
    profile: Profile
    work: Path
    cache: Path
    log: Callable[[str], None] = print
    _copies: int = field(default=0, init=False)

    def big_db(self) -> Path:
        return cached(self.cache, self.profile.big, quiet=False)

    def small_db(self) -> Path:
        return cached(self.cache, self.profile.small, quiet=False)

    def copy(self, source: Path, name: str) -> str:
        """A private copy of a generated database (benchmarks write to it)."""
        self._copies += 1
        return str(copy_database(source, self.work / "db" / f"{self._copies:02d}-{name}.db"))

    def empty_db(self, name: str) -> str:
        from herotui.store import create_store

        self._copies += 1
        folder = self.work / "db"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self._copies:02d}-{name}.db"
        create_store(str(path), creator_login="anna.berg", creator_name="Anna Berg").close()
        return str(path)

    def sandbox(self, name: str) -> Sandbox:
        return Sandbox(self.work / "homes" / name)


def alternate(repeats: int, first: Callable[[], Any], second: Callable[[], Any], *,
              warmup: bool = True) -> tuple[list[Any], list[Any]]:
    """Run `first` and `second` in turn `repeats` times each (after one uncounted run of each
    when `warmup`; callers pass `ctx.profile.warmup`)."""
    if warmup:
        first()
        second()
    a, b = [], []
    for _ in range(repeats):
        a.append(first())
        b.append(second())
    return a, b


# -- 1. start-up ----------------------------------------------------------------------------------


# -- 2. the feed at scale -------------------------------------------------------------------------


def feed(ctx: Context) -> list[Line]:
    big = ctx.copy(ctx.big_db(), "feed-big")
    small = ctx.copy(ctx.small_db(), "feed-small")
    box = ctx.sandbox("feed")
    # Both feeds must be long enough: a 1,000-share feed has 999 moves below its first share.
    moves = str(min(ctx.profile.feed_moves, ctx.profile.small.shares - 1, ctx.profile.big.shares - 1))

    def walk(db: str) -> Callable[[], dict[str, Any]]:
        return lambda: run_probe(box, "feed", "--db", db, "--moves", moves, timeout=900)[1]

    bigs, smalls = alternate(ctx.profile.repeats, walk(big), walk(small), warmup=ctx.profile.warmup)
    a_time, b_time = median([r["total"] for r in bigs]), median([r["total"] for r in smalls])
    peaks_a = [r["peak_mb"] for r in bigs if r["peak_mb"]]
    peaks_b = [r["peak_mb"] for r in smalls if r["peak_mb"]]
    a_mem, b_mem = median(peaks_a), median(peaks_b)
    big_keys = [k for r in bigs for k in r["keys"]]
    small_keys = [k for r in smalls for k in r["keys"]]
    sizes = f"{ctx.profile.big.shares:,} vs {ctx.profile.small.shares:,} shares"
    notes = (f"open {median([r['open'] for r in bigs]) * 1000:.0f} vs {median([r['open'] for r in smalls]) * 1000:.0f} ms; "
             f"per key p95 {percentile(big_keys, 95) * 1000:.1f} vs {percentile(small_keys, 95) * 1000:.1f} ms, "
             f"max {max(big_keys, default=math.nan) * 1000:.0f} vs {max(small_keys, default=math.nan) * 1000:.0f} ms")
    lost = {"big": [s for r in bigs for s in r.get("lost", [])], "small": [s for r in smalls for s in r.get("lost", [])]}
    if lost["big"] or lost["small"]:
        notes += (f"; Down keys that left the cursor in place for 10 s and were pressed again: "
                  f"big {len(lost['big'])}, small {len(lost['small'])} (at moves "
                  f"{', '.join(map(str, (lost['big'] + lost['small'])[:8]))})")
    time_ratio = a_time / b_time
    mem_ratio = a_mem / b_mem if peaks_a and peaks_b else math.nan
    strip = [{k: v for k, v in r.items() if k != "keys"} for r in bigs + smalls]
    return [
        Line("feed-time", f"Feed: open and move down {moves} ({sizes})", "big", a_time, "small", b_time, "s",
             "ratio <= 1.2", time_ratio <= 1.2, notes=notes, extra={"runs": strip}),
        Line("feed-memory", f"Feed: peak memory ({sizes})", "big", a_mem, "small", b_mem, "MB",
             "ratio <= 1.2", (mem_ratio <= 1.2) if not math.isnan(mem_ratio) else None,
             notes="" if peaks_a else "peak memory cannot be read on this system"),
    ]


# -- 3. writes under contention -------------------------------------------------------------------


def contention(ctx: Context) -> list[Line]:
    p = ctx.profile
    small = ctx.small_db()
    outboxes = ctx.work / "outboxes"
    outboxes.mkdir(parents=True, exist_ok=True)
    runs = {"crowd": [], "serial": []}
    latencies = {"crowd": [], "serial": []}
    checks = []
    repeats = p.heavy_repeats
    for rep in range(repeats):
        for mode in ("crowd", "serial"):
            db = ctx.copy(small, f"writes-{mode}")
            targets = crowd.prepare_targets(db)
            run_id = f"{mode}{rep}-{random.randrange(10**6)}"
            if mode == "crowd":
                outcomes = crowd.contended_writes(db, p.writers, p.writes_each, run_id, targets, outboxes)
            else:
                outcomes = crowd.serial_writes(db, p.writers, p.writes_each, run_id, targets, outboxes)
            span = max(o.finished for o in outcomes) - min(o.started for o in outcomes)
            check = crowd.check_writes(db, outcomes)
            checks.append(check)
            runs[mode].append(check.writes / span)
            latencies[mode].extend(l for o in outcomes for l in o.latencies)
    lost = sum(c.lost for c in checks)
    errors = [e for c in checks for e in c.errors]
    queued = sum(c.queued for c in checks)
    live = sum(c.live_timers for c in checks)
    bad_integrity = [c.integrity for c in checks if c.integrity != "ok"]
    ok = lost == 0 and not errors and queued == 0 and live == 0 and not bad_integrity
    pct = {m: [percentile(latencies[m], q) * 1000 for q in (50, 95, 99)] for m in latencies}
    problems = []
    if lost:
        problems.append(f"{lost} lost")
    if errors:
        problems.append(f"{len(errors)} errors, e.g. {errors[0]}")
    if queued:
        problems.append(f"{queued} kept offline (busy past the write deadline)")
    if live:
        problems.append(f"{live} timers left running")
    if bad_integrity:
        problems.append(f"integrity: {bad_integrity[0]}")
    total = p.writers * p.writes_each
    what = f"Writes: {p.writers} processes x {p.writes_each} mixed vs {total} from one process"
    return [
        Line("writes", what, "contended", median(runs["crowd"]), "one process", median(runs["serial"]),
             "writes/s", "0 lost, 0 errors", ok,
             notes="; ".join(problems) or f"0 lost, 0 errors, {sum(c.acknowledged for c in checks)} acknowledged checked",
             extra={"throughput": runs, "errors": errors[:20]}),
        Line("writes-latency", "Writes: latency p50 / p95 / p99 (contended vs one process)",
             "p99 contended", pct["crowd"][2], "p99 one process", pct["serial"][2], "ms", "report", None,
             notes="p50/p95/p99 contended {:.1f}/{:.1f}/{:.1f} ms; one process {:.1f}/{:.1f}/{:.1f} ms".format(
                 *pct["crowd"], *pct["serial"]),
             extra={"percentiles_ms": pct}),
    ]


# -- 4. the slot race -----------------------------------------------------------------------------


def race(ctx: Context) -> list[Line]:
    """Everyone wants one of the slots: each process tries them in its own order until it wins one
    or all are taken. The baseline replays the same claim attempts one at a time."""
    p = ctx.profile
    settles, serials, failures, attempts, told = [], [], [], [], []
    repeats = p.heavy_repeats
    for rep in range(repeats):
        db = ctx.empty_db("race")
        days = crowd.prepare_slots(db, p.slots)
        outcomes = crowd.slot_race(db, p.racers, days, ctx.work / "homes" / f"race{rep}")
        settles.append(max(o.finished for o in outcomes) - min(o.go for o in outcomes))
        attempts.append(sum(len(o.attempts) for o in outcomes))
        check = crowd.check_race(db, days, outcomes)
        told.append((check.losers_told_winner, check.refusals))
        if not (check.winners == p.slots == check.distinct_days == check.hosts_in_file and not check.unexpected):
            failures.append(f"run {rep + 1}: {check.winners} winners on {check.distinct_days} days, "
                            f"{check.hosts_in_file} hosts in the file; {check.unexpected[:2]}")
        base_db = ctx.empty_db("race-serial")
        base_days = crowd.prepare_slots(base_db, p.slots)
        if base_days != days:
            raise RuntimeError("the baseline file has other breakfast days than the race file")
        seconds, replayed = crowd.serial_replay(base_db, outcomes, ctx.work / "homes" / f"race-serial{rep}")
        # In the replay a colleague may win two days (attempts no longer wait for each other), so
        # only the file is checked: every day has one host and every refusal named them.
        base_check = crowd.check_race(base_db, days, replayed)
        if base_check.hosts_in_file != p.slots or base_check.unexpected:
            failures.append(f"replay {rep + 1}: {base_check.hosts_in_file} hosts; {base_check.unexpected[:2]}")
        serials.append(seconds)
    named = f"{sum(t for t, _ in told)} of {sum(r for _, r in told)} refusals named the winner"
    return [
        Line("race", f"Slot race: {p.racers} processes claim the same {p.slots} slots (time to settle)",
             "race", median(settles), "same claims, one at a time", median(serials), "s",
             f"exactly {p.slots} winners", not failures,
             notes="; ".join(failures) or (f"{p.slots} winners every run; {named}; "
                                           f"{median(attempts):.0f} claim commands per run"),
             extra={"settle": settles, "serial": serials, "attempts": attempts}),
    ]


# -- 5. change propagation ------------------------------------------------------------------------


class Watcher:
    """A running app (child process) on the shares screen, reporting what it sees, line by line."""

    def __init__(self, box: Sandbox, db: str, count: int, title: str) -> None:
        command = probe_command("watch", "--db", db, "--count", str(count), "--title", title)
        self.process = subprocess.Popen(command, env=box.env(), cwd=REPO_ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        self.lines: queue.Queue = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(MARK):
                self.lines.put(parse_probe_output(line))
        self.lines.put(None)

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.errors.append(line.rstrip())

    def expect(self, key: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.lines.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"the watching app did not report {key!r} within {timeout} s") from None
            if message is None:
                raise RuntimeError("the watching app ended: " + " | ".join(self.errors[-8:]))
            if key in message:
                return message

    def close(self) -> None:
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def propagation(ctx: Context) -> list[Line]:
    p = ctx.profile
    db = ctx.copy(ctx.big_db(), "propagation")
    box = ctx.sandbox("propagation")
    title = f"Spridningstest {random.randrange(10**6)}"
    watcher = Watcher(box, db, p.propagation_samples, title)
    delays, vias = [], set()
    try:
        watcher.expect("ready", timeout=300)
        for k in range(1, p.propagation_samples + 1):
            # A random moment in the poll cycle, as a colleague's commit would be.
            time.sleep(random.uniform(0.2, 1.2))
            _, posted = run_probe(box, "post", "--db", db, "--title", f"{title} {k}", login="erik.lindqvist")
            seen = watcher.expect("seen", timeout=60)
            delays.append(seen["at"] - posted["committed"])
            vias.add(posted.get("via", "cli"))
            watcher.expect("reset", timeout=120)
        result = watcher.expect("poll_seconds", timeout=60)
    finally:
        watcher.close()
    poll = float(result["poll_seconds"])
    seen_median = median(delays)
    return [
        Line("propagation", "Change propagation: a colleague's share seen in a running app's feed",
             "median delay", seen_median, "poll interval", poll, "s", "median <= 2 s", seen_median <= 2.0,
             notes="delays " + ", ".join(f"{d:.2f}" for d in delays) + " s; posted with "
                   + " and ".join("`herotui share add`" if v == "cli" else "the share service" for v in sorted(vias)),
             extra={"delays": delays}),
    ]


# -- 6. idle cost ---------------------------------------------------------------------------------


def idle(ctx: Context) -> list[Line]:
    p = ctx.profile
    db = ctx.copy(ctx.big_db(), "idle")
    box = ctx.sandbox("idle")
    seconds = str(p.idle_seconds)

    def herotui() -> dict[str, Any]:
        return run_probe(box, "idle", "--app", "herotui", "--db", db, "--seconds", seconds)[1]

    def label() -> dict[str, Any]:
        return run_probe(box, "idle", "--app", "label", "--seconds", seconds)[1]

    repeats = p.heavy_repeats
    heroes, labels = alternate(repeats, herotui, label, warmup=False)
    share = median([r["cpu"] / r["wall"] * 100 for r in heroes])
    base = median([r["cpu"] / r["wall"] * 100 for r in labels])
    ticking = all(r["screen_changed"] for r in heroes)
    return [
        Line("idle", f"Idle: CPU time over {p.idle_seconds:g} s wall, herotui with a running timer",
             "herotui", share, "one-Label app", base, "% of wall", "herotui <= 2 %", share <= 2.0,
             notes="the timer display kept ticking" if ticking else "the screen did not change: is the timer shown?",
             extra={"herotui": heroes, "label": labels}),
    ]


# -- 7. slow drive --------------------------------------------------------------------------------


def slow_drive(ctx: Context) -> list[Line]:
    p = ctx.profile
    db = ctx.copy(ctx.big_db(), "slow")
    box = ctx.sandbox("slow")

    def run(seconds: float) -> Callable[[], dict[str, Any]]:
        return lambda: run_probe(box, "slow", "--db", db, "--moves", str(p.slow_feed_moves),
                                 "--query-seconds", str(seconds), timeout=900)[1]

    repeats = p.heavy_repeats
    slows, fasts = alternate(repeats, run(p.slow_query_seconds), run(0.0), warmup=False)
    worst = median([r["longest"] for r in slows])
    base = median([r["longest"] for r in fasts])
    stall = median([r["stall"] for r in slows])
    keys = sorted({r["longest_key"] for r in slows})
    ms = p.slow_query_seconds * 1000

    def longest_write(runs: list[dict[str, Any]]) -> float:
        """The median over runs of the slowest write key's answer (u, s, w, space), in ms."""
        return median([max(s for label, s in r["answers"] if "(write)" in label) for r in runs]) * 1000
    return [
        Line("slow-drive", f"Slow drive: every query {ms:.0f} ms, longest key-to-answer gap",
             "slow drive", worst * 1000, "normal drive", base * 1000, "ms", "slow <= 100 ms", worst <= 0.1,
             notes=f"slowest: {', '.join(keys)} (normal drive: {', '.join(sorted({r['longest_key'] for r in fasts}))}); "
                   f"longest event-loop stall {stall * 1000:.0f} ms vs {median([r['stall'] for r in fasts]) * 1000:.0f} ms; "
                   f"first feed page after {median([r['feed_loaded'] for r in slows]):.1f} s vs "
                   f"{median([r['feed_loaded'] for r in fasts]):.1f} s; "
                   f"{median([r['slowed'] for r in slows]):.0f} queries slowed; write keys (u, s, w, space) "
                   f"answered within {longest_write(slows):.0f} ms vs {longest_write(fasts):.0f} ms",
             extra={"slow": slows, "fast": fasts}),
    ]


# -- 9. search at scale -----------------------------------------------------------------------------

SEARCHES = ("utbildning", "ledarskap", "lön", "arbetsrätt las", "chef", "mål", "ai", '"*(NEAR')
"""A compound-word part, an area name, Swedish letters, two words, a rare word, a letter Swedish
keeps apart, a two-letter term (no trigram), and hostile syntax."""
SEARCH_TARGET_MS = 150.0
"""The feed's budget for showing results: a search runs in a worker while keys keep working, and
the plain feed opens at 100,000 shares in well under this (row "feed" notes)."""


def _time_searches(path: str, repeats: int) -> dict[str, Any]:
    """Open `path` in this process and time each search (count + first page, as the app does)."""
    from herotui.clock import default_clock
    from herotui.services.hero import Hero
    from herotui.services.shares import FeedFilter
    from herotui.store import open_store

    store = open_store(path, clock=default_clock())
    try:
        hero = Hero(store, "anna.berg")
        hero.shares.open_feed(FeedFilter())  # warm the cache like a first screen does
        plain, per_query = [], {q: [] for q in SEARCHES}
        for _ in range(repeats):
            started = time.perf_counter()
            hero.shares.open_feed(FeedFilter())
            plain.append(time.perf_counter() - started)
            for query in SEARCHES:
                started = time.perf_counter()
                opening = hero.shares.open_feed(FeedFilter(search=query))
                per_query[query].append((time.perf_counter() - started, opening.total))
        return {"plain": median(plain),
                "queries": {q: {"s": median([t for t, _ in v]), "found": v[-1][1]} for q, v in per_query.items()}}
    finally:
        store.close()


def search(ctx: Context) -> list[Line]:
    big = ctx.copy(ctx.big_db(), "search-big")
    small = ctx.copy(ctx.small_db(), "search-small")
    repeats = ctx.profile.repeats
    # One database open at a time (peewee binds the models to the last one opened); alternate them.
    bigs, smalls = alternate(repeats, lambda: _time_searches(big, 1), lambda: _time_searches(small, 1),
                              warmup=ctx.profile.warmup)

    def typical(runs: list[dict[str, Any]]) -> float:
        return median([median([r["queries"][q]["s"] for q in SEARCHES]) for r in runs]) * 1000

    a_ms, b_ms = typical(bigs), typical(smalls)
    worst = {q: median([r["queries"][q]["s"] for r in bigs]) * 1000 for q in SEARCHES}
    found = {q: bigs[-1]["queries"][q]["found"] for q in SEARCHES}
    plain = median([r["plain"] for r in bigs]) * 1000
    sizes = f"{ctx.profile.big.shares:,} vs {ctx.profile.small.shares:,} shares"
    notes = ("; ".join(f"{q} {worst[q]:.0f} ms ({found[q]:,})" for q in SEARCHES)
             + f"; plain feed opening {plain:.0f} ms")
    return [
        Line("search-time", f"Search: results shown (count and first page), median of {len(SEARCHES)} searches "
             f"({sizes})", "big", a_ms, "small", b_ms, "ms", f"big <= {SEARCH_TARGET_MS:.0f} ms",
             a_ms <= SEARCH_TARGET_MS, notes=notes, extra={"big": bigs, "small": smalls}),
    ]


# -- 8. insights at scale ------------------------------------------------------------------------


def insights(ctx: Context) -> list[Line]:
    """Key 4 to the first figures, and `herotui insights --format html`, big database vs small."""
    big = ctx.copy(ctx.big_db(), "insights-big")
    small = ctx.copy(ctx.small_db(), "insights-small")
    box = ctx.sandbox("insights")

    def screen(db: str) -> Callable[[], dict[str, Any]]:
        return lambda: run_probe(box, "insights", "--db", db, timeout=600)[1]

    def export(db: str) -> Callable[[], float]:
        out = ctx.work / "insights.html"

        def run() -> float:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "herotui", "insights", "--period", "year", "--format", "html",
                 "--out", str(out), "--db", db],
                env=box.env(), cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                raise RuntimeError(f"herotui insights exited {done.returncode}: {done.stderr[-400:]}")
            return time.perf_counter() - started

        return run

    bigs, smalls = alternate(ctx.profile.repeats, screen(big), screen(small), warmup=ctx.profile.warmup)
    a, b = median([r["first_figures"] for r in bigs]), median([r["first_figures"] for r in smalls])
    big_exports, small_exports = alternate(ctx.profile.repeats, export(big), export(small),
                                              warmup=ctx.profile.warmup)
    ea, eb = median(big_exports), median(small_exports)
    sizes = (f"{ctx.profile.big.sessions:,} sessions, {ctx.profile.big.shares:,} shares vs "
             f"{ctx.profile.small.sessions:,}, {ctx.profile.small.shares:,}")
    return [
        Line("insights-screen", f"Insights: key 4 to first figures ({sizes})", "big", a, "small", b, "s",
             "big <= 1 s", a <= 1.0, extra={"big": bigs, "small": smalls}),
        Line("insights-export", f"Insights: `herotui insights --format html --period year` ({sizes})", "big", ea,
             "small", eb, "s", "big <= 2 s", ea <= 2.0, extra={"big": big_exports, "small": small_exports}),
    ]


BENCHMARKS: dict[str, Callable[[Context], list[Line]]] = {
    "startup": startup,
    "feed": feed,
    "writes": contention,
    "writes-pg": writes_pg,
    "race": race,
    "race-pg": race_pg,
    "propagation": propagation,
    "idle": idle,
    "memory": idle_memory,
    "slow": slow_drive,
    "search": search,
    "insights": insights,
    "statements": statements,
    "cli": command_line,
}
