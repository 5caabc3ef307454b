"""A command line that scripts can trust (issue 14): one command is one outcome, a folder is a
folder, limits say their range, and every share can be listed. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os

import pytest

from herotui.cli import main
from herotui.store.models import LearningSession, Share


@pytest.fixture
def cli(db_target, clock, monkeypatch, capsys):
    """`herotui ... --db <the test database>` in-process: (code, out, err). The command reads its
    clock from `HEROTUI_CLOCK`, which the test clock keeps current."""

    def run(*args: str, login: str = "anna"):
        monkeypatch.setenv("HEROTUI_USER", login)
        capsys.readouterr()
        try:
            code = main([*args, "--db", db_target])
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _counts(store):
    return store.read(lambda: (LearningSession.select().count(), Share.select().count()))


# -- learn log --share: validate everything, then write ------------------------------------------


def test_log_share_without_an_area_writes_nothing(cli, store):
    code, _, err = cli("learn", "log", "30", "--kind", "article", "--title", "Läste om LAS", "--share")
    assert code == 1 and "focus area" in err.lower()
    assert _counts(store) == (0, 0)  # before: the session was logged, then the command failed


def test_log_share_with_an_unknown_area_writes_nothing(cli, store):
    code, _, err = cli("learn", "log", "30", "--kind", "article", "--title", "X", "--area", "Ingen sådan", "--share")
    assert code == 1 and "Ingen sådan" in err
    assert _counts(store) == (0, 0)


def test_log_share_of_an_already_shared_link_writes_nothing_unless_forced(cli, store):
    assert cli("share", "add", "https://example.se/las", "--title", "LAS", "--area", "Arbetsrätt")[0] == 0
    args = ("learn", "log", "30", "--kind", "article", "--title", "LAS igen", "--area", "Arbetsrätt",
            "--link", "http://www.example.se/las/#intro", "--share")
    code, _, err = cli(*args)
    assert code == 1 and "already shared" in err and "--force" in err
    assert _counts(store) == (0, 1)
    code, out, _ = cli(*args)  # a script that retries gets the same single outcome
    assert code == 1 and _counts(store) == (0, 1)
    code, out, _ = cli(*args, "--force")
    assert code == 0 and "Shared in the feed." in out
    assert _counts(store) == (1, 2)


def test_log_share_that_is_fine_logs_and_shares_once(cli, store):
    code, out, _ = cli("learn", "log", "45", "--kind", "podcast", "--title", "Podd", "--area", "Ledarskap",
                       "--link", "https://example.se/podd", "--share")
    assert code == 0 and "Shared in the feed." in out
    assert _counts(store) == (1, 1)


def test_the_learning_link_check_is_the_sharing_link_check(cli, store):
    # Before: the learning form accepted what sharing refused (a host of "..", a control character).
    for link in ("https://a..b/x", "https://x.se/\x1b[2J", "https://exa mple.se/"):
        code, _, err = cli("learn", "log", "30", "--kind", "article", "--title", "T", "--link", link)
        assert code == 1, link
    assert _counts(store) == (0, 0)


# -- share list --limit / --all ------------------------------------------------------------------


def test_limit_out_of_range_names_the_range(cli):
    code, _, err = cli("share", "list", "--limit", "100000")
    assert code == 2 and "1 to 10000" in err and "--all" in err
    code, _, err = cli("share", "list", "--limit", "tio")
    assert code == 2 and "1 to 10000" in err


def test_all_lists_every_share_newest_first_as_text_and_json(cli, hero, clock, monkeypatch):
    import herotui.cli.share as share_cli

    monkeypatch.setattr(share_cli, "ALL_PAGE", 20)  # several pages of the stream without a big bank
    _bulk_shares(hero, clock, 123)
    code, out, _ = cli("share", "list", "--all", "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed["total"] == 123 and len(listed["shares"]) == 123
    titles = [s["title"] for s in listed["shares"]]
    assert titles[0] == "Delning 122" and titles[-1] == "Delning 0"
    assert len(set(s["uuid"] for s in listed["shares"])) == 123
    code, out, _ = cli("share", "list", "--all", "--search", "delning 2")
    assert code == 0
    assert sorted(line.split("  ")[-1] for line in out.splitlines() if "Delning" in line) == \
        sorted(f"Delning {n}" for n in range(123) if "2" in str(n))


def _bulk_shares(hero, clock, count: int) -> None:
    """`count` shares, one a minute, in one quick write (insert_many, then the index rebuilt)."""
    from datetime import timedelta

    from peewee import Value

    from herotui.store import search
    from herotui.store.models import FocusArea, Person, ShareArea, new_uuid

    def write() -> None:
        me = Person.get(Person.login == "anna")
        area = FocusArea.get(FocusArea.name == "Ledarskap")
        start = clock.now().replace(microsecond=0) - timedelta(minutes=count)
        Share.insert_many([{"uuid": new_uuid(), "person": me.id, "url": f"https://x.se/{n}",
                            "url_key": f"https://x.se/{n}", "title": f"Delning {n}", "kind": "article", "note": "",
                            "created_at": start + timedelta(minutes=n), "updated_at": start + timedelta(minutes=n)}
                           for n in range(count)]).execute()
        ShareArea.insert_from(Share.select(Share.id, Value(area.id)), [ShareArea.share, ShareArea.area]).execute()
        search.rebuild_index(hero.store.db)

    hero.store.write(write)


# -- backup DIR/ ---------------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_backup_to_a_new_folder_with_a_trailing_separator_creates_it(db_path, tmp_path, capsys):
    target = tmp_path / "kopior" / "nov"
    assert main(["backup", str(target) + os.sep, "--db", str(db_path)]) == 0
    assert target.is_dir()  # before: a file named "nov" was written
    copies = list(target.glob("hero-*.db"))
    assert len(copies) == 1 and "Backup written" in capsys.readouterr().out
    # Without the separator a new name is still a file, as before.
    single = tmp_path / "enkel.db"
    assert main(["backup", str(single), "--db", str(db_path)]) == 0
    assert single.is_file()


@pytest.mark.sqlite_only
def test_backup_to_a_folder_that_cannot_be_made_says_so(db_path, tmp_path, capsys):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    assert main(["backup", str(blocker / "under") + "/", "--db", str(db_path)]) == 1
    assert "Cannot create the folder" in capsys.readouterr().err


def test_stop_share_without_an_area_keeps_the_timer_running(cli, store, clock):
    assert cli("learn", "start", "--kind", "podcast", "--title", "Podd utan område")[0] == 0
    clock.advance(minutes=30)
    statuses = lambda: store.read(lambda: [s.status for s in LearningSession.select()])  # noqa: E731
    code, _, err = cli("learn", "stop", "--share")
    assert code == 1 and "focus area" in err.lower()
    assert statuses() == ["running"] and _counts(store)[1] == 0  # nothing logged: the timer still runs
    code, out, _ = cli("learn", "stop", "--share", "--area", "Ledarskap")
    assert code == 0 and "Shared in the feed." in out
    assert statuses() == ["done"] and _counts(store) == (1, 1)
