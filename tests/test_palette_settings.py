"""ctrl+p pressed for real, and choices made in the app (language, theme) that survive a restart."""

from __future__ import annotations

import tomllib

from textual.command import CommandPalette
from textual.widgets import Input

from conftest import until
from herotui import i18n, locations
from herotui.app import make_app
from herotui.config import load_settings, save_setting
from herotui.screens.help import HelpScreen
from herotui.screens.learning import LearningScreen
from herotui.connection import resolve_launch


async def _started(app, pilot) -> None:
    await app.ready.wait()
    await until(pilot, lambda: isinstance(app.screen, LearningScreen))


async def _open_palette(app, pilot) -> None:
    """Press ctrl+p as a person does and wait for the palette."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))


def _palette_entries(app) -> list[str]:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_ctrl_p_opens_the_palette_with_translated_theme_and_keys(launch_for):
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        await _open_palette(app, pilot)
        await pilot.press(*"tema")
        await until(pilot, lambda: any("Tema" in e for e in _palette_entries(app)))
        entries = _palette_entries(app)
        assert not any(e.startswith("Theme") for e in entries), entries
        app.screen.query_one(Input).value = ""
        await pilot.press(*"tangent")
        await until(pilot, lambda: any("Tangenter" in e for e in _palette_entries(app)))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))
        # The footer offers the palette too, in Swedish.
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "meny" in descriptions


async def test_language_from_the_palette_is_immediate_and_survives_a_restart(launch_for):
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        await _open_palette(app, pilot)
        await pilot.press(*"English")
        await until(pilot, lambda: any("English" in e for e in _palette_entries(app)))
        await pilot.press("enter")
        await until(pilot, lambda: i18n.language() == "en")
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "quit" in descriptions
    assert load_settings().lang == "en"
    relaunch = resolve_launch(str(launch_for().target))
    assert relaunch.lang == "en"


async def test_the_language_key_is_in_help_and_switches(launch_for):
    app = make_app(launch_for(lang="en"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "f2  language" in help_text and "^p  menu" in help_text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))
        await pilot.press("f2")
        await until(pilot, lambda: i18n.language() == "sv")
    assert load_settings().lang == "sv"


async def test_theme_is_saved_and_used_next_time(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        assert app.theme == "hero"
        assert not locations.settings_file().exists()  # starting never writes the file
        await pilot.press("f3")
        await until(pilot, lambda: app.theme == "hero-light")
    raw = tomllib.loads(locations.settings_file().read_text(encoding="utf-8"))
    assert raw["theme"] == "hero-light"
    relaunch = resolve_launch(str(launch_for().target))
    assert relaunch.theme == "hero-light"
    again = make_app(relaunch)
    async with again.run_test(size=(120, 40)) as pilot:
        await _started(again, pilot)
        assert again.theme == "hero-light"


def test_theme_option_wins_over_the_settings_file(launch_for):
    save_setting("theme", "hero-light")
    assert resolve_launch(str(launch_for().target)).theme == "hero-light"
    assert resolve_launch(str(launch_for().target), theme_option="hero").theme == "hero"


def test_saving_keeps_the_rest_of_the_settings_file():
    path = locations.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# mine\n[herotui]\ndb = "S:\\\\Hero\\\\hero.db"\nlang = "sv"\n\n[other]\nx = 1\n', encoding="utf-8")
    save_setting("lang", "en")
    save_setting("theme", 'he"ro')
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["herotui"] == {"db": "S:\\Hero\\hero.db", "lang": "en", "theme": 'he"ro'}
    assert raw["other"] == {"x": 1}
    assert path.read_text(encoding="utf-8").startswith("# mine\n")


async def test_no_color_still_works(launch_for, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(launch_for())
    async with app.run_test(size=(80, 24)) as pilot:
        await _started(app, pilot)
        assert app.no_color
        await pilot.press("f3")
        await until(pilot, lambda: app.theme == "hero-light")
        assert app.is_running


async def _open_from_palette(app, pilot, typed: str, entry: str) -> None:
    """ctrl+p, type `typed`, wait for `entry` to be the first hit, press enter."""
    await _open_palette(app, pilot)
    await pilot.press(*typed)
    await until(pilot, lambda: _palette_entries(app)[:1] and _palette_entries(app)[0].startswith(entry),
                what=f"{entry!r} first in the palette")
    await pilot.press("enter")


async def test_the_palette_says_no_matches_in_swedish(launch_for):
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _started(app, pilot)
        await _open_palette(app, pilot)
        await pilot.press(*"zzqx")
        await until(pilot, lambda: any("Inget hittades" in e for e in _palette_entries(app)),
                    what="the Swedish no-matches line")
        assert not any("No matches" in e for e in _palette_entries(app))


async def test_the_theme_picker_offers_herotuis_themes_in_the_persons_language(launch_for):
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _started(app, pilot)
        await _open_from_palette(app, pilot, "Tema", "Tema")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                    and app.screen.query_one(Input).placeholder == "Sök tema…", what="the theme picker")
        await until(pilot, lambda: len(_palette_entries(app)) == 2, what="two themes listed")
        assert _palette_entries(app) == ["Mörkt (hero) - används nu", "Ljust (hero-light)"]
        await pilot.press(*"ljust")
        await until(pilot, lambda: _palette_entries(app) == ["Ljust (hero-light)"])
        await pilot.press("enter")
        await until(pilot, lambda: app.theme == "hero-light")
    assert load_settings().theme == "hero-light"


def _keys_panel_text(app) -> str:
    from rich.console import Console

    console = Console(width=60, record=True, file=open("/dev/null", "w"))
    console.print(app.screen.query_one("BindingsTable").render())
    return console.export_text()


async def test_the_keys_panel_speaks_swedish_for_textuals_own_keys(launch_for, hero_for):
    hero_for("erik").shares.post("https://example.se/las", "LAS förklarad", "article", ["Arbetsrätt"])
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        await _open_from_palette(app, pilot, "Tangenter", "Tangenter")
        await until(pilot, lambda: bool(app.screen.query("BindingsTable")), what="the keys panel")
        await pilot.pause()
        text = _keys_panel_text(app)
        # The App's ctrl+q ("Quit" and its tooltip), and a scrolling pane's keys ("Scroll Left").
        assert "avsluta" in text and "Stäng herotui" in text, text
        for english in ("Quit", "Scroll", "Page Up", "return to the command prompt"):
            assert english not in text, (english, text)
        # The share feed's own list keys are described too (they were bare "home", "end").
        await pilot.press("2")
        await until(pilot, lambda: type(app.screen).__name__ == "SharesScreen" and app.screen.window.total > 0)
        if not app.screen.query("BindingsTable"):  # the panel belongs to a screen
            await _open_from_palette(app, pilot, "Tangenter", "Tangenter")
        await until(pilot, lambda: bool(app.screen.query("BindingsTable")) and "första" in _keys_panel_text(app),
                    what="the feed's keys described")
        text = _keys_panel_text(app)
        assert "sista" in text and "sida upp" in text, text
