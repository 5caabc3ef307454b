"""An hour of idle running with a timer, in a minute (issue 16, item 6b): does resident memory grow?

What an idle hour consists of is repetition: the learning screen's timer ticks once a second
(the elapsed time redrawn, the week's bar when a minute passes) and the change poll asks the
database once a second (`PRAGMA data_version`, `poll_seconds`). The probe runs the real app
headless on the 100,000-share database with a running timer and makes both happen `speed` times
as often, with a clock that runs `speed` times as fast, so the elapsed time and the minutes move
as they would. It counts the ticks and polls that really ran and samples the process's resident
memory (`VmRSS`); growth is scaled to 3,600 ticks, one hour.

The baseline, in the same run: the one-Label app with an interval that rewrites its label at the
same rate for the same number of ticks (what Textual itself keeps while repainting).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import TYPE_CHECKING, Any

from benchmarks.measure import Line, current_rss_mb, median

if TYPE_CHECKING:
    from benchmarks.suite import Context

WARMUP_SHARE = 0.1
"""Ticks run before the first memory sample (a simulated six minutes): caches filling up once is
not growth."""
HOUR = 3600


class FastClock:
    """A wall clock that runs `speed` times as fast from the moment it is made (UTC, aware)."""

    def __init__(self, speed: float) -> None:
        from datetime import datetime, timezone

        self.speed = speed
        self._start = datetime.now(timezone.utc)
        self._mono = time.monotonic()

    def now(self):
        from datetime import timedelta

        return self._start + timedelta(seconds=(time.monotonic() - self._mono) * self.speed)


def _slope_per_hour(samples: list[tuple[int, float]]) -> float:
    """Least-squares MB per 3,600 ticks over (ticks, MB) samples; NaN with fewer than two."""
    samples = [(t, m) for t, m in samples if m is not None]
    if len(samples) < 2:
        return float("nan")
    n = len(samples)
    mx = sum(t for t, _ in samples) / n
    my = sum(m for _, m in samples) / n
    var = sum((t - mx) ** 2 for t, _ in samples)
    if var == 0:
        return float("nan")
    return sum((t - mx) * (m - my) for t, m in samples) / var * HOUR


def probe_memory(args: argparse.Namespace) -> dict[str, Any]:
    """`python -m benchmarks.probe memory --app herotui|label --db FILE --seconds 3600 --speed 60`.

    Returns ticks and polls counted, the resident memory (MB) after the warm-up and at the end,
    the samples `[ticks, MB]`, the wall time, and whether the screen changed (the timer ticked).
    """
    from benchmarks.probe import _start_timer, bench_launch, one_label_app, run_headless
    from benchmarks.screen import screen_text, settle

    interval = 1.0 / args.speed
    counts = {"ticks": 0, "polls": 0}
    if args.app == "herotui":
        _start_timer(args.db, args.login)
        from herotui.app import make_app

        launch = bench_launch(args.db, login=args.login, poll_seconds=interval)
        launch.clock = FastClock(args.speed)
        app = make_app(launch)
        polled = app.connection.poll

        def counted_poll():
            counts["polls"] += 1
            return polled()

        app.connection.poll = counted_poll  # the poll worker looks it up on each run
    else:
        app = one_label_app()
    result: dict[str, Any] = {}

    async def body(app: Any, pilot: Any) -> None:
        if args.app == "herotui":
            await settle(app)
            await app.screens_built.wait()  # the shares and breakfast screens, built after the first frame
            await settle(app)
            screen = app.screen
            if getattr(screen, "_ticker", None) is None or getattr(screen, "timer", None) is None:
                raise RuntimeError(f"no running timer on {type(screen).__name__}")
            tick = screen._tick
            screen._ticker.stop()
        else:
            from textual.widgets import Label

            label = app.query_one(Label)
            tick = lambda: label.update(f"Hej! {counts['ticks']} sekunder.")  # noqa: E731

        def counted_tick() -> None:
            counts["ticks"] += 1
            tick()

        ticker = app.screen.set_interval(interval, counted_tick, name="memory-probe-ticks")
        if args.app == "herotui":
            app.screen._ticker = ticker  # pause/resume on a reload act on the fast ticker
        before = screen_text(app)
        warm = int(args.seconds * WARMUP_SHARE)
        while counts["ticks"] < warm:
            await asyncio.sleep(0.05)
        t0, rss0, wall0 = counts["ticks"], current_rss_mb(), time.perf_counter()
        samples = [(0, rss0)]
        limit = wall0 + 2 * args.seconds / args.speed + 30
        while counts["ticks"] - t0 < args.seconds and time.perf_counter() < limit:
            await asyncio.sleep(0.25)
            samples.append((counts["ticks"] - t0, current_rss_mb()))
        result.update(ticks=counts["ticks"] - t0, polls=counts["polls"], rss_start=rss0,
                      rss_end=samples[-1][1], wall=time.perf_counter() - wall0, samples=samples,
                      screen_changed=screen_text(app) != before)

    asyncio.run(run_headless(app, body, {}))
    return result


def _per_hour(run: dict[str, Any]) -> float:
    if run["rss_start"] is None or not run["ticks"]:
        return float("nan")
    return (run["rss_end"] - run["rss_start"]) * HOUR / run["ticks"]


def idle_memory(ctx: Context) -> list[Line]:
    """RSS growth per simulated idle hour with a running timer, herotui vs the one-Label app."""
    from benchmarks.children import run_probe

    p = ctx.profile
    db = ctx.copy(ctx.big_db(), "idle-memory")
    box = ctx.sandbox("idle-memory")
    sim, speed = str(p.memory_seconds), str(p.memory_speed)
    wall = 4 * p.memory_seconds / p.memory_speed + 300  # the probe stops itself at 2x + 30 s

    def herotui() -> dict[str, Any]:
        return run_probe(box, "memory", "--app", "herotui", "--db", db, "--seconds", sim, "--speed", speed,
                         timeout=wall)[1]

    def label() -> dict[str, Any]:
        return run_probe(box, "memory", "--app", "label", "--seconds", sim, "--speed", speed, timeout=wall)[1]

    heroes, labels = [], []
    for _ in range(p.memory_repeats):
        heroes.append(herotui())
        labels.append(label())
    a, b = median([_per_hour(r) for r in heroes]), median([_per_hour(r) for r in labels])
    slope = median([_slope_per_hour(r["samples"]) for r in heroes])
    ticks = median([r["ticks"] for r in heroes])
    polls = median([r["polls"] for r in heroes])
    hours = ticks / HOUR
    notes = (f"{ticks:.0f} timer ticks and {polls:.0f} change polls ({hours:.2f} simulated hours, "
             f"{p.memory_speed:g}x speed, clock {p.memory_speed:g}x) in {median([r['wall'] for r in heroes]):.0f} s; "
             f"RSS {median([r['rss_start'] for r in heroes]):.1f} -> {median([r['rss_end'] for r in heroes]):.1f} MB "
             f"after a {WARMUP_SHARE * 60:.0f}-minute warm-up; least-squares slope {slope:+.2f} MB/h; "
             f"one-Label app {median([r['rss_start'] for r in labels]):.1f} -> "
             f"{median([r['rss_end'] for r in labels]):.1f} MB"
             + ("" if all(r["screen_changed"] for r in heroes) else "; the timer did not tick on screen"))
    return [
        Line("idle-memory", "Idle memory: RSS growth per hour with a running timer (simulated, see notes)",
             "herotui", a, "one-Label app", b, "MB/h", "herotui <= 5 MB/h", None if a != a else a <= 5.0,
             notes=notes, extra={"herotui": heroes, "label": labels}),
    ]
