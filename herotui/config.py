"""The personal settings file (TOML) and how the database location and language are chosen."""

from __future__ import annotations

import locale
import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from herotui import locations

SUPPORTED_LANGUAGES = ("sv", "en")


class SettingsError(Exception):
    """The settings file exists but cannot be used: unreadable, not TOML, an unknown key or a bad
    value. `key` names the setting (None for the file as a whole); `reason` says what is allowed,
    in the current language."""

    def __init__(self, path: Path, reason: str, key: str | None = None,
                 reason_key: str | None = None, **params: object) -> None:
        super().__init__(f"{path}: {key + ': ' if key else ''}{reason}")
        self.path = path
        self.key = key
        self._reason = reason
        self._reason_key = reason_key
        self._params = params

    @property
    def reason(self) -> str:
        """What is wrong and what is allowed, translated when the language is known."""
        if self._reason_key is None:
            return self._reason
        from herotui.i18n import t

        text = t(self._reason_key, **self._params)
        return f"{self.key}: {text}" if self.key else text

    def message(self) -> str:
        from herotui.i18n import t

        return t("error.settings_file", path=self.path, reason=self.reason)


@dataclass(frozen=True)
class Settings:
    """What one person chose for their own computer. Organisation rules live in the database."""

    db: str | None = None
    """Path or URL of the team database, e.g. `S:\\Hero\\hero.db` or `postgresql://host/hero`."""

    lang: str | None = None
    """`sv` or `en`; unset means: follow the operating system's language."""

    poll_seconds: float = 1.0
    """How often the app looks for colleagues' changes, in seconds (0.1 to 60; a cheap counter)."""

    write_deadline_seconds: float = 15.0
    """How long a write keeps retrying a busy database before it waits in the offline outbox,
    in seconds (1 to 600)."""

    theme: str | None = None
    """`hero` (dark) or `hero-light`; unset means the dark theme."""

    source: Path | None = field(default=None, compare=False)
    """The file these settings were read from, if any."""


