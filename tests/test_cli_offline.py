"""Command-line writes while the drive is away: kept offline, exit 0, sent once by `herotui sync`."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

from herotui.cli import main


@contextmanager
def drive_away(db_path):
    """The database's folder is gone while the block runs, as an unmounted share (renamed aside,
    so nothing could be created where it was), and back afterwards."""
    folder = db_path.parent
    away = folder.with_name("unmounted")
    folder.rename(away)
    try:
        yield folder
    finally:
        away.rename(folder)


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_share_add_while_the_drive_is_away_then_sync(db_path, capsys):
    assert main(["whoami", "--db", str(db_path)]) == 0  # this computer has used the file before
    capsys.readouterr()
    with drive_away(db_path) as folder:
        code = main(["share", "add", "https://example.org/offline", "--title", "Skrivet på tåget",
                     "--area", "Ledarskap", "--db", str(db_path)])
        out = capsys.readouterr().out
        assert code == 0
        assert "saved offline, will be sent when the database is reachable" in out.lower() \
            or "Saved offline, will be sent when the database is reachable" in out
        assert main(["learn", "log", "20", "--kind", "podcast", "--title", "Avsnitt 12", "--db", str(db_path)]) == 0
        capsys.readouterr()
        assert main(["sync", "--db", str(db_path), "--json"]) == 3  # still away: nothing sent, nothing lost
        assert json.loads(capsys.readouterr().out)["waiting"] == 2
        assert not folder.exists()
    assert main(["sync", "--db", str(db_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["sent"]) == 2 and report["waiting"] == 0
    assert main(["share", "list", "--json", "--db", str(db_path)]) == 0
    titles = [s["title"] for s in json.loads(capsys.readouterr().out)["shares"]]
    assert titles.count("Skrivet på tåget") == 1
    assert main(["sync", "--db", str(db_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sent"] == []


def test_an_unknown_missing_database_is_still_refused(tmp_path, capsys):
    code = main(["share", "add", "https://example.org/x", "--title", "X", "--area", "Ledarskap",
                 "--db", str(tmp_path / "never" / "hero.db")])
    assert code == 3
    assert "No herotui database at" in capsys.readouterr().err


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_json_write_commands_answer_in_json_when_queued(db_path, capsys):
    """Scripts follow a queued action by its uuid: `--json` output stays JSON in the outbox case."""
    assert main(["whoami", "--db", str(db_path)]) == 0
    capsys.readouterr()
    with drive_away(db_path):
        answers = []
        for command in (["share", "add", "https://example.org/j", "--title", "J", "--area", "Ledarskap"],
                        ["breakfast", "waitlist"]):
            assert main([*command, "--json", "--db", str(db_path)]) == 0
            answers.append(json.loads(capsys.readouterr().out))
    assert [a["queued"] for a in answers] == [True, True]
    assert all(len(a["uuid"]) == 36 for a in answers)
    assert main(["sync", "--db", str(db_path), "--json"]) == 0
    assert sorted(json.loads(capsys.readouterr().out)["sent"]) == sorted(a["uuid"] for a in answers)


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_learn_log_share_while_the_drive_is_away_is_one_outcome(db_path, capsys):
    """`learn log --share` with the drive away queued the session, then failed to read it back to
    share it: exit 3 ("cannot be reached"), so a script that retries logged the hour twice, and
    the share was lost. Now both wait in the outbox (exit 0) and arrive together."""
    assert main(["whoami", "--db", str(db_path)]) == 0
    capsys.readouterr()
    with drive_away(db_path):
        code = main(["learn", "log", "25", "--kind", "podcast", "--title", "Avsnitt på tåget", "--share",
                     "--link", "https://example.org/tag", "--area", "Ledarskap", "--db", str(db_path)])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert "Saved offline" in captured.out and not captured.err
    assert main(["sync", "--db", str(db_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["sent"]) == 2 and report["refused"] == [] and report["waiting"] == 0
    assert main(["learn", "week", "--json", "--db", str(db_path)]) == 0
    sessions = json.loads(capsys.readouterr().out)["sessions"]
    assert [s["title"] for s in sessions] == ["Avsnitt på tåget"]
    assert main(["share", "list", "--json", "--db", str(db_path)]) == 0
    shares = [s for s in json.loads(capsys.readouterr().out)["shares"] if s["title"] == "Avsnitt på tåget"]
    assert len(shares) == 1
    assert main(["share", "show", shares[0]["uuid"], "--json", "--db", str(db_path)]) == 0
    share = json.loads(capsys.readouterr().out)
    assert share["from_session_uuid"] == sessions[0]["uuid"]
    assert share["url"] == "https://example.org/tag" and share["areas"] == ["Ledarskap"]


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_learn_stop_share_while_the_drive_is_away_shares_the_stopped_session(db_path, clock, capsys):
    """The stop made offline does not know the timer's uuid: the share that waits behind it takes
    the session that stop ended, once both are sent."""
    assert main(["learn", "start", "--kind", "webinar", "--title", "Webbinarium", "--link",
                 "https://example.org/webb", "--area", "Arbetsmiljö", "--db", str(db_path)]) == 0
    clock.advance(minutes=40)
    capsys.readouterr()
    with drive_away(db_path):
        code = main(["learn", "stop", "--share", "--db", str(db_path)])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert "Saved offline" in captured.out and not captured.err
    assert main(["sync", "--db", str(db_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["sent"]) == 2 and report["refused"] == [], report
    assert main(["learn", "week", "--json", "--db", str(db_path)]) == 0
    week = json.loads(capsys.readouterr().out)
    assert week["timer"] is None and [s["title"] for s in week["sessions"]] == ["Webbinarium"]
    assert main(["share", "list", "--json", "--db", str(db_path)]) == 0
    shares = [s for s in json.loads(capsys.readouterr().out)["shares"] if s["title"] == "Webbinarium"]
    assert len(shares) == 1 and shares[0]["areas"] == ["Arbetsmiljö"]
    assert main(["share", "show", shares[0]["uuid"], "--json", "--db", str(db_path)]) == 0
    assert json.loads(capsys.readouterr().out)["from_session_uuid"] == week["sessions"][0]["uuid"]
