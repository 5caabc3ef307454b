"""`herotui areas list|add|rename|retire`: admins curate, a retired area keeps its shares."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from herotui.cli import main


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "herotui", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def areas(capsys, db_path, *extra: str) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["areas", "list", "--json", "--db", str(db_path), *extra]) == 0
    return {a["name"]: a for a in json.loads(capsys.readouterr().out)["areas"]}


def test_list_shows_every_active_area_with_its_share_count(db_path, capsys):
    assert main(["share", "add", "https://x.se/1", "--title", "T", "--area", "Ledarskap", "--db", str(db_path)]) == 0
    listed = areas(capsys, db_path)
    assert len(listed) == 8 and listed["Ledarskap"]["shares"] == 1 and listed["Rekrytering"]["shares"] == 0
    capsys.readouterr()
    assert main(["areas", "list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Ledarskap" in out and "1 share" in out and "0 shares" in out


def test_admin_adds_renames_retires_and_brings_back(db_path, capsys):
    db = ["--db", str(db_path)]
    assert main(["areas", "add", "Mångfald", *db]) == 0
    assert "Added Mångfald." in capsys.readouterr().out
    assert main(["share", "add", "https://x.se/m", "--title", "T", "--area", "mångfald", *db]) == 0
    assert main(["areas", "rename", "mångfald", "Mångfald och inkludering", *db]) == 0
    assert main(["areas", "retire", "Mångfald och inkludering", *db]) == 0
    assert "Mångfald och inkludering" not in areas(capsys, db_path)
    kept = areas(capsys, db_path, "--all")["Mångfald och inkludering"]
    assert kept["retired"] and kept["shares"] == 1  # a retired area keeps its shares
    capsys.readouterr()
    assert main(["share", "list", "--area", "Mångfald och inkludering", "--json", *db]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    assert main(["areas", "retire", "Mångfald och inkludering", "--undo", *db]) == 0
    assert "Mångfald och inkludering" in areas(capsys, db_path)


def test_refusals_exit_1(db_path):
    db = ["--db", str(db_path)]
    cases = [
        (["areas", "add", "Ledarskap"], {}, "already exists"),
        (["areas", "add", "   "], {}, "name the focus area"),
        (["areas", "rename", "Finns inte", "Ny"], {}, "Unknown focus area"),
        (["areas", "retire", "Finns inte"], {}, "Unknown focus area"),
        (["areas", "add", "Eriks område"], {"HEROTUI_USER": "erik"}, "admin"),
    ]
    for args, env, reason in cases:
        result = run_cli(*args, *db, env=env)
        assert result.returncode == 1, (args, result.stderr)
        assert reason in result.stderr and "Traceback" not in result.stderr
    assert run_cli("areas", "frobnicate", *db).returncode == 2
