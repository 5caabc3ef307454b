"""Issue 15 checked again from the outside: every command that prints writes UTF-8 where Windows
would choose cp1252, every document command takes `--out` (and says clearly when it cannot write
there), `--version` goes to standard output, the `init` hint works when the folder is missing,
and `doctor` speaks plainly and asks SQLite (not `os.access`) whether the file can be written."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from herotui.cli import build_parser, main
from herotui.i18n import set_language

HEART = "Kärlek ♥ ő"

# The commands that only read and print a document or a listing: each takes --out.
DOCUMENT_COMMANDS = ("doctor", "org show", "learn week", "share list", "share show", "share digest",
                     "areas list", "breakfast list", "breakfast show", "breakfast ideas", "breakfast rotation",
                     "breakfast ics", "pg roles", "insights")

# One process, like a Windows console redirected to a file: stdout is a cp1252 pipe that refuses
# what cp1252 cannot hold (errors="strict"), as Python's own stdout there does.
RUNNER = r"""
import io, json, sys
from herotui.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    buffer = io.BytesIO()
    sys.stdout = io.TextIOWrapper(buffer, encoding="cp1252", errors="strict", write_through=True)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:
        code = repr(exc)
    sys.stdout.flush()
    results.append([argv, code, buffer.getvalue().decode("utf-8")])
sys.stdout = sys.__stdout__
print(json.dumps(results))
"""


def leaf_commands() -> dict[str, argparse.ArgumentParser]:
    """Every command that runs (`share list`, ...) -> its parser, in the current language."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                        walk(sub, f"{prefix}{name} ")
                    else:
                        found[prefix + name] = sub

    walk(build_parser(), "")
    return found


def test_every_document_command_takes_out():
    commands = leaf_commands()
    missing = [name for name in DOCUMENT_COMMANDS
               if not any("--out" in a.option_strings for a in commands[name]._actions)]
    assert missing == []


@pytest.fixture
def team_db(db_path: Path, tmp_path: Path) -> Path:
    """The test database in a folder whose name cp1252 cannot write, with a share, a log and an
    area named so too."""
    folder = tmp_path / f"Team {HEART}"
    folder.mkdir()
    target = folder / "hero.db"
    shutil.copyfile(db_path, target)
    db = ["--db", str(target)]
    assert main(["areas", "add", HEART, *db]) == 0
    assert main(["share", "add", "https://x.se/♥", "--title", f"Läs {HEART}", "--area", HEART,
                 "--note", f"**{HEART}**", *db]) == 0
    assert main(["learn", "log", "30", "--kind", "podcast", "--title", f"Avsnitt {HEART}", *db]) == 0
    return target


