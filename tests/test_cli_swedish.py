"""The command line speaks Swedish too: argparse's own words, --db/--lang help, kind names, examples."""

from __future__ import annotations

import json

import pytest

from herotui.cli import main


def help_text(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def usage_error(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    assert done.value.code == 2
    return capsys.readouterr().err


def test_help_in_swedish_with_lang_sv(capsys):
    out = help_text(capsys, "--lang", "sv")
    assert out.startswith("användning: herotui")
    for words in ("flaggor:", "visa den här hjälpen och avsluta", "teamets databas", "språk: sv eller en",
                  "exempel:", "slutkoder:", "3  databasen går inte att nå", "--kind podd"):
        assert words in out, words
    for english in ("usage:", "options:", "show this help", "team database", "exit codes"):
        assert english not in out, english


def test_help_in_swedish_from_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    out = help_text(capsys, "share", "add")
    assert out.startswith("användning: herotui share add") and "flaggor:" in out and "artikel, podd" in out


def test_help_in_english_stays_english_after_swedish(capsys):
    help_text(capsys, "--lang", "sv")
    out = help_text(capsys, "--lang", "en")
    assert out.startswith("usage: herotui") and "options:" in out and "exit codes:" in out and "examples:" in out


def test_argparse_errors_in_swedish(capsys):
    err = usage_error(capsys, "share", "add", "--lang", "sv")
    assert "fel: de här argumenten krävs: --title, --area" in err and err.startswith("användning:")
    err = usage_error(capsys, "share", "add", "--title", "x", "--area", "A", "--kind", "blogg", "--lang", "sv")
    assert "argumentet --kind: Okänd typ: blogg. Välj en av: artikel, podd, webbinarium" in err
    err = usage_error(capsys, "share", "list", "--what", "--lang", "sv")
    assert "okända argument: --what" in err


@pytest.mark.parametrize("kind", ["podd", "Podd", "podcast", "PODCAST"])
def test_swedish_kind_names_are_accepted(db_path, capsys, kind):
    db = ["--db", str(db_path)]
    assert main(["share", "add", "https://x.se/p", "--title", "Avsnitt", "--area", "Ledarskap", "--kind", kind,
                 "--json", *db]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "podcast"
    assert main(["learn", "log", "20", "--kind", kind, "--title", "Avsnitt 12", *db]) == 0
    capsys.readouterr()
    assert main(["share", "list", "--kind", kind, "--json", *db]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


def test_english_errors_name_english_kinds(capsys):
    err = usage_error(capsys, "learn", "log", "5", "--title", "x", "--kind", "blog", "--lang", "en")
    assert "Unknown kind: blog. Choose one of: article, podcast" in err
