"""Crash reports that never show a secret.

Textual's own report of an unhandled exception (`App._fatal_error`) prints every frame's local
variables, and a local may hold the database URL as typed, password included (`Launch.target`,
a `target` in a helper). herotui's report prints the plain traceback instead, with every secret
of the database locations in play replaced by *** (`herotui.store.pgurl.scrub`). The CLI uses the
same text for an error no command foresaw.
"""

from __future__ import annotations

import os
import traceback


def secrets_in_play(*targets: str | None) -> tuple[str, ...]:
    """The secrets of `targets`, of `HEROTUI_DB` and of `PGPASSWORD` (that a report must not show)."""
    from herotui.store.pgurl import secrets_of

    found = secrets_of(*targets, os.environ.get("HEROTUI_DB"))
    extra = os.environ.get("PGPASSWORD")
    return found + ((extra,) if extra else ())


def crash_text(error: BaseException, *targets: str | None) -> str:
    """`error`'s traceback (no local variables) with the secrets of `targets` replaced by ***."""
    from herotui.store.pgurl import scrub

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return scrub(text, secrets_in_play(*targets))


def report_app_crash(app, target: str | None) -> None:
    """Stands in for Textual's `App._fatal_error` (same steps, see textual/app.py): ring, keep
    the report for printing after the terminal is restored, and close the app."""
    import sys

    from rich.text import Text

    error = sys.exc_info()[1]
    app.bell()
    if error is not None:
        app._exit_renderables.append(Text(crash_text(error, target)))
    app._close_messages_no_wait()
