"""Past breakfasts are history (read-only everywhere, found with `--past`), and the waitlist gives
the first in line a reserved turn after a release (issue 14). Times come from `clock`."""

from __future__ import annotations

from datetime import timedelta

import pytest

from herotui.cli import main
from herotui.services.errors import Conflict, ValidationError


def upcoming(hero):
    return list(hero.breakfast.overview().upcoming)


# -- past breakfasts --------------------------------------------------------------------------------


def test_a_past_breakfast_is_read_only(hero_for, clock):
    anna, erik, maria = hero_for("anna"), hero_for("erik"), hero_for("maria")
    slot = upcoming(anna)[0]
    erik.breakfast.claim(slot.uuid, "Historia")
    maria.breakfast.rsvp(slot.uuid)
    clock.set(slot.starts_at + timedelta(minutes=slot.minutes + 1))
    with pytest.raises(ValidationError) as info:
        maria.breakfast.rsvp(slot.uuid, coming=False)  # the archive let this through
    assert info.value.key == "breakfast.error.past"
    with pytest.raises(ValidationError):
        erik.breakfast.edit(slot.uuid, "Skrivs om i efterhand")
    with pytest.raises(ValidationError):
        erik.breakfast.release(slot.uuid)
    with pytest.raises(ValidationError):
        anna.breakfast.cancel(slot.uuid)
    past = anna.breakfast.overview().slot(slot.uuid)
    assert past.is_past and past.topic == "Historia" and past.rsvp_count == 1


