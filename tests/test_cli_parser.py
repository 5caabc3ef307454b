"""The command line builds only the parser of the command used, and parses exactly as the full one."""

from __future__ import annotations

import argparse
import sys

import pytest

import herotui.cli as cli


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_every_command_is_mapped_to_the_module_that_registers_it():
    full = _commands(cli.build_parser())
    assert set(cli.COMMANDS) == full
    for command, module in cli.COMMANDS.items():
        assert command in _commands(cli.build_parser([module])), (command, module)


@pytest.mark.parametrize("argv", [
    ["learn", "week", "--json"],
    ["--db", "x.db", "learn", "week", "--json"],
    ["breakfast", "claim", "2027-01-08", "--topic", "Git"],
    ["share", "add", "https://example.org", "--title", "T", "--area", "Ledarskap"],
    ["--db", "x.db", "--lang", "sv"],
    [],
    ["whoami", "--json"],
    ["--db", "learn", "share", "list"],
])
def test_reduced_parser_gives_the_same_arguments_as_the_full_one(argv):
    full = cli.build_parser().parse_args(argv)
    fast = cli.parse_arguments(argv)
    assert vars(fast) == vars(full)


def test_learn_week_does_not_build_the_other_commands(monkeypatch):
    built: list[str] = []
    real = cli.build_parser

    def spy(modules=cli.COMMAND_MODULES, **kw):
        built.append(tuple(modules))
        return real(modules, **kw)

    monkeypatch.setattr(cli, "build_parser", spy)
    cli.parse_arguments(["learn", "week", "--json"])
    assert built == [("learn",)]


@pytest.mark.parametrize("argv, code", [
    (["lern"], 2),
    (["learn", "week", "--bogus"], 2),
    (["learn", "--help"], 0),
    (["--help"], 0),
])
def test_help_and_errors_come_from_the_full_parser(argv, code, capsys):
    with pytest.raises(SystemExit) as raised:
        cli.parse_arguments(argv)
    assert raised.value.code == code
    out = capsys.readouterr()
    text = out.out + out.err
    if argv == ["lern"]:
        # The full list of commands, not only those of a reduced parser.
        assert "'insights'" in text and "'breakfast'" in text
    if argv == ["--help"]:
        assert "breakfast" in text and "insights" in text
