"""How big and how often: the full run (for RESULTS.md), `--quick`, and the CI smoke run."""

from __future__ import annotations

from dataclasses import dataclass, replace

from benchmarks.populate import Sizes


@dataclass(frozen=True)
class Profile:
    name: str
    big: Sizes
    """The database under test (100k shares in the full run)."""
    small: Sizes
    """The baseline database of the feed benchmark (1k shares in the full run)."""
    repeats: int
    """Repetitions of each side of a ratio (start-up, feed); the median is reported."""
    heavy_repeats: int
    """Repetitions of the long benchmarks (writes, race, idle, slow drive)."""
    feed_moves: int
    writers: int
    writes_each: int
    racers: int
    slots: int
    propagation_samples: int
    idle_seconds: float
    slow_query_seconds: float
    slow_feed_moves: int
    startup_repeats: int = 7
    """Paired rounds of the start-up benchmark (headless and pseudo-terminal); the median is reported."""
    memory_seconds: int = 3600
    """Simulated seconds of idle running (timer ticks and change polls) in the idle-memory benchmark."""
    memory_speed: float = 60.0
    """How many times as often the timer ticks and the poll runs (and as fast the clock runs)."""
    memory_repeats: int = 1
    """Paired rounds (herotui, then the one-Label app) of the idle-memory benchmark."""
    warmup: bool = True
    """One uncounted run of each side first (disk and bytecode caches). Off in the CI smoke run,
    which checks that every benchmark runs, not its figures: it halves the processes started."""


FULL = Profile(
    name="full",
    big=Sizes(people=200, shares=100_000, sessions=50_000, breakfasts=60),
    small=Sizes(people=200, shares=1_000, sessions=500, breakfasts=60),
    repeats=5,
    heavy_repeats=3,
    feed_moves=1000,
    writers=16,
    writes_each=100,
    racers=32,
    slots=12,
    propagation_samples=7,
    idle_seconds=10.0,
    slow_query_seconds=0.2,
    slow_feed_moves=20,
)

QUICK = replace(
    FULL,
    name="quick",
    big=Sizes(people=60, shares=10_000, sessions=5_000, breakfasts=24),
    small=Sizes(people=60, shares=1_000, sessions=500, breakfasts=24),
    repeats=3,
    heavy_repeats=1,
    feed_moves=300,
    writers=8,
    writes_each=40,
    racers=16,
    slots=6,
    propagation_samples=3,
    idle_seconds=3.0,
    slow_feed_moves=10,
    startup_repeats=3,
    memory_seconds=900,
)

SMOKE = replace(
    FULL,
    name="smoke",
    warmup=False,
    big=Sizes(people=12, shares=300, sessions=100, breakfasts=14),
    small=Sizes(people=12, shares=100, sessions=50, breakfasts=14),
    repeats=1,
    heavy_repeats=1,
    feed_moves=30,
    writers=3,
    writes_each=10,
    racers=4,
    slots=2,
    propagation_samples=1,
    idle_seconds=1.0,
    slow_query_seconds=0.05,
    slow_feed_moves=3,
    startup_repeats=1,
    memory_seconds=60,
    memory_speed=30.0,
)

PROFILES = {p.name: p for p in (FULL, QUICK, SMOKE)}