def test_cli_finds_a_past_breakfast_with_past_and_refuses_changes(db_path, hero_for, clock, monkeypatch, capsys):
    erik, maria = hero_for("erik"), hero_for("maria")
    slot = upcoming(erik)[0]
    erik.breakfast.claim(slot.uuid, "Historia")
    maria.breakfast.rsvp(slot.uuid)
    clock.set(slot.starts_at + timedelta(days=2))
    day = slot.day.isoformat()
    monkeypatch.setenv("HEROTUI_USER", "maria")
    capsys.readouterr()
    assert main(["breakfast", "rsvp", day, "--no", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "--past" in err and "already happened" in err  # not "no breakfast on ..."
    assert main(["breakfast", "rsvp", day, "--no", "--past", "--db", str(db_path)]) == 1
    assert "already happened" in capsys.readouterr().err
    assert main(["breakfast", "show", day, "--past", "--db", str(db_path)]) == 0
    assert "Historia" in capsys.readouterr().out
    assert main(["breakfast", "list", "--past", "--db", str(db_path)]) == 0
    assert "Historia" in capsys.readouterr().out
    assert maria.breakfast.overview().slot(slot.uuid).i_am_coming


def test_every_cli_change_to_a_past_breakfast_is_refused(db_path, hero_for, clock, monkeypatch, capsys):
    """Admins too: cancelling, restoring (it said "is on again" and exit 0 for a breakfast that
    had simply happened), moving and releasing a past breakfast are refused, exit 1."""
    anna, erik = hero_for("anna"), hero_for("erik")
    slot = upcoming(anna)[0]
    erik.breakfast.claim(slot.uuid, "Historia")
    clock.set(slot.starts_at + timedelta(days=2))
    day = slot.day.isoformat()
    later = (slot.day + timedelta(days=30)).isoformat()
    before = anna.breakfast.slot(slot.uuid)
    for login, args in (("anna", ["cancel", day]), ("anna", ["cancel", day, "--undo"]),
                        ("anna", ["move", day, later]), ("anna", ["release", day]), ("anna", ["rsvp", day]),
                        ("erik", ["release", day]), ("erik", ["handover", day, "anna"])):
        monkeypatch.setenv("HEROTUI_USER", login)
        capsys.readouterr()
        assert main(["breakfast", *args, "--past", "--db", str(db_path)]) == 1, args
        captured = capsys.readouterr()
        assert "already happened" in captured.err and not captured.out, (args, captured)
    assert anna.breakfast.slot(slot.uuid) == before


# -- waitlist priority ------------------------------------------------------------------------------


def _claim_everything(hero_for):
    for index, slot in enumerate(upcoming(hero_for("anna"))):
        hero_for(f"host{index}").breakfast.claim(slot.uuid, f"Ämne {index}")


def test_the_first_in_line_gets_a_released_breakfast_reserved(hero_for, clock):
    _claim_everything(hero_for)
    maria, jonas, sara = hero_for("maria"), hero_for("jonas"), hero_for("sara")
    maria.breakfast.join_waitlist()
    clock.advance(minutes=1)
    jonas.breakfast.join_waitlist()
    target = upcoming(maria)[4]
    released_at = clock.now()
    hero_for("host4").breakfast.release(target.uuid)
    turn = maria.breakfast.waitlist().my_turn
    assert turn.uuid == target.uuid and turn.reserved_for_me
    assert turn.reserved_until == released_at + timedelta(hours=48)  # the org's default
    # Nobody else may take it meanwhile, and they are told until when.
    with pytest.raises(Conflict) as info:
        sara.breakfast.claim(target.uuid, "Före kön")
    assert info.value.key == "breakfast.error.reserved" and info.value.params["name"] == "maria"
    assert info.value.params["until"]
    with pytest.raises(Conflict):
        jonas.breakfast.claim(target.uuid, "Jag är tvåa")
    assert jonas.breakfast.waitlist().my_turn is None
    assert sara.breakfast.overview().slot(target.uuid).reserved_name == "maria"
    # Maria passes: the next in line gets the same time from now.
    clock.advance(hours=1)
    maria.breakfast.pass_turn(target.uuid)
    turn = jonas.breakfast.waitlist().my_turn
    assert turn.uuid == target.uuid and turn.reserved_until == clock.now() + timedelta(hours=48)
    assert maria.breakfast.waitlist().my_turn is None and maria.breakfast.waitlist().my_position == 1
    # Jonas lets it run out: nobody is left, so it is free for anyone.
    clock.advance(hours=48, minutes=1)
    assert sara.breakfast.overview().slot(target.uuid).reserved_name is None
    claimed = sara.breakfast.claim(target.uuid, "Ledigt för alla")
    assert claimed.host_login == "sara"


def test_accepting_a_reserved_turn_and_the_org_sets_the_hours(hero_for, clock):
    _claim_everything(hero_for)
    anna, maria = hero_for("anna"), hero_for("maria")
    anna.org.set("waitlist_reserve_hours", 12)
    with pytest.raises(ValidationError):
        anna.org.set("waitlist_reserve_hours", 0)
    maria.breakfast.join_waitlist()
    target = upcoming(maria)[2]
    hero_for("host2").breakfast.release(target.uuid)
    turn = maria.breakfast.waitlist().my_turn
    assert turn.reserved_until == clock.now() + timedelta(hours=12)
    claimed = maria.breakfast.claim(target.uuid, "Tack för turen")
    assert claimed.host_login == "maria" and claimed.reserved_name is None
    waitlist = maria.breakfast.waitlist()
    assert waitlist.my_position is None and waitlist.my_turn is None


def test_cli_tells_the_first_in_line_and_can_pass(db_path, hero_for, clock, monkeypatch, capsys):
    _claim_everything(hero_for)
    maria = hero_for("maria")
    maria.breakfast.join_waitlist()
    target = upcoming(maria)[3]
    hero_for("host3").breakfast.release(target.uuid)
    monkeypatch.setenv("HEROTUI_USER", "maria")
    capsys.readouterr()
    assert main(["breakfast", "list", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "reserved for you until" in out and target.day.isoformat() in out
    assert main(["breakfast", "waitlist", "--pass", target.day.isoformat(), "--db", str(db_path)]) == 0
    assert "passed" in capsys.readouterr().out
    assert maria.breakfast.overview().slot(target.uuid).reserved_name is None


def test_leaving_the_waitlist_hands_the_reservation_on(hero_for, clock):
    """Maria leaves the waitlist while a breakfast is reserved for her: Jonas, next in line, gets
    it at once instead of waiting out her 48 hours (he was refused "reserved for maria")."""
    _claim_everything(hero_for)
    maria, jonas = hero_for("maria"), hero_for("jonas")
    maria.breakfast.join_waitlist()
    clock.advance(minutes=1)
    jonas.breakfast.join_waitlist()
    target = upcoming(maria)[4]
    hero_for("host4").breakfast.release(target.uuid)
    assert maria.breakfast.waitlist().my_turn.uuid == target.uuid
    clock.advance(minutes=5)
    maria.breakfast.leave_waitlist()
    turn = jonas.breakfast.waitlist().my_turn
    assert turn is not None and turn.uuid == target.uuid
    assert turn.reserved_until == clock.now() + timedelta(hours=48)
    assert jonas.breakfast.claim(target.uuid, "Min tur").host_login == "jonas"


def test_one_reservation_at_a_time_and_hosting_hands_the_rest_on(hero_for, clock):
    """Two breakfasts released: the first in line gets one, the second in line the other. When
    someone in line becomes a host, the reservation they held goes to the next in line."""
    _claim_everything(hero_for)
    maria, jonas, sara = hero_for("maria"), hero_for("jonas"), hero_for("sara")
    for person in (maria, jonas, sara):
        person.breakfast.join_waitlist()
        clock.advance(minutes=1)
    first, second = upcoming(maria)[4], upcoming(maria)[5]
    hero_for("host4").breakfast.release(first.uuid)
    hero_for("host5").breakfast.release(second.uuid)
    assert maria.breakfast.overview().slot(first.uuid).reserved_name == "maria"
    assert maria.breakfast.overview().slot(second.uuid).reserved_name == "jonas"
    # Jonas takes a breakfast handed over to him instead: his reservation goes on to Sara.
    third = upcoming(maria)[6]
    offer = hero_for("host6").breakfast.offer(third.uuid, "jonas")
    jonas.breakfast.answer(offer.uuid, True)
    assert maria.breakfast.overview().slot(second.uuid).reserved_name == "sara"
    assert sara.breakfast.waitlist().my_turn.uuid == second.uuid


def test_a_cancelled_reservation_frees_the_person_and_a_restore_offers_it_again(hero_for, clock):
    """A reserved breakfast that an admin cancels no longer holds its person (who would otherwise
    be passed over for the next release for up to 48 hours); restored, it goes to the first in line."""
    _claim_everything(hero_for)
    anna, maria, jonas = hero_for("anna"), hero_for("maria"), hero_for("jonas")
    maria.breakfast.join_waitlist()
    clock.advance(minutes=1)
    jonas.breakfast.join_waitlist()
    first, second = upcoming(maria)[4], upcoming(maria)[5]
    hero_for("host4").breakfast.release(first.uuid)
    assert maria.breakfast.waitlist().my_turn.uuid == first.uuid
    anna.breakfast.cancel(first.uuid)
    assert maria.breakfast.waitlist().my_turn is None
    hero_for("host5").breakfast.release(second.uuid)
    assert maria.breakfast.waitlist().my_turn.uuid == second.uuid  # she is first in line again
    anna.breakfast.cancel(first.uuid, cancelled=False)
    assert anna.breakfast.overview().slot(first.uuid).reserved_name == "jonas"


def test_a_month_left_out_ends_the_reservation_of_its_breakfast(hero_for, clock):
    """The plan cancels a reserved breakfast (its month left out): the reservation ends, so the
    person is first in line for the next release instead of being passed over as if she held one;
    when the month comes back, the breakfast is offered down the line again."""
    _claim_everything(hero_for)
    anna, maria = hero_for("anna"), hero_for("maria")
    maria.breakfast.join_waitlist()
    slots = upcoming(maria)
    target = next(s for s in slots if s.rule_key)
    other = next(s for s in slots if s.rule_key and s.day.month != target.day.month)
    hero_for(f"host{slots.index(target)}").breakfast.release(target.uuid)
    assert maria.breakfast.waitlist().my_turn.uuid == target.uuid
    anna.org.set("breakfast_months_off", [target.day.month])
    assert anna.breakfast.slot(target.uuid).is_cancelled and maria.breakfast.waitlist().my_turn is None
    hero_for(f"host{slots.index(other)}").breakfast.release(other.uuid)
    assert maria.breakfast.waitlist().my_turn.uuid == other.uuid
    maria.breakfast.pass_turn(other.uuid)
    anna.org.set("breakfast_months_off", [])
    assert anna.breakfast.overview().slot(target.uuid).reserved_name == "maria"
