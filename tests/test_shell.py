"""The app shell, driven with Pilot: tabs, help, language, first run, problems."""

from __future__ import annotations

from conftest import click, until
from herotui.app import make_app
from herotui.screens.breakfast import BreakfastScreen
from herotui.screens.help import HelpScreen
from herotui.screens.learning import LearningScreen
from herotui.screens.problem import ProblemScreen
from herotui.screens.shares import SharesScreen
from herotui.screens.welcome import WelcomeScreen



def _visible_text(app) -> str:
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query(Static):
        if widget.display:
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def wait_ready(app, pilot) -> None:
    await app.ready.wait()
    await pilot.pause()


async def test_keys_switch_between_the_three_screens(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, LearningScreen)
        await pilot.press("2")
        assert isinstance(app.screen, SharesScreen)
        await pilot.press("3")
        assert isinstance(app.screen, BreakfastScreen)
        await pilot.press("1")
        assert isinstance(app.screen, LearningScreen)


async def test_tabs_are_visible_and_clickable(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        tabs = list(app.screen.query(".nav-tab"))
        assert [str(tab.render()).strip() for tab in tabs] == ["1 Learning hour", "2 Shares", "3 Breakfast",
                                                               "4 Insights"]
        assert tabs[0].has_class("-active")
        await click(pilot, tabs[2])
        await until(pilot, lambda: isinstance(app.screen, BreakfastScreen))
        await click(pilot, list(app.screen.query(".nav-tab"))[3])
        from herotui.screens.insights import InsightsScreen

        await until(pilot, lambda: isinstance(app.screen, InsightsScreen))


async def test_help_opens_on_question_mark_and_closes_on_escape(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Everywhere" in _visible_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))


async def test_swedish_from_the_start_and_language_toggle(launch_for):
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert "Lärtimmen" in _visible_text(app)
        assert "ansluten" in _visible_text(app)
        footer_keys = {ab.binding.description for ab in app.screen.active_bindings.values()}
        assert "avsluta" in footer_keys
        app.action_toggle_language()
        await pilot.pause()
        assert "Learning hour" in _visible_text(app)
        footer_keys = {ab.binding.description for ab in app.screen.active_bindings.values()}
        assert "quit" in footer_keys and "avsluta" not in footer_keys


async def test_status_line_shows_person_and_state(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        text = _visible_text(app)
        assert "Anna Berg" in text and "admin" in text and "online" in text


async def test_first_run_asks_for_a_display_name(launch_for, hero_for):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press(*"Erik Lind")
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause()
            if app.person_name == "Erik Lind":
                break
        assert app.person_name == "Erik Lind"
        assert isinstance(app.screen, LearningScreen)
    assert hero_for("erik").people.me().display_name == "Erik Lind"


async def test_missing_database_shows_a_problem_screen(launch_for, tmp_path):
    target = tmp_path / "unmounted" / "hero.db"
    app = make_app(launch_for(target=str(target)))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):
            await pilot.pause()
            if isinstance(app.screen, ProblemScreen):
                break
        assert isinstance(app.screen, ProblemScreen)
        assert "is the drive connected?" in _visible_text(app)
        await pilot.press("q")
    assert not target.parent.exists()


async def test_hostile_display_name_is_shown_literally(launch_for, hero_for):
    hero_for("anna").people.set_display_name("[@click=app.quit]Anna[/] x[/]")
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert "[@click=app.quit]Anna[/] x[/]" in _visible_text(app)
        assert app.is_running


def _dead_keys(node, bindings) -> list[str]:
    """Keys whose action has no `action_*` method where Textual will look for it (Textual ignores
    such a key without a word: that is how ctrl+p once did nothing)."""
    from textual.actions import parse

    dead = []
    for key, binding in bindings:
        namespace, name, _ = parse(binding.action)
        target = node.app if namespace == "app" else node.screen if namespace == "screen" else node
        if not callable(getattr(target, f"action_{name}", None)):
            dead.append(f"{type(node).__name__}: {key} -> {binding.action}")
    return dead


async def test_every_key_in_the_footer_and_help_has_an_action(launch_for, hero_for):
    """Every key that any screen, dialog or widget of herotui offers, pressed where it is shown,
    reaches an action (both main screens' active keys and every dialog class's own keys)."""
    import herotui.dialogs.base as dialogs_base
    from herotui.dialogs import confirm, form, pick, prompt  # noqa: F401 - load the kit's dialogs
    from herotui.screens import (breakfast_forms, insights_form, learning_forms, share_areas,  # noqa: F401
                                 share_dialogs, share_form, share_stats, welcome)

    hero_for("erik").shares.post("https://example.se/las", "LAS förklarad", "article", ["Arbetsrätt"])
    app = make_app(launch_for(lang="sv"))
    dead: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for key, mode in (("1", "learn"), ("2", "shares"), ("3", "breakfast"), ("4", "insights")):
            await pilot.press(key)
            await until(pilot, lambda: app.current_mode == mode and app.screen.is_mounted)
            await pilot.pause()
            active = app.screen.active_bindings
            assert "ctrl+p" in active and "q" in active, (mode, sorted(active))
            for key_name, held in active.items():
                dead += _dead_keys(held.node, [(key_name, held.binding)])

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    from textual.actions import parse

    from herotui.app import HeroApp

    from textual.screen import ModalScreen

    dialogs = set(subclasses(dialogs_base.HeroDialog))
    assert len(dialogs) >= 15, sorted(d.__name__ for d in dialogs)
    # One dialog kit: every modal herotui defines is built on it (translated keys, compact at 24
    # lines, failed work reported in one place).
    # (herotui's palette extends Textual's own `CommandPalette`, a system screen, not a dialog;
    # it is among the subclasses only once some test has opened it in this process.)
    from textual.command import CommandPalette

    own = {cls for cls in subclasses(ModalScreen)
           if cls.__module__.startswith("herotui.") and not issubclass(cls, CommandPalette)}
    assert own <= dialogs | {dialogs_base.HeroDialog}, sorted(c.__name__ for c in own - dialogs)
    for dialog in dialogs:
        merged = dialog._merged_bindings
        for key, bindings in (merged.key_to_bindings.items() if merged else ()):
            for binding in bindings:
                namespace, name, _ = parse(binding.action)
                owner = HeroApp if namespace == "app" else dialog
                if not callable(getattr(owner, f"action_{name}", None)):
                    dead.append(f"{dialog.__name__}: {key} -> {binding.action}")
    assert not dead, "\n".join(dead)


async def test_help_names_textuals_quit_key_in_swedish(launch_for):
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen) and app.screen.is_mounted)
        text = _visible_text(app)
        assert "q/^q  avsluta" in text and "Quit" not in text, text
