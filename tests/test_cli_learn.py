"""`herotui learn ...`: the timer, logging and the week from the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from herotui.cli import main
from herotui.clock import FakeClock
from herotui.store.models import Share

from conftest import EN_MONTHS, en_day_time, iso_week_name, local_now, local_today, week_monday


def en_date(day: date) -> str:
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


@pytest.fixture
def cli(db_path, clock, monkeypatch, capsys):
    """Run `herotui ... --db <test file>` in-process; returns (code, out, err).

    The command reads its clock from `HEROTUI_CLOCK`, which the test clock keeps current, exactly
    as a command started as its own process would."""

    def run(*args: str, login: str = "anna"):
        monkeypatch.setenv("HEROTUI_USER", login)
        code = main([*args, "--db", str(db_path)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_start_pause_resume_stop(cli, clock: FakeClock):
    started = local_now(clock)
    code, out, _ = cli("learn", "start", "--kind", "podcast", "--title", "Podd: LAS", "--area", "Arbetsrätt")
    assert code == 0 and f"Timer started at {en_day_time(started)}" in out
    code, _, err = cli("learn", "start")
    assert code == 1 and "You already have a timer going" in err
    clock.advance(minutes=20)
    assert cli("learn", "pause")[1].strip() == "Paused at 0:20:00."
    clock.advance(minutes=30)
    assert cli("learn", "resume")[1].strip() == "Running again, 0:20:00 so far."
    clock.advance(minutes=25)
    code, out, _ = cli("learn", "stop", "--note", "Bra avsnitt")
    assert code == 0 and out.strip() == f"Logged: 45 min - Podd: LAS (week {started.isocalendar().week})."
    code, _, err = cli("learn", "stop")
    assert code == 1 and "You have no timer running." in err


def test_stop_share_posts_to_the_feed(cli, clock, store):
    cli("learn", "start", "--title", "Webbinarium", "--kind", "webinar", "--link", "https://example.se/w",
        "--area", "AI i HR")
    clock.advance(minutes=50)
    code, out, _ = cli("learn", "stop", "--share")
    assert code == 0 and "Shared in the feed." in out
    share = store.read(lambda: Share.get())
    assert (share.title, share.kind, share.url) == ("Webbinarium", "webinar", "https://example.se/w")
    assert store.read(lambda: share.from_session.minutes) == 50


def test_a_long_timer_needs_a_decision(cli, clock):
    cli("learn", "start", "--title", "Glömd")
    clock.advance(hours=7)
    code, _, err = cli("learn", "stop")
    assert code == 1 and "longer than 3 h" in err and "--minutes N" in err
    code, out, _ = cli("learn", "stop", "--minutes", "60")
    assert code == 0 and "Logged: 1 h - Glömd" in out
    cli("learn", "start", "--title", "Glömd igen")
    clock.advance(hours=9)
    assert cli("learn", "discard")[0] == 0
    assert json.loads(cli("learn", "week", "--json")[1])["minutes"] == 60


def test_log_validation_and_back_dating(cli, clock):
    yesterday = local_today(clock) - timedelta(days=1)
    code, out, _ = cli("learn", "log", "35", "--kind", "podcast", "--title", "Podd på tåget", "--date",
                       yesterday.isoformat(), "--area", "Ledarskap", "--note", "Lyssnade på tåget")
    assert code == 0 and out.strip() == f"Logged: 35 min - Podd på tåget, {en_date(yesterday)}."
    tomorrow = local_today(clock) + timedelta(days=1)
    for args, message in (
        (("0",), "Give 1 to 600 minutes."),
        (("601",), "Give 1 to 600 minutes."),
        (("30", "--date", tomorrow.isoformat()), "cannot be in the future"),
        (("30", "--date", "tisdag"), "YYYY-MM-DD"),
        (("30", "--area", "Astrologi"), "Unknown focus area: Astrologi"),
    ):
        code, _, err = cli("learn", "log", *args[:1], "--kind", "book", "--title", "x", *args[1:])
        assert code == 1 and message in err, (args, err)
    code, _, err = cli("learn", "log", "30", "--kind", "book", "--title", "  ")
    assert code == 1 and "Please give a title" in err
    with pytest.raises(SystemExit) as usage:
        cli("learn", "log", "30", "--kind", "tiktok", "--title", "x")
    assert usage.value.code == 2


def test_week_json_is_for_the_current_person(cli, clock):
    cli("learn", "log", "45", "--kind", "book", "--title", "Bok", "--area", "Ledarskap")
    cli("learn", "log", "30", "--kind", "article", "--title", "Eriks", login="erik")
    cli("learn", "start", "--title", "Pågår")
    clock.advance(minutes=5)
    code, out, _ = cli("learn", "week", "--json")
    data = json.loads(out)
    assert code == 0
    week = local_today(clock).isocalendar().week
    assert (data["person"], data["week"], data["minutes"], data["goal"], data["goal_met"], data["streak"]) == (
        "anna", week, 45, 60, False, 0)
    assert [s["title"] for s in data["sessions"]] == ["Bok"]
    assert data["sessions"][0]["areas"] == ["Ledarskap"]
    assert data["timer"]["status"] == "running" and data["timer"]["elapsed_seconds"] == 300
    text = cli("learn", "week")[1]
    assert f"week {week}: 45 of 60 min" in text and "Timer: running, 0:05:00" in text and "Bok" in text


def test_week_in_swedish_and_streak_with_a_holiday(cli, clock):
    monday = week_monday(local_today(clock))
    last_week = iso_week_name(monday - timedelta(weeks=1))
    cli("learn", "log", "60", "--kind", "book", "--title", "a", "--date", (monday - timedelta(days=13)).isoformat())
    cli("learn", "holiday", "--week", last_week)
    cli("learn", "log", "60", "--kind", "book", "--title", "b")
    code, out, _ = cli("learn", "week", "--lang", "sv")
    week = monday.isocalendar().week
    assert code == 0 and f"v. {week}: 60 av 60 min - målet är nått!" in out and "Svit: 2 veckor" in out
    cli("learn", "holiday", "--week", last_week, "--off")
    assert "Streak: 1 week\n" in cli("learn", "week")[1]


def test_edit_and_delete_by_uuid(cli, clock):
    cli("learn", "log", "20", "--kind", "book", "--title", "Bok")
    uuid = json.loads(cli("learn", "week", "--json")[1])["sessions"][0]["uuid"]
    code, _, err = cli("learn", "edit", uuid, "--minutes", "40", login="erik")
    assert code == 1 and "only change your own" in err
    monday = week_monday(local_today(clock))
    code, out, _ = cli("learn", "edit", uuid, "--minutes", "40", "--title", "Boken om LAS", "--date", monday.isoformat())
    assert code == 0 and out.strip() == f"Changed: 40 min - Boken om LAS, {en_date(monday)}."
    assert cli("learn", "delete", uuid)[0] == 0
    assert json.loads(cli("learn", "week", "--json")[1])["sessions"] == []
