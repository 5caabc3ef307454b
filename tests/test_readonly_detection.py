"""Read-only is decided by what SQLite says, not by `os.access`; folder renames are marked POSIX-only."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from herotui.store import open_store

pytestmark = pytest.mark.sqlite_only


def test_os_access_saying_no_does_not_make_a_writable_file_read_only(db_path, monkeypatch):
    # On Windows os.access only reads the read-only attribute and on SMB the server's ACLs decide:
    # its "no" is not SQLite's "no". Here the file is writable, whatever os.access says.
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    store = open_store(str(db_path))
    try:
        assert not store.read_only
        from herotui.store.models import StoreMeta
        from herotui.store.upsert import upsert

        store.write(upsert, StoreMeta, StoreMeta.key, {"key": "probe", "value": "1"})
    finally:
        store.close()


def test_probe_leaves_nothing_behind(db_path):
    before = db_path.read_bytes()
    store = open_store(str(db_path))
    store.close()
    assert db_path.read_bytes() == before
    assert not db_path.with_name(db_path.name + "-journal").exists()


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"),
                    reason="needs root and unshare to mount a read-only file system")
def test_a_read_only_file_system_is_found_by_sqlite(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    script = textwrap.dedent(f"""
        set -e
        mount -t tmpfs none {folder}
        {sys.executable} -c "from herotui.store import create_store; create_store('{folder}/hero.db', creator_login='anna').close()"
        mount -o remount,ro {folder}
        {sys.executable} -c "
        from herotui.store import open_store
        s = open_store('{folder}/hero.db')
        print('read_only=' + str(s.read_only) + ' reason=' + str(s.health.read_only_reason))"
    """)
    done = subprocess.run(["unshare", "-m", "bash", "-c", script], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 and "mount" in done.stderr and "permission" in done.stderr.lower():
        pytest.skip("mounting is not permitted here: " + done.stderr.strip()[:200])
    assert done.returncode == 0, done.stderr
    assert "read_only=True reason=readonly" in done.stdout


def _renames_a_folder(func: ast.AST) -> bool:
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "rename":
            target = node.func.value
            if isinstance(target, ast.Name) and target.id in ("folder", "away"):
                return True
    return False


def _marked_posix_only(func: ast.AST) -> bool:
    return any("posix_only" in ast.unparse(d) for d in getattr(func, "decorator_list", []))


def test_tests_that_rename_a_database_folder_are_marked_posix_only():
    unmarked = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_marked = "posix_only" in "".join(
            ast.unparse(n) for n in tree.body if isinstance(n, ast.Assign) and "pytestmark" in ast.unparse(n))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_"):
                if _renames_a_folder(node) and not (module_marked or _marked_posix_only(node)):
                    unmarked.append(f"{path.name}::{node.name}")
    assert unmarked == []


def test_a_write_does_not_first_ask_the_drive_whether_it_may_write(tmp_path):
    """Asking costs a dozen file operations on a share (the write lock taken, a journal made and
    removed); a command that writes learns it from its write. Whoever needs to know asks
    `read_only`, which asks SQLite once."""
    from herotui.services.hero import Hero
    from herotui.store import create_store, open_store

    path = tmp_path / "hero.db"
    create_store(str(path), creator_login="anna").close()
    store = open_store(str(path))
    try:
        assert store.probe_pending
        journals = []
        store.db.connection().set_trace_callback(
            lambda sql: journals.append(sql) if "user_version" in sql.lower() else None)
        Hero(store, "anna").people.ensure_me()
        Hero(store, "anna").learning.set_holiday(None)
        assert store.probe_pending and journals == []  # written without the question
        assert store.read_only is False and not store.probe_pending
        assert any("user_version" in sql.lower() for sql in journals)  # asked once, when asked
    finally:
        store.close()
