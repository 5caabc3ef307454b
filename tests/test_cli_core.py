"""The command line: init, doctor, admin, exit codes, and where the database is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from herotui.cli import main
from herotui.config import Settings, choose_database, choose_language, load_settings


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real `python -m herotui`, as a person would type it."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "herotui", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=60)


def test_init_creates_then_refuses_to_overwrite(tmp_path):
    target = tmp_path / "hero.db"
    first = run_cli("init", "--db", str(target), "--name", "Anna Berg")
    assert first.returncode == 0, first.stderr
    assert target.exists()
    second = run_cli("init", "--db", str(target))
    assert second.returncode == 1
    assert "will not overwrite" in second.stderr
    assert "Traceback" not in second.stderr


def test_missing_database_exits_3_with_a_clear_message(tmp_path):
    target = tmp_path / "S" / "hero.db"
    result = run_cli("whoami", "--db", str(target))
    assert result.returncode == 3
    assert "No herotui database at" in result.stderr and "herotui init --db" in result.stderr
    assert not target.parent.exists()


def test_usage_error_exits_2():
    assert run_cli("learnx").returncode == 2


def test_default_database_is_created_on_first_use(isolated_home):
    assert main(["whoami"]) == 0
    assert (isolated_home / "data" / "hero.db").exists()


def test_doctor_passes_on_a_healthy_file(db_path, capsys):
    assert main(["doctor", "--db", str(db_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    names = {c["name"]: c["ok"] for c in report["checks"]}
    assert names["journal"] and names["integrity"] and names["lock"] and names["herotui"]


def test_doctor_fails_on_a_missing_file(tmp_path, capsys):
    assert main(["doctor", "--db", str(tmp_path / "none.db")]) == 3
    assert "FAIL" in capsys.readouterr().out


def test_admin_grant_by_admin_and_refusal_for_others(db_path, monkeypatch, capsys):
    monkeypatch.setenv("HEROTUI_USER", "erik")
    assert main(["admin", "grant", "erik", "--db", str(db_path)]) == 1
    assert "Only admins" in capsys.readouterr().err
    monkeypatch.setenv("HEROTUI_USER", "anna")
    assert main(["admin", "grant", "erik", "--db", str(db_path)]) == 0
    monkeypatch.setenv("HEROTUI_USER", "erik")
    assert main(["whoami", "--db", str(db_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["is_admin"] is True


def test_swedish_messages(tmp_path, capsys):
    assert main(["whoami", "--lang", "sv", "--db", str(tmp_path / "x.db")]) == 3
    assert "Ingen herotui-databas" in capsys.readouterr().err


def test_database_resolution_order(monkeypatch, tmp_path, isolated_home):
    settings = Settings(db="/from/settings.db")
    monkeypatch.setenv("HEROTUI_DB", "/from/env.db")
    assert choose_database("/from/option.db", settings).target == "/from/option.db"
    assert choose_database(None, settings).target == "/from/env.db"
    monkeypatch.delenv("HEROTUI_DB")
    chosen = choose_database(None, settings)
    assert (chosen.target, chosen.may_create) == ("/from/settings.db", False)
    chosen = choose_database(None, Settings())
    assert chosen.may_create and chosen.target == str(isolated_home / "data" / "hero.db")


def test_settings_file_is_read(isolated_home):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('db = "S:\\\\Hero\\\\hero.db"\nlang = "sv"\n', encoding="utf-8")
    settings = load_settings()
    assert settings.db == "S:\\Hero\\hero.db" and settings.lang == "sv"


def test_broken_settings_file_is_explained(isolated_home, capsys):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("db = [unclosed", encoding="utf-8")
    assert main(["whoami"]) == 3
    assert "The settings file" in capsys.readouterr().err


@pytest.mark.parametrize(("option", "env", "lang_env", "expected"), [
    ("sv", None, None, "sv"), (None, "en", "sv_SE.UTF-8", "en"), (None, None, "sv_SE.UTF-8", "sv"),
    (None, None, "de_DE.UTF-8", "en"),
])
def test_language_choice(monkeypatch, option, env, lang_env, expected):
    if env:
        monkeypatch.setenv("HEROTUI_LANG", env)
    if lang_env:
        monkeypatch.setenv("LANG", lang_env)
    assert choose_language(option, Settings()) == expected
