"""The app's stylesheet parses each CSS source once per theme (herotui/stylesheet.py).

It relies on private parts of Textual's `Stylesheet`; the first test pins them, so a Textual
upgrade that changes them fails here rather than in front of a person."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from herotui.app import make_app
from herotui.stylesheet import HeroStylesheet
from herotui.theme import HERO_DARK, HERO_LIGHT


def test_textual_still_has_the_private_names_the_stylesheet_uses():
    sheet = Stylesheet(variables={"a": "red"})
    assert sheet._variables == {"a": "red"}
    assert sheet._require_parse is False
    sheet.add_source("Label { color: $a; }", read_from=("x.tcss", ""))
    assert sheet._require_parse is True
    assert len(sheet.rules) == 1  # parsing fills the per-source cache
    assert len(sheet._parse_cache) == 1
    sheet.set_variables({"a": "blue"})
    assert len(sheet._parse_cache) == 0  # a change of variables forgets what was parsed


def _rule_ids(app, *, ours: bool = False) -> set[int]:
    """Identities of the parsed rules; `ours`: only those of herotui's .tcss files (Textual moves
    some widgets' default CSS to another tie-breaker when more are mounted, a legitimate new parse)."""
    return {id(rule) for rule in app.stylesheet.rules if not (ours and rule.is_default_rules)}


async def test_switching_screens_does_not_parse_the_css_again(launch_for):
    from conftest import until

    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.stylesheet, HeroStylesheet)
        await app.ready.wait()
        before = _rule_ids(app, ours=True)
        assert before
        for key in "2341":
            await pilot.press(key)
            await until(pilot, lambda: app.screen.is_current and app.screen.is_mounted, what=f"screen {key}")
        # Textual's own reparse built new rule objects for every source on each first visit of
        # a mode; here the rules already parsed are the same objects, new ones only added.
        assert before <= _rule_ids(app, ours=True)


async def test_the_first_parse_uses_the_chosen_theme_and_a_theme_change_parses_again(launch_for):
    from conftest import until

    launch = launch_for()
    launch.theme = "hero-light"
    app = make_app(launch)
    # Before the app runs: the rules will be parsed with the light theme's colours at once.
    assert app.stylesheet._variables["background"].lower() == HERO_LIGHT.background.lower()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        light = app.screen.styles.background
        before = _rule_ids(app)
        await pilot.press("f3")
        await until(pilot, lambda: app.theme == "hero" and app.screen.styles.background != light,
                    what="the dark theme on screen")
        assert app.screen.styles.background.hex.lower() == HERO_DARK.background.lower()
        assert not (before & _rule_ids(app))  # every rule parsed again with the new colours


async def test_a_first_visit_of_a_screen_does_not_restyle_the_whole_app(launch_for):
    """Its widgets were styled as they mounted; Textual would re-apply every rule to every node
    of the app twice more (a new screen's update count starts behind the app's)."""
    from conftest import until

    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        refreshes = []
        refresh_css = app.refresh_css

        def counting(animate: bool = True) -> None:
            refreshes.append(animate)
            refresh_css(animate)

        app.refresh_css = counting
        await pilot.press("3")
        await until(pilot, lambda: app.current_mode == "breakfast" and app.screen.is_mounted, what="screen 3")
        assert refreshes == []


async def test_after_the_warm_up_every_stylesheet_is_read(launch_for):
    """The first frame reads three stylesheets; the warm-up reads the rest in one go, so that no
    screen or dialog shown later makes Textual parse and restyle while the person waits."""
    from pathlib import Path

    import herotui

    app = make_app(launch_for(warm_screens=True))
    async with app.run_test(size=(120, 40)):
        assert len([1 for source in app.stylesheet.source.values() if not source.is_defaults]) == 3
        await app.screens_built.wait()
        read = {path for path, _ in app.stylesheet.source}
        every = {str(p.absolute()) for p in Path(herotui.__file__).parent.rglob("*.tcss")}
        assert len(every) > 10 and every <= read


async def test_showing_a_tab_again_restyles_it_only_when_the_look_changed(launch_for):
    """Textual restyles every node of a screen each time it is shown again; herotui skips that
    when neither the stylesheet nor the app's classes changed while it was hidden (screens/base.py).
    A theme changed meanwhile still reaches the hidden screen."""
    from conftest import until

    launch = launch_for()
    launch.theme = "hero"
    app = make_app(launch)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await pilot.press("2")
        await until(pilot, lambda: app.current_mode == "shares" and app.screen.is_mounted, what="screen 2")
        shares = app.screen
        await pilot.press("1")
        await until(pilot, lambda: app.current_mode == "learn", what="screen 1")
        restyled = []
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate: bool = False) -> None:
            nodes = list(nodes)
            if shares in nodes:
                restyled.append(len(nodes))
            update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = counting
        await pilot.press("2")
        await until(pilot, lambda: app.screen is shares and shares.is_current, what="screen 2 again")
        await pilot.pause()
        assert restyled == []  # nothing changed while it was hidden: not restyled
        footer = shares.query_one("Footer")
        dark_footer = footer.styles.background
        await pilot.press("1")
        await until(pilot, lambda: app.current_mode == "learn", what="screen 1 again")
        await pilot.press("f3")  # the light theme, while the shares screen is hidden
        await until(pilot, lambda: app.theme == "hero-light", what="the light theme")
        await pilot.press("2")
        await until(pilot, lambda: app.screen is shares and shares.is_current, what="screen 2, light")
        await until(pilot, lambda: shares.styles.background.hex.lower() == HERO_LIGHT.background.lower(),
                    what="the shares screen in the light theme's background")
        assert footer.styles.background != dark_footer  # the footer too, not only the screen
