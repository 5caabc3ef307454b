"""Calendars that update (issue 14): SEQUENCE is a per-breakfast revision that every visible change
raises, the full export carries cancellations, alarms only where you host or come, a single
breakfast names no calendar, and a second parser (vobject) and a real calendar program (khal) agree.

Dates come from the breakfasts the service made at the suite's moment (`clock`), never from a
calendar page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from herotui.cli import main


def events(data: bytes) -> dict[str, object]:
    """UID -> VEVENT of an export."""
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def sequence(hero, uuid: str) -> int:
    event = events(hero.breakfast.ics([uuid]))[f"{uuid}@herotui"]
    assert event.get("DTSTAMP") is not None  # RFC 5545: DTSTAMP with every SEQUENCE
    return int(event["SEQUENCE"])


def free_upcoming(hero):
    return [s for s in hero.breakfast.overview().upcoming if s.is_free]


def test_sequence_grows_with_every_change_a_calendar_shows(hero_for):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    slot = free_upcoming(anna)[1]
    seen = [sequence(anna, slot.uuid)]

    def grew() -> None:
        seen.append(sequence(anna, slot.uuid))
        assert seen[-1] > seen[-2], seen

    first_move = slot.day + timedelta(days=7)
    anna.breakfast.move(slot.uuid, first_move)
    grew()
    anna.breakfast.move(slot.uuid, first_move + timedelta(days=7))  # a second move
    grew()
    anna.breakfast.move(slot.uuid, first_move + timedelta(days=7), "09:30")  # only the time
    grew()
    erik.breakfast.claim(slot.uuid, "Första ämnet")  # a host
    grew()
    erik.breakfast.edit(slot.uuid, "Ett annat ämne")  # a topic
    grew()
    offer = erik.breakfast.offer(slot.uuid, "maria")
    maria.breakfast.answer(offer.uuid, True)  # a new host
    grew()
    maria.breakfast.release(slot.uuid)
    grew()
    anna.breakfast.cancel(slot.uuid)
    grew()
    anna.breakfast.cancel(slot.uuid, cancelled=False)  # restoring never goes back down
    grew()
    assert anna.breakfast.slot(slot.uuid).revision == seen[-1]
    # Saying the same thing again (a replay) changes nothing a calendar shows.
    anna.breakfast.cancel(slot.uuid, cancelled=False)
    assert sequence(anna, slot.uuid) == seen[-1]


def test_sequence_grows_with_areas_description_and_the_names_in_the_event(hero_for):
    """Other changes a calendar shows: the focus areas (CATEGORIES), the description, the host's
    name (SUMMARY) and an area's name. Each raises SEQUENCE; a replay of the same edit does not."""
    anna, erik = hero_for("anna"), hero_for("erik")
    areas = [a.name for a in anna.areas.list()]
    slot, other = free_upcoming(anna)[1], free_upcoming(anna)[2]
    erik.breakfast.claim(slot.uuid, "Ämne", "", areas=[areas[0]])
    seen = [sequence(anna, slot.uuid)]

    def grew(what: str) -> None:
        seen.append(sequence(anna, slot.uuid))
        assert seen[-1] > seen[-2], (what, seen)

    erik.breakfast.edit(slot.uuid, "Ämne", "", areas=[areas[0], areas[1]])
    grew("an area added")
    erik.breakfast.edit(slot.uuid, "Ämne", "", areas=[areas[1]])
    grew("an area removed")
    erik.breakfast.edit(slot.uuid, "Ämne", "", areas=[areas[1]])
    assert sequence(anna, slot.uuid) == seen[-1]  # the same again changes nothing
    erik.breakfast.edit(slot.uuid, "Ämne", "Ta med frågor", areas=[areas[1]])
    grew("the description")
    other_before = sequence(anna, other.uuid)
    anna.areas.rename(areas[1], "Nytt namn på området")
    grew("the area's name")
    erik.people.set_display_name("Erik Lund")
    grew("the host's name")
    assert "Erik Lund" in str(events(anna.breakfast.ics())[f"{slot.uuid}@herotui"]["SUMMARY"])
    assert sequence(anna, other.uuid) == other_before  # breakfasts that show neither stay as they were


