"""File-system round trips per action on a network drive: `python -m benchmarks.roundtrips`.

Mounts the FUSE "network drive" (`../shared/tools/netdrive/`, through `tests/netdrive.py`) with
a small `slow` mode, puts a small generated database on it and runs one command at a time
under `strace -f -y`, counting the system calls that touch the database's files on the mount
(the database, its `-journal`, the folder): opens, reads, writes, locks (`fcntl`), fsyncs,
stats. On a real SMB share each is a round trip to the server (locks too; the FUSE drive
passes `fcntl` locks to the local kernel, so they are counted here from strace, not from FUSE).

Commands: `whoami` (opening the database and reading one person: the floor every command pays),
`share add`, `breakfast claim`, `learn start`. Needs Linux, /dev/fuse, fusermount3, mfusepy and
strace; prints why not and exits 3 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.children import REPO_ROOT, Sandbox

CALL = re.compile(r"^(?:\[pid\s+\d+\]\s+)?(?:\d+\s+)?(\w+)\(")
KINDS = {
    "open": ("openat", "open", "creat"),
    "read": ("read", "pread64", "readv", "preadv"),
    "write": ("write", "pwrite64", "writev", "pwritev"),
    "lock": ("fcntl", "flock"),
    "fsync": ("fsync", "fdatasync"),
    "stat": ("stat", "fstat", "newfstatat", "lstat", "statx", "access", "faccessat", "faccessat2"),
    "close": ("close",),
    "unlink": ("unlink", "unlinkat"),
}


def classify(trace: str, mount: str) -> Counter[str]:
    """System calls in an `strace -f -y` log that name a path under `mount`, by kind."""
    counts: Counter[str] = Counter()
    for line in trace.splitlines():
        if mount not in line or "resumed>" in line:
            continue
        match = CALL.match(line.strip())
        if not match:
            continue
        name = match.group(1)
        if name == "fcntl" and not re.search(r"F_(SETLK|SETLKW|GETLK|OFD_)", line):
            continue  # F_GETFL and friends do not leave the machine
        kind = next((k for k, names in KINDS.items() if name in names), "other")
        counts[kind] += 1
    counts["total"] = sum(v for k, v in counts.items() if k != "total")
    return counts


def run(commands: dict[str, list[str]], db: Path, mount: Path, box: Sandbox, trace_dir: Path) -> dict[str, dict]:
    results = {}
    for name, args in commands.items():
        log = trace_dir / f"{name}.strace"
        command = ["strace", "-f", "-y", "-qq", "-o", str(log), sys.executable, "-m", "herotui",
                   "--db", str(db), *args]
        done = subprocess.run(command, env=box.env(), cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{name} exited {done.returncode}: {done.stderr.strip()[-400:]}")
        results[name] = dict(classify(log.read_text(errors="replace"), str(mount)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.roundtrips")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    from netdrive import NetDrive, why_unavailable  # type: ignore[import-not-found]

    reason = why_unavailable() or (None if shutil.which("strace") else "strace is missing")
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 3
    from benchmarks.populate import Sizes, generate

    work = Path(tempfile.mkdtemp(prefix="herotui-rt-"))
    try:
        drive = NetDrive(work / "backing", work / "mnt", work / "ctl")
        with drive:
            db = drive.path / "hero.db"
            generate(work / "hero.db", Sizes(people=12, shares=300, sessions=100, breakfasts=14))
            shutil.copyfile(work / "hero.db", work / "backing" / "hero.db")
            box = Sandbox(work / "home")
            env = box.env()
            listing = subprocess.run([sys.executable, "-m", "herotui", "--db", str(db), "breakfast", "list",
                                      "--json"], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
            free = _free_slot(listing.stdout)
            drive.mode("slow 1")
            commands = {
                "whoami (open + one read)": ["whoami"],
                "share add": ["share", "add", "https://example.org/rt", "--title", "Round trips",
                              "--area", "Ledarskap"],
                "breakfast claim": ["breakfast", "claim", free, "--topic", "Round trips"],
                "learn start (timer)": ["learn", "start", "--kind", "article", "--title", "Round trips"],
            }
            results = run(commands, db, drive.path, box, work)
            drive.mode("normal")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kinds = list(KINDS) + ["other", "total"]
    print("| command | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for name, counts in results.items():
        print(f"| {name} | " + " | ".join(str(counts.get(k, 0)) for k in kinds) + " |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _free_slot(listing: str) -> str:
    data = json.loads(listing)
    rows = data if isinstance(data, list) else data.get("slots", data.get("breakfasts", []))
    for row in rows:
        if not row.get("host") and not row.get("host_login") and row.get("status", "scheduled") == "scheduled":
            return str(row.get("local_start") or row.get("starts_at", ""))[:10]
    raise RuntimeError("no free breakfast slot in the generated database: " + listing[:300])


if __name__ == "__main__":
    sys.exit(main())
