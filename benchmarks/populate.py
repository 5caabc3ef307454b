"""Fill a herotui database with realistic Swedish content, through the project's own store layer.

    python -m benchmarks.populate --db FILE --people 200 --shares 100000 --sessions 50000 --breakfasts 60

Writes go through `herotui.demo.populate` (people, shares with focus areas, tags, the full-text
index and reactions, learning sessions, breakfasts with RSVPs), one transaction per batch, spread
over three years back from now. The file is created with `herotui.store.create_store`, so it is
stamped and checked exactly as a team database is. The first person, `anna.berg`, is an admin.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH_LOGIN = "anna.berg"
BENCH_NAME = "Anna Berg"
BREAKFASTS_AHEAD = 12
GENERATOR_VERSION = 2
"""Bumped when the generated content changes, so cached files are made again."""


@dataclass(frozen=True)
class Sizes:
    people: int = 200
    shares: int = 100_000
    sessions: int = 50_000
    breakfasts: int = 60
    years: float = 3.0
    seed: int = 7

    def key(self) -> str:
        """A short name for a generated file with these sizes (for the benchmark cache)."""
        from herotui.store.schema import SCHEMA_VERSION

        text = repr(sorted(asdict(self).items())) + f"schema={SCHEMA_VERSION} generator={GENERATOR_VERSION}"
        digest = hashlib.sha1(text.encode()).hexdigest()[:10]
        return f"hero-{self.shares}s-{self.sessions}l-{digest}.db"


def generate(path: Path, sizes: Sizes, *, batch: int = 2000, quiet: bool = True) -> float:
    """Create `path` and fill it. Returns the seconds it took. Refuses to overwrite a file."""
    from herotui.demo import DemoSize, populate
    from herotui.store import create_store

    ahead = min(BREAKFASTS_AHEAD, max(0, sizes.breakfasts - 1))
    back = max(0, sizes.breakfasts - 1 - ahead)
    demo_size = DemoSize(
        people=sizes.people,
        shares=sizes.shares,
        sessions=sizes.sessions,
        breakfast_months_back=back,
        breakfast_months_ahead=ahead,
    )
    started = time.perf_counter()
    store = create_store(str(path), creator_login=BENCH_LOGIN, creator_name=BENCH_NAME)
    spread_days = max(1, int(sizes.years * 365))
    try:
        add_people(store, sizes.people, seed=sizes.seed, spread_days=spread_days)
        populate(store, size=demo_size, seed=sizes.seed, batch=batch, spread_days=spread_days)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    if not quiet:
        print(f"{path}: {sizes.shares} shares, {sizes.sessions} sessions, {sizes.people} people, "
              f"{sizes.breakfasts} breakfasts in {seconds:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
    return seconds


def people_names(count: int) -> list[tuple[str, str]]:
    """`count` distinct (first, last) names; past every pairing, a middle initial tells them apart.

    (`herotui.demo` pairs names so that they repeat every 60 people; 200 colleagues need more.)
    """
    from herotui.demo import FIRST_NAMES, LAST_NAMES

    names = []
    initials = [""] + [f" {c}." for c in "ABCDEFGHIJKLMNOPRSTUVW"]
    pairs = len(FIRST_NAMES) * len(LAST_NAMES)
    for index in range(count):
        round_, spot = divmod(index, pairs)
        first_index = spot % len(FIRST_NAMES)
        last_index = (spot // len(FIRST_NAMES) + 7 * first_index) % len(LAST_NAMES)
        first = FIRST_NAMES[first_index] + initials[round_ % len(initials)]
        names.append((first, LAST_NAMES[last_index] + (str(round_ // len(initials)) if round_ >= len(initials) else "")))
    return names


def _login(first: str, last: str) -> str:
    text = f"{first}.{last}".lower().replace(" ", "").translate(str.maketrans("åäöé", "aaoe"))
    return "".join(c for c in text if c.isalnum() or c == ".").replace("..", ".")


def add_people(store, count: int, *, seed: int, spread_days: int) -> None:
    """The colleagues, with distinct names, before `populate` adds their shares and sessions."""
    import random
    from datetime import timedelta

    from herotui.store.models import Person, new_uuid

    rng = random.Random(seed)
    joined = store.clock.now() - timedelta(days=spread_days + 30)
    rows = []
    for first, last in people_names(count + 1):
        login = _login(first, last)
        if login == BENCH_LOGIN:
            continue  # the creator is already there
        rows.append({"uuid": new_uuid(), "login": login, "display_name": f"{first} {last}", "is_admin": False,
                     "named_in_pulse": rng.random() < 0.6, "named_display_set": True, "created_at": joined})
    rows = rows[: max(0, count - 1)]

    def write() -> None:
        for start in range(0, len(rows), 500):
            Person.insert_many(rows[start:start + 500]).on_conflict_ignore().execute()

    store.write(write)


def cached(cache_dir: Path, sizes: Sizes, *, quiet: bool = True) -> Path:
    """A generated database with `sizes`, made once and kept in `cache_dir` for later runs.

    Benchmarks that write work on a copy (`copy_database`), so the cached file stays as generated.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_dir / sizes.key()
    if final.exists():
        return final
    building = cache_dir / f".{final.name}.{os.getpid()}.building"
    for leftover in (building, building.with_name(building.name + "-journal")):
        if leftover.exists():
            leftover.unlink()
    if not quiet:
        print(f"generating {final.name} (done once, kept in {cache_dir}) ...", flush=True)
    seconds = generate(building, sizes)
    os.replace(building, final)
    if not quiet:
        print(f"generated in {seconds:.0f} s", flush=True)
    return final


def copy_database(source: Path, destination: Path) -> Path:
    """A plain copy is safe here: nobody has the generated file open."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    return destination


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.populate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="the database file to create (must not exist)")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--shares", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--breakfasts", type=int, default=60,
                        help="monthly breakfasts: up to 12 ahead, the rest in the past")
    parser.add_argument("--years", type=float, default=3.0, help="shares and sessions spread over this many years")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=2000, help="rows per transaction")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("people", "shares", "sessions", "breakfasts", "batch"):
        if getattr(args, name) < (1 if name in ("people", "batch") else 0):
            print(f"--{name} must be positive", file=sys.stderr)
            return 2
    path: Path = args.db
    if path.exists():
        if not args.force:
            print(f"{path} exists; pass --force to replace it", file=sys.stderr)
            return 1
        path.unlink()
    if not path.parent.is_dir():
        print(f"no such folder: {path.parent}", file=sys.stderr)
        return 1
    sizes = Sizes(args.people, args.shares, args.sessions, args.breakfasts, args.years, args.seed)
    generate(path, sizes, batch=args.batch, quiet=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
