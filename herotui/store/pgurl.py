"""Reading a `postgresql://` URL into libpq connection parameters, and never showing its secrets.

Pure Python (no driver import), so the safe display of a URL works without the PostgreSQL extra.

The URL form is libpq's (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS):
`postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]`. People paste
passwords unescaped, so the user information is taken up to the *last* `@`: a password holding
`#`, `/`, `?` or `@` is still read whole instead of leaking into the host or a traceback. A `%`
that does not start a UTF-8 escape (`50%off`, `%ab`) is kept as typed.

libpq's other form, keyword/value (`host=db port=5432 dbname=hero password=...`, same page,
"Keyword/Value Connection Strings"), is read too, so it is never mistaken for a file path and
echoed with its password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote

# Connection parameters whose value is a secret: never printed, never stored.
SECRET_PARAMS = frozenset({"password", "sslpassword", "oauth_client_secret"})
REDACTED = "***"
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://", re.ASCII)
# The keywords a keyword/value connection string usually starts with (libpq's names are lower case).
_CONNINFO_START = re.compile(
    r"^\s*(host|hostaddr|port|dbname|user|password|passfile|service|sslmode|connect_timeout"
    r"|application_name|options|target_session_attrs|gssencmode|krbsrvname|sslcert|sslkey|sslrootcert)\s*=")
_CONNINFO_PAIR = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*")


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
            shown = quote(host, safe="") if host.startswith("/") else f"[{host}]" if ":" in host else host
            parts.append(f"{shown}:{port}" if port else shown)
        path = "/" + quote(p["dbname"], safe="") if p.get("dbname") else ""
        extra = [(k, v) for k, v in p.items()
                 if k not in ("user", "host", "port", "dbname") and k not in SECRET_PARAMS]
        query = "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in extra) if extra else ""
        return f"{self.scheme}://{user}{','.join(parts)}{path}{query}"

    @property
    def has_password(self) -> bool:
        return bool(self.params.get("password"))


def is_conninfo(text: str) -> bool:
    """True for libpq's keyword/value form (`host=db dbname=hero ...`) rather than a URL or a path."""
    return bool(_CONNINFO_START.match(text))


def _decode(text: str) -> str:
    """Percent-decoding as libpq does it, except that a `%` which does not start a valid UTF-8
    escape stays as typed (a pasted password such as `50%ab` cannot have meant byte 0xAB)."""
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        return text


def parse_conninfo(text: str) -> PgUrl:
    """Read a keyword/value connection string. Values may be single-quoted; `\\'` and `\\\\`
    escape inside and outside quotes (libpq's rules). Raises `PgUrlError("form")` for an
    unterminated quote or a word without `=`, and for a port that is not a number."""
    params: dict[str, str] = {}
    secrets: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _CONNINFO_PAIR.match(text, pos)
        if not match:
            raise PgUrlError("form")
        key, pos = match.group(1), match.end()
        start = pos
        value: list[str] = []
        quoted = pos < len(text) and text[pos] == "'"
        pos += 1 if quoted else 0
        while pos < len(text):
            char = text[pos]
            if char == "\\" and pos + 1 < len(text):
                value.append(text[pos + 1])
                pos += 2
                continue
            if (quoted and char == "'") or (not quoted and char.isspace()):
                break
            value.append(char)
            pos += 1
        if quoted:
            if pos >= len(text):
                raise PgUrlError("form")
            pos += 1
        raw, value_text = text[start:pos], "".join(value)
        if key in SECRET_PARAMS and value_text:
            secrets += [raw, value_text]
        if key == "port" and not all(p.strip().isdigit() for p in value_text.split(",")):
            raise PgUrlError("port", value_text[:40])
        params[key] = value_text
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return PgUrl("postgresql", params, tuple(s for s in secrets if s))


def parse_pg_url(url: str) -> PgUrl:
    """Split a URL (or a keyword/value string) into libpq parameters. Raises `PgUrlError` for a
    port that is not a number or a form that is not a URL; unknown option names are checked by the
    driver later."""
    if is_conninfo(url):
        return parse_conninfo(url)
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
            params["user"] = _decode(user)
        if sep and password:
            params["password"] = _decode(password)
            secrets += [password, _decode(password)]
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
        params["host"] = ",".join(_decode(h) for h in hosts)
    if ports:
        params["port"] = ",".join(ports)
    if dbname:
        params["dbname"] = _decode(dbname)
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


def key_of(url: str) -> str | None:
    """The parts that name one database (user, host, port, database, service), never a secret:
    `postgresql://user@host:5432/dbname` (5432 and localhost when left out). None when unreadable."""
    try:
        p = parse_pg_url(url).params
    except PgUrlError:
        return None
    user = quote(p["user"], safe="") + "@" if p.get("user") else ""
    host = (p.get("host") or "localhost").lower()
    host = quote(host, safe=",") if host.startswith("/") else host
    service = "?service=" + quote(p["service"], safe="") if p.get("service") else ""
    dbname = quote(p["dbname"], safe="") if p.get("dbname") else ""
    return f"postgresql://{user}{host}:{p.get('port') or 5432}/{dbname}{service}"


def scrub(text: str, secrets: tuple[str, ...] | list[str]) -> str:
    """`text` with every secret replaced by ***: the last guard before anything is shown."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, REDACTED)
    return text


_USERINFO_PASSWORD = re.compile(r"://[^:/@]*:(.+)@")
_PASSWORD_OPTION = re.compile(r"(?:^|[?&\s])(?:password|sslpassword|oauth_client_secret)\s*=\s*('(?:[^'\\]|\\.)*'|[^&\s]+)")


def secrets_of(*targets: str | None) -> tuple[str, ...]:
    """Every secret in the database locations given (URLs, keyword/value strings, file paths),
    in the forms they may be shown in; for text that cannot even be read, whatever follows
    `user:` up to the last `@` and every `password=` value. For `scrub` before any crash report."""
    found: list[str] = []
    for target in targets:
        if not target:
            continue
        try:
            found += parse_pg_url(target).secrets
        except PgUrlError:
            pass
        for pattern in (_USERINFO_PASSWORD, _PASSWORD_OPTION):
            for match in pattern.finditer(target):
                value = match.group(1)
                found += [value, _decode(value), value.strip("'")]
    return tuple(s for s in dict.fromkeys(found) if s)
