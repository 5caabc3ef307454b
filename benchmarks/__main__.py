"""The runner: `python -m benchmarks [--quick] [--json FILE] [--markdown FILE] [--only NAMES]`.

Exit code: 0 every target met, 1 a target missed, 2 usage, 3 a benchmark could not run.

Prints one line per measurement: what, the two measurements, their ratio, the target and
pass/fail. Generated databases are kept in a cache folder between runs (`--cache`); everything
a run writes goes to a fresh temporary folder, removed afterwards unless `--keep`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from benchmarks.measure import Line, failed_line
from benchmarks.profiles import FULL, PROFILES, QUICK
from benchmarks.suite import BENCHMARKS, Context


EXIT_MISSED = 1
"""Everything ran; at least one target was missed."""
EXIT_CRASHED = 3
"""At least one benchmark could not run at all."""


def default_cache() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "herotui-benchmarks"


def machine() -> dict[str, object]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": version("textual"),
        "peewee": version("peewee"),
        "herotui": version("herotui"),
    }


# -- showing results --------------------------------------------------------------------------------


def number(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit in ("ms",):
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "% of wall":
        return f"{value:.2f} %"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "writes/s":
        return f"{value:.0f}/s"
    return f"{value:.3g} {unit}".strip()


def rows(lines: list[Line]) -> list[list[str]]:
    table = []
    for index, line in enumerate(lines, 1):
        ratio = "-" if math.isnan(line.ratio) else f"{line.ratio:.2f}"
        table.append([str(index), line.what, f"{line.a_label}: {number(line.a, line.unit)}",
                      f"{line.b_label}: {number(line.b, line.unit)}", ratio, line.target, line.verdict])
    return table


HEADER = ["#", "what", "measured", "baseline (same run)", "ratio", "target", "result"]


def text_table(lines: list[Line]) -> str:
    body = rows(lines)
    widths = [max(len(r[i]) for r in [HEADER, *body]) for i in range(len(HEADER))]
    out = ["  ".join(h.ljust(w) for h, w in zip(HEADER, widths))]
    out.append("  ".join("-" * w for w in widths))
    for line, row in zip(lines, body):
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)))
        if line.notes:
            out.append(" " * (widths[0] + 2) + "  " + line.notes)
    return "\n".join(out)


def markdown_table(lines: list[Line]) -> str:
    out = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    for line, row in zip(lines, rows(lines)):
        cells = [c.replace("|", "\\|") for c in row]
        cells[-1] = f"**{cells[-1]}**" if line.passed is False else cells[-1]
        out.append("| " + " | ".join(cells) + " |")
    notes = [f"{i}. {line.notes}" for i, line in enumerate(lines, 1) if line.notes]
    return "\n".join(out + ["", "Notes:", "", *notes] if notes else out)


# -- running -----------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="herotui ratio benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, fewer repetitions (a few minutes)")
    parser.add_argument("--profile", choices=sorted(PROFILES), help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table as Markdown")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated: " + ",".join(BENCHMARKS))
    parser.add_argument("--cache", type=Path, default=None, help="where generated databases are kept")
    parser.add_argument("--keep", action="store_true", help="keep the run's temporary folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    profile = PROFILES[args.profile] if args.profile else (QUICK if args.quick else FULL)
    names = list(BENCHMARKS)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in BENCHMARKS]
        if unknown:
            print(f"unknown benchmark: {', '.join(unknown)} (known: {', '.join(BENCHMARKS)})", file=sys.stderr)
            return 2
    work = Path(tempfile.mkdtemp(prefix="herotui-bench-"))
    ctx = Context(profile, work, args.cache or default_cache(), log=lambda s: print(s, flush=True))
    started = datetime.now(timezone.utc)
    print(f"herotui benchmarks, {profile.name} run: {', '.join(names)}", flush=True)
    lines: list[Line] = []
    try:
        for name in names:
            begun = time.perf_counter()
            print(f"- {name} ...", flush=True)
            try:
                result = BENCHMARKS[name](ctx)
            except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
                detail = f"{type(exc).__name__}: {exc}"
                traceback.print_exc()
                result = [failed_line(name, f"{name}: could not run", detail[:500])]
            for line in result:
                print(f"  {line.what}: {line.verdict} (ratio {line.ratio:.2f})", flush=True)
            print(f"  ({time.perf_counter() - begun:.0f} s)", flush=True)
            lines.extend(result)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(text_table(lines))
    report = {
        "profile": profile.name,
        "date": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.now(timezone.utc) - started).total_seconds(), 1),
        "machine": machine(),
        "lines": [line.as_dict() for line in lines],
    }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown_table(lines) + "\n", encoding="utf-8")
    if any(line.extra.get("crashed") for line in lines):
        return EXIT_CRASHED
    return 0 if all(line.passed is not False for line in lines) else EXIT_MISSED


if __name__ == "__main__":
    sys.exit(main())
