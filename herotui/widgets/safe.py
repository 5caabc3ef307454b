"""The one way user text becomes screen text.

Textual parses markup in plain strings handed to Static, Label, OptionList, notify and friends:
a title such as `x[/]` crashes the app and `[@click=app.quit]y[/]` becomes a live action. Every
piece of text a person typed goes through `safe()` (or `safe_block()` for notes), which returns a
`Content` that is shown literally, with control characters removed.
"""

from __future__ import annotations

from textual.content import Content

from herotui.text import clean_block, clean_line, steady_width, truncate


def safe(text: str | None, *, width: int | None = None, style: str = "") -> Content:
    """One line of typed text, shown literally; cut to `width` terminal cells when given.
    Emoji sequences are broken into parts every terminal draws alike (`text.steady_width`)."""
    cleaned = steady_width(clean_line(text))
    if width is not None:
        cleaned = truncate(cleaned, width)
    return Content.styled(cleaned, style) if style else Content(cleaned)


def safe_block(text: str | None) -> Content:
    return Content(clean_block(text))


def template(markup: str, **values: str) -> Content:
    """Our own markup with user values inserted literally: template("[b]$name[/b]", name=...)."""
    return Content.from_markup(markup, **{k: clean_line(v) for k, v in values.items()})
