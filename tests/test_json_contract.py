"""`--json` is a contract: docs/json.md lists each command's keys, and exactly those appear."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from herotui.cli import main
from herotui.cli.contract import FORMAT, RECORDS

DOC = Path(__file__).resolve().parent.parent / "docs" / "json.md"
FORBIDDEN = {"id", "cursor", "pending", "saved_offline", "waiting_action", "can_edit", "rule_key", "move_seen", "slot_id"}
_ROW = re.compile(r"^\|\s*(`(?P<key>[a-z_]+)`|\.\.\.)\s*\|\s*(?P<type>[^|]*)\|")
_REF = re.compile(r"\[(\w+)\]\(#\w+\)")


def parse_doc() -> tuple[dict[str, dict], dict[str, dict]]:
    """(commands, records): heading -> {key: referenced record or None}; `...` spreads a record."""
    commands: dict[str, dict] = {}
    records: dict[str, dict] = {}
    current: dict | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            title = line[4:].strip()
            current = {}
            (commands if title.startswith("`") else records)[title.strip("`")] = current
            continue
        match = _ROW.match(line)
        if current is None or not match:
            continue
        ref = _REF.search(match.group("type"))
        if match.group("key") is None:  # "...": the keys of a record at this level
            current["..."] = ref.group(1)
        else:
            current[match.group("key")] = ref.group(1) if ref else None
    return commands, records


COMMANDS, DOC_RECORDS = parse_doc()


def expand(spec: dict) -> dict:
    spec = dict(spec)
    spread = spec.pop("...", None)
    if spread:
        spec.update(DOC_RECORDS[spread])
    return spec


def check(value, spec: dict, where: str) -> None:
    spec = expand(spec)
    assert isinstance(value, dict), where
    assert set(value) == set(spec), f"{where}: printed {sorted(value)}, documented {sorted(spec)}"
    for key, ref in spec.items():
        if ref is None or value[key] is None:
            continue
        items = value[key] if isinstance(value[key], list) else [value[key]]
        for index, item in enumerate(items):
            check(item, DOC_RECORDS[ref], f"{where}.{key}[{index}]")


def test_the_code_and_the_document_list_the_same_records():
    assert {name: tuple(keys) for name, keys in DOC_RECORDS.items()} == RECORDS


def test_no_internal_field_is_documented():
    for name, spec in {**COMMANDS, **DOC_RECORDS}.items():
        assert not FORBIDDEN & set(spec), name


def run_json(capsys, argv: list[str]):
    capsys.readouterr()
    assert main(argv) == 0, argv
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == FORMAT and list(data)[0] == "format"
    return data


def _no_internal_keys(value, where="") -> None:
    if isinstance(value, dict):
        assert not FORBIDDEN & set(value), where
        for key, item in value.items():
            _no_internal_keys(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            _no_internal_keys(item, where)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2})?$")


def _times_are_iso(value, where="") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if (key.endswith("_at") or key in ("day", "since", "local_start", "week_start")) and item is not None:
                assert isinstance(item, str) and _ISO.match(item), f"{where}.{key} = {item!r}"
            _times_are_iso(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            _times_are_iso(item, where)


def test_every_documented_command_prints_exactly_its_keys(db_path, capsys, monkeypatch, clock):
    db = ["--db", str(db_path)]
    monkeypatch.setenv("HEROTUI_USER", "erik")
    assert main(["whoami", *db]) == 0  # erik exists, so anna can offer him a breakfast
    monkeypatch.setenv("HEROTUI_USER", "anna")
    share = run_json(capsys, ["share", "add", "https://x.se/a", "--title", "Kontrakt", "--area", "Ledarskap",
                              "--tag", "mall", "--note", "**viktig**", "--json", *db])
    assert main(["learn", "log", "25", "--kind", "podd", "--title", "Avsnitt", *db]) == 0
    assert main(["learn", "start", "--kind", "book", "--title", "Bok", *db]) == 0
    listing = run_json(capsys, ["breakfast", "list", "--json", *db])
    day = listing["breakfasts"][0]["local_start"][:10]
    assert main(["breakfast", "claim", day, "--topic", "Kontrakt", *db]) == 0
    assert main(["breakfast", "handover", day, "erik", *db]) == 0
    assert main(["areas", "add", "Kontraktsområde", *db]) == 0

    runs = {
        "herotui whoami --json": ["whoami"],
        "herotui doctor --json": ["doctor"],
        "herotui org show --json": ["org", "show"],
        "herotui learn week --json": ["learn", "week"],
        "herotui share list --json": ["share", "list"],
        "herotui share show UUID --json": ["share", "show", share["uuid"]],
        "herotui share add ... --json": ["share", "add", "https://x.se/b", "--title", "Två", "--area", "Ledarskap"],
        "herotui areas list --json": ["areas", "list"],
        "herotui areas add|rename|retire|set-priority|set-target ... --json": ["areas", "rename", "Kontraktsområde",
                                                                            "Kontrakt 2"],
        "herotui breakfast list --json": ["breakfast", "list"],
        "herotui breakfast show DATE --json` and `herotui breakfast claim DATE ... --json": ["breakfast", "show", day],
        "herotui breakfast waitlist --json": ["breakfast", "waitlist", "--show"],
        "herotui breakfast rotation --json": ["breakfast", "rotation"],
        "herotui breakfast ideas --json": ["breakfast", "ideas"],
        "herotui breakfast rule --json": ["breakfast", "rule"],
        "herotui sync --json": ["sync"],
        "herotui insights --json": ["insights"],
    }
    elsewhere = {"herotui migrate --from FILE --to URL --json",  # the PostgreSQL test below
                 "herotui ... --json` for an action kept offline",  # test_queued_answer_keys
                 "herotui pg roles --json"}  # needs a server in identity mode: tests/test_pg_*
    assert set(runs) | elsewhere == set(COMMANDS)
    seen_records: set[str] = set()
    for heading, argv in runs.items():
        data = run_json(capsys, [*argv, "--json", *db])
        check(data, COMMANDS[heading], heading)
        _no_internal_keys(data, heading)
        _times_are_iso(data, heading)
        seen_records |= {ref for ref in expand(COMMANDS[heading]).values() if ref}
    # The outputs above really exercised the nested records that matter.
    assert run_json(capsys, ["breakfast", "show", day, "--json", *db])["offer"]["to_login"] == "erik"
    assert run_json(capsys, ["learn", "week", "--json", *db])["timer"]["status"] == "running"
    assert {"share", "session", "timer", "breakfast", "check", "area_count", "rotation_entry"} <= seen_records


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
def test_queued_answer_keys(db_path, capsys):
    assert main(["whoami", "--db", str(db_path)]) == 0
    folder = db_path.parent
    away = folder.with_name("unplugged")
    folder.rename(away)
    try:
        data = run_json(capsys, ["share", "add", "https://x.se/q", "--title", "Q", "--area", "Ledarskap", "--json",
                                 "--db", str(db_path)])
    finally:
        away.rename(folder)
    check(data, COMMANDS["herotui ... --json` for an action kept offline"], "queued")


def test_migrate_prints_exactly_its_keys(db_path, pg_target, capsys):
    data = run_json(capsys, ["migrate", "--from", str(db_path), "--to", pg_target, "--json"])
    check(data, COMMANDS["herotui migrate --from FILE --to URL --json"], "migrate")
