"""Who is at the keyboard: the operating-system login, or `HEROTUI_USER` for demos and tests.

The shared file trusts whoever can write to it; this is a convenience, not authentication.
"""

from __future__ import annotations

import getpass
import os


def current_login() -> str:
    override = os.environ.get("HEROTUI_USER", "").strip()
    if override:
        return override
    try:
        login = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no passwd entry, no USERNAME on Windows
        login = ""
    return login.strip() or "user"
