"""The personal settings file (TOML) and how the database location and language are chosen."""

from __future__ import annotations

import locale
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from herotui import locations

SUPPORTED_LANGUAGES = ("sv", "en")


class SettingsError(Exception):
    """The settings file exists but cannot be understood."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Settings:
    """What one person chose for their own computer. Organisation rules live in the database."""

    db: str | None = None
    """Path or URL of the team database, e.g. `S:\\Hero\\hero.db` or `postgresql://host/hero`."""

    lang: str | None = None
    """`sv` or `en`; unset means: follow the operating system's locale."""

    poll_seconds: float = 1.0
    """How often the app looks for colleagues' changes (a cheap counter, not a query)."""

    write_deadline_seconds: float = 15.0
    """How long a write keeps retrying a busy database before it is kept in the offline outbox."""

    theme: str | None = None
    """`hero` (dark) or `hero-light`; unset means the dark theme."""

    source: Path | None = field(default=None, compare=False)
    """The file these settings were read from, if any."""


def load_settings(path: Path | None = None) -> Settings:
    path = path or locations.settings_file()
    if not path.is_file():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(path, str(exc)) from exc
    section = raw.get("herotui", raw)
    try:
        return Settings(
            db=_optional_str(section.get("db")),
            lang=_optional_str(section.get("lang")),
            poll_seconds=float(section.get("poll_seconds", 1.0)),
            write_deadline_seconds=float(section.get("write_deadline_seconds", 15.0)),
            theme=_optional_str(section.get("theme")),
            source=path,
        )
    except (TypeError, ValueError) as exc:
        raise SettingsError(path, str(exc)) from exc


THEMES = ("hero", "hero-light")


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Write `key = "value"` into the settings file, keeping every other line as it was.

    Used for what a person chooses inside the app (`lang`, `theme`). The value is written as a TOML
    basic string (TOML 1.0: `"` and `\\` escaped). A `[herotui]` table is used when the file has
    one, else the top level. Raises `OSError` when the file cannot be written.
    """
    path = path or locations.settings_file()
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
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


def _optional_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


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
    """`--lang`, `HEROTUI_LANG`, the settings file, then the locale (Swedish when it starts with sv)."""
    for candidate in (option, os.environ.get("HEROTUI_LANG"), settings.lang):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in SUPPORTED_LANGUAGES:
                return code
    return "sv" if _system_locale().lower().startswith("sv") else "en"


def _system_locale() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return value
    try:
        return locale.getlocale()[0] or ""
    except ValueError:
        return ""
