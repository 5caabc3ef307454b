"""The same herotui on PostgreSQL: connecting, checking, creating, change detection, doctor.

The driver is psycopg 3, installed with the `postgres` extra (`pip install 'herotui[postgres]'`);
without it a `postgresql://` URL says which command installs it.

The password may come from the URL, `PGPASSWORD`, `~/.pgpass`/`PGPASSFILE` or a `service=` entry
in pg_service.conf (libpq reads them all); it is never printed: every message uses
`Location.display` and any server text passes through `scrub`.
"""

from __future__ import annotations

import time
from typing import Any

import peewee

import herotui.store.schema as schema
from herotui.store.check import Check
from herotui.store.errors import (
    BadDatabaseUrl,
    DatabaseUnavailable,
    SignInRefused,
    StoreError,
)
from herotui.store.location import Location
from herotui.store.models import StoreMeta
from herotui.store.pgurl import PgUrl, PgUrlError, parse_pg_url, scrub
from herotui.store.pgdriver import driver
from herotui.store.pgwatch import WATCHDOG, WATCHDOG_GRACE

CHANNEL = "herotui_changes"

# TCP keepalives: a server that vanished without closing the connection (cable, VPN, crashed
# host) is noticed in about idle + interval * count = 10 + 3 * 5 = 25 s instead of hours.
_KEEPALIVES = {"keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5", "keepalives_count": "3"}


class HeroPostgresDatabase(peewee.PostgresqlDatabase):
    """Connects with psycopg 3 and announces every committed write on a channel.

    NOTIFY is transactional: listeners hear it only when the write commits, and never for a
    write that rolled back - an exact, cheap change signal without polling any table.
    """

    def __init__(self, url: PgUrl, params: dict[str, str], location: Location) -> None:
        driver()  # peewee picks its psycopg 3 adapter only if it knows the driver
        # peewee wants a name; with `service=` the real one comes from pg_service.conf.
        super().__init__(params.get("dbname") or "(service)", autoconnect=True, prefer_psycopg3=True)
        self.url = url
        self.params = params
        self.location = location
        self.changes_seen = 0

    def _connect(self):  # peewee hook: open one new driver connection
        psycopg = driver()
        try:
            conn = psycopg.connect(**self.params)
        except psycopg.Error as exc:
            # `from None`: the driver's exception keeps the connection parameters (password
            # included) and nothing of it may reach a traceback.
            raise connect_failure(exc, self.url, self.params, self.location) from None
        conn.autocommit = True
        conn.add_notify_handler(self._heard)
        return conn

    def _heard(self, _notify: Any) -> None:
        self.changes_seen += 1

    def _initialize_connection(self, conn) -> None:  # peewee hook, once per new connection
        super()._initialize_connection(conn)
        conn.execute(f"LISTEN {CHANNEL}")
        # A new connection may have missed notifications: count it as a change.
        self.changes_seen += 1

    def announce_change(self) -> None:
        self.execute_sql(f"NOTIFY {CHANNEL}")

    def limit_time(self, seconds: float) -> None:
        """Inside a transaction: give up waiting for a lock or a statement after `seconds`.

        `lock_timeout` and `statement_timeout` are set LOCAL (this transaction only), so a write
        blocked by a colleague's table lock fails with SQLSTATE 55P03/57014 by the write deadline
        and goes to the outbox instead of hanging.
        """
        millis = str(max(100, int(seconds * 1000)))
        self.execute_sql("SELECT set_config('lock_timeout', %s, true), set_config('statement_timeout', %s, true)",
                         (millis, millis))

    def watch(self, deadline: float) -> None:
        """Before a transaction: cut this thread's connection if it is still busy at `deadline`
        (time.monotonic()) plus the grace - BEGIN, statements and COMMIT alike."""
        WATCHDOG.arm(self.connection(), deadline + WATCHDOG_GRACE)

    def release_time(self) -> None:
        """The transaction is over: the watchdog stops watching this thread's connection."""
        if not self.is_closed():
            WATCHDOG.disarm(self.connection())

    def change_token(self) -> int:
        """A number that grows when anyone commits a write; reads what arrived, without waiting."""
        psycopg = driver()
        conn = self.connection()
        try:
            conn.pgconn.consume_input()
            while conn.pgconn.notifies() is not None:
                self.changes_seen += 1
        except psycopg.Error:
            self.close()
            raise DatabaseUnavailable(path=self.location.display) from None
        return self.changes_seen


