"""Turning what a person typed (`S:\\Hero\\hero.db`, a UNC path, a URL) into a database location."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from urllib.parse import quote, unquote, urlsplit

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Location:
    """A database location. `display` is safe to print: it never contains a password."""

    kind: str  # "sqlite" or "postgresql"
    target: str = field(repr=False)  # as typed, password included: never printed
    path: Path | None = None
    read_only: bool = False

    def __repr__(self) -> str:
        return f"Location({self.kind!r}, {self.display!r}, read_only={self.read_only})"

    @property
    def display(self) -> str:
        if self.kind == "sqlite":
            return str(self.path)
        return redact_url(self.target)


def redact_url(url: str) -> str:
    """`url` without a password (in the user information or `?password=`)."""
    from herotui.store.pgurl import redact_pg_url

    return redact_pg_url(url)


def parse_location(target: str) -> Location:
    text = target.strip()
    lowered = text.lower()
    if lowered.startswith(("postgresql://", "postgres://", "postgresql+", "postgresext://")):
        return Location("postgresql", text)
    from herotui.store.pgurl import is_conninfo

    if is_conninfo(text):  # libpq's `host=... dbname=... password=...`: never a file name
        return Location("postgresql", text)
    read_only = False
    if lowered.startswith("sqlite:///"):
        text = unquote(text[len("sqlite:///"):])
        if not _WINDOWS_DRIVE.match(text) and not text.startswith("/"):
            text = "/" + text if lowered.startswith("sqlite:////") else text
    elif lowered.startswith("file:"):
        parts = urlsplit(text)
        read_only = "mode=ro" in parts.query
        text = unquote(parts.path)
        if re.match(r"^/[A-Za-z]:/", text):
            text = text[1:]
    return Location("sqlite", target, Path(text).expanduser(), read_only)


def sqlite_uri(path: str | Path, mode: str) -> str:
    """A `file:` URI for SQLite that works for POSIX paths, drive letters and UNC paths.

    `mode=rw` opens an existing file and never creates one, which is what keeps an unmounted
    share from silently becoming a fresh, empty team database.
    """
    raw = str(path)
    if raw.startswith(("\\\\", "//")):
        # UNC (\\server\share\hero.db): an empty authority followed by a path starting with
        # two slashes; SQLite on Windows hands "//server/share/hero.db" to the OS as is.
        body = "//" + raw.lstrip("\\/").replace("\\", "/")
        prefix = "file://"
    elif _WINDOWS_DRIVE.match(raw):
        body = "/" + PureWindowsPath(raw).as_posix()
        prefix = "file://"
    else:
        body = Path(raw).absolute().as_posix()
        prefix = "file://"
    return f"{prefix}{quote(body, safe='/:')}?mode={mode}"
