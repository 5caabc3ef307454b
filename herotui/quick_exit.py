"""Leave the process now, even while a file on a stalled share is still open.

When the app quits with a database call stuck on a stalled drive (see `cli.core.run_app`),
`os._exit` alone is not enough: the kernel closes the process's files on the way out, and
closing a file on a network or FUSE file system waits for the server (a FUSE `flush`, which
cannot be interrupted; a hard-mounted share may never answer). The terminal is already given
back, but the shell waits for the process.

On Linux the closing is handed to a helper: `clone(CLONE_FILES)` makes a child that shares this
process's table of open files, so when this process exits the files are not closed (the table
is still in use); the child waits until this process is gone, then exits and does the closing
in the background. Elsewhere, or if that fails, plain `os._exit`.
"""

from __future__ import annotations

import os
import platform
import sys

_CLONE_FILES = 0x00000400
_SIGCHLD = 17
# The clone system call's number per architecture (Linux); with every argument but the flags
# 0, their order (which differs between architectures) does not matter.
_SYS_CLONE = {"x86_64": 56, "amd64": 56, "aarch64": 220, "arm64": 220, "riscv64": 220,
              "i386": 120, "i686": 120, "armv7l": 120, "ppc64le": 120, "s390x": 120}


def exit_now(code: int) -> None:
    """End the process with `code` at once, leaving the closing of its files to a helper
    process where possible (module docstring). Never returns."""
    sys.stdout.flush()
    sys.stderr.flush()
    number = _SYS_CLONE.get(platform.machine().lower()) if sys.platform.startswith("linux") else None
    if number is not None:
        try:
            import ctypes

            # PyDLL keeps the GIL during the call: the child must not find it held by a thread
            # that does not exist in the child.
            libc = ctypes.PyDLL(None)
            parent = os.getpid()
            pid = libc.syscall(ctypes.c_long(number), ctypes.c_ulong(_CLONE_FILES | _SIGCHLD),
                               ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))
            if pid == 0:  # the helper: only libc calls from here on
                while libc.getppid() == parent:
                    libc.usleep(20000)
                libc._exit(0)
        except Exception:  # noqa: BLE001 - any failure: exit the plain way below
            pass
    os._exit(code)
