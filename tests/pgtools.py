"""Helpers for the PostgreSQL tests: a TCP relay that can cut the network, roles with passwords.

The relay is real networking (sockets and threads, no mocks): stopping it closes every
connection and the listening port, as when the server's host drops off the network.
"""

from __future__ import annotations

import socket
import threading
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

import pytest


@dataclass
class Relay:
    target_host: str
    target_port: int
    port: int = 0
    _listener: socket.socket | None = None
    _sockets: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""
    thawed: threading.Event = field(default_factory=threading.Event)
    """Cleared: a frozen host - connections are accepted and kept, but nothing passes either way."""

    def __post_init__(self) -> None:
        self.thawed.set()

    def freeze(self) -> None:
        self.thawed.clear()

    def thaw(self) -> None:
        self.thawed.set()

    def _wait_while_frozen(self) -> None:
        # Woken by `thaw`; the timeout only lets a stopped relay's threads end.
        while not self.thawed.wait(0.5) and self._listener is not None:
            pass

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            self._wait_while_frozen()
            try:
                server = socket.create_connection((self.target_host, self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self._wait_while_frozen()
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def stop(self) -> None:
        if self._listener is not None:
            try:  # wakes the thread blocked in accept(); close() alone leaves the port listening
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            for s in self._sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self._sockets.clear()


@pytest.fixture
def pg_proxy():
    """`pg_proxy(url)` -> a started Relay whose `.url` reaches the same database through it."""
    relays: list[Relay] = []

    def make(url: str) -> Relay:
        parts = urlsplit(url)
        relay = Relay(parts.hostname or "127.0.0.1", parts.port or 5432)
        relay.start()
        user = f"{parts.username}@" if parts.username else ""
        relay.url = urlunsplit((parts.scheme, f"{user}127.0.0.1:{relay.port}", parts.path, parts.query, ""))
        relays.append(relay)
        return relay

    yield make
    for relay in relays:
        relay.stop()


def admin_connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


# Roles in this group must sign in with a password, even on a test server that trusts everyone:
# pg_hba.conf is read top down, so a line for `+herotui_pw_required` before the trust lines wins.
PASSWORD_GROUP = "herotui_pw_required"
_HBA_LINES = (f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256",
              f"host all +{PASSWORD_GROUP} ::1/128 scram-sha-256")


def require_passwords(admin) -> None:
    """Make the server ask members of PASSWORD_GROUP for their password (idempotent).

    Writes pg_hba.conf through the server itself (a superuser's COPY ... TO writes as the server's
    own OS user), then reloads the configuration. Test workers run in parallel: one at a time here.
    """
    import fcntl
    import tempfile
    from pathlib import Path

    with open(Path(tempfile.gettempdir()) / "herotui-test-pg-hba.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _require_passwords(admin)


def _require_passwords(admin) -> None:
    admin.execute(f"DO $$BEGIN CREATE ROLE {PASSWORD_GROUP} NOLOGIN; "
                  "EXCEPTION WHEN duplicate_object THEN NULL; END$$")
    hba_path = admin.execute("SHOW hba_file").fetchone()[0]
    current = admin.execute("SELECT pg_read_file(%s)", (hba_path,)).fetchone()[0]
    if _HBA_LINES[0] in current:
        return
    lines = list(_HBA_LINES) + [line for line in current.splitlines()
                                if line.strip() and not line.lstrip().startswith("#")]
    admin.execute("CREATE TEMP TABLE hba_text (line text)")
    with admin.cursor().copy("COPY hba_text FROM STDIN") as copy:
        for line in lines:
            copy.write_row([line.replace("\t", " ")])
    admin.execute(f"COPY hba_text TO '{hba_path}'")
    admin.execute("DROP TABLE hba_text")
    admin.execute("SELECT pg_reload_conf()")


def role_with_password(base_url: str, password: str) -> str:
    """Create a LOGIN role that must give `password`; returns its name."""
    name = "hero_" + uuid.uuid4().hex[:10]
    with admin_connect(base_url) as admin:
        require_passwords(admin)
        escaped = password.replace("'", "''")
        admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{escaped}' IN ROLE {PASSWORD_GROUP}")
    return name


def url_with(base_url: str, *, user: str, password: str | None = None, dbname: str | None = None,
             raw_password: bool = False, query: str = "") -> str:
    """`base_url` signed in as `user`; the password escaped, or pasted raw when `raw_password`."""
    parts = urlsplit(base_url)
    secret = "" if password is None else ":" + (password if raw_password else quote(password, safe=""))
    netloc = f"{user}{secret}@{parts.hostname}:{parts.port}"
    path = "/" + (dbname if dbname is not None else parts.path.lstrip("/"))
    return f"{parts.scheme}://{netloc}{path}" + (f"?{query}" if query else "")