def test_a_rule_change_raises_the_sequence_of_the_breakfasts_it_moves(hero_for):
    anna = hero_for("anna")
    slots = free_upcoming(anna)
    before = {s.uuid: s.revision for s in slots}
    rule = anna.breakfast.rule().as_setting()
    anna.breakfast.set_rule({**rule, "start": "09:00"})
    after = {s.uuid: s for s in anna.breakfast.overview().upcoming}
    for uuid, revision in before.items():
        assert after[uuid].local_start.strftime("%H:%M") == "09:00"
        assert after[uuid].revision > revision


def test_the_full_export_carries_upcoming_cancellations(hero_for, clock):
    anna = hero_for("anna")
    slots = list(anna.breakfast.overview().upcoming)
    target, later = slots[1], slots[2]
    sequence_before = sequence(anna, target.uuid)
    anna.breakfast.cancel(target.uuid)
    exported = events(anna.breakfast.ics())
    assert set(exported) == {f"{s.uuid}@herotui" for s in slots}
    cancelled = exported[f"{target.uuid}@herotui"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) > sequence_before
    assert not cancelled.walk("VALARM")
    assert str(exported[f"{later.uuid}@herotui"]["STATUS"]) == "CONFIRMED"
    # Once it is over, it is history and leaves the "all upcoming" file.
    clock.set(target.starts_at + timedelta(days=1))
    assert f"{target.uuid}@herotui" not in events(anna.breakfast.ics())


def test_alarms_only_where_i_host_or_come_unless_asked(hero_for):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    slots = free_upcoming(anna)
    hosted, coming = slots[0], slots[1]
    erik.breakfast.claim(hosted.uuid, "Värd")
    maria.breakfast.rsvp(coming.uuid)

    def with_alarm(hero, **kwargs) -> set[str]:
        return {uid for uid, e in events(hero.breakfast.ics(**kwargs)).items() if e.walk("VALARM")}

    assert with_alarm(erik) == {f"{hosted.uuid}@herotui"}
    assert with_alarm(maria) == {f"{coming.uuid}@herotui"}
    assert with_alarm(anna) == set()
    everything = {f"{s.uuid}@herotui" for s in anna.breakfast.overview().upcoming}
    assert with_alarm(anna, all_alarms=True) == everything


def test_only_the_all_upcoming_file_names_a_calendar(hero_for):
    anna = hero_for("anna")
    slot = free_upcoming(anna)[0]
    single = Calendar.from_ical(anna.breakfast.ics([slot.uuid]))
    assert "X-WR-CALNAME" not in single and len(single.walk("VEVENT")) == 1
    assert single.walk("VTIMEZONE")  # the time zone still travels with it
    assert "X-WR-CALNAME" in Calendar.from_ical(anna.breakfast.ics())


def test_cli_single_file_has_no_calendar_name_and_alarms_are_an_option(db_path, clock, hero_for, tmp_path,
                                                                      capsys):
    anna = hero_for("anna")
    slot = free_upcoming(anna)[0]
    single, full, loud = tmp_path / "one.ics", tmp_path / "all.ics", tmp_path / "loud.ics"
    assert main(["breakfast", "ics", "--date", slot.day.isoformat(), "--out", str(single), "--db", str(db_path)]) == 0
    assert main(["breakfast", "ics", "--out", str(full), "--db", str(db_path)]) == 0
    assert main(["breakfast", "ics", "--all-alarms", "--out", str(loud), "--db", str(db_path)]) == 0
    assert b"X-WR-CALNAME" not in single.read_bytes() and b"X-WR-CALNAME" in full.read_bytes()
    assert b"BEGIN:VALARM" not in full.read_bytes() and b"BEGIN:VALARM" in loud.read_bytes()


