"""`migrate --merge` on a real server: merging twice, a changed file, and a second team's file."""

from __future__ import annotations

import json

from herotui.cli import main
from herotui.demo import DemoSize, create_demo_database
from herotui.services.hero import Hero
from herotui.store import create_store, open_store
from herotui.store.models import ALL_MODELS, BreakfastSlot, FocusArea, Person, Share

SMALL = DemoSize(people=8, shares=40, sessions=30, breakfast_months_back=2, breakfast_months_ahead=3)


def _counts(store) -> dict[str, int]:
    return store.read(lambda: {m._meta.table_name: m.select().count() for m in ALL_MODELS})


def _merge(source, target, capsys) -> dict:
    code = main(["migrate", "--from", str(source), "--to", target, "--merge", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""  # no progress bar when the output is not a terminal
    report = json.loads(captured.out)
    assert report["ok"] is True
    return report


def _table(report: dict, name: str) -> dict:
    return next(t for t in report["tables"] if t["table"] == name)


def _total(report: dict, key: str) -> int:
    return sum(t[key] for t in report["tables"])


def test_merging_twice_carries_later_changes_and_then_changes_nothing(tmp_path, pg_target, clock, capsys):
    source = tmp_path / "team.db"
    team = create_demo_database(str(source), clock=clock, size=SMALL)
    Hero(team, "anna.berg", clock=clock).breakfast.ensure_slots()  # the rule's months, as the app makes them
    assert main(["migrate", "--from", str(source), "--to", pg_target]) == 0
    capsys.readouterr()

    # After the first copy the file lives on: a claim and an edited share.
    clock.advance(hours=1)
    hero = Hero(team, "erik.nystrom", clock=clock)
    hero.people.ensure_me()
    free = next(s for s in hero.breakfast.upcoming() if s.is_free)
    hero.breakfast.claim(free.uuid, "Feedback som fungerar")
    share_uuid, url, kind, author, areas = team.read(lambda: (lambda s: (
        s.uuid, s.url, s.kind, s.person.login, [link.area.name for link in s.area_links]))(
        Share.select().order_by(Share.id).first()))
    Hero(team, author, clock=clock).shares.edit(share_uuid, url, "Ny rubrik", kind, areas)
    expected = _counts(team)
    team.close()

    first = _merge(source, pg_target, capsys)
    slots = _table(first, "breakfast_slot")
    assert slots["updated"] == 1 and slots["copied"] == 0, json.dumps(first)
    assert _table(first, "share")["updated"] == 1
    assert _table(first, "person")["copied"] == 1  # erik.nystrom was new in the file
    assert first["conflicts"] == []
    pg = open_store(pg_target, clock=clock)
    assert _counts(pg) == expected
    claimed = pg.read(lambda: BreakfastSlot.get(BreakfastSlot.uuid == free.uuid))
    assert claimed.topic == "Feedback som fungerar"
    assert pg.read(lambda: Share.get(Share.uuid == share_uuid).title) == "Ny rubrik"
    pg.close()

    again = _merge(source, pg_target, capsys)
    assert _total(again, "copied") == 0 and _total(again, "updated") == 0 and _total(again, "conflicts") == 0
    assert _total(again, "kept") == _total(again, "source") == sum(expected.values())


def test_merging_a_second_team_joins_breakfasts_and_lists_conflicts(tmp_path, pg_target, clock, capsys):
    first = tmp_path / "team-a.db"
    team_a = create_demo_database(str(first), clock=clock, size=SMALL)
    Hero(team_a, "anna.berg", clock=clock).breakfast.ensure_slots()
    team_a.close()
    assert main(["migrate", "--from", str(first), "--to", pg_target]) == 0
    capsys.readouterr()
    pg = open_store(pg_target, clock=clock)
    before = _counts(pg)
    hero_a = Hero(pg, "anna.berg", clock=clock)
    slots_a = {s.uuid: s for s in hero_a.breakfast.upcoming()}
    pg.close()

    second = tmp_path / "team-b.db"
    team_b = create_store(str(second), creator_login="zara", creator_name="Zara Holm", clock=clock)
    zara = Hero(team_b, "zara", clock=clock)
    zara.people.ensure_me()
    zara.breakfast.ensure_slots()
    upcoming_b = zara.breakfast.upcoming()
    for slot in upcoming_b:
        zara.breakfast.claim(slot.uuid, f"Team B om {slot.day.isoformat()}")
    zara.shares.post("https://example.org/team-b", "Team B:s tips", "article", ["Ledarskap"])
    team_b.close()

    report = _merge(second, pg_target, capsys)
    pg = open_store(pg_target, clock=clock)
    after = _counts(pg)
    # Same month, same breakfast: no slot was added for months team A already had.
    by_day_a = {s.day: s for s in slots_a.values()}
    shared_months = [s for s in upcoming_b if s.day in by_day_a]
    assert shared_months
    assert after["breakfast_slot"] == before["breakfast_slot"] + len(upcoming_b) - len(shared_months)
    taken = [s for s in shared_months if by_day_a[s.day].host_login is None]
    busy = [s for s in shared_months if by_day_a[s.day].host_login is not None]
    assert _table(report, "breakfast_slot")["updated"] == len(taken)
    assert len([c for c in report["conflicts"] if c["table"] == "breakfast_slot"]) == len(busy)
    for slot in taken:
        row = pg.read(lambda: BreakfastSlot.get(BreakfastSlot.uuid == by_day_a[slot.day].uuid))
        assert row.topic.startswith("Team B")
    assert after["person"] == before["person"] + 1
    assert after["share"] == before["share"] + 1
    assert pg.read(lambda: FocusArea.select().where(FocusArea.name == "Ledarskap").count()) == 1
    assert pg.read(lambda: Person.get(Person.login == "zara").display_name) == "Zara Holm"
    pg.close()
    # Text output names each conflict.
    assert main(["migrate", "--from", str(second), "--to", pg_target, "--merge"]) == 0
    text = capsys.readouterr().out
    assert text.count("conflict: breakfast_slot") == len(busy)


def test_progress_bar_only_on_a_terminal(tmp_path, pg_target, clock):
    """On a terminal each table gets a progress bar; piped output (above) gets none."""
    import os
    import pty
    import subprocess
    import sys

    source = tmp_path / "team.db"
    create_demo_database(str(source), clock=clock, size=SMALL).close()
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "herotui", "--lang", "en", "migrate", "--from", str(source),
                                "--to", pg_target], stdin=child_fd, stdout=child_fd, stderr=child_fd,
                               env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert process.wait(timeout=60) == 0
    os.close(main_fd)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "━" in shown and "share" in shown and "40/40" in shown


def test_when_each_team_first_recorded_a_colleague_or_an_area_is_no_conflict(tmp_path, pg_target, clock, capsys):
    """The same login and the same area names, recorded by a second team a month later, are the
    same person and areas: kept, not listed as conflicts (only real differences are)."""
    first = tmp_path / "team-a.db"
    team_a = create_store(str(first), creator_login="anna.berg", creator_name="Anna Berg", clock=clock)
    Hero(team_a, "anna.berg", clock=clock).people.ensure_me()
    team_a.close()
    assert main(["migrate", "--from", str(first), "--to", pg_target]) == 0
    capsys.readouterr()

    clock.advance(days=30)
    second = tmp_path / "team-b.db"
    # anna runs both teams' files; zara is new.
    team_b = create_store(str(second), creator_login="anna.berg", creator_name="Anna Berg", clock=clock)
    Hero(team_b, "anna.berg", clock=clock).people.ensure_me()
    Hero(team_b, "zara", clock=clock).people.ensure_me()
    team_b.close()

    report = _merge(second, pg_target, capsys)
    assert report["conflicts"] == [], report["conflicts"]
    areas = _table(report, "focus_area")
    assert areas["source"] > 0 and areas["kept"] == areas["source"]
    people = _table(report, "person")
    assert people["copied"] == 1 and people["kept"] == 1  # zara new; anna the same person
