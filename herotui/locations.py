"""Where herotui keeps its files on this computer (never the shared database)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "herotui"


def data_dir() -> Path:
    """The user's data folder; `HEROTUI_DATA_DIR` overrides it (tests, portable installs)."""
    override = os.environ.get("HEROTUI_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A data folder on a share that went away (a home folder or roaming profile on the
        # network): Python 3.11 raises EHOSTDOWN here. Whoever uses a file in it says so; the
        # team database may still answer (see `connection.open_hero`).
        pass
    return path


def config_dir() -> Path:
    override = os.environ.get("HEROTUI_CONFIG_DIR")
    return Path(override) if override else user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def default_database() -> Path:
    return data_dir() / "hero.db"


def demo_database() -> Path:
    return data_dir() / "demo.db"


def outbox_file() -> Path:
    return data_dir() / "outbox.db"


def export_dir() -> Path:
    """Where files the app writes for you go (calendar files): `HEROTUI_EXPORT_DIR`, else the data folder."""
    override = os.environ.get("HEROTUI_EXPORT_DIR")
    return Path(override).expanduser() if override else data_dir() / "calendar"
