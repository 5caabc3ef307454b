"""Handing a share's link to the world outside the terminal: the clipboard and the browser.

Both are blocking calls (pyperclip runs xclip or friends; webbrowser may start a program), so
the screen runs them in a thread. pyperclip is imported only when a link is first copied.
"""

from __future__ import annotations

import os

# Browsers that run inside the terminal: starting one would take over the screen herotui is on.
TEXT_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m", "browsh"})


def copy_with_pyperclip(text: str) -> bool:
    """True if pyperclip found a clipboard mechanism (xclip, wl-copy, pbcopy, ...) and used it."""
    try:
        import pyperclip
    except ImportError:
        return False
    try:
        pyperclip.copy(text)
    except (pyperclip.PyperclipException, OSError):
        return False
    return True


def open_with_browser(url: str) -> bool:
    """Open `url` in a graphical browser; False when there is none (never a text browser)."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    name = os.path.basename(str(getattr(browser, "name", "") or ""))
    if name in TEXT_BROWSERS:
        return False
    try:
        return bool(browser.open(url, new=2))
    except (webbrowser.Error, OSError):
        return False
