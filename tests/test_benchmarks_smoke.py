"""The benchmarks still run: the whole runner at tiny sizes, the generator, and their arithmetic.

These are not timed tests: timing targets are not asserted here (tiny sizes on a busy CI box say
nothing). What is asserted is that every benchmark runs to the end and that the correctness
parts hold: no acknowledged write lost, no error shown, exactly one winner per raced slot.
Select them with `-k benchmarks`.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.backends import pg_server
from benchmarks.crowd import CYCLE, plan
from benchmarks.memory import _slope_per_hour
from benchmarks.measure import Line, percentile

ROOT = Path(__file__).resolve().parent.parent


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile([7.0], 99) == 7.0


def test_every_plan_stops_the_timers_it_starts():
    for writes in range(1, 3 * len(CYCLE)):
        ops = plan(writes)
        assert len(ops) == writes
        running = False
        for op in ops:
            if op == "start":
                assert not running
                running = True
            elif op == "stop":
                running = False
        assert not running, ops


def test_memory_slope_is_megabytes_per_hour_of_ticks():
    # 1 MB more every 1,800 ticks is 2 MB an hour of once-a-second ticks; unreadable samples are skipped.
    samples = [(t, 100.0 + t / 1800) for t in range(0, 3601, 300)] + [(3700, None)]
    assert abs(_slope_per_hour(samples) - 2.0) < 1e-9
    assert _slope_per_hour([(0, 5.0)]) != _slope_per_hour([(0, 5.0)])  # NaN: one sample is no slope


def test_a_line_is_its_ratio_and_its_verdict():
    line = Line("x", "thing", "a", 3.0, "b", 2.0, "s", "ratio <= 1.2", False)
    assert line.ratio == 1.5
    assert line.as_dict()["verdict"] == "FAIL"


@pytest.mark.process
def test_generator_fills_a_database_through_the_store(tmp_path: Path):
    db = tmp_path / "bench.db"
    command = [sys.executable, "-m", "benchmarks.populate", "--db", str(db), "--people", "6",
               "--shares", "40", "--sessions", "25", "--breakfasts", "5"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db)
    try:
        count = lambda table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: E731
        assert (count("share"), count("learning_session"), count("breakfast_slot"), count("person")) == (40, 25, 5, 6)
        assert count("share_search") == 40  # the full-text index came along
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "exists" in again.stderr


# The runner's benchmarks in four runs of about equal length, so that the test workers run them
# side by side instead of one 40-second run holding one worker to the end of the suite. Each
# group names the lines its benchmarks must report; together they are every benchmark there is.
SMOKE_GROUPS = {
    "slow": {"slow": ("slow-drive",)},
    "idle": {"idle": ("idle",), "memory": ("idle-memory",)},
    "screens": {
        "startup": ("startup", "startup-filled", "startup-pty", "startup-pty-data"), "feed": ("feed-time", "feed-memory"),
        "propagation": ("propagation",), "search": ("search-time",),
    },
    "writes": {
        "writes": ("writes", "writes-latency"), "writes-pg": ("writes-pg", "writes-pg-latency"),
        "race": ("race",), "race-pg": ("race-pg",), "insights": ("insights-screen", "insights-export"),
        "statements": ("statements-learning", "statements-shares"), "cli": ("cli-week", "cli-claim"),
    },
}


def test_the_smoke_groups_cover_every_benchmark_once():
    from benchmarks.suite import BENCHMARKS

    named = [name for group in SMOKE_GROUPS.values() for name in group]
    assert sorted(named) == sorted(BENCHMARKS)


@pytest.mark.process
@pytest.mark.parametrize("group", sorted(SMOKE_GROUPS))
def test_every_benchmark_runs_at_tiny_sizes(tmp_path: Path, group: str):
    benchmarks = SMOKE_GROUPS[group]
    report_file = tmp_path / "report.json"
    command = [sys.executable, "-m", "benchmarks", "--profile", "smoke", "--cache", str(tmp_path / "cache"),
               "--json", str(report_file), "--only", ",".join(benchmarks)]
    try:
        # Under pytest-timeout's limit, so that a stuck run is reported with what it printed.
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired as stuck:
        def tail(output) -> str:
            text = output.decode(errors="replace") if isinstance(output, bytes) else (output or "")
            return text[-3000:]
        pytest.fail(f"the {group} benchmarks did not finish in 240 s:\n{tail(stuck.stdout)}\n{tail(stuck.stderr)}")
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    lines = {line["name"]: line for line in report["lines"]}
    crashed = [line for line in report["lines"] if line["extra"].get("crashed")]
    assert not crashed, crashed
    expected = [name for names in benchmarks.values() for name in names]
    assert sorted(lines) == sorted(expected)
    for name in expected:
        if name == "idle-memory" and not sys.platform.startswith("linux"):
            continue  # current resident memory is read from /proc/self/status
        if name.startswith(("writes-pg", "race-pg")) and pg_server() is None:
            # The way out (PostgreSQL side by side with the file) is measured when a server is
            # named, and otherwise says how to name one instead of leaving the row out.
            assert "HEROTUI_BENCH_PG" in lines[name]["notes"], lines[name]
            continue
        assert lines[name]["a"] is not None and lines[name]["b"] is not None, lines[name]
    if group == "slow":
        # Issue 12: the slow-drive row presses write keys too (a write that awaited the drive in
        # its key handler would hold the keyboard for a whole slow query).
        assert "write keys (u, s, w, space) answered within" in lines["slow-drive"]["notes"], lines["slow-drive"]
    if group == "writes":
        # Correctness, not speed: these hold at any size on any machine.
        assert lines["writes"]["passed"], lines["writes"]["notes"]
        assert lines["race"]["passed"], lines["race"]["notes"]
        if pg_server() is not None:
            assert lines["writes-pg"]["passed"], lines["writes-pg"]["notes"]
            assert lines["race-pg"]["passed"], lines["race-pg"]["notes"]
    assert report["machine"]["sqlite"] == sqlite3.sqlite_version
