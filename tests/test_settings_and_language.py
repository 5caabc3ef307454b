"""Settings that do not fail silently, and the language the operating system says (Windows, macOS)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from herotui.cli import main
from herotui.config import SettingsError, language_code, load_settings, parse_defaults_list, save_setting, system_language


def write_settings(home, text: str):
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    path = config / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "key", "allowed"), [
    ('dbb = "S:/Hero/hero.db"\n', "dbb", "db, lang, poll_seconds, write_deadline_seconds"),
    ('lang = "de"\n', "lang", "sv, en"),
    ("poll_seconds = -5\n", "poll_seconds", "seconds from 0.1 to 60"),
    ("write_deadline_seconds = true\n", "write_deadline_seconds", "from 1 to 600"),
    ('db = 5\n', "db", "not a path or address"),
    ('[herotui]\nlangg = "sv"\n', "langg", "allowed are"),
])
def test_unknown_keys_and_bad_values_are_errors_naming_file_key_and_allowed(isolated_home, text, key, allowed):
    path = write_settings(isolated_home, text)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.key == key
    message = caught.value.message()
    assert str(path) in message and key in message and allowed in message


def test_a_typo_in_the_settings_file_gives_one_line_and_exit_3(isolated_home, capsys):
    write_settings(isolated_home, 'dbb = "team.db"\n')
    assert main(["whoami"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dbb" in err and "settings.toml" in err
    # ... and no private, empty database was created instead.
    assert not (isolated_home / "data" / "hero.db").exists()


def test_good_settings_are_read_under_a_table_too(isolated_home):
    write_settings(isolated_home, '[herotui]\ndb = "S:\\\\Hero\\\\hero.db"\nlang = "SV"\npoll_seconds = 2\n')
    settings = load_settings()
    assert (settings.db, settings.lang, settings.poll_seconds) == ("S:\\Hero\\hero.db", "sv", 2.0)


def test_doctor_names_the_settings_file_it_read(isolated_home, db_path, capsys):
    path = write_settings(isolated_home, "poll_seconds = 2\n")
    main(["doctor", "--db", str(db_path)])
    assert f"Settings: {path}" in capsys.readouterr().out
    path.unlink()
    main(["doctor", "--db", str(db_path)])
    assert "Settings: no file" in capsys.readouterr().out


async def test_the_app_shows_a_bad_settings_file_on_its_problem_screen(isolated_home, db_path):
    from textual.widgets import Static

    from herotui.app import make_app
    from herotui.config import Settings
    from herotui.connection import resolve_launch

    write_settings(isolated_home, "poll_seconds = -5\n")
    with pytest.raises(SettingsError) as caught:
        resolve_launch(str(db_path), "en")
    launch = resolve_launch(str(db_path), "en", settings=Settings())
    launch.problem = caught.value.message()
    app = make_app(launch)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.screen.query("#problem-message"):
                break
            await pilot.pause(0.05)
        text = str(app.screen.query_one("#problem-message", Static).render())
        assert "poll_seconds" in text and "settings.toml" in text
        # Titled as what it is: the settings file, not "cannot open the database".
        title = str(app.screen.query_one("#problem-title", Static).render())
        assert "settings file" in title and "database" not in title
        assert "Correct the file" in str(app.screen.query_one("#problem-hint", Static).render())


# -- the language the operating system says -----------------------------------------------------

LCID_SWEDISH = 0x041D  # sv-SE, as GetUserDefaultUILanguage returns it on Swedish Windows
LCID_ENGLISH_US = 0x0409
LCID_FINNISH_SWEDISH = 0x081D  # sv-FI


@pytest.mark.parametrize(("lcid", "expected"), [
    (LCID_SWEDISH, "sv"), (LCID_FINNISH_SWEDISH, "sv"), (LCID_ENGLISH_US, "en"), (0x0407, "en"),
])
def test_windows_ui_language_decides_even_when_getlocale_says_otherwise(lcid, expected):
    found = system_language(environ={}, platform="win32", windows_ui_language=lambda: lcid,
                            getlocale=lambda: ("English_United States", "1252") if expected == "sv"
                            else ("Swedish_Sweden", "1252"))
    assert found == expected


@pytest.mark.parametrize(("values", "expected"), [
    (["sv_SE@rg=fizzzz"], "sv"), (["en_SE"], "en"), (["sv-FI"], "sv"), (["de-CH", "sv-SE"], "sv"),
])
def test_mac_apple_locale_forms(values, expected):
    assert system_language(environ={}, platform="darwin", mac_languages=lambda: values,
                           getlocale=lambda: (None, None)) == expected


def test_a_german_mac_list_is_english_even_when_getlocale_says_swedish():
    assert system_language(environ={}, platform="darwin", mac_languages=lambda: ["de-DE"],
                           getlocale=lambda: ("sv_SE", "UTF-8")) == "en"


def test_windows_getlocale_names_are_understood_when_the_ui_language_is_unknown():
    assert system_language(environ={}, platform="win32", windows_ui_language=lambda: None,
                           getlocale=lambda: ("Swedish_Sweden", "1252")) == "sv"


MAC_SWEDISH = '(\n    "sv-SE",\n    "en-SE"\n)\n'
MAC_GERMAN_THEN_SWEDISH = '(\n    "de-DE",\n    "sv-SE"\n)\n'


@pytest.mark.parametrize(("answer", "expected"), [
    (MAC_SWEDISH, "sv"), ('(\n    "en-GB",\n    "sv-SE"\n)\n', "en"),
    # macOS gives an app the first preferred language it has: German then Swedish is Swedish.
    (MAC_GERMAN_THEN_SWEDISH, "sv"), ('(\n    "de-DE",\n    "fr-FR"\n)\n', "en"),
    ('(\n    "zh-Hans-SE",\n    "en-SE"\n)\n', "en"), ("(\n    sv\n)\n", "sv"),
    ('(\n    "nb-NO",\n    "sv-SE",\n    "en-NO"\n)\n', "sv"),
])
def test_mac_preferred_languages_decide_where_the_environment_says_nothing(answer, expected):
    found = system_language(environ={"LANG": "C.UTF-8"}, platform="darwin",
                            mac_languages=lambda: parse_defaults_list(answer), getlocale=lambda: (None, None))
    assert found == expected


def test_mac_apple_locale_alone():
    assert system_language(environ={}, platform="darwin", mac_languages=lambda: parse_defaults_list("sv_SE\n"),
                           getlocale=lambda: (None, None)) == "sv"


def test_the_environment_wins_over_the_system_queries():
    assert system_language(environ={"LANG": "en_US.UTF-8"}, platform="win32",
                           windows_ui_language=lambda: LCID_SWEDISH) == "en"
    assert system_language(environ={"LC_ALL": "sv_SE.UTF-8"}, platform="darwin",
                           mac_languages=lambda: ["en-US"]) == "sv"


@pytest.mark.parametrize(("value", "code"), [
    ("sv_SE.UTF-8", "sv"), ("sv-SE", "sv"), ("Swedish_Sweden", "sv"), ("sv_FI@euro", "sv"),
    ("English_United Kingdom", "en"), ("en-GB", "en"), ("C.UTF-8", None), ("POSIX", None), ("", None),
    ("de_DE", "other"),
])
def test_language_codes_from_every_system(value, code):
    assert language_code(value) == code


def test_the_real_query_on_this_machine_does_not_fail():
    # On Linux the queries are not asked; on Windows/macOS this runs the real ones.
    assert system_language(environ={}) in ("sv", "en", None)
    if sys.platform == "darwin":
        assert subprocess.run(["defaults", "read", "-g", "AppleLanguages"], capture_output=True).returncode == 0


# -- settings files as Windows makes them ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_settings_saved_by_notepad_with_a_byte_order_mark_are_read(isolated_home, encoding):
    path = isolated_home / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("db = 'S:\\Hero\\hjälp.db'\nlang = \"sv\"\n", encoding=encoding)
    settings = load_settings(path)
    assert settings.db == "S:\\Hero\\hjälp.db" and settings.lang == "sv"
    save_setting("theme", "hero-light", path)
    assert load_settings(path).theme == "hero-light" and load_settings(path).db == settings.db


def test_an_ansi_settings_file_says_to_save_it_as_utf8(isolated_home):
    path = isolated_home / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("db = 'S:\\Hjälp\\hero.db'\n", encoding="cp1252")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert "save it as UTF-8" in caught.value.message() and str(path) in caught.value.message()


def test_a_windows_path_in_double_quotes_gets_the_single_quote_hint(isolated_home):
    path = isolated_home / "config" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('db = "S:\\Hero\\hero.db"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert "db = 'S:\\Hero\\hero.db'" in caught.value.message()
