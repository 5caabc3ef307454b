"""Secrets never shown, and errors that say what happened, on a real PostgreSQL server.

Every command and error path runs as a real process with a recognisable password; all output
and every file under the data folder are then searched for it.
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

from tests.pgtools import admin_connect, pg_proxy, role_with_password, url_with  # noqa: F401 - fixture

# Unescaped #, / and ? (and @) would cut a naive URL parser short inside the password.
PASSWORD = "Kr0kus#Hem/lis?7@31"
FRAGMENTS = (PASSWORD, quote(PASSWORD, safe=""), "Kr0kus", "Hem/lis", "lis?7")


def herotui(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "herotui", "--lang", "en", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def assert_no_secret(text: str, where: str) -> None:
    for fragment in FRAGMENTS:
        assert fragment not in text, f"{fragment!r} shown in {where}:\n{text}"


def files_text(folder: Path) -> str:
    chunks = []
    for path in folder.rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(chunks)


@pytest.fixture
def role(pg_target):
    """A role that must sign in with PASSWORD and may create herotui's tables in pg_target."""
    name = role_with_password(pg_target, PASSWORD)
    with admin_connect(pg_target) as admin:
        admin.execute(f"GRANT ALL ON SCHEMA public TO {name}")
    yield name
    with admin_connect(url_with(pg_target, user="herotui", dbname="postgres")) as admin:
        admin.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{name}'")


def test_no_command_or_error_path_shows_the_password(pg_target, role, isolated_home, pg_proxy):
    raw = url_with(pg_target, user=role, password=PASSWORD, raw_password=True)
    escaped = url_with(pg_target, user=role, password=PASSWORD)
    as_query = url_with(pg_target, user=role, query="password=" + quote(PASSWORD, safe=""))
    wrong = url_with(pg_target, user=role, password=PASSWORD[::-1] + "#x")
    seen: list[tuple[str, subprocess.CompletedProcess]] = []

    def run(label: str, *args: str, expect: int | None = 0) -> subprocess.CompletedProcess:
        result = herotui(*args)
        seen.append((label, result))
        if expect is not None:
            assert result.returncode == expect, (label, result.stdout, result.stderr)
        return result

    created = run("init raw", "init", "--db", raw, "--name", "Anna Berg")
    assert "***" not in created.stdout and role in created.stdout
    run("doctor", "doctor", "--db", raw)
    doctor = run("doctor json", "doctor", "--db", escaped, "--json")
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["password"]["warning"] and "process list" in checks["password"]["detail"]
    run("whoami query password", "whoami", "--db", as_query, "--json")
    run("share add", "share", "add", "https://example.org/a", "--title", "A", "--area", "Ledarskap",
        "--db", escaped, "--json")
    run("share list", "share", "list", "--db", raw, "--json")
    run("sync", "sync", "--db", raw)
    run("init again", "init", "--db", raw, expect=1)

    refused = run("wrong password", "share", "add", "https://example.org/b", "--title", "B", "--area",
                  "Ledarskap", "--db", wrong, expect=3)
    assert "cannot sign in" in refused.stderr.lower() and "Traceback" not in refused.stderr
    run("wrong password doctor", "doctor", "--db", wrong, "--json", expect=3)
    run("wrong password whoami", "whoami", "--db", wrong, expect=3)

    proxy = pg_proxy(escaped)
    proxy_url = proxy.url.replace(f"{role}@", f"{role}:{quote(PASSWORD, safe='')}@")
    run("through relay", "share", "list", "--db", proxy_url)
    proxy.stop()
    queued = run("unreachable add", "share", "add", "https://example.org/c", "--title", "C", "--area",
                 "Ledarskap", "--db", proxy_url, "--json")
    assert json.loads(queued.stdout)["queued"] is True
    run("unreachable whoami", "whoami", "--db", proxy_url, expect=3)
    run("unreachable doctor", "doctor", "--db", proxy_url, "--json", expect=3)
    run("bad option", "whoami", "--db", raw + "?foo=bar", expect=2)
    port = psycopg.conninfo.conninfo_to_dict(pg_target)["port"]
    run("bad port", "whoami", "--db", raw.replace(f":{port}/", ":54x37/"), expect=2)

    for label, result in seen:
        assert_no_secret(result.stdout + result.stderr, label)
        assert "Traceback" not in result.stderr, (label, result.stderr)
    assert_no_secret(files_text(isolated_home), "the data folder")
    known = (isolated_home / "data" / "known_databases.json").read_text()  # keyed by identity (issue 15)
    assert role in known