def test_a_second_parser_reads_the_export_the_same_way(hero_for):
    anna, erik = hero_for("anna"), hero_for("erik")
    slots = free_upcoming(anna)
    erik.breakfast.claim(slots[0].uuid, "Kompetens; \"citat\", och \\ snedstreck", "rad ett\nrad två")
    anna.breakfast.move(slots[1].uuid, slots[1].day + timedelta(days=7))
    anna.breakfast.cancel(slots[2].uuid)
    data = anna.breakfast.ics().decode("utf-8")
    parsed = vobject.readOne(data)
    by_uid = {e.uid.value: e for e in parsed.vevent_list}
    assert parsed.x_wr_calname.value
    for slot in anna.breakfast.overview().upcoming:
        event = by_uid[f"{slot.uuid}@herotui"]
        assert int(event.sequence.value) == slot.revision
        assert event.dtstart.value == slot.local_start
        assert event.dtstart.value.utcoffset() == slot.local_start.utcoffset()
        assert event.status.value == ("CANCELLED" if slot.is_cancelled else "CONFIRMED")
        assert event.dtstamp.value is not None
    assert "Kompetens; \"citat\", och \\ snedstreck" in by_uid[f"{slots[0].uuid}@herotui"].summary.value


# -- a real calendar program -------------------------------------------------------------------------


def _require_khal() -> str:
    found = shutil.which("khal")
    if found:
        return found
    message = ("khal is not installed: the import into a real calendar program was NOT verified "
               "(apt-get install khal; CI installs it in .ci/setup.d/30-calendars.sh)")
    if os.environ.get("HEROTUI_REQUIRE_CALENDAR"):
        pytest.fail(message + " but HEROTUI_REQUIRE_CALENDAR=1")
    pytest.skip(message)


def _khal(config: Path, *args: str) -> str:
    done = subprocess.run(["khal", "-c", str(config), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TZ": "Europe/Stockholm", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.calendar_client
@pytest.mark.sqlite_only
def test_khal_applies_a_move_and_a_cancellation_on_reimport(hero_for, tmp_path):
    _require_khal()
    home = tmp_path / "khal"
    (home / "cal").mkdir(parents=True)
    config = home / "config"
    config.write_text(
        "[calendars]\n[[breakfast]]\npath = {cal}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Stockholm\ndefault_timezone = Europe/Stockholm\n"
        "[sqlite]\npath = {db}\n".format(cal=home / "cal", db=home / "khal.db")
    )
    anna = hero_for("anna")
    slots = free_upcoming(anna)
    moving, cancelling = slots[1], slots[2]
    first, last = slots[0].day, slots[-1].day + timedelta(days=40)
    span = f"{(last - first).days}d"

    def import_and_list(name: str) -> list[str]:
        path = tmp_path / name
        path.write_bytes(anna.breakfast.ics())
        _khal(config, "import", "--batch", str(path))
        return _khal(config, "list", "--format", "{start-date} {cancelled}{title}", "--day-format", "",
                     first.isoformat(), span).splitlines()

    before = [line for line in import_and_list("first.ics") if line.strip()]
    assert len(before) == len(slots)
    assert f"{moving.day.isoformat()} Knowledge breakfast (host wanted)" in before
    new_day = moving.day + timedelta(days=7)
    anna.breakfast.move(moving.uuid, new_day)
    anna.breakfast.cancel(cancelling.uuid)
    after = [line for line in import_and_list("second.ics") if line.strip()]
    assert len(after) == len(slots)  # updated in place, not added beside the old copies
    assert f"{new_day.isoformat()} Knowledge breakfast (host wanted)" in after
    assert f"{moving.day.isoformat()} Knowledge breakfast (host wanted)" not in after
    assert f"{cancelling.day.isoformat()} CANCELLED Knowledge breakfast (host wanted)" in after
