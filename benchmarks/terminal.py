"""Start-up in a real pseudo-terminal: time from spawn until the screen shows a marker.

The headless start-up figure (`probe startup`) stops at Textual's `Ready` event inside the app.
A person sees something else: bytes written to a terminal, parsed into a screen. This module
starts a command on a pseudo-terminal of 120x40 (`TERM=xterm-256color`), reads everything it
writes, feeds it to a terminal emulator (`pyte`, a VT100/xterm screen in pure Python) and notes
the moment each marker first appears in the screen's text.

Times are measured in the parent: from just before the child is spawned to the read of the
chunk of output that completed the marker. A reader thread does nothing but read and timestamp,
so the time the parent spends parsing does not delay the timestamps (beyond Python's 5 ms thread
switch interval). POSIX only (`pty`, `termios`); on Windows the benchmark reports it cannot run.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import struct
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Mapping, Pattern, Sequence

COLUMNS, LINES = 120, 40


@dataclass
class Sighting:
    """When each marker appeared (seconds after spawn), and the screen text at the end."""

    times: dict[str, float]
    screen: str


def _reader(fd: int, chunks: "queue.Queue[tuple[float, bytes]]") -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child side closed
            data = b""
        chunks.put((time.perf_counter(), data))
        if not data:
            return


def watch_pty(command: Sequence[str], markers: Mapping[str, Pattern[str]], *, env: Mapping[str, str],
              cwd: str | None = None, timeout: float = 60.0) -> Sighting:
    """Run `command` on a fresh pseudo-terminal until every marker's regex matches the screen text.

    `markers` maps a name to a compiled regex searched in the screen's lines joined by newlines.
    Returns the seconds from spawn to each marker. The child (its whole process group) is killed
    afterwards. Raises TimeoutError naming the missing markers and showing the screen when they
    do not all appear within `timeout` seconds, or RuntimeError when the child exits first.
    """
    import fcntl
    import pty  # noqa: F401 - fails early on platforms without pseudo-terminals
    import termios

    import pyte

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    child_env = dict(env)
    child_env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
    started = time.perf_counter()
    process = subprocess.Popen(list(command), stdin=slave, stdout=slave, stderr=slave, env=child_env,
                               cwd=cwd, start_new_session=True, close_fds=True)
    os.close(slave)
    reader = threading.Thread(target=_reader, args=(master, chunks), daemon=True)
    reader.start()
    times: dict[str, float] = {}
    deadline = started + timeout
    try:
        while len(times) < len(markers):
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                missing = ", ".join(sorted(set(markers) - set(times)))
                raise TimeoutError(f"not on screen after {timeout:.0f} s: {missing}\n" + _text(screen))
            try:
                at, data = chunks.get(timeout=remaining)
            except queue.Empty:
                continue
            if not data:
                raise RuntimeError(f"{command[0]} exited ({process.poll()}) before the markers:\n" + _text(screen))
            stream.feed(data)
            text = _text(screen)
            for name, pattern in markers.items():
                if name not in times and pattern.search(text):
                    times[name] = at - started
        return Sighting(times, _text(screen))
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)
        os.close(master)
        reader.join(timeout=5)


def _text(screen: object) -> str:
    return "\n".join(screen.display)  # type: ignore[attr-defined]


FLOOR_TEXT = "Hej! Dags för lärtimmen."
"""What the one-Label floor app shows (`benchmarks.probe.one_label_app`)."""

FLOOR_COMMAND_CODE = "from benchmarks.probe import one_label_app; one_label_app().run()"


def herotui_markers() -> dict[str, Pattern[str]]:
    """First frame: the tab bar's text. First data: this week's minutes (`N av G min den här veckan`)."""
    return {
        "first_frame": re.compile(r"1 Lärtimmen\s+2 Delat"),
        "first_data": re.compile(r"\d+ av \d+ min den här veckan"),
    }


def floor_markers() -> dict[str, Pattern[str]]:
    return {"first_frame": re.compile(re.escape(FLOOR_TEXT))}
