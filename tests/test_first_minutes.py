"""What a new person meets in the first minutes: the welcome dialog, searching, their own share."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from conftest import until
from herotui.app import make_app
from herotui.screens.learning import LearningScreen
from herotui.screens.shares import SharesScreen
from herotui.screens.welcome import WelcomeScreen
from herotui.services.learning import make_draft


async def test_welcome_choice_shows_in_the_pulse_at_once(launch_for):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        learning = next(s for s in app.screen_stack if isinstance(s, LearningScreen))
        await until(pilot, lambda: learning.overview is not None)
        assert learning.overview.named_in_pulse is False
        await until(pilot, lambda: app.screen.query("#welcome-name"))
        app.screen.query_one("#welcome-name", Input).value = "Erik Lind"
        await pilot.press("enter")  # the box "show my name" is ticked by default
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))
        await until(pilot, lambda: learning.overview.named_in_pulse is True)
        assert "Your name is shown" in str(learning.query_one("#pulse").render())


async def test_keys_typed_before_the_welcome_appeared_do_not_land_in_it(launch_for):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.screen.appeared_at is not None)
        welcome = app.screen
        field = welcome.query_one("#welcome-name", Input)
        early = events.Key("x", "x")
        early.time = welcome.appeared_at - 0.5  # pressed while the app was still starting
        app.post_message(early)
        await pilot.pause()
        assert field.value == ""
        await pilot.press("a")
        await until(pilot, lambda: field.value == "a")


async def test_an_over_long_name_is_explained(launch_for):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await until(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.screen.query("#welcome-name"))
        app.screen.query_one("#welcome-name", Input).value = "E" * 300
        welcome = app.screen
        await pilot.press("enter")
        await until(pilot, lambda: "100" in str(welcome.query_one("#welcome-error").render()),
                    what="the explanation of the limit")
        assert app.screen is welcome  # still asking: nothing was saved


async def test_a_search_without_results_clears_the_detail_pane(launch_for, hero_for):
    hero_for("erik").shares.post("https://example.se/a", "Första fyndet", "article", ["Ledarskap"])
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await pilot.press("2")
        screen = app.screen
        assert isinstance(screen, SharesScreen)
        await until(pilot, lambda: screen.window.loaded and screen.detail_info is not None)
        await pilot.press("slash", *"zzzinget", "enter")
        await until(pilot, lambda: screen.window.loaded and screen.filters.search == "zzzinget")
        await until(pilot, lambda: screen.detail_uuid is None and screen.detail_info is None)
        assert "Första fyndet" not in "\n".join(str(w.render()) for w in screen.query("#share-detail Static"))


async def test_my_own_share_from_the_learning_screen_shows_at_once(launch_for, hero):
    hero.learning.log(30, make_draft(title="Bra podd", link="https://example.se/podd", areas=["Ledarskap"]))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        await pilot.press("2")
        shares = app.screen
        await until(pilot, lambda: isinstance(shares, SharesScreen) and shares.window.loaded)
        assert shares.window.total == 0
        await pilot.press("1")
        learning = app.screen
        await until(pilot, lambda: learning.overview is not None and learning.overview.week.sessions)
        learning._write_share(learning.overview.week.sessions[0].uuid)
        await until(pilot, lambda: learning.overview.week.sessions[0].shared)
        await pilot.press("2")
        await until(pilot, lambda: shares.window.total == 1)
        assert shares.newer == 0
