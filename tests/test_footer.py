"""The footer is composed again only when the keys it shows change (herotui.widgets.chrome.HeroFooter).

Textual's footer removes and mounts all its keys on every `refresh_bindings`, which the screens
ask for after every load: in the suite that was a fifth of a screen test's CPU."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from conftest import until
from herotui.app import make_app
from herotui.services.learning import make_draft


async def test_the_footer_is_composed_again_only_when_its_keys_change(launch_for, hero_for):
    anna = hero_for("anna")
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        screen = app.screen
        await until(pilot, lambda: screen.overview is not None, what="the week")
        footer = screen.query_one(Footer)
        await until(pilot, lambda: bool(footer.query(FooterKey)), what="the footer's keys")

        def edit_key():
            return next((key for key in footer.query(FooterKey) if key.action == "edit"), None)

        assert edit_key().has_class("-disabled")  # no session this week yet
        composed = []
        compose = footer.compose

        def counting():
            composed.append(1)
            return compose()

        footer.compose = counting
        loads = screen.overview
        screen.reload()  # the same week again: the same keys
        await until(pilot, lambda: screen.overview is not loads, what="the reload")
        await pilot.pause()
        assert composed == []
        anna.learning.log(30, make_draft(title="Avsnitt", kind="podcast"))
        screen.reload()  # now there is a session to edit: the key is enabled
        await until(pilot, lambda: edit_key() is not None and not edit_key().has_class("-disabled"), what="the edit key enabled")
        assert composed


async def test_the_keys_are_not_restyled_as_they_mount(launch_for):
    """A key got its "-compact" class from its watcher once mounted, a restyle of every key on
    every compose; it is now built with the class. What the keys look like does not change."""
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        footer = app.screen.query_one(Footer)
        await until(pilot, lambda: bool(footer.query(FooterKey)), what="the footer's keys")
        restyled = []
        update_styles = app.update_styles

        def counting(node, animate: bool = True) -> None:
            if isinstance(node, FooterKey):
                restyled.append(node)
            update_styles(node, animate)

        app.update_styles = counting
        keys = set(footer.query(FooterKey))
        footer.refresh(recompose=True)  # as Textual's own refresh_bindings does
        await until(pilot, lambda: bool(footer.query(FooterKey)) and not keys & set(footer.query(FooterKey)),
                    what="new keys")
        await pilot.pause()
        assert restyled == []
        keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
        assert keys and not any(key.compact or key.has_class("-compact") for key in keys)
        palette = footer.query_one(".-command-palette", FooterKey)  # unbound: compact, as in Textual
        assert palette.compact and palette.has_class("-compact")
        # The keys still follow the footer's width (their binding to its value is kept).
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: footer.compact and all(key.compact and key.has_class("-compact")
                                                          for key in footer.query(FooterKey)),
                    what="compact keys at 80 columns")
