"""The benchmarks of where people wait: start-up (headless and in a pseudo-terminal), the
statements before a screen's data, and the command line's weight (issue 16).

Each returns result lines like the others in `suite`; ratios are against a baseline measured in
the same run, rounds alternating the two sides.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any, Callable

from benchmarks.children import REPO_ROOT, run_probe
from benchmarks.measure import Line, median

if TYPE_CHECKING:  # `suite` imports this module to list the benchmarks
    from benchmarks.suite import Context


# -- 1. start-up ----------------------------------------------------------------------------------


def startup(ctx: Context) -> list[Line]:
    """Start-up, headless and in a real pseudo-terminal, each paired with the one-Label floor app.

    One round runs herotui and the floor headless, then both in a pseudo-terminal (120x40); the
    rounds repeat `startup_repeats` times (7 in the full run) after one uncounted warm-up round.
    """
    from benchmarks import terminal

    db = ctx.copy(ctx.big_db(), "startup")
    box = ctx.sandbox("startup")
    env = box.env()
    hero_cmd = [sys.executable, "-m", "herotui", "--db", db, "--lang", "sv"]
    floor_cmd = [sys.executable, "-c", terminal.FLOOR_COMMAND_CODE]

    def headless(app: str) -> dict[str, float]:
        options = ("--app", "herotui", "--db", db) if app == "herotui" else ("--app", "label")
        started, marks = run_probe(box, "startup", *options)
        return {k: v - started for k, v in marks.items()}

    def in_pty(command: list[str], markers: dict) -> dict[str, float]:
        return terminal.watch_pty(command, markers, env=env, cwd=str(REPO_ROOT)).times

    def round_() -> dict[str, dict[str, float]]:
        return {
            "herotui": headless("herotui"),
            "label": headless("label"),
            "herotui_pty": in_pty(hero_cmd, terminal.herotui_markers()),
            "label_pty": in_pty(floor_cmd, terminal.floor_markers()),
        }

    if ctx.profile.warmup:
        round_()  # warm-up: disk cache, bytecode cache
    rounds = [round_() for _ in range(ctx.profile.startup_repeats)]

    def med(side: str, mark: str) -> float:
        return median([r[side][mark] for r in rounds])

    base, first, filled = med("label", "first_frame"), med("herotui", "first_frame"), med("herotui", "filled")
    pty_base, pty_first, pty_data = (med("label_pty", "first_frame"), med("herotui_pty", "first_frame"),
                                     med("herotui_pty", "first_data"))
    size = f"{ctx.profile.big.shares:,} shares"
    n = len(rounds)
    side_by_side = (f"headless {first * 1000:.0f}/{base * 1000:.0f} ms = {first / base:.2f}x, "
                    f"pty {pty_first * 1000:.0f}/{pty_base * 1000:.0f} ms = {pty_first / pty_base:.2f}x; "
                    f"median of {n} paired rounds")
    return [
        Line("startup", f"Start-up to first frame (headless 120x40, {size})", "herotui", first,
             "one-Label app", base, "s", "ratio <= 1.5", first / base <= 1.5, notes=side_by_side,
             extra={"rounds": rounds}),
        Line("startup-filled", "Start-up to first screen filled from the database (headless)", "herotui", filled,
             "one-Label app", base, "s", "ratio <= 3", filled / base <= 3.0,
             notes=f"pty first data {pty_data * 1000:.0f} ms = {pty_data / pty_base:.2f}x"),
        Line("startup-pty", f"Start-up to first frame in a pseudo-terminal (120x40, tab bar on screen, {size})",
             "herotui", pty_first, "one-Label app", pty_base, "s", "ratio <= 1.5", pty_first / pty_base <= 1.5,
             notes=side_by_side),
        Line("startup-pty-data", "Start-up to this week's minutes on screen (pseudo-terminal)", "herotui",
             pty_data, "one-Label app", pty_base, "s", "ratio <= 3", pty_data / pty_base <= 3.0,
             notes=f"headless filled {filled * 1000:.0f} ms = {filled / base:.2f}x"),
    ]


# -- statements a person waits for, and the command line's weight -----------------------------------


def statements(ctx: Context) -> list[Line]:
    """Statements to the learning screen's data and the feed's first page; then the same on a slow drive."""
    db = ctx.copy(ctx.big_db(), "statements")
    box = ctx.sandbox("statements")
    _, fast = run_probe(box, "statements", "--db", db)
    _, slow = run_probe(box, "statements", "--db", db, "--query-seconds", str(ctx.profile.slow_query_seconds),
                        timeout=900)
    delay = ctx.profile.slow_query_seconds

    def kinds(part: dict[str, Any]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(part["kinds"].items(), key=lambda kv: -kv[1]))

    learning, shares = fast["learning"], fast["shares"]
    return [
        Line("statements-learning", "Statements to the learning screen's first data (from the database open)",
             "statements", learning["to_first_data"], "target", 10, "statements", "<= 10 statements",
             learning["to_first_data"] <= 10,
             notes=f"{learning['total']} in all while it settled ({kinds(learning)}); with every statement "
                   f"{delay * 1000:.0f} ms: the week's read ends after {learning['to_first_data']} of them "
                   f"(~{learning['to_first_data'] * delay:.1f} s; target 2 s), all settled after "
                   f"{slow['learning_seconds']:.1f} s",
             extra={"fast": learning, "slow_seconds": slow["learning_seconds"]}),
        Line("statements-shares", "Statements from key 2 to the shares screen's first page", "statements",
             shares["to_first_page"], "target", 10, "statements", "<= 10 statements",
             shares["to_first_page"] <= 10,
             notes=f"{shares['total']} in all by the time it was seen ({kinds(shares)}: the rest ran after "
                   f"the page); with every statement {delay * 1000:.0f} ms: first page "
                   f"{slow['shares_seconds']:.1f} s after key 2 (target 2 s)",
             extra={"fast": shares, "slow_seconds": slow["shares_seconds"]}),
    ]


def command_line(ctx: Context) -> list[Line]:
    """Whole-process wall time of `learn week --json` and `breakfast claim` against `python -c pass`."""
    db = ctx.copy(ctx.big_db(), "cli")
    box = ctx.sandbox("cli")
    env = box.env()

    def timed(args: list[str]) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, *args], env=env, cwd=REPO_ROOT, capture_output=True,
                                  text=True, timeout=120)
            took = time.perf_counter() - started
            if done.returncode not in (0, 1):  # 1: the slot was taken (a refusal is a normal answer)
                raise RuntimeError(f"{args}: exit {done.returncode}: {done.stderr[-300:]}")
            return took
        return run

    from benchmarks.suite import alternate

    floor = timed(["-c", "pass"])
    week = timed(["-m", "herotui", "--db", db, "learn", "week", "--json"])
    dates = _claimable_dates(db, ctx.profile.startup_repeats + 1, env)
    claims = iter(dates)
    claim = lambda: timed(["-m", "herotui", "--db", db, "breakfast", "claim", next(claims),  # noqa: E731
                           "--topic", "Bench"])()
    weeks, floors = alternate(ctx.profile.startup_repeats, week, floor, warmup=ctx.profile.warmup)
    claimed, floors2 = alternate(ctx.profile.startup_repeats, claim, floor, warmup=ctx.profile.warmup)
    base, base2 = median(floors), median(floors2)
    return [
        Line("cli-week", "`herotui learn week --json` whole process", "herotui", median(weeks),
             "python -c pass", base, "s", "ratio <= 12", median(weeks) / base <= 12),
        Line("cli-claim", "`herotui breakfast claim DATE` whole process", "herotui", median(claimed),
             "python -c pass", base2, "s", "ratio <= 12", median(claimed) / base2 <= 12),
    ]


def _claimable_dates(db: str, count: int, env: dict[str, str]) -> list[str]:
    """Dates of upcoming breakfasts (cycled if fewer than `count`); a taken one is refused, still timed."""
    import json

    done = subprocess.run([sys.executable, "-m", "herotui", "--db", db, "breakfast", "list", "--json"], env=env,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    data = json.loads(done.stdout)
    rows = data if isinstance(data, list) else next((v for v in data.values() if isinstance(v, list)), [])
    rows = sorted((r for r in rows if isinstance(r, dict)), key=lambda r: r.get("host_login") is not None)
    dates = [str(r.get("local_start") or r.get("starts_at", ""))[:10] for r in rows]
    dates = [d for d in dates if d] or ["2099-01-01"]
    return [dates[i % len(dates)] for i in range(count)]