def connect_failure(exc: BaseException, url: PgUrl, params: dict[str, str], location: Location) -> StoreError:
    """Sort a failed connection into: bad URL (exit 2), refused sign-in (exit 3), or an outage.

    libpq gives no SQLSTATE for a failed connection, so ask `PQping` (in a child process, see
    `_ping`), which tells whether a server answered at all: if it did, it refused us (password, role, database); waiting will not
    help, so that is never queued. Only no answer is an outage.
    """
    psycopg = driver()
    text = scrub(str(exc), url.secrets).strip()
    if isinstance(exc, psycopg.ProgrammingError):
        return BadDatabaseUrl(path=location.display, problem=text.splitlines()[0] if text else "?")
    answer = _ping(psycopg, dict(params, connect_timeout="3"))
    if answer == psycopg.pq.Ping.NO_ATTEMPT:
        return BadDatabaseUrl(path=location.display, problem=_last_words(text))
    if answer == psycopg.pq.Ping.OK:
        return SignInRefused(path=location.display, reason=_last_words(text))
    return DatabaseUnavailable(path=location.display)


_PING = ("import sys\nfrom psycopg import pq\n"
         "print(int(pq.PGconn.ping(sys.stdin.read().encode())))\n")


def _ping(psycopg, params: dict[str, str]):
    """`PQping` for `params` (libpq keywords). psycopg's binding holds the GIL while libpq waits
    (up to the connect timeout), which would freeze every other thread: asked off the main thread
    (the app's database thread, while its interface must keep answering) it runs in a child
    process; on the main thread (a command) in this one. The connection string goes through the
    child's standard input, never its command line (which the process list shows).
    `Ping.NO_RESPONSE` if the child cannot tell."""
    import subprocess
    import sys
    import threading

    Ping = psycopg.pq.Ping
    try:
        conninfo = psycopg.conninfo.make_conninfo(**params)
    except psycopg.Error:
        return Ping.NO_ATTEMPT
    if threading.current_thread() is threading.main_thread():
        try:
            return psycopg.pq.PGconn.ping(conninfo.encode())
        except psycopg.Error:
            return Ping.NO_ATTEMPT
    try:
        done = subprocess.run([sys.executable, "-c", _PING], input=conninfo, capture_output=True,
                              text=True, timeout=float(params.get("connect_timeout", 3)) + 10)
        return Ping(int(done.stdout.strip()))
    except (OSError, ValueError, subprocess.SubprocessError):
        return Ping.NO_RESPONSE


def server_answers(location: Location, *, write_deadline: float = 15.0) -> bool:
    """Whether any server answers at `location`: a sign-in attempt that waits at most the
    connect timeout; an answer, even a refusal (it carries a SQLSTATE), counts. Lets the app
    decide, off the database thread, that reconnecting is worth a try. Not `PQping`: psycopg's
    binding holds the GIL while libpq waits, which froze the whole app for the timeout. A URL
    that cannot be read counts as answering: opening it reports the problem."""
    psycopg = driver()
    try:
        _, params = connection_params(location, write_deadline=write_deadline)
        psycopg.connect(**params).close()
    except StoreError:
        return True
    except psycopg.Error as exc:
        return getattr(exc, "sqlstate", None) is not None
    return True


def _last_words(text: str) -> str:
    """The server's own sentence from a libpq message ("password authentication failed ...")."""
    for marker in ("FATAL:", "FATALT:", "ERROR:"):
        if marker in text:
            text = text.rsplit(marker, 1)[1]
            break
    else:
        text = text.rsplit("failed:", 1)[-1]
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "?"


def connection_params(location: Location, *, write_deadline: float = 15.0) -> tuple[PgUrl, dict[str, str]]:
    """The libpq parameters for `location`, with herotui's defaults; checks every option name.

    Raises `DriverMissing` without psycopg, `BadDatabaseUrl` for a port that is not a number or
    an option libpq does not know.
    """
    from herotui.i18n import t

    psycopg = driver()
    try:
        url = parse_pg_url(location.target)
    except PgUrlError as exc:
        raise BadDatabaseUrl(path=location.display,
                             problem=t(f"store.bad_url.{exc.reason}", name=exc.name)) from None
    known = {option.keyword.decode() for option in psycopg.pq.Conninfo.get_defaults()}
    for name in url.params:
        if name not in known:
            raise BadDatabaseUrl(path=location.display, problem=t("store.bad_url.option", name=name[:40]))
    params = dict(url.params)
    # Setting up a connection that takes longer than the write deadline cannot serve a write in
    # time: give up then (libpq's minimum is 2 s), at most 10 s.
    params.setdefault("connect_timeout", str(int(min(10, max(2, write_deadline)))))
    params.setdefault("application_name", "herotui")
    for key, value in _KEEPALIVES.items():
        params.setdefault(key, value)
    # Data written but not acknowledged by the server for this long means the connection is dead.
    params.setdefault("tcp_user_timeout", str(int(max(write_deadline, 5.0) * 1000)))
    if "dbname" not in params and "service" not in params:
        params["dbname"] = "postgres"
    return url, params


