"""Normalising links so the same article shared twice is recognised."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_KEYS = {"fbclid", "gclid", "igshid", "ref", "ref_src", "mkt_tok"}


def normalise_url(url: str) -> str:
    """A comparison key: lower-case scheme and host, no default port, no fragment, no tracking
    parameters, sorted query, no trailing slash, `www.` dropped, http and https treated alike."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_KEYS
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", netloc, path, urlencode(sorted(query)), ""))[:512]
