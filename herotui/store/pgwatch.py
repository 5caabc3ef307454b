"""A watchdog for PostgreSQL connections stuck past their deadline (a paused or frozen server).

`statement_timeout` is enforced by the server itself, so a server that is paused (SIGSTOP, a VM
frozen, a stalled disk) leaves the client waiting forever. One thread watches every armed
connection and shuts its socket down once the deadline plus a grace has passed.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


# A server that is paused or frozen cannot enforce statement_timeout itself; past the deadline
# plus this grace the watchdog cuts the connection, and the write goes to the outbox.
WATCHDOG_GRACE = 1.0


class Watchdog:
    """Cuts connections whose transaction outlived its deadline (one thread for all of them).

    Shutting the socket down makes the blocked driver call fail at once with a connection error
    (an outage, so the write is queued); the connection is then thrown away and a new one made.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[float, Any]] = {}
        self._thread: threading.Thread | None = None

    def arm(self, conn: Any, deadline: float) -> None:
        with self._lock:
            self._armed[id(conn)] = (deadline, conn)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="herotui-pg-watchdog", daemon=True)
                self._thread.start()

    def disarm(self, conn: Any) -> None:
        with self._lock:
            self._armed.pop(id(conn), None)

    def _run(self) -> None:
        while True:
            time.sleep(0.2)
            now = time.monotonic()
            with self._lock:
                expired = [c for key, (deadline, c) in list(self._armed.items()) if now > deadline]
                for conn in expired:
                    self._armed.pop(id(conn), None)
            for conn in expired:
                cut(conn)


def cut(conn: Any) -> None:
    """Shut down the connection's socket under the driver (a duplicate handle, so the driver's own
    stays valid until it notices)."""
    from herotui.store.pgdriver import driver

    psycopg = driver()
    try:
        sock = socket.fromfd(conn.pgconn.socket, socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        finally:
            sock.close()
    except (OSError, ValueError, psycopg.Error):
        pass  # the connection is already gone: nothing left to cut


WATCHDOG = Watchdog()
