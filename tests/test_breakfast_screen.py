"""The breakfast screen, driven with Pilot: every key, the dialogs, colleagues' changes, hostile text."""

from __future__ import annotations

import pytest

import asyncio
from datetime import date, datetime, timedelta, timezone

from textual.widgets import Input, OptionList, Static

from herotui.app import make_app
from herotui.dialogs.confirm import Confirm as ConfirmDialog
from herotui.i18n import format_date, month_name
from herotui.screens.breakfast import BreakfastScreen
from herotui.screens.help import HelpScreen
from herotui.services.hero import Hero
from herotui.screens.breakfast_forms import (
    ClaimForm,
    DateTimeForm,
    HandoverForm,
    OfferAnswer,
    RuleForm,
)
from herotui.store.models import BreakfastSlot, Person, new_uuid
from herotui.widgets.calendar_grid import MonthGrid
from tests.hostile import HOSTILE_STRINGS
from conftest import STOCKHOLM, click, until




async def open_breakfast(app, pilot) -> BreakfastScreen:
    from herotui.screens.welcome import WelcomeScreen

    await app.ready.wait()
    await pilot.pause()
    if isinstance(app.screen, WelcomeScreen):  # a colleague's first run asks for a name: later
        await pilot.press("escape")
    await pilot.press("3")
    screen = app.screen
    assert isinstance(screen, BreakfastScreen)
    await until(pilot, lambda: screen.overview is not None)
    await pilot.pause()
    return screen


async def as_colleague(app, clock, login: str, action):
    """A colleague's write while the app runs: another connection (a thread of its own) on the
    app's store, as a second computer would be. (The fixture's store shares the models' proxy
    with the app, so using it from the event loop would deadlock on the write lock.)"""
    hero = Hero(app.hero.store, login, clock=clock)
    return await asyncio.to_thread(action, hero)


def notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def list_text(screen) -> list[str]:
    listing = screen.query_one("#bf-list", OptionList)
    return [str(option.prompt) for option in listing.options]


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def upcoming(hero):
    return list(hero.breakfast.overview().upcoming)


# -- what it shows --------------------------------------------------------------------------------


async def test_grid_list_detail_and_side_panels(launch_for, hero_for):
    first = upcoming(hero_for("anna"))[0].day
    week = first.isocalendar().week
    hero_for("erik").breakfast.claim(upcoming(hero_for("anna"))[1].uuid, "Arbetsrätt i praktiken")
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        rows = list_text(screen)
        assert len(rows) == 12
        assert rows[0].startswith(f"Fri {first.day} ") and "free" in rows[0]
        assert "erik" in rows[1] and "Arbetsrätt i praktiken" in rows[1]
        grid = screen.query_one("#bf-grid", MonthGrid)
        assert (grid.year, grid.month) == (first.year, first.month) and first in grid.marks
        rendered = str(grid.render())
        assert f"{month_name(first.month)} {first.year}" in rendered and f" {week} " in rendered and "Mon" in rendered
        assert (f"Friday {format_date(first, with_year=True)}, 08:00-09:00 (week {week})"
                in static_text(screen, "#bf-detail"))
        assert "First Friday of the month" in static_text(screen, "#bf-legend")
        assert "never" in static_text(screen, "#bf-rotation")
        assert "free breakfasts" in static_text(screen, "#bf-waitlist")
        palette = [command.title for command in app.get_system_commands(screen)]
        assert "Breakfast: host" in palette and "Breakfast: change the rule" in palette
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        for words in ("host", "release", "hand over", "waitlist", "calendar", "archive", "next month",
                      "extra breakfast (admin)", "the rule (admin)"):
            assert words in text


async def test_rows_fit_one_line_in_a_small_terminal(launch_for, hero_for):
    anna = hero_for("anna")
    for index, slot in enumerate(upcoming(anna)[:4]):
        hero_for(f"colleague{index}").breakfast.claim(slot.uuid, "Ett ganska långt ämne om kompetensbaserad rekrytering")
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakfast(app, pilot)
        listing = screen.query_one("#bf-list", OptionList)
        await pilot.pause()
        assert listing.virtual_size.height == listing.option_count == 12  # no row wraps
        assert "ledig" in list_text(screen)[5]
        await pilot.press("down", "down", "down", "down", "c")  # the claim form fits in 24 lines
        await until(pilot, lambda: isinstance(app.screen, ClaimForm))
        await pilot.pause()
        form = app.screen
        assert form.has_class("-short")
        box = form.query_one("#claim-form")
        for widget in (form.query_one(".bf-form-title"), form.query_one("#claim-topic"), form.query_one("#claim-save")):
            assert box.region.contains_region(widget.region), widget