def test_wrong_password_exits_3_and_queues_nothing(pg_target, role, isolated_home):
    wrong = url_with(pg_target, user=role, password="not-" + PASSWORD)
    right = url_with(pg_target, user=role, password=PASSWORD)
    assert herotui("init", "--db", right).returncode == 0
    assert herotui("whoami", "--db", right).returncode == 0  # now a database this computer knows
    result = herotui("share", "add", "https://example.org/x", "--title", "X", "--area", "Ledarskap",
                     "--db", wrong)
    assert result.returncode == 3, result
    assert "Cannot sign in" in result.stderr and "password authentication failed" in result.stderr
    assert "Saved offline" not in result.stdout
    from herotui.store.outbox import Outbox

    assert Outbox(isolated_home / "data" / "outbox.db").count() == 0


@pytest.mark.parametrize("problem", ["missing role", "missing database", "no schema"])
def test_sign_in_problems_are_not_outages(pg_target, problem, isolated_home):
    if problem == "missing role":
        url = url_with(pg_target, user="nobody_here")
    elif problem == "missing database":
        url = url_with(pg_target, user="herotui", dbname="no_such_db")
    else:
        url = pg_target  # exists, but herotui never created its tables there
    result = herotui("share", "add", "https://example.org/y", "--title", "Y", "--area", "Ledarskap",
                     "--db", url)
    assert result.returncode == 3, result
    assert "Saved offline" not in result.stdout and "Traceback" not in result.stderr
    expected = "not a herotui database" if problem == "no schema" else "Cannot sign in"
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("suffix, shown", [("?foo=bar", "foo"), ("?port=abc", "abc"),
                                            ("?connect_timeout=soon", "connect_timeout")])
def test_bad_url_options_are_usage_errors(pg_target, suffix, shown):
    result = herotui("whoami", "--db", pg_target + suffix)
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and shown in lines[0] and "Traceback" not in result.stderr


def test_a_non_numeric_port_is_a_usage_error():
    result = herotui("whoami", "--db", "postgresql://hero:" + PASSWORD + "@db.example:5x32/hero")
    assert result.returncode == 2 and "5x32" in result.stderr
    assert_no_secret(result.stdout + result.stderr, "bad port")


def test_passwords_from_pgpass_pgpassword_and_a_service_file(pg_target, role, tmp_path):
    host = psycopg.conninfo.conninfo_to_dict(pg_target)
    dbname, port = host["dbname"], host["port"]
    bare = url_with(pg_target, user=role)
    assert herotui("init", "--db", url_with(pg_target, user=role, password=PASSWORD)).returncode == 0
    assert herotui("whoami", "--db", bare, env={"PGPASSFILE": "/nonexistent"}).returncode == 3

    assert herotui("whoami", "--db", bare, env={"PGPASSWORD": PASSWORD}).returncode == 0

    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{port}:{dbname}:{role}:{PASSWORD.replace(':', chr(92) + ':')}\n")
    passfile.chmod(0o600)
    assert herotui("whoami", "--db", bare, env={"PGPASSFILE": str(passfile)}).returncode == 0

    services = tmp_path / "pg_service.conf"
    services.write_text(f"[hero]\nhost=127.0.0.1\nport={port}\ndbname={dbname}\nuser={role}\n")
    result = herotui("whoami", "--json", "--db", "postgresql://?service=hero",
                     env={"PGSERVICEFILE": str(services), "PGPASSFILE": str(passfile)})
    assert result.returncode == 0, result
    assert json.loads(result.stdout)["database"] == "postgresql://?service=hero"


def test_without_the_driver_the_url_says_what_to_install(pg_target):
    """A Python without psycopg (simulated: the import fails) names the install command."""
    code = ("import sys; sys.modules['psycopg'] = None; from herotui.cli import main; "
            f"sys.exit(main(['--lang', 'en', 'whoami', '--db', {pg_target!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert "pip install 'herotui[postgres]'" in result.stderr and "Traceback" not in result.stderr
