"""`herotui breakfast ...` in-process: list, claim, release, rsvp, waitlist, hand-over, ics, admin.

The command line runs on the real clock, so dates come from `breakfast list --json`, never
from the calendar of the day the test was written.
"""

from __future__ import annotations

import json

import pytest
from icalendar import Calendar

from herotui.cli import main


@pytest.fixture
def cli(db_path, monkeypatch, capsys):
    """cli("erik", "breakfast", "list") -> (exit code, stdout, stderr) as that colleague."""

    def run(login: str, *args: str) -> tuple[int, str, str]:
        monkeypatch.setenv("HEROTUI_USER", login)
        code = main([*args, "--db", str(db_path)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def upcoming_days(cli) -> list[str]:
    code, out, _ = cli("anna", "breakfast", "list", "--json")
    assert code == 0
    return [slot["local_start"][:10] for slot in json.loads(out)["breakfasts"]]


def test_list_shows_twelve_upcoming_and_an_empty_archive(cli):
    code, out, _ = cli("anna", "breakfast", "list", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["breakfasts"]) == 12
    assert data["rule"] == {"nth": 1, "weekday": 5, "start": "08:00", "minutes": 60}
    assert all(s["local_start"][11:16] == "08:00" for s in data["breakfasts"])
    code, out, _ = cli("anna", "breakfast", "list")
    assert code == 0 and len(out.strip().splitlines()) == 12 and "free" in out
    code, out, _ = cli("anna", "breakfast", "list", "--past")
    assert code == 0 and "No past breakfasts yet" in out


def test_claim_then_a_colleague_is_refused_with_the_hosts_name(cli, hero_for):
    hero_for("erik").people.set_display_name("Erik Lind")
    day = upcoming_days(cli)[0]
    code, out, _ = cli("erik", "breakfast", "claim", day, "--topic", "Lönekartläggning", "--area", "Lön och förmåner")
    assert code == 0 and "Lönekartläggning" in out
    code, out, err = cli("anna", "breakfast", "claim", day, "--topic", "Annat")
    assert code == 1 and "Erik Lind" in err and "Taken" in err
    code, out, _ = cli("anna", "breakfast", "show", day, "--json")
    shown = json.loads(out)
    assert shown["host_login"] == "erik" and shown["areas"] == ["Lön och förmåner"]


def test_claim_usage_and_unknown_dates(cli):
    day = upcoming_days(cli)[0]
    with pytest.raises(SystemExit) as usage:
        main(["breakfast", "claim", day])  # --topic is required
    assert usage.value.code == 2
    code, _, err = cli("erik", "breakfast", "claim", "1999-01-01", "--topic", "x")
    assert code == 1 and "No breakfast on" in err
    code, _, err = cli("erik", "breakfast", "claim", "next friday", "--topic", "x")
    assert code == 1 and "is not a date" in err


def test_release_rsvp_and_show_who_is_coming(cli):
    day = upcoming_days(cli)[1]
    assert cli("erik", "breakfast", "claim", day, "--topic", "Frukostämne")[0] == 0
    code, out, _ = cli("maria", "breakfast", "rsvp", day)
    assert code == 0 and "1 signed up" in out
    code, out, _ = cli("erik", "breakfast", "show", day)
    assert "Coming: maria" in out
    code, out, _ = cli("lars", "breakfast", "show", day)
    assert "Coming:" not in out and "1 coming" in out
    code, out, _ = cli("maria", "breakfast", "rsvp", day, "--no")
    assert code == 0 and "0 signed up" in out
    code, _, err = cli("maria", "breakfast", "release", day)
    assert code == 1 and "not your breakfast" in err
    code, out, _ = cli("erik", "breakfast", "release", day)
    assert code == 0 and "free again" in out


def test_waitlist_and_handover(cli):
    days = upcoming_days(cli)
    assert cli("maria", "breakfast", "list")[0] == 0  # maria has used herotui once
    for index, day in enumerate(days):
        assert cli(f"host{index}", "breakfast", "claim", day, "--topic", f"Ämne {index}")[0] == 0
    code, out, _ = cli("erik", "breakfast", "waitlist")
    assert code == 0 and "number 1" in out
    code, out, _ = cli("anna", "breakfast", "waitlist", "--show")
    assert "1. erik" in out
    assert cli("host0", "breakfast", "release", days[0])[0] == 0
    code, out, _ = cli("erik", "breakfast", "list")
    assert "first in line" in out and f"claim {days[0]}" in out
    assert cli("erik", "breakfast", "claim", days[0], "--topic", "Från kön")[0] == 0
    code, out, _ = cli("erik", "breakfast", "handover", days[0], "maria")
    assert code == 0 and "offered to maria" in out
    code, out, _ = cli("maria", "breakfast", "list")
    assert f"accept {days[0]}" in out
    code, out, _ = cli("maria", "breakfast", "accept", days[0])
    assert code == 0 and "took over" in out
    code, out, _ = cli("anna", "breakfast", "show", days[0], "--json")
    assert json.loads(out)["host_login"] == "maria"
    code, _, err = cli("maria", "breakfast", "decline", days[0])
    assert code == 1 and "No offer" in err


def test_ics_to_stdout_and_to_a_file(cli, tmp_path):
    days = upcoming_days(cli)
    target = tmp_path / "out" / "frukost.ics"
    code, out, _ = cli("anna", "breakfast", "ics", "--out", str(target))
    assert code == 0 and str(target) in out
    calendar = Calendar.from_ical(target.read_bytes())
    assert len(calendar.walk("VEVENT")) == 12
    code, out, _ = cli("anna", "breakfast", "ics", "--date", days[0])
    assert code == 0 and out.count("BEGIN:VEVENT") == 1 and "BEGIN:VTIMEZONE" in out


def test_admin_commands_and_refusals(cli):
    days = upcoming_days(cli)
    code, _, err = cli("erik", "breakfast", "cancel", days[0])
    assert code == 1 and "Only admins" in err
    code, out, _ = cli("anna", "breakfast", "cancel", days[0])
    assert code == 0 and "cancelled" in out
    code, out, _ = cli("anna", "breakfast", "list")
    assert "cancelled" in out.splitlines()[0]
    assert cli("anna", "breakfast", "cancel", days[0], "--undo")[0] == 0
    code, out, _ = cli("anna", "breakfast", "rule")
    assert code == 0 and "First Friday of the month, 08:00-09:00" in out
    code, out, _ = cli("anna", "breakfast", "rule", "--start", "8:30", "--minutes", "45", "--json")
    assert code == 0 and json.loads(out)["start"] == "08:30"
    code, _, err = cli("erik", "breakfast", "rule", "--nth", "2")
    assert code == 1 and "Only admins" in err
    code, _, err = cli("anna", "breakfast", "rule", "--weekday", "9")
    assert code == 1 and "Invalid breakfast rule" in err


def test_swedish_output(cli):
    code, out, _ = cli("anna", "breakfast", "rule", "--lang", "sv")
    assert code == 0 and "Första fredagen i månaden" in out
    code, out, _ = cli("anna", "breakfast", "list", "--lang", "sv")
    assert "ledig" in out and "v. " in out
