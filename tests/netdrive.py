"""A FUSE "network drive" for tests: ../shared/tools/netdrive/netdrive.py mounted per test.

`NetDrive(backing, mount)` mounts `backing` at `mount` in the background; `.mode("slow 50")`
switches the fault mode (normal, slow MS, gone [ERRNO], readonly, flaky P) for the next file
operation; `.path` is the mount point; `.close()` unmounts (`fusermount3 -u`, then `umount -l`).

`why_unavailable()` says why FUSE cannot be used here (no /dev/fuse, no fusermount3, no mfusepy)
or returns None; the `netdrive` fixture skips on a reason, or fails when HEROTUI_REQUIRE_FUSE=1.
"""

from __future__ import annotations

import os
import signal
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _find_tool() -> Path:
    """../shared/tools/netdrive/netdrive.py relative to the repository (CI clones the repository
    into a folder with shared/ beside it); a git worktree one level deeper looks one folder up;
    $HEROTUI_NETDRIVE names it explicitly."""
    explicit = os.environ.get("HEROTUI_NETDRIVE")
    if explicit:
        return Path(explicit)
    relative = Path("shared") / "tools" / "netdrive" / "netdrive.py"
    for folder in (REPO.parent, REPO.parent.parent):
        if (folder / relative).is_file():
            return folder / relative
    return REPO.parent / relative


TOOL = _find_tool()


def _venv_python() -> Path:
    return Path(os.environ.get("NETDRIVE_VENV", str(Path.home() / ".cache" / "netdrive-venv"))) / "bin" / "python"


def _has_mfusepy() -> bool:
    for python in (sys.executable, str(_venv_python())):
        if not Path(python).exists():
            continue
        done = subprocess.run([python, "-c", "import mfusepy"], capture_output=True, timeout=30)
        if done.returncode == 0:
            return True
    return False


def why_unavailable() -> str | None:
    """None when a FUSE drive can be mounted here, else the reason (for a loud skip)."""
    if not TOOL.is_file():
        return f"netdrive tool not found at {TOOL}"
    if not os.path.exists("/dev/fuse"):
        return "/dev/fuse is missing (FUSE tests need it; CI installs fuse3)"
    if shutil.which("fusermount3") is None and shutil.which("fusermount") is None:
        return "fusermount3 is missing (apt-get install fuse3 libfuse3-3)"
    if not _has_mfusepy():
        return "mfusepy is not installed (see .ci/setup.d/20-fuse.sh)"
    return None


class NetDrive:
    """One mounted drive. Use as a context manager or call `close()`."""

    def __init__(self, backing: Path, mount: Path, control: Path, *, timeout: float = 30.0) -> None:
        self.backing = Path(backing)
        self.path = Path(mount)
        self.control = Path(control)
        self.backing.mkdir(parents=True, exist_ok=True)
        self.path.mkdir(parents=True, exist_ok=True)
        self._pidfile = self.control.with_suffix(".pid")
        self._log = self.control.with_suffix(".log")
        self.mode("normal")
        done = subprocess.run(
            [sys.executable, str(TOOL), str(self.backing), str(self.path), "--control", str(self.control),
             "--background", "--pidfile", str(self._pidfile), "--log", str(self._log)],
            capture_output=True, text=True, timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"netdrive did not mount: {done.stdout}{done.stderr}{self.log()}")
        try:
            wait_until(lambda: os.path.ismount(self.path), timeout, "the mount", interval=0.02)
        except AssertionError:
            raise RuntimeError(f"netdrive mount did not appear: {self.log()}") from None

    def mode(self, line: str) -> None:
        """Switch the fault mode; it applies from the next file operation (atomic rename)."""
        temporary = self.control.with_name(self.control.name + ".tmp")
        temporary.write_text(line + "\n")
        os.replace(temporary, self.control)

    def log(self) -> str:
        try:
            return self._log.read_text(errors="replace")
        except OSError:
            return ""

    def close(self) -> None:
        self.mode("normal")
        for command in (["fusermount3", "-u", str(self.path)], ["umount", "-l", str(self.path)]):
            if not os.path.ismount(self.path):
                break
            if shutil.which(command[0]):
                subprocess.run(command, capture_output=True, timeout=30)
        try:
            wait_until(lambda: not self._pidfile.exists(), 1, "the drive daemon to exit")
            return
        except AssertionError:
            pass
        # Lazily unmounted with a file still open (a test's app let go of a call stuck on the
        # drive: its connection lives on a daemon thread): the daemon would wait for that file.
        # It unmounts and exits on SIGTERM (its README); the file then reads as gone.
        try:
            os.kill(int(self._pidfile.read_text().strip()), signal.SIGTERM)
            wait_until(lambda: not self._pidfile.exists(), 10, "the drive daemon to exit")
        except (OSError, ValueError, AssertionError):
            pass  # best effort: the mount is already gone; a lingering daemon only keeps its pid file

    def __enter__(self) -> "NetDrive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def wait_until(condition, timeout: float, message: str = "condition", interval: float = 0.05):
    """Poll `condition()` until it is truthy (returned), failing after `timeout` seconds: the
    suite's one poller, `conftest.wait_for`, under the name the drive tests use."""
    from conftest import wait_for

    return wait_for(condition, timeout, message, interval)
