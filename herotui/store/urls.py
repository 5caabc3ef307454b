"""Links: checking that a typed link is a web address, tidying it, and normalising it so the same
article shared twice is recognised."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_URL = 2048
WEB_SCHEMES = ("http", "https")

_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_KEYS = {"fbclid", "gclid", "igshid", "ref", "ref_src", "mkt_tok"}
# Anything that would make the link mean something else on a screen or in a shell.
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")


class BadUrl(ValueError):
    """Why a typed link cannot be shared: `reason` is one of scheme, host, spaces, too_long."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def tidy_url(text: str) -> str:
    """The link as it will be stored: trimmed, scheme and host in lower case.

    Raises `BadUrl` for anything but an http(s) address with a host (so `javascript:`, `file:`,
    `data:` and friends never reach a browser), for spaces or control characters inside, and for
    absurdly long links.
    """
    text = (text or "").strip()
    if len(text) > MAX_URL:
        raise BadUrl("too_long")
    if _NOT_IN_URL.search(text):
        raise BadUrl("spaces")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise BadUrl("host") from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise BadUrl("scheme")
    host = parts.hostname or ""
    if not host or host.startswith(".") or ".." in host:
        raise BadUrl("host")
    netloc = parts.netloc
    at = netloc.rfind("@") + 1
    netloc = netloc[:at] + netloc[at:].lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


def is_web_url(text: str | None) -> bool:
    """True for a link that may be opened in a browser (http or https with a host)."""
    try:
        tidy_url(text or "")
    except BadUrl:
        return False
    return True


def normalise_url(url: str) -> str:
    """A comparison key: lower-case scheme and host, no default port, no fragment, no tracking
    parameters, sorted query, no trailing slash, `www.` dropped, http and https treated alike."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().lower()[:512]
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = port if port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_KEYS
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", netloc, path, urlencode(sorted(query)), ""))[:512]