def _database(location: Location, write_deadline: float = 15.0) -> HeroPostgresDatabase:
    url, params = connection_params(location, write_deadline=write_deadline)
    return HeroPostgresDatabase(url, params, location)


def _connect(db: HeroPostgresDatabase, location: Location) -> None:
    try:
        db.connect(reuse_if_open=True)
    except (peewee.OperationalError, peewee.InterfaceError):
        raise DatabaseUnavailable(path=location.display) from None


def _meta(db: peewee.Database) -> dict[str, str]:
    return {row.key: row.value for row in StoreMeta.select()}


# Where a password written into the database's address can be read, by where the address came from.
_PASSWORD_SEEN = {"environment": "doctor.password_in_env", "settings": "doctor.password_in_settings"}


def doctor_checks(location: Location, *, write_deadline: float = 15.0, origin: str = "option") -> list[Check]:
    """Connection, password advice, timeouts, server, latency, herotui schema. Never shows a secret.

    `origin` (option, environment, settings) names where a password in the URL can be read: the
    process list for `--db`, the process's environment for HEROTUI_DB, the settings file."""
    from herotui.i18n import t

    checks: list[Check] = []
    url, params = connection_params(location, write_deadline=write_deadline)
    if url.has_password:
        seen = _PASSWORD_SEEN.get(origin, "doctor.password_in_url")
        checks.append(Check("password", True, t(seen), key=seen, warning=True))
    else:
        checks.append(Check("password", True, t("doctor.password_elsewhere"), key="doctor.password_elsewhere"))
    checks.append(Check("timeouts", True,
                        f"lock/statement <= {write_deadline:g} s, keepalives "
                        f"{params['keepalives_idle']}/{params['keepalives_interval']}/{params['keepalives_count']}",
                        params={"write_deadline_seconds": write_deadline,
                                "keepalives_idle": int(params["keepalives_idle"])}))
    db = HeroPostgresDatabase(url, params, location)
    try:
        db.connect()
    except StoreError as exc:
        checks.insert(0, Check("connection", False, scrub(exc.message(), url.secrets), key=exc.key))
        return checks
    except (peewee.OperationalError, peewee.InterfaceError) as exc:
        checks.insert(0, Check("connection", False, scrub(str(exc).strip().splitlines()[0] if str(exc).strip()
                                                          else type(exc).__name__, url.secrets)))
        return checks
    try:
        checks.insert(0, Check("connection", True, location.display))
        version = db.execute_sql("SHOW server_version").fetchone()[0]
        checks.append(Check("server", True, version))
        rounds = []
        for _ in range(5):
            begin = time.perf_counter()
            db.execute_sql("SELECT 1").fetchone()
            rounds.append((time.perf_counter() - begin) * 1000)
        rounds.sort()
        checks.append(Check("latency", True, f"{rounds[len(rounds) // 2]:.1f} ms",
                            params={"ms": round(rounds[len(rounds) // 2], 2)}))
        if not db.table_exists("herotui_meta"):
            checks.append(Check("herotui", False, "-"))
            return checks
        with db.bind_ctx([StoreMeta]):
            meta = _meta(db)
        checks.append(Check("herotui", meta.get("application_id") == str(schema.APPLICATION_ID),
                            meta.get("application_id", "-")))
        version_found = int(meta.get("schema_version", "0"))
        checks.append(Check("schema", version_found <= schema.SCHEMA_VERSION,
                            f"{version_found} / {schema.SCHEMA_VERSION}"))
        from herotui.store.pg_identity import signed_in_role

        role = signed_in_role(db)
        checks.append(Check("identity", True, f"server: {role}" if role else "shared",
                            params={"mode": "server" if role else "shared", "role": role}))
    except peewee.DatabaseError as exc:
        checks.append(Check("connection", False, scrub(str(exc).splitlines()[0], url.secrets)))
    finally:
        db.close()
    return checks
