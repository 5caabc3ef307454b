"""Building the main screens the person has not opened yet, in the background after start.

Textual re-parses every stylesheet the first time a screen is shown (a quarter of a second on a
2-core machine); paying that while the person reads the first screen makes the first press of
2, 3 or 4 instant.

Textual 8 has no public way to build a mode's screen without showing it, so this uses two
private names of its App:
- `App._screen_stacks` (mode -> its stack of screens) tells whether a mode was built;
- `App._init_mode(mode)` builds and mounts a mode's first screen: what `switch_mode` calls.
A screen built here is not restyled when first shown: every `HeroScreen` marks its styles
current as it is built (`herotui.stylesheet.mark_styles_current`, the other place that leans
on Textual's private parts). `tests/test_warmup.py` pins these names, so a Textual upgrade that
changes them fails there, not as a slow first switch nobody notices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herotui.app import HeroApp

STEP_SECONDS = 0.05
"""Pause between two screens, so that keys typed meanwhile are handled at once."""
DIALOG_RETRY_SECONDS = 0.5
"""How soon the warm-up looks again while a dialog is open."""
FIRST_DATA_PATIENCE = 2.0
"""Seconds the warm-up waits for the first screen's data before it starts anyway (offline)."""


def warm_next_screen(app: "HeroApp") -> None:
    """Build the next screen of `app.warm_up` (a list of mode names), then schedule the rest;
    set `app.screens_built` when none are left. Does nothing once the app is shutting down
    (adding a screen then would disturb Textual's clean-up)."""
    if not app.is_running:
        return
    if not app.warm_up:
        app.screens_built.set()
        return
    if app.screen.is_modal:
        # A dialog is up (the first-start question): mounting a screen now could take the
        # keyboard focus from its field. Try again in a moment.
        app.set_timer(DIALOG_RETRY_SECONDS, lambda: warm_next_screen(app))
        return
    if not app.every_stylesheet_read:
        # Before the first screen is built: one parse and one restyle for all of them, instead
        # of one each as every screen and dialog is first shown.
        from herotui.stylesheet import read_every_stylesheet

        read_every_stylesheet(app)
        app.every_stylesheet_read = True
        app.set_timer(STEP_SECONDS, lambda: warm_next_screen(app))
        return
    mode = app.warm_up.pop(0)
    if mode not in app._screen_stacks:
        app._init_mode(mode)
    app.set_timer(STEP_SECONDS, lambda: warm_next_screen(app))
