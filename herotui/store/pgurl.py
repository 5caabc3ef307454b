"""Reading a `postgresql://` URL into libpq connection parameters, and never showing its secrets.

Pure Python (no driver import), so the safe display of a URL works without the PostgreSQL extra.

The URL form is libpq's (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS):
`postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]`. People paste
passwords unescaped, so the user information is taken up to the *last* `@`: a password holding
`#`, `/`, `?` or `@` is still read whole instead of leaking into the host or a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote

# Connection parameters whose value is a secret: never printed, never stored.
SECRET_PARAMS = frozenset({"password", "sslpassword", "oauth_client_secret"})
REDACTED = "***"
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://", re.ASCII)


class PgUrlError(ValueError):
    """A URL that cannot be read. `reason` is port, option or form; `name` the option at fault."""

    def __init__(self, reason: str, name: str = "") -> None:
        super().__init__(f"{reason} {name}".strip())
        self.reason = reason
        self.name = name


@dataclass(frozen=True)
class PgUrl:
    """The parts of a URL. `params` are libpq keywords (dbname, host, port, user, password, ...)."""

    scheme: str
    # Not in repr: a crash report that prints local variables must not print the password.
    params: dict[str, str] = field(repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)

    @property
    def display(self) -> str:
        """The URL without any secret, safe for messages, JSON, logs and the outbox."""
        p = self.params
        user = quote(p["user"], safe="") + "@" if p.get("user") else ""
        hosts = p.get("host", "").split(",") if p.get("host") else []
        ports = p.get("port", "").split(",") if p.get("port") else []
        parts = []
        for i, host in enumerate(hosts or [""]):
            port = ports[i] if i < len(ports) else (ports[0] if len(ports) == 1 else "")
            shown = f"[{host}]" if ":" in host else host
            parts.append(f"{shown}:{port}" if port else shown)
        path = "/" + quote(p["dbname"], safe="") if p.get("dbname") else ""
        extra = [(k, v) for k, v in p.items()
                 if k not in ("user", "host", "port", "dbname") and k not in SECRET_PARAMS]
        query = "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in extra) if extra else ""
        return f"{self.scheme}://{user}{','.join(parts)}{path}{query}"

    @property
    def has_password(self) -> bool:
        return bool(self.params.get("password"))


def parse_pg_url(url: str) -> PgUrl:
    """Split a URL into libpq parameters. Raises `PgUrlError` for a port that is not a number
    or a form that is not a URL; unknown option names are checked by the driver later."""
    match = _SCHEME.match(url.strip())
    if not match:
        raise PgUrlError("form")
    scheme = match.group("scheme").lower()
    rest = url.strip()[match.end():]
    params: dict[str, str] = {}
    secrets: list[str] = []
    if "@" in rest:
        userinfo, rest = rest.rsplit("@", 1)
        user, sep, password = userinfo.partition(":")
        if user:
            params["user"] = unquote(user)
        if sep and password:
            params["password"] = unquote(password)
            secrets += [password, unquote(password)]
    rest = rest.split("#", 1)[0]
    hostport, _, query = rest.partition("?")
    hostport, _, dbname = hostport.partition("/")
    hosts, ports = [], []
    for item in filter(None, hostport.split(",")):
        host, port = _split_host_port(item)
        hosts.append(host)
        if port:
            if not port.isdigit() or not 0 < int(port) < 65536:
                raise PgUrlError("port", port if len(port) < 40 else port[:40])
            ports.append(port)
    if any(hosts):
        params["host"] = ",".join(unquote(h) for h in hosts)
    if ports:
        params["port"] = ",".join(ports)
    if dbname:
        params["dbname"] = unquote(dbname)
    for key, value in parse_qsl(query, keep_blank_values=True):
        key = key.strip()
        if not key:
            continue
        if key in SECRET_PARAMS and value:
            secrets += [value, quote(value, safe="")]
        if key == "port" and not all(p.strip().isdigit() for p in value.split(",")):
            raise PgUrlError("port", value[:40])
        params[key] = value
    return PgUrl(scheme, params, tuple(s for s in secrets if s))


def _split_host_port(item: str) -> tuple[str, str]:
    if item.startswith("["):
        host, _, tail = item[1:].partition("]")
        return host, tail.lstrip(":")
    host, _, port = item.partition(":")
    return host, port


def redact_pg_url(url: str) -> str:
    """`url` without its secrets; a URL that cannot be read shows only its scheme."""
    try:
        return parse_pg_url(url).display
    except PgUrlError:
        match = _SCHEME.match(url.strip())
        return (match.group(0) if match else "postgresql://") + REDACTED


def scrub(text: str, secrets: tuple[str, ...] | list[str]) -> str:
    """`text` with every secret replaced by ***: the last guard before anything is shown."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, REDACTED)
    return text