async def test_hostile_text_is_shown_literally(launch_for, hero_for):
    anna = hero_for("anna")
    slots = upcoming(anna)
    for index, text in enumerate(HOSTILE_STRINGS[:12]):
        hero = hero_for(f"h{index}")
        hero.people.set_display_name(text[:100])
        hero.breakfast.claim(slots[index].uuid, text[:200], text[:2000])
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        rows = list_text(screen)
        assert "[bold red]x[/]" in rows[0] and "[@click=app.quit]y[/]" in rows[1] and "x[/]" in rows[2]
        for _ in range(12):
            await pilot.press("down")
        assert app.is_running and isinstance(app.screen, BreakfastScreen)


async def test_a_colleagues_claim_appears_without_a_key(launch_for, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        slot = screen.overview.upcoming[2]
        await as_colleague(app, clock, "erik", lambda erik: erik.breakfast.claim(slot.uuid, "Nytt från Erik"))
        await until(pilot, lambda: "Nytt från Erik" in list_text(screen)[2])


async def test_a_moved_breakfast_is_told_to_its_host_once(launch_for, hero_for, store):
    anna, erik = hero_for("anna"), hero_for("erik")
    january = upcoming(anna)[1]
    erik.breakfast.claim(january.uuid, "Nyårsfrukost")
    target = january.day + timedelta(days=7)
    anna.breakfast.move(january.uuid, target)
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_breakfast(app, pilot)
        await until(pilot, lambda: f"has moved from {format_date(january.day)} to {format_date(target)}" in notes(app))
        await until(pilot, lambda: store.read(lambda: BreakfastSlot.get(BreakfastSlot.uuid == january.uuid).move_seen))


async def test_language_toggle_keeps_the_calendar(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        app.action_toggle_language()
        # The list, its legend and the key hints each follow the language in their own refresh.
        await until(pilot, lambda: any("ledig" in row for row in list_text(screen)))
        await until(pilot, lambda: "Första fredagen" in static_text(screen, "#bf-legend"), what="the legend in Swedish")
        await until(pilot, lambda: "bli värd" in {ab.binding.description for ab in screen.active_bindings.values()},
                    what="the key hints in Swedish")


# -- keys anyone can use ------------------------------------------------------------------------


async def test_c_claims_with_a_required_topic_then_edits(launch_for, hero_for):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClaimForm))
        await pilot.press("escape")  # closes without claiming
        await until(pilot, lambda: app.screen is screen)
        assert screen.overview.upcoming[0].host_login is None
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClaimForm))
        form = app.screen
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ClaimForm)
        assert "Please give a topic" in str(form.query_one(".bf-form-error", Static).render())
        form.query_one("#claim-topic", Input).value = "Psykologisk trygghet"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "★ erik" in list_text(screen)[0])
        slot = screen.overview.upcoming[0]
        hosting = f"You host the breakfast on {format_date(slot.day, with_year=True)}"
        await until(pilot, lambda: hosting in notes(app), what="the note that you host it")
        assert hero_for("anna").breakfast.slot(slot.uuid).topic == "Psykologisk trygghet"
        await pilot.press("c")  # on your own breakfast: edit it
        await until(pilot, lambda: isinstance(app.screen, ClaimForm))
        assert app.screen.query_one("#claim-topic", Input).value == "Psykologisk trygghet"
        app.screen.query_one("#claim-topic", Input).value = "Trygghet i team"
        await pilot.press("enter")
        await until(pilot, lambda: "Trygghet i team" in list_text(screen)[0])


async def test_c_on_a_taken_slot_says_who_has_it(launch_for, hero_for):
    anna = hero_for("anna")
    anna.breakfast.claim(upcoming(anna)[0].uuid, "Annas ämne")
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_breakfast(app, pilot)
        await pilot.press("c")
        await until(pilot, lambda: "Taken: Anna Berg already hosts" in notes(app))
        assert isinstance(app.screen, BreakfastScreen)


async def test_r_asks_then_releases(launch_for, hero_for):
    erik = hero_for("erik")
    slot = upcoming(erik)[0]
    erik.breakfast.claim(slot.uuid, "Släpps snart")
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen)
        assert erik.breakfast.slot(slot.uuid).host_login == "erik"
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: "free" in list_text(screen)[0])
        assert erik.breakfast.slot(slot.uuid).host_login is None


