"""The one link check of herotui: a share's link and a learning session's link pass the same rule.

Kept apart from the share and learning services so both import it without importing each other.
The rules themselves (what may be opened, what counts as the same page) live in
`herotui.store.urls`; the pure ones are re-exported here (`is_web_url`, `normalise_url`,
`MAX_URL`) so that screens and widgets ask this service and never import the store.
"""

from __future__ import annotations

from herotui.services.errors import ValidationError
from herotui.store.urls import MAX_URL, BadUrl, is_web_url, normalise_url, tidy_url
from herotui.text import clean_line

__all__ = ["MAX_URL", "check_link", "is_web_url", "normalise_url"]


def check_link(url: str | None) -> str:
    """The tidied link, or "" for none (None or blanks).

    Only http and https addresses with a host are accepted, without spaces or control
    characters, at most `MAX_URL` (2048) characters. Raises `ValidationError` with key
    `share.error.url_scheme|url_host|url_spaces|url_too_long` naming what to change.
    """
    if url is None or not url.strip():
        return ""
    try:
        return tidy_url(url)
    except BadUrl as exc:
        raise ValidationError(f"share.error.url_{exc.reason}", url=clean_line(url)[:80], max=MAX_URL) from None
