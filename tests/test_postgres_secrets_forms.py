"""Secrets in the other ways a database can be named and in the other places a URL goes (issue 20,
verified from the outside): libpq's keyword/value strings, passwords that look like a port or a
path to a naive URL reader, a `%` that starts no escape, `service=` names, the list of known
databases, doctor's exit code for a URL the driver refuses, and crash reports of the CLI and the app.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from rich.console import Console

from tests.pgtools import admin_connect, role_with_password, url_with

from herotui.store.identity import canonical_key
from herotui.store.location import parse_location
from herotui.store.pgurl import parse_pg_url

# To urlsplit, "2024" is a port and "/Summer..." the path: the first thing a naive reader leaks.
PORTLIKE = "2024/Summer!x#9"
# A raw % that starts no UTF-8 escape, and every character that cuts a URL short.
PERCENT = "50%ab#Fj/ll?x@y"


def herotui(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "herotui", "--lang", "en", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def fragments(password: str) -> tuple[str, ...]:
    pieces = [password, quote(password, safe="")]
    for sep in "/#?@%":
        pieces += [p for p in password.split(sep) if len(p) >= 4]
    return tuple(pieces)


def assert_hidden(text: str, password: str, where: str) -> None:
    for piece in fragments(password):
        assert piece not in text, f"{piece!r} shown in {where}:\n{text}"


def folder_text(folder: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


def role_for(pg_target: str, password: str) -> str:
    name = role_with_password(pg_target, password)
    with admin_connect(pg_target) as admin:
        admin.execute(f"GRANT ALL ON SCHEMA public TO {name}")
    return name


def conninfo(pg_target: str, role: str, password: str) -> str:
    parts = psycopg.conninfo.conninfo_to_dict(pg_target)
    quoted = password.replace("\\", "\\\\").replace("'", "\\'")
    return f"host={parts['host']} port={parts['port']} dbname={parts['dbname']} user={role} password='{quoted}'"


# -- without a server ------------------------------------------------------------------------------

def test_the_database_key_never_holds_a_password_that_looks_like_a_port():
    key = canonical_key(f"postgresql://hero:{PORTLIKE}@DB.example:5433/hero")
    assert key == "postgresql://hero@db.example:5433/hero"
    assert canonical_key("postgresql://hero:s3cret@db.example/hero") == "postgresql://hero@db.example:5432/hero"


def test_service_names_are_different_databases():
    one, two = canonical_key("postgresql://?service=teama"), canonical_key("postgresql://?service=teamb")
    assert one != two and "teama" in one


def test_keyword_value_strings_are_read_not_taken_for_a_file():
    text = r"host=db.example port=5433 dbname=hero user=anna password='it\'s a \\secret'"
    location = parse_location(text)
    assert location.kind == "postgresql"
    url = parse_pg_url(text)
    assert url.params["password"] == "it's a \\secret" and url.params["port"] == "5433"
    assert location.display == "postgresql://anna@db.example:5433/hero"
    assert canonical_key(text) == "postgresql://anna@db.example:5433/hero"


def test_a_percent_that_starts_no_escape_is_part_of_the_password():
    assert parse_pg_url(f"postgresql://hero:{PERCENT}@h/d").params["password"] == PERCENT
    assert parse_pg_url("postgresql://hero:a%23b@h/d").params["password"] == "a#b"  # a real escape still is one


# -- on a real server ------------------------------------------------------------------------------

def test_known_databases_and_outbox_never_hold_a_password_read_as_a_path(pg_target, isolated_home):
    role = role_for(pg_target, PORTLIKE)
    raw = url_with(pg_target, user=role, password=PORTLIKE, raw_password=True)
    for args in (("init", "--db", raw), ("whoami", "--db", raw), ("share", "list", "--db", raw)):
        result = herotui(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert_hidden(result.stdout + result.stderr, PORTLIKE, " ".join(args[:2]))
    known = (isolated_home / "data" / "known_databases.json").read_text()
    assert role in known
    assert_hidden(folder_text(isolated_home), PORTLIKE, "the data folder")


def test_a_password_an_older_herotui_wrote_into_known_databases_is_removed(pg_target, isolated_home):
    """Keys written before the fix (urlsplit took "2024" for the port) are cleaned on the next open."""
    role = role_for(pg_target, PORTLIKE)
    raw = url_with(pg_target, user=role, password=PORTLIKE, raw_password=True)
    assert herotui("init", "--db", raw).returncode == 0
    assert herotui("whoami", "--db", raw).returncode == 0
    known = isolated_home / "data" / "known_databases.json"
    data = json.loads(known.read_text())
    old_key = "postgresql://" + raw.split("://", 1)[1]  # what the old canonical_key kept
    data["databases"][0]["keys"].append(old_key)
    known.write_text(json.dumps(data))
    result = herotui("whoami", "--db", raw)
    assert result.returncode == 0, result.stderr
    assert_hidden(known.read_text(), PORTLIKE, "known_databases.json")
    assert json.loads(known.read_text())["databases"][0]["keys"]  # the database is still known


def test_keyword_value_strings_work_and_never_echo_the_password(pg_target, isolated_home):
    role = role_for(pg_target, PERCENT)
    good = conninfo(pg_target, role, PERCENT)
    wrong = conninfo(pg_target, role, "x" + PERCENT)
    raw_url = url_with(pg_target, user=role, password=PERCENT, raw_password=True)
    seen = []
    for label, args, code in (
        ("init", ("init", "--db", good), 0),
        ("whoami", ("whoami", "--db", good, "--json"), 0),
        ("raw url with a bare %", ("whoami", "--db", raw_url), 0),
        ("doctor", ("doctor", "--db", good, "--json"), 0),
        ("wrong password", ("share", "add", "https://example.org/k", "--title", "K", "--area", "Ledarskap",
                            "--db", wrong), 3),
        ("wrong password doctor", ("doctor", "--db", wrong), 3),
        ("unterminated quote", ("whoami", "--db", good[:-1]), 2),
        ("port not a number", ("whoami", "--db", good.replace("port=", "port=5x")), 2),
    ):
        result = herotui(*args)
        seen.append((label, result))
        assert result.returncode == code, (label, result.stdout, result.stderr)
    whoami = json.loads(seen[1][1].stdout)
    assert whoami["database"] == f"postgresql://{role}@" + good.split("host=")[1].split()[0] + \
        ":" + good.split("port=")[1].split()[0] + "/" + good.split("dbname=")[1].split()[0]
    assert "Cannot sign in" in seen[4][1].stderr
    for label, result in seen:
        assert_hidden(result.stdout + result.stderr, PERCENT, label)
        assert "Traceback" not in result.stderr, (label, result.stderr)
    assert_hidden(folder_text(isolated_home), PERCENT, "the data folder")


@pytest.mark.parametrize("option", ["sslmode=bogus", "connect_timeout=soon", "foo=bar"])
def test_doctor_calls_a_url_the_driver_refuses_a_usage_error(pg_target, option):
    for extra in ((), ("--json",)):
        result = herotui("doctor", "--db", f"{pg_target}?{option}", *extra)
        assert result.returncode == 2, (option, extra, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("origin", ["option", "environment", "settings"])
def test_doctor_says_where_a_password_in_the_address_can_be_seen(pg_target, isolated_home, origin):
    role = role_for(pg_target, PERCENT)
    url = url_with(pg_target, user=role, password=PERCENT)
    args, env = ["doctor", "--json"], {}
    if origin == "option":
        args += ["--db", url]
    elif origin == "environment":
        env["HEROTUI_DB"] = url
    else:
        settings = isolated_home / "config" / "settings.toml"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(f'db = "{url}"\n')
    result = herotui(*args, env=env)
    assert_hidden(result.stdout + result.stderr, PERCENT, origin)
    check = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "password")
    assert check["warning"]
    expected = {"option": ("--db", "process list"), "environment": ("HEROTUI_DB", "environment"),
                "settings": ("settings file", "not in the process list")}[origin]
    for words in expected:
        assert words in check["detail"], (origin, check["detail"])


# -- crash reports ---------------------------------------------------------------------------------

def test_a_crash_in_a_command_shows_no_password(isolated_home):
    url = f"postgresql://hero:{quote(PERCENT, safe='')}@127.0.0.1:1/hero?password={quote(PERCENT, safe='')}"
    code = ("import sys, herotui.cli.core as core\n"
            "def boom(args):\n"
            "    target = args.db\n"
            "    raise RuntimeError('cannot use ' + target + ' / ' + " + repr(PERCENT) + ")\n"
            "core.cmd_whoami = boom\n"
            "from herotui.cli import main\n"
            f"sys.exit(main(['--lang', 'en', 'whoami', '--db', {url!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "RuntimeError: cannot use postgresql://hero:***@127.0.0.1:1/hero?password=***" in result.stderr
    assert_hidden(result.stdout + result.stderr, PERCENT, "the crash report")


async def test_an_app_crash_shows_no_password(launch_for, monkeypatch):
    from herotui.app import make_app

    target = f"postgresql://hero:{quote(PERCENT, safe='')}@127.0.0.1:1/hero"
    app = make_app(launch_for(target=target))
    # Keep the report for reading here instead of printing it as the app exits.
    monkeypatch.setattr(app, "_print_error_renderables", lambda: None)

    def crash() -> None:
        url_as_typed = app.launch.target  # a local that Textual's own report would print
        raise RuntimeError(f"lost {url_as_typed} ({len(url_as_typed)})")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 30)) as pilot:
            app.call_later(crash)
            await pilot.pause()
    console = Console(record=True, width=200, file=open(os.devnull, "w"))
    for renderable in app._exit_renderables:
        console.print(renderable)
    report = console.export_text()
    assert "RuntimeError: lost postgresql://hero:***@127.0.0.1:1/hero" in report
    assert_hidden(report, PERCENT, "the app's crash report")