async def test_o_toggles_the_rsvp(launch_for, hero_for):
    hero_for("erik").breakfast.claim(upcoming(hero_for("anna"))[0].uuid, "Kom hit")
    app = make_app(launch_for(login="maria"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        await pilot.press("h")  # maria has nothing to hand over and no offer to answer
        await until(pilot, lambda: "Pick your own breakfast" in notes(app))
        await pilot.press("o")
        await until(pilot, lambda: screen.overview.upcoming[0].i_am_coming)
        assert "1 coming" in list_text(screen)[0] and "✓" in list_text(screen)[0]
        await pilot.press("o")
        await until(pilot, lambda: not screen.overview.upcoming[0].i_am_coming)
        assert screen.overview.upcoming[0].rsvp_count == 0


async def test_w_joins_and_leaves_the_waitlist(launch_for, hero_for, clock):
    anna = hero_for("anna")
    for index, slot in enumerate(upcoming(anna)):
        hero_for(f"host{index}").breakfast.claim(slot.uuid, f"Ämne {index}")
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        assert "Every breakfast is taken" in static_text(screen, "#bf-waitlist")
        await pilot.press("w")
        await until(pilot, lambda: screen.overview.waitlist.my_position == 1)
        assert "1. erik" in static_text(screen, "#bf-waitlist")
        await until(pilot, lambda: "number 1 on the waitlist" in notes(app), what="the waitlist note")
        freed = screen.overview.upcoming[2].uuid
        await as_colleague(app, clock, "host2", lambda host: host.breakfast.release(freed))
        await until(pilot, lambda: screen.query_one("#bf-notices", Static).display)
        assert "first in line" in static_text(screen, "#bf-notices")
        assert "reserved for you until" in static_text(screen, "#bf-notices")
        await pilot.press("v")  # pass: nobody else waits, so it is free for anyone
        await until(pilot, lambda: screen.overview.slot(freed).reserved_name is None)
        await pilot.press("w")
        await until(pilot, lambda: screen.overview.waitlist.my_position is None)


async def test_h_offers_to_a_colleague_who_accepts_with_h_and_a(launch_for, hero_for):
    erik, maria = hero_for("erik"), hero_for("maria")
    maria.people.set_display_name("Maria Ek")
    slot = upcoming(erik)[0]
    erik.breakfast.claim(slot.uuid, "Lämnas över")
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HandoverForm))
        await pilot.press(*"mari")
        await pilot.press("enter")
        await until(pilot, lambda: screen.overview.upcoming[0].offer is not None)
        assert "Offered to Maria Ek" in static_text(screen, "#bf-detail")
    app = make_app(launch_for(login="maria"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        assert f"erik offers you the breakfast on {format_date(slot.day)}" in static_text(screen, "#bf-notices")
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, OfferAnswer))
        await pilot.press("a")
        await until(pilot, lambda: screen.overview.upcoming[0].is_mine)
        assert not screen.query_one("#bf-notices", Static).display
    assert maria.breakfast.slot(slot.uuid).host_login == "maria"


async def test_i_writes_a_calendar_file_and_says_where(launch_for, isolated_home, hero_for):
    first = upcoming(hero_for("anna"))[0].day
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_breakfast(app, pilot)
        await pilot.press("i")
        target = isolated_home / "data" / "calendar" / f"breakfast-{first.isoformat()}.ics"
        await until(pilot, lambda: target.exists())
        await until(pilot, lambda: str(target) in notes(app))
        assert b"BEGIN:VEVENT" in target.read_bytes()


