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


async def test_a_screen_built_in_the_background_loads_nothing_until_shown(launch_for, hero, clock):
    """Built after the first screen's data, a hidden feed must not count as visited (its visit
    marks shares as seen) nor read its page; pressing 2 does both."""
    from conftest import until
    from herotui.store.models import Person

    hero.shares.post(None, "En bok", "book", ["Ledarskap"])

    def seen_at():
        return hero.store.read(lambda: Person.get(Person.login_key == "anna").feed_seen_at)

    before = seen_at()
    app = make_app(launch_for(warm_screens=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await app.first_data.wait()
        await app.screens_built.wait()
        warmed = app._screen_stacks["shares"][0]
        # Whatever the background would do is done: nothing waits for the database thread and
        # the hidden screen has no work running.
        await until(pilot, lambda: app.dbt.queued() == 0 and all(w.is_finished for w in warmed.workers),
                    what="the background settled")
        assert not warmed.window.loaded and seen_at() == before
        await pilot.press("2")
        await until(pilot, lambda: warmed.window.loaded and warmed.window.total == 1, what="the page")
        await until(pilot, lambda: seen_at() != before, what="the visit")