def _share_uuid(db: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["share", "list", "--json", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)["shares"][0]["uuid"]


def _breakfast_date(db: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["breakfast", "list", "--json", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)["breakfasts"][0]["local_start"][:10]


def test_every_command_that_prints_writes_utf8_into_a_cp1252_pipe(team_db, capsys):
    db = ["--db", str(team_db)]
    uuid, day = _share_uuid(team_db, capsys), _breakfast_date(team_db, capsys)
    with_heart = [["share", "list"], ["share", "list", "--json"], ["share", "show", uuid],
                  ["share", "digest"], ["share", "digest", "--format", "html"],
                  ["share", "digest", "--format", "html", "--fragment"], ["areas", "list"],
                  ["areas", "list", "--json"], ["doctor"], ["doctor", "--json"], ["whoami", "--json"],
                  ["learn", "week", "--json"], ["breakfast", "ideas"], ["insights"], ["insights", "--json"],
                  ["learn", "log", "15", "--kind", "book", "--title", HEART],
                  ["share", "add", "https://x.se/ő", "--title", HEART, "--area", HEART]]
    others = [["whoami"], ["org", "show"], ["org", "show", "--json"], ["learn", "week"],
              ["breakfast", "list"], ["breakfast", "list", "--json"], ["breakfast", "show", day],
              ["breakfast", "show", day, "--json"], ["breakfast", "rotation"], ["breakfast", "ics"],
              ["insights", "--format", "csv"], ["sync"]]
    runs = [[*argv, *db] for argv in with_heart + others]
    runs += [["--help"], ["--lang", "sv", "--help"], ["share", "digest", "--help"], ["--version"]]
    done = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(runs)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    failed = [(argv[:3], code) for argv, code, _ in results if code not in (0, None)]
    assert failed == []
    for argv, _, out in results[:len(with_heart)]:
        assert "♥" in out and "ő" in out, argv
    assert all(out.strip() for _, _, out in results), [argv for argv, _, out in results if not out.strip()]


def test_new_document_commands_write_their_out_file(team_db, tmp_path, capsys):
    db = ["--db", str(team_db)]
    day = _breakfast_date(team_db, capsys)
    for argv, name in ((["doctor"], "doctor.txt"), (["org", "show", "--json"], "org.json"),
                       (["breakfast", "show", day], "breakfast.txt"), (["breakfast", "ideas"], "ideas.txt")):
        target = tmp_path / name
        capsys.readouterr()
        assert main([*argv, "--out", str(target), *db]) == 0, argv
        assert capsys.readouterr().out == ""
        assert target.read_text(encoding="utf-8").strip(), argv
    assert HEART in (tmp_path / "doctor.txt").read_text(encoding="utf-8")  # the folder's name
    assert HEART in (tmp_path / "ideas.txt").read_text(encoding="utf-8")


def test_a_doctor_report_that_fails_is_still_written(tmp_path):
    target = tmp_path / "report.txt"
    assert main(["doctor", "--db", str(tmp_path / "none.db"), "--out", str(target)]) == 3
    assert "FAIL" in target.read_text(encoding="utf-8")


def test_an_out_file_that_cannot_be_written_is_named_with_the_reason(db_path, tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "veckan.html"
    assert main(["share", "digest", "--out", str(missing), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert str(missing) in err and "no-such-folder does not exist" in err and ".partial" not in err
    assert main(["share", "list", "--out", str(tmp_path), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert "folder" in err and ".partial" not in err
    assert not list(tmp_path.rglob("*.partial"))


def test_version_goes_to_standard_output(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    out, err = capsys.readouterr()
    assert out.startswith("herotui ") and err == ""


# -- the first minutes ------------------------------------------------------------------------


def test_the_init_hint_for_a_missing_folder_works_when_followed(tmp_path, capsys):
    target = tmp_path / "Hero" / "hero.db"
    assert main(["whoami", "--db", str(target)]) == 3
    err = capsys.readouterr().err
    assert "create the folder first" in err and f'herotui init --db "{target}"' in err
    target.parent.mkdir()  # as the hint says, then its command
    assert main(["init", "--db", str(target)]) == 0
    assert main(["init", "--db", str(tmp_path / "Other" / "hero.db")]) == 3
    assert "create the folder first" in capsys.readouterr().err


# -- doctor ----------------------------------------------------------------------------------------

JARGON = ("WAL", "quick_check", "0x", "schema", "round trip", "filesystem", "journal")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_doctor_speaks_plainly(db_path, capsys, lang):
    assert main(["doctor", "--lang", lang, "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert [word for word in JARGON if word.lower() in out.lower()] == []
    assert ("you can save changes: yes" if lang == "en" else "du kan spara ändringar: ja") in out


def test_doctor_on_a_wal_file_says_what_is_wrong_in_words(db_path, capsys):
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    assert main(["doctor", "--db", str(db_path)]) == 3
    assert "does not work on a network drive" in capsys.readouterr().out


@pytest.mark.sqlite_only
def test_doctor_asks_sqlite_not_os_access_whether_the_file_can_be_written(db_path, monkeypatch, capsys):
    # On Windows os.access reads only the read-only attribute and on SMB the server's ACLs decide:
    # its "no" is not SQLite's "no".
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    assert main(["doctor", "--json", "--db", str(db_path)]) == 0
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["readable"]["ok"] and checks["writable"]["ok"] and "lock" in checks


def test_doctor_on_a_server_speaks_plainly(pg_created, capsys):
    assert main(["doctor", "--db", pg_created]) == 0
    out = capsys.readouterr().out
    assert "keepalives" not in out and "lock/statement" not in out and "round-trip" not in out
    assert "a change waits at most 15 s for a busy database" in out


def test_every_option_of_every_command_is_swedish_under_lang_sv():
    """No help text stays English in Swedish (`--json` did): each option's help differs between
    the languages, except where both are the same words (none today)."""
    def helps(lang: str) -> dict[tuple[str, str], str]:
        set_language(lang)
        from herotui.cli.words import install

        install(lang)
        found = {}
        for name, parser in leaf_commands().items():
            for action in parser._actions:
                if action.help and action.help != argparse.SUPPRESS and action.option_strings:
                    found[(name, action.option_strings[-1])] = action.help
        return found

    try:
        english, swedish = helps("en"), helps("sv")
    finally:
        set_language("en")
        from herotui.cli.words import install

        install("en")
    same = sorted(f"{name} {option}" for key in english.keys() & swedish.keys()
                  for name, option in [key] if english[key] == swedish[key] and option != "--help")
    assert same == []