POLL_RANGE = (0.1, 60.0)
DEADLINE_RANGE = (1.0, 600.0)
THEMES = ("hero", "hero-light")
ALLOWED_KEYS = ("db", "lang", "poll_seconds", "write_deadline_seconds", "theme")


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file (TOML; the keys may sit under a `[herotui]` table).

    Raises `SettingsError` naming the file and the key for anything it cannot use: a key it does
    not know (a typo such as `dbb` must not silently create a private, empty database), a value
    of the wrong type or outside its range. A missing file gives the defaults.
    """
    path = path or locations.settings_file()
    try:
        if not path.is_file():
            return Settings()
        raw = tomllib.loads(_settings_text(path.read_bytes()))
    except UnicodeDecodeError as exc:
        raise SettingsError(path, str(exc), None, "settings.not_utf8") from exc
    except tomllib.TOMLDecodeError as exc:
        # The Windows path as people write it, `db = "S:\Hero\hero.db"`, is not TOML: in double
        # quotes a backslash starts an escape (TOML 1.0, "Basic strings").
        if "\\" in path.read_text(encoding="utf-8", errors="replace"):
            raise SettingsError(path, str(exc), None, "settings.backslash", detail=str(exc)) from exc
        raise SettingsError(path, str(exc)) from exc
    except OSError as exc:
        raise SettingsError(path, str(exc)) from exc
    section = raw
    if isinstance(raw.get("herotui"), dict):
        section = raw["herotui"]
        for key in raw:
            if key != "herotui":
                raise SettingsError(path, "", key, "settings.unknown_key", allowed=", ".join(ALLOWED_KEYS))
    for key in section:
        if key not in ALLOWED_KEYS:
            raise SettingsError(path, "", key, "settings.unknown_key", allowed=", ".join(ALLOWED_KEYS))
    return Settings(
        db=_text(path, "db", section.get("db")),
        lang=_language(path, section.get("lang")),
        poll_seconds=_seconds(path, "poll_seconds", section.get("poll_seconds"), 1.0, POLL_RANGE),
        write_deadline_seconds=_seconds(path, "write_deadline_seconds", section.get("write_deadline_seconds"),
                                        15.0, DEADLINE_RANGE),
        theme=_theme(path, section.get("theme")),
        source=path,
    )


def _settings_text(data: bytes) -> str:
    """The file's text: UTF-8, with or without the byte-order mark Notepad wrote before Windows 10
    1903, or UTF-16 with its mark (Notepad's "Unicode"). Raises UnicodeDecodeError for anything
    else (an "ANSI" file with å in a path)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _theme(path: Path, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip() not in THEMES:
        raise SettingsError(path, "", "theme", "settings.bad_theme", value=_shown(value), allowed=", ".join(THEMES))
    return value.strip()


def _text(path: Path, key: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(path, "", key, "settings.bad_text", value=_shown(value))
    return value


def _language(path: Path, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().lower() not in SUPPORTED_LANGUAGES:
        raise SettingsError(path, "", "lang", "settings.bad_lang", value=_shown(value),
                            allowed=", ".join(SUPPORTED_LANGUAGES))
    return value.strip().lower()


def _seconds(path: Path, key: str, value: object, default: float, bounds: tuple[float, float]) -> float:
    if value is None:
        return default
    low, high = bounds
    # TOML's `true` is a bool, and bool is an int in Python: refuse it explicitly.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise SettingsError(path, "", key, "settings.bad_seconds", value=_shown(value), low=f"{low:g}",
                            high=f"{high:g}")
    return float(value)


def _shown(value: object) -> str:
    import json

    try:
        return json.dumps(value, ensure_ascii=False)[:60]
    except (TypeError, ValueError):
        return repr(value)[:60]


@dataclass(frozen=True)
class DatabaseChoice:
    """Where the database is, and whether it is the one file herotui may create by itself."""

    target: str
    origin: str  # "option", "environment", "settings" or "default"

    @property
    def may_create(self) -> bool:
        return self.origin == "default"


def choose_database(option: str | None, settings: Settings) -> DatabaseChoice:
    """Resolution order: `--db`, then `HEROTUI_DB`, then the settings file, then the default file."""
    if option:
        return DatabaseChoice(option, "option")
    env = os.environ.get("HEROTUI_DB")
    if env:
        return DatabaseChoice(env, "environment")
    if settings.db:
        return DatabaseChoice(settings.db, "settings")
    return DatabaseChoice(str(locations.default_database()), "default")


def choose_language(option: str | None, settings: Settings) -> str:
    """`--lang`, `HEROTUI_LANG`, the settings file, then the operating system (`system_language`);
    English when nothing says Swedish."""
    for candidate in (option, os.environ.get("HEROTUI_LANG"), settings.lang):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in SUPPORTED_LANGUAGES:
                return code
    return system_language() or "en"


def language_code(value: str | None) -> str | None:
    """`sv`/`en` for what an operating system calls a language, `other` for a language herotui does
    not speak (which means English), None when the value says nothing.

    Understands POSIX locales (`sv_SE.UTF-8`, `sv_FI@euro`), BCP 47 tags as macOS gives them
    (`sv-SE`, `en-GB`), Windows names from `locale.windows_locale` (`sv_SE`) and the long names
    `locale.getlocale()` returns on Windows (`Swedish_Sweden`, `English_United States`).
    `C` and `POSIX` say nothing.
    """
    if not value:
        return None
    text = value.strip().strip('"').lower()
    if text in ("c", "posix") or text.startswith(("c.", "posix.")):
        return None
    if text.startswith("swedish"):
        return "sv"
    if text.startswith("english"):
        return "en"
    head = text.replace("-", "_").split("_")[0].split(".")[0].split("@")[0]
    return head if head in SUPPORTED_LANGUAGES else (head and "other") or None


def system_language(
    *,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    windows_ui_language: Callable[[], int | None] | None = None,
    mac_languages: Callable[[], list[str]] | None = None,
    getlocale: Callable[[], tuple[str | None, str | None]] | None = None,
) -> str | None:
    """The person's language as the operating system knows it: `sv`, `en` or None.

    In order: the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`; what a terminal on Linux and
    usually macOS sets); on Windows the user's UI language (`GetUserDefaultUILanguage`, an LCID
    looked up in `locale.windows_locale`), because `locale.getlocale()` there gives the ANSI
    locale (`('Swedish_Sweden', '1252')`), which follows the region, not the display language;
    on macOS the preferred languages (`defaults read -g AppleLanguages`, then `AppleLocale`),
    which a terminal started from Finder often leaves out of the environment; last
    `locale.getlocale()`. Of the system's preferred languages the first herotui speaks wins
    (German then Swedish means Swedish, as macOS does for its own apps); none it speaks means English. The OS queries are parameters so tests can give the values those systems give.
    """
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = language_code(environ.get(var))
        if code:
            return code if code != "other" else "en"
    preferred: list[str] = []
    if platform == "win32":
        lcid = (windows_ui_language or _windows_ui_language)()
        if lcid:
            preferred.append(locale.windows_locale.get(lcid, ""))
    elif platform == "darwin":
        preferred.extend((mac_languages or _mac_languages)())
    # As macOS itself chooses an app's language: the first preferred language the app speaks,
    # English when it speaks none of them (Apple, "Language and Locale IDs").
    codes = [code for code in map(language_code, preferred) if code]
    if codes:
        return next((code for code in codes if code != "other"), "en")
    try:
        code = language_code((getlocale or locale.getlocale)()[0] or "")
    except ValueError:
        code = None
    return None if code is None else code if code != "other" else "en"


def _windows_ui_language() -> int | None:
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None


def _mac_languages() -> list[str]:
    """`defaults read -g AppleLanguages` prints `(\n    "sv-SE",\n    "en-US"\n)`."""
    import subprocess

    found: list[str] = []
    for key in ("AppleLanguages", "AppleLocale"):
        try:
            done = subprocess.run(["defaults", "read", "-g", key], capture_output=True, text=True, timeout=2)
        except (OSError, subprocess.SubprocessError):
            return found
        if done.returncode == 0:
            found.extend(parse_defaults_list(done.stdout))
    return found


def parse_defaults_list(text: str) -> list[str]:
    """The items of a `defaults read` answer: a plist array `( "sv-SE", en )` or one bare value."""
    body = text.strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    return [item.strip().strip('"') for item in body.replace("\n", ",").split(",") if item.strip().strip('"')]


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Write `key = "value"` into the settings file, keeping every other line as it was.

    Used for what a person chooses inside the app (`lang`, `theme`). The value is written as a TOML
    basic string (TOML 1.0: `"` and `\\` escaped). A `[herotui]` table is used when the file has
    one, else the top level. Raises `OSError` when the file cannot be written.
    """
    path = path or locations.settings_file()
    # Written back as UTF-8 without a mark, whatever Notepad saved it as.
    text = _settings_text(path.read_bytes()) if path.is_file() else ""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    line = f'{key} = "{escaped}"'
    lines = text.splitlines()
    in_table = None  # the table the current line belongs to (None = top level)
    target = "herotui" if any(l.strip() == "[herotui]" for l in lines) else None
    insert_at = None
    for index, raw in enumerate(lines):
        stripped = raw.strip()
        if stripped.startswith("["):
            if in_table == target and insert_at is None:
                insert_at = index
            in_table = stripped.strip("[]").strip()
            continue
        if in_table == target and re.match(rf"{re.escape(key)}\s*=", stripped):
            lines[index] = line
            break
    else:
        if target is None:
            # Top-level keys must come before the first table.
            first_table = next((i for i, l in enumerate(lines) if l.strip().startswith("[")), len(lines))
            lines.insert(first_table, line)
        else:
            lines.insert(insert_at if insert_at is not None else len(lines), line)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def choose_theme(option: str | None, settings: Settings) -> str:
    """`--theme`, then the settings file, then the dark theme. Unknown names fall back to `hero`."""
    for candidate in (option, settings.theme):
        if candidate and candidate.strip() in THEMES:
            return candidate.strip()
    return "hero"
