"""Calendar files: valid iCalendar that parses back, stable UIDs, a time zone, an alarm."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar

from herotui import i18n
from herotui.services.ics import export_dir, file_name

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(data: bytes) -> Calendar:
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # RFC 5545 folds long lines
    return Calendar.from_ical(data)


def test_all_upcoming_breakfasts_parse_back(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    slots = list(anna.breakfast.overview().upcoming)
    erik.breakfast.claim(slots[0].uuid, "Psykologisk trygghet i team", "Vi pratar om " + "lång text " * 20,
                         ["Ledarskap"])
    anna.breakfast.cancel(slots[2].uuid)
    calendar = parse(anna.breakfast.ics())
    assert calendar["PRODID"] and calendar["VERSION"] == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == 12  # every upcoming breakfast, the cancelled one as STATUS:CANCELLED
    assert {str(e["UID"]) for e in events} == {f"{s.uuid}@herotui" for s in slots}
    first = events[0]
    assert "Psykologisk trygghet i team" in str(first["SUMMARY"]) and "erik" in str(first["SUMMARY"])
    assert "Host: erik" in str(first["DESCRIPTION"]) and "Ledarskap" in str(first["DESCRIPTION"])
    assert first.decoded("DTSTART") == slots[0].local_start and slots[0].local_start.hour == 8
    assert first["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(hours=1)
    alarm = parse(erik.breakfast.ics()).walk("VEVENT")[0].walk("VALARM")[0]  # erik hosts it
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(days=-1)
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Stockholm"]
    assert "host wanted" in str(events[1]["SUMMARY"])


def test_summer_and_winter_breakfasts_keep_eight_oclock(hero):
    slots = list(hero.breakfast.overview().upcoming)  # twelve months always hold both seasons
    winter = next(s for s in slots if s.local_start.utcoffset() == timedelta(hours=1))
    summer = next(s for s in slots if s.local_start.utcoffset() == timedelta(hours=2))
    calendar = parse(hero.breakfast.ics([winter.uuid, summer.uuid]))
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    pair = [starts[f"{winter.uuid}@herotui"], starts[f"{summer.uuid}@herotui"]]
    assert [s.astimezone(STOCKHOLM).hour for s in pair] == [8, 8]
    assert [s.astimezone(timezone.utc).hour for s in pair] == [7, 6]


def test_uid_is_stable_and_a_move_raises_the_sequence(hero_for):
    anna = hero_for("anna")
    slot = anna.breakfast.overview().upcoming[1]
    before = parse(anna.breakfast.ics([slot.uuid])).walk("VEVENT")[0]
    target = slot.day + timedelta(days=7)
    anna.breakfast.move(slot.uuid, target)
    after = parse(anna.breakfast.ics([slot.uuid])).walk("VEVENT")[0]
    assert str(before["UID"]) == str(after["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART").date() == target


def test_a_cancelled_breakfast_exported_alone_says_so(hero_for):
    anna = hero_for("anna")
    slot = anna.breakfast.overview().upcoming[0]
    anna.breakfast.cancel(slot.uuid)
    event = parse(anna.breakfast.ics([slot.uuid])).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_hostile_text_cannot_break_the_file(hero_for):
    erik = hero_for("erik")
    slot = erik.breakfast.overview().upcoming[0]
    erik.breakfast.claim(slot.uuid, "x\r\nEND:VEVENT\r\nBEGIN:VEVENT;evil", "rad\nEND:VCALENDAR\n, ; \\ ok")
    calendar = parse(erik.breakfast.ics([slot.uuid]))
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert "END:VCALENDAR" in str(events[0]["DESCRIPTION"])


def test_swedish_text_and_file_names(hero, monkeypatch, tmp_path):
    i18n.set_language("sv")
    slot = hero.breakfast.overview().upcoming[0]
    event = parse(hero.breakfast.ics([slot.uuid])).walk("VEVENT")[0]
    assert "Kunskapsfrukost" in str(event["SUMMARY"])
    assert file_name(slot.day) == f"frukost-{slot.day.isoformat()}.ics"
    monkeypatch.setenv("HEROTUI_EXPORT_DIR", str(tmp_path / "kalender"))
    assert export_dir() == tmp_path / "kalender"
