"""The background building of screens (herotui/warmup.py) uses three private names of Textual's
App; these tests pin what it relies on, so a Textual upgrade that changes them fails here."""

from __future__ import annotations

from textual.app import App

from herotui.app import make_app
from herotui.screens.shares import SharesScreen


def test_textual_still_has_the_private_names_warmup_uses():
    assert callable(getattr(App, "_init_mode", None))
    app = App()
    assert isinstance(app._screen_stacks, dict)
    assert isinstance(app._css_update_count, int)


async def test_warm_screens_are_built_without_being_shown_and_need_no_new_styling(launch_for):
    app = make_app(launch_for(warm_screens=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await app.screens_built.wait()
        assert set(app.MODES) <= set(app._screen_stacks)
        assert app.current_mode == "learn"  # built, not shown
        warmed = app._screen_stacks["shares"][0]
        assert isinstance(warmed, SharesScreen)
        # Up to date with the app's styles: showing it does not re-apply every stylesheet.
        assert warmed._css_update_count == app._css_update_count
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is warmed
