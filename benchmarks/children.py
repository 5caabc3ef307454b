"""Starting measured child processes with a clean, isolated herotui environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.probe import MARK

REPO_ROOT = Path(__file__).resolve().parent.parent


class ProbeFailed(RuntimeError):
    """A child process did not report a result; the message carries its last words."""


@dataclass
class Sandbox:
    """A private home for herotui in child processes: data and settings folders, a login."""

    root: Path
    login: str = "anna.berg"

    def env(self, login: str | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("HEROTUI_", "TEXTUAL_")) and k not in ("LC_ALL", "LC_MESSAGES")}
        env.update(
            HEROTUI_DATA_DIR=str(self.root / "data"),
            HEROTUI_CONFIG_DIR=str(self.root / "config"),
            HEROTUI_USER=login or self.login,
            LANG="C.UTF-8",
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])),
        )
        return env


def probe_command(kind: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "benchmarks.probe", kind, *options]


def parse_probe_output(stdout: str) -> dict[str, Any] | None:
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    return None


def run_probe(sandbox: Sandbox, kind: str, *options: str, timeout: float = 300.0,
              login: str | None = None) -> tuple[float, dict[str, Any]]:
    """Run one probe to completion. Returns the parent's clock just before the start, and the result."""
    command = probe_command(kind, *options)
    started = time.perf_counter()
    done = subprocess.run(command, env=sandbox.env(login), cwd=REPO_ROOT, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout)
    result = parse_probe_output(done.stdout)
    if done.returncode != 0 or result is None:
        lines = (done.stderr or done.stdout).strip().splitlines()
        # Textual ends a failed headless run with a chain of CancelledErrors; name the cause first.
        causes = [l for l in lines if l[:1].isalpha() and ("Error" in l or "Exception" in l)
                  and not l.startswith(("asyncio.exceptions.CancelledError", "Traceback"))]
        raise ProbeFailed(f"probe {kind} exited {done.returncode}: " + " | ".join(causes[-2:] + lines[-12:]))
    return started, result