async def test_p_archive_month_keys_and_t(launch_for, hero_for, store, clock):
    from herotui.services.calendar_rules import add_months, local_to_utc, month_grid, nth_weekday, parse_hhmm

    anna = hero_for("anna")
    slots = upcoming(anna)
    first, second, third = slots[0].day, slots[1].day, slots[2].day
    before = add_months(first.year, first.month, -1)
    before2 = add_months(first.year, first.month, -2)
    after = add_months(first.year, first.month, 1)
    past_day = nth_weekday(*before, 1, 5)

    def add_past() -> None:
        host = Person.get(Person.login == "anna")
        starts = local_to_utc(past_day, parse_hhmm("08:00"), STOCKHOLM)
        BreakfastSlot.insert(uuid=new_uuid(), starts_at=starts, rule_key=None, host=host,
                             topic="Det som var förra månaden", claimed_at=starts - timedelta(days=30),
                             created_at=starts - timedelta(days=60)).execute()

    store.write(add_past)
    extra_day = first + timedelta(days=14)  # a Friday later in the first breakfast's month
    anna.breakfast.add_extra(extra_day.isoformat())
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        grid = screen.query_one("#bf-grid", MonthGrid)
        await pilot.press("down", "down", "down")  # the grid follows the list
        assert (grid.year, grid.month) == (third.year, third.month) and grid.selected == third
        assert format_date(third, with_year=True) in static_text(screen, "#bf-detail")
        await pilot.press("t")
        await pilot.press("p")
        assert screen.mode == "past" and "Det som var förra månaden" in list_text(screen)[0]
        assert "Archive" in static_text(screen, "#bf-list-title")
        assert (grid.year, grid.month) == before
        await pilot.press("p")
        assert screen.mode == "upcoming" and (grid.year, grid.month) == (first.year, first.month)
        await pilot.press("right_square_bracket")
        assert (grid.year, grid.month) == after and screen._selected().day == second
        # Public holidays of the month shown are marked (and none carries a rule breakfast).
        assert grid.holidays == {d for d in screen.overview.holidays if (d.year, d.month) == after}
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert (grid.year, grid.month) == before and screen.mode == "past"
        await pilot.press("left_square_bracket")
        assert (grid.year, grid.month) == before2  # a month without breakfasts still shows
        await pilot.press("t")
        assert screen.mode == "upcoming" and (grid.year, grid.month) == (first.year, first.month)
        assert screen._selected().day == first
        await click(pilot, "#bf-grid", offset=(1, 0))  # the ‹ in the title: a month back
        assert (grid.year, grid.month) == before and screen.mode == "past"
        await click(pilot, "#bf-grid", offset=(32, 0))  # the ›
        assert (grid.year, grid.month) == (first.year, first.month)
        # Clicking a marked day selects its breakfast: the extra one (padding 1 + week margin 4 +
        # a cell of 4 per weekday before it; the rows start under the title and weekday names).
        row = next(i for i, week in enumerate(month_grid(extra_day.year, extra_day.month)) if extra_day in week.days)
        await click(pilot, "#bf-grid", offset=(1 + 4 + 4 * (extra_day.isoweekday() - 1) + 1, 2 + row))
        assert screen._selected().day == extra_day and screen._selected().is_extra


# -- admins ---------------------------------------------------------------------------------------


async def test_n_m_x_u_for_admins(launch_for, hero_for):
    anna = hero_for("anna")
    first, second = (s.day for s in upcoming(anna)[:2])
    extra_day = first + (second - first) // 2
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, DateTimeForm))
        app.screen.query_one("#form-date", Input).value = extra_day.isoformat()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(screen.overview.upcoming) == 13)
        assert screen.overview.upcoming[1].is_extra

        await pilot.press("t", "down", "down")  # the second rule breakfast
        assert screen._selected().day == second
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, DateTimeForm))
        app.screen.query_one("#form-date", Input).value = (second + timedelta(days=7)).isoformat()
        app.screen.query_one("#form-time", Input).value = "nonsense"
        await pilot.press("ctrl+s")
        assert "is not a time" in str(app.screen.query_one(".bf-form-error", Static).render())
        app.screen.query_one("#form-time", Input).value = "09:00"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen._selected() is not None
                    and screen._selected().day == second + timedelta(days=7))
        assert "moved" in list_text(screen)[2]

        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await until(pilot, lambda: screen._selected().is_cancelled)
        assert "cancelled" in list_text(screen)[2]

        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, RuleForm))
        app.screen.query_one("#rule-minutes", Input).value = "90"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.overview.rule.minutes == 90)
        assert "09:30" in static_text(screen, "#bf-legend")
    assert anna.breakfast.rule().minutes == 90


async def test_admin_keys_tell_colleagues_they_are_for_admins(launch_for):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        for key in ("n", "m", "x", "u"):
            await pilot.press(key)
        await until(pilot, lambda: notes(app).count("Only admins") == 4)
        assert app.screen is screen


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
async def test_a_claim_while_the_drive_is_gone_waits_and_is_sent_later(launch_for, db_path):
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_breakfast(app, pilot)
        folder = db_path.parent
        away = folder.with_name("team-unplugged")
        folder.rename(away)
        try:
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, ClaimForm))
            app.screen.query_one("#claim-topic", Input).value = "Skrivet offline"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: "waiting to be sent" in list_text(screen)[0])
            assert screen.overview.upcoming[0].host_login is None
        finally:
            away.rename(folder)
        # The poll finds the drive again, sends the claim, and the list shows it as made.
        await until(pilot, lambda: "★ erik" in list_text(screen)[0])
        assert "waiting to be sent" not in list_text(screen)[0]
