"""Links: checking that a typed link is a web address, tidying it, and deciding when two links are
the same page (so "already shared by ..." is said for the same page and only for it).

Link identity (`normalise_url`), rule by rule. Two links are the same page when their keys are
equal; every rule has a test in tests/test_url_rules.py. RFC 3986 section 6 ("Normalization and
Comparison") is the source of rules 1-3 and 5; rules 4, 6 and 7 are the web's conventions.

1. **Scheme**: `http` and `https` name the same page (sites redirect one to the other); case is
   ignored (`HTTPS:` = `https:`).
2. **Host**: case is ignored, a trailing dot and a leading `www.` are dropped, and an international
   name is compared in its IDNA form (`räksmörgås.se` = `xn--rksmrgs-5wao1o.se`). A login in the
   address (`user@`) is not part of the page.
3. **Port**: the scheme's default port (80 for http, 443 for https) is the same as none; any other
   port makes a different page.
4. **Path**: case matters (`/Guide` is not `/guide`); a trailing slash does not (`/a/` = `/a`,
   and an empty path is `/`); `.` and `..` segments are resolved (RFC 3986 5.2.4).
5. **Encodings**: percent-escapes are compared by the bytes they stand for: hex case is ignored
   (`%c3%a5` = `%C3%A5`), escaped unreserved characters equal the characters (`%7E` = `~`),
   and a non-ASCII character equals its UTF-8 escape (`å` = `%C3%A5`). An escaped reserved
   character stays different (`a%2Fb` is not `a/b`). In the query, `+` and `%20` are both a space.
6. **Query**: parameter order does not matter; tracking parameters are dropped: `utm_*`, `mc_*`,
   `fbclid`, `gclid`, `dclid`, `msclkid`, `yclid`, `igshid`, `mkt_tok`, `_hsenc`, `_hsmi`,
   `ref_src`, and `ref`/`source` except on a code host (github.com, gitlab.com, bitbucket.org,
   codeberg.org, dev.azure.com, or a host named `git.*`/`gitlab.*`), where `?ref=v2` picks a
   branch or tag and is content. Every other parameter is content (`?id=1` is not `?id=2`).
7. **Fragment**: a plain in-page anchor (`#section`, `#:~:text=`) is the same page; a routing
   fragment that starts with `/` or `!` (`#/articles/one`, `#!/item/2`) is part of the address
   of a single-page app, so `#/articles/one` and `#/articles/two` are different pages.

Sharing the same page twice is still possible on purpose (`share add --force`, "post anyway").
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote_to_bytes, urlencode, urlsplit, urlunsplit

MAX_URL = 2048
WEB_SCHEMES = ("http", "https")
MAX_KEY = 512

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_KEYS = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mkt_tok", "_hsenc", "_hsmi",
                  "ref_src"}
_TRACKING_OFF_CODE_HOSTS = {"ref", "source"}
_CODE_HOSTS = {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "dev.azure.com"}
_CODE_HOST_PREFIXES = ("git.", "gitlab.")
# Characters that may stand unescaped in a path: RFC 3986 unreserved plus sub-delims, ':' and '@'.
_PATH_SAFE = "/-._~!$&'()*+,;=:@"
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
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
    absurdly long links. This is the one link check of herotui: shares and learning sessions
    both go through it (via `herotui.services.shares.check_link`).
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


def _host_key(host: str) -> str:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # not a valid international name: compare it as written
        return host


def is_code_host(host: str) -> bool:
    """A host where `?ref=` names a branch or tag (rule 6 of the module docstring)."""
    host = _host_key(host)
    return host in _CODE_HOSTS or host.startswith(_CODE_HOST_PREFIXES)


def _canonical_escapes(text: str, safe: str) -> str:
    """Rule 5: decode every escape and re-encode, except escapes of characters outside `safe`
    (reserved characters such as `/` or `?` keep their escape, which means something else)."""
    out: list[str] = []
    pos = 0
    for match in _ESCAPE.finditer(text):
        out.append(quote(text[pos:match.start()], safe=safe + "%"))
        byte = unquote_to_bytes(match.group())
        char = byte.decode("latin-1")
        out.append(char if (byte < b"\x80" and (char.isalnum() or char in "-._~")) else match.group().upper())
        pos = match.end()
    out.append(quote(text[pos:], safe=safe + "%"))
    return "".join(out)


def _path_key(path: str) -> str:
    """Rules 4 and 5: escapes made canonical, dot segments resolved, no trailing slash."""
    segments: list[str] = []
    for segment in _canonical_escapes(path, _PATH_SAFE).split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment not in (".", ""):
            segments.append(segment)
    return "/" + "/".join(segments)


def _fragment_key(fragment: str) -> str:
    """Rule 7: only a routing fragment (`#/...`, `#!...`) is part of the page."""
    if fragment.startswith(("/", "!")):
        return _canonical_escapes(fragment, _PATH_SAFE + "?#")
    return ""


def normalise_url(url: str) -> str:
    """The comparison key of a link (the rules in the module docstring); never raises, at most
    512 characters. Two links are the same page when their keys are equal."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip().lower()[:MAX_KEY]
    scheme = parts.scheme.lower()
    host = _host_key(parts.hostname or "")
    port = None if port == _DEFAULT_PORTS.get(scheme) else port
    netloc = f"{host}:{port}" if port else host
    code_host = is_code_host(host)
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        name = key.lower()
        if name.startswith(_TRACKING_PREFIXES) or name in _TRACKING_KEYS:
            continue
        if name in _TRACKING_OFF_CODE_HOSTS and not code_host:
            continue
        query.append((key, value))
    key = urlunsplit(("https", netloc, _path_key(parts.path), urlencode(sorted(query)),
                      _fragment_key(parts.fragment)))
    return key[:MAX_KEY]
