"""The learning-hour screen driven with Pilot: every key, the forms, the long-timer question.

The clock is the injected `FakeClock`: tests move it and call the screen's once-a-second tick
themselves, so nothing sleeps.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input, SelectionList, Static

from herotui.app import make_app
from herotui.screens.help import HelpScreen
from herotui.screens.learning import LearningScreen
from herotui.dialogs.confirm import Confirm as ConfirmScreen
from herotui.dialogs.prompt import Prompt as PromptScreen
from herotui.screens.learning_forms import LongTimerScreen, SessionForm
from herotui.services.learning import make_draft
from herotui.store.models import Share
from herotui.widgets.learning import ElapsedDisplay

from hostile import HOSTILE_STRINGS
from conftest import en_day_time, iso_week_name, local_now, local_today, click, until, week_monday




async def shown(pilot, app, screen_class) -> None:
    """Wait until a dialog of `screen_class` is on top, mounted, and has focused its first field."""
    await until(pilot, lambda: isinstance(app.screen, screen_class) and app.screen.is_mounted
                and app.focused is not None and app.focused.screen is app.screen)


async def ready(app, pilot) -> LearningScreen:
    await app.ready.wait()
    screen = next(s for s in app.screen_stack if isinstance(s, LearningScreen))
    await until(pilot, lambda: screen.overview is not None)
    return screen


def text_of(screen) -> str:
    parts = []
    for widget in screen.query(Static):
        if widget.display:
            parts.append(str(widget.render()))
    return "\n".join(parts)


def elapsed(screen) -> str:
    return screen.query_one("#elapsed", ElapsedDisplay).value


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def other_computer(db_path, login: str, code: str) -> None:
    """Run `code` (with `hero` bound to `login`) in another process on the same file: a colleague's
    computer, or the person's laptop. (Within one process, models share one database binding.)"""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from herotui.services.hero import Hero\n"
        "from herotui.services.learning import make_draft\n"
        "from herotui.store import open_store\n"
        f"store = open_store({str(db_path)!r})\n"
        f"hero = Hero(store, {login!r})\n"
        "hero.people.ensure_me()\n"
        f"{code}\n"
        "store.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


async def fill(pilot, form: SessionForm, *, minutes=None, day=None, title=None, link=None, areas=()) -> None:
    if minutes is not None:
        form.query_one("#form-minutes", Input).value = str(minutes)
    if day is not None:
        form.query_one("#form-date", Input).value = day
    if title is not None:
        form.query_one("#form-title-input", Input).value = title
    if link is not None:
        form.query_one("#form-link", Input).value = link
    for area in areas:
        form.query_one("#form-areas", SelectionList).select(area)
    await pilot.pause()


# -- the timer keys ----------------------------------------------------------------------------------


async def test_a_new_app_on_the_same_file_shows_the_running_timer(launch_for, hero, clock):
    started = local_now(clock)
    hero.learning.start(make_draft(title="Webbinarium: AI i rekrytering", kind="webinar"))
    clock.advance(minutes=42, seconds=13)
    now = local_now(clock)
    since = f"today {started:%H:%M}" if started.date() == now.date() else en_day_time(started)
    this_week = 42 if week_monday(started.date()) == week_monday(now.date()) else 0
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert elapsed(screen) == "0:42:13"
        text = text_of(screen)
        assert f"Running since {since}" in text and "Webbinarium: AI i rekrytering" in text
        assert f"{this_week} of 60 min this week, week {now.isocalendar().week}" in text
        clock.advance(seconds=1)
        screen._tick()
        assert elapsed(screen) == "0:42:14"


async def test_s_p_r_x_start_pause_resume_and_stop(launch_for, hero, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert "No timer running" in text_of(screen)
        await pilot.press("s")
        await until(pilot, lambda: screen.timer is not None)
        assert hero.learning.timer().running
        clock.advance(minutes=20)
        screen._tick()
        assert elapsed(screen) == "0:20:00"
        await pilot.press("p")
        await until(pilot, lambda: screen.timer.paused)
        assert hero.learning.timer().paused
        clock.advance(minutes=5)
        screen._tick()
        assert elapsed(screen) == "0:20:00"
        await pilot.press("r")
        await until(pilot, lambda: screen.timer.running)
        clock.advance(minutes=10)
        await pilot.press("x")
        await shown(pilot, app, SessionForm)
        form = app.screen
        assert form.query_one("#form-minutes", Input).value == "30"
        assert hero.learning.timer().paused  # the stop moment is kept while the form is open
        await fill(pilot, form, title="Podd: Ledarskap i förändring")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and screen.timer is None)
        await until(pilot, lambda: screen.overview.week.minutes == 30)
        assert hero.learning.timer() is None
        assert hero.learning.week().sessions[0].title == "Podd: Ledarskap i förändring"
        # The notice comes from the worker that runs once the form is closed; a refresh from the
        # pulse may show the saved week before that worker runs.
        await until(pilot, lambda: "Saved: 30 min" in notices(app))


async def test_space_starts_pauses_and_resumes(launch_for, hero, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("space")
        await until(pilot, lambda: screen.timer is not None and screen.timer.running)
        await pilot.press("space")
        await until(pilot, lambda: screen.timer.paused)
        await pilot.press("space")
        await until(pilot, lambda: screen.timer.running)
        await pilot.press("s")  # already running: says so, starts nothing new
        await until(pilot, lambda: "already running" in notices(app))


async def test_a_second_timer_from_another_computer_is_refused_clearly(launch_for, db_path, clock, monkeypatch):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        monkeypatch.setattr(screen, "database_changed", lambda: None)  # it has not seen the laptop's timer yet
        other_computer(db_path, "anna", "hero.learning.start()")  # "on the laptop", after this app loaded
        await pilot.press("s")
        await until(pilot, lambda: "You already have a timer going" in notices(app))
        await until(pilot, lambda: screen.timer is not None)  # and now it shows the one that runs


async def test_keys_without_a_timer_explain_themselves(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert screen.check_action("pause", ()) is None and screen.check_action("stop", ()) is None
        screen.action_stop()
        screen.action_pause()
        await until(pilot, lambda: "No timer running" in notices(app))


async def test_the_display_redraws_once_a_second_only_while_running(launch_for, hero, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        ticker = screen._ticker
        assert ticker._interval == 1.0
        assert ticker._active.is_set() is False  # idle: no redraws at all
        await pilot.press("s")
        await until(pilot, lambda: ticker._active.is_set())
        await pilot.press("p")
        await until(pilot, lambda: not ticker._active.is_set())


# -- the stop form -----------------------------------------------------------------------------------


async def test_ctrl_t_saves_and_shares_with_colleagues(launch_for, hero, clock):
    hero.learning.start(make_draft(title="Artikel om psykologisk trygghet", kind="article",
                                   link="https://example.se/trygghet"))
    clock.advance(minutes=25)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("x")
        await shown(pilot, app, SessionForm)
        form = app.screen
        assert form.query_one("#form-title-input", Input).value == "Artikel om psykologisk trygghet"
        assert form.query_one("#form-link", Input).value == "https://example.se/trygghet"
        await pilot.press("ctrl+t")  # no focus area yet: the form says so and stays
        await pilot.pause()
        assert app.screen is form
        assert "at least one focus area" in str(form.query_one("#form-error", Static).render())
        await fill(pilot, form, areas=["Ledarskap"])
        form.query_one("#form-note").text = "Tre frågor att ställa i teamet."
        await pilot.press("ctrl+t")
        await until(pilot, lambda: "Shared with colleagues" in notices(app))
        share = hero.store.read(lambda: Share.get())
        assert (share.title, share.url, share.kind, share.note) == (
            "Artikel om psykologisk trygghet", "https://example.se/trygghet", "article", "Tre frågor att ställa i teamet.")
        assert hero.store.read(lambda: [a.area.name for a in share.area_links]) == ["Ledarskap"]
        await until(pilot, lambda: screen.overview.week.sessions and screen.overview.week.sessions[0].shared)


async def test_sharing_an_already_shared_link_asks_first(launch_for, hero_for, clock):
    erik = hero_for("erik")
    erik.learning.share(erik.learning.log(30, make_draft(title="LAS", link="https://example.se/las",
                                                         areas=["Arbetsrätt"])).uuid)
    anna = hero_for("anna")
    anna.learning.start(make_draft(title="LAS igen", link="https://www.example.se/las/", areas=["Arbetsrätt"]))
    clock.advance(minutes=15)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("x")
        await shown(pilot, app, SessionForm)
        await pilot.press("ctrl+t")
        await shown(pilot, app, ConfirmScreen)
        assert "already shared by erik" in text_of(app.screen)
        await pilot.press("y")
        await until(pilot, lambda: "Shared with colleagues" in notices(app))
    assert anna.store.read(lambda: Share.select().count()) == 2


async def test_escape_on_the_stop_form_keeps_the_timer_going(launch_for, hero, clock):
    hero.learning.start()
    clock.advance(minutes=5)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("x")
        await shown(pilot, app, SessionForm)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen and screen.timer.running)
        assert hero.learning.timer().running


async def test_the_stop_form_can_discard_the_timer(launch_for, hero, clock):
    hero.learning.start()
    clock.advance(minutes=5)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("x")
        await shown(pilot, app, SessionForm)
        await click(pilot, "#form-discard")
        await until(pilot, lambda: app.screen is screen and screen.timer is None)
    assert hero.learning.timer() is None and hero.learning.week().minutes == 0


async def test_the_stop_form_validates_before_anything_is_lost(launch_for, hero, clock):
    hero.learning.start()
    clock.advance(minutes=5)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("x")
        await shown(pilot, app, SessionForm)
        form = app.screen
        await pilot.press("ctrl+s")
        assert "Please give a title" in str(form.query_one("#form-error", Static).render())
        await fill(pilot, form, title="ok", minutes=900)
        await pilot.press("ctrl+s")
        assert "Give 1 to 600 minutes" in str(form.query_one("#form-error", Static).render())
        await fill(pilot, form, minutes=5, link="javascript:alert(1)")
        await pilot.press("ctrl+s")
        assert "must start with http" in str(form.query_one("#form-error", Static).render())
        assert app.screen is form
    assert hero.learning.timer() is not None


async def test_the_log_form_refuses_a_link_as_sharing_does_with_the_same_message(launch_for, hero, clock):
    """One link rule: whatever sharing refuses, the learning form refuses with sharing's words, and
    the cursor goes to the link field with nothing saved."""
    from herotui.services.errors import ValidationError
    from herotui.services.shares import check_draft

    refused = ["javascript:alert(1)", "ftp://example.se/fil.pdf", "https://a..b/x", "https://x:port/",
               "https://example.se/a b", "example.se/utan-schema", "https://x.se/" + "a" * 2100]
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("l")
        await shown(pilot, app, SessionForm)
        form = app.screen
        for link in refused:
            with pytest.raises(ValidationError) as sharing:
                check_draft(link, "Titel", "article", ["Ledarskap"])
            await fill(pilot, form, minutes=30, title="Titel", link=link)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: sharing.value.message() in str(form.query_one("#form-error", Static).render()))
            assert app.screen is form
            assert app.focused is form.query_one("#form-link", Input)
    assert hero.learning.week().minutes == 0


# -- the long timer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["k", "t", "d"])
async def test_a_long_timer_asks_keep_trim_or_discard(launch_for, hero, clock, answer):
    hero.learning.start(make_draft(title="Glömd timer"))
    clock.advance(hours=9, minutes=12)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await shown(pilot, app, LongTimerScreen)
        assert "9 h 12 min" in text_of(app.screen)
        assert "longer than 3 h" in text_of(app.screen)
        await pilot.press(answer)
        if answer == "k":
            await until(pilot, lambda: screen.timer is not None and screen.timer.confirmed_minutes == 552)
            assert hero.learning.timer().running
        elif answer == "t":
            await shown(pilot, app, SessionForm)
            assert app.screen.query_one("#form-minutes", Input).value == "60"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: app.screen is screen and screen.overview.week.minutes == 60)
            assert hero.learning.timer() is None
        else:
            await until(pilot, lambda: screen.timer is None)
            assert hero.learning.timer() is None and hero.learning.week().minutes == 0


async def test_a_long_timer_is_not_counted_in_the_week_on_screen(launch_for, hero, clock):
    hero.learning.start(make_draft(title="Glömd timer"))
    clock.advance(hours=5)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await shown(pilot, app, LongTimerScreen)
        await pilot.press("escape")  # later
        await until(pilot, lambda: app.screen is screen)
        text = text_of(screen)
        assert "0 of 60 min this week" in text and "press x to choose what counts" in text
        await pilot.press("x")  # asks again
        await shown(pilot, app, LongTimerScreen)


# -- logging, editing, deleting ----------------------------------------------------------------------------


async def test_l_logs_a_back_dated_session(launch_for, hero, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("l")
        await shown(pilot, app, SessionForm)
        form = app.screen
        today = local_today(clock)
        assert form.query_one("#form-date", Input).value == today.isoformat()
        tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)
        await fill(pilot, form, minutes=35, day=tomorrow.isoformat(), title="Podd på tåget")
        await pilot.press("ctrl+s")
        assert "cannot be in the future" in str(form.query_one("#form-error", Static).render())
        await fill(pilot, form, day=yesterday.isoformat(), areas=["Arbetsrätt"])
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)
        same_week = week_monday(yesterday) == week_monday(today)
        await until(pilot, lambda: screen.overview.week.minutes == (35 if same_week else 0))
    session = hero.learning.week(yesterday).sessions[0]
    assert (session.day, session.minutes, session.areas, session.manual) == (yesterday, 35, ("Arbetsrätt",), True)


async def test_e_edits_the_selected_session(launch_for, hero, clock):
    # Första is the older one whatever day of the week it is: on Monday both are today, and a
    # session logged for today ends now, so the longer one began earlier.
    hero.learning.log(40, make_draft(title="Första"), day=week_monday(local_today(clock)).isoformat())
    hero.learning.log(30, make_draft(title="Andra"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        screen.query_one("#sessions").focus()
        await pilot.press("down")  # the older one
        await pilot.press("e")
        await shown(pilot, app, SessionForm)
        form = app.screen
        assert form.query_one("#form-title-input", Input).value == "Första"
        await fill(pilot, form, minutes=45, title="Första, rättad")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen and screen.overview.week.minutes == 75)
    assert {s.title for s in hero.learning.week().sessions} == {"Första, rättad", "Andra"}


async def test_enter_on_a_session_opens_it_for_editing(launch_for, hero):
    hero.learning.log(20, make_draft(title="Första"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        screen.query_one("#sessions").focus()
        await pilot.press("enter")
        await shown(pilot, app, SessionForm)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)


async def test_d_deletes_the_selected_session_after_asking(launch_for, hero):
    hero.learning.log(20, make_draft(title="[bold red]Fel[/] pass"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("d")
        await shown(pilot, app, ConfirmScreen)
        assert "[bold red]Fel[/] pass" in text_of(app.screen)
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen)
        assert hero.learning.week().sessions
        await pilot.press("delete")
        await shown(pilot, app, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: not screen.overview.week.sessions)
    assert hero.learning.week().sessions == ()


async def test_reaching_the_goal_is_celebrated_without_a_modal(launch_for, hero, clock):
    hero.learning.log(50, make_draft(title="Bok"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        banner = screen.query_one("#celebrate", Static)
        assert not banner.has_class("-show")
        await pilot.press("l")
        await shown(pilot, app, SessionForm)
        await fill(pilot, app.screen, minutes=15, title="Artikel")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: banner.has_class("-show"))
        assert app.screen is screen  # nothing in the way
        assert "This week's learning hour is complete - 65 of 60 min" in str(banner.render())


# -- weeks, pulse, goal -------------------------------------------------------------------------------------


async def test_h_marks_a_holiday_week(launch_for, hero, clock):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("h")
        await shown(pilot, app, PromptScreen)
        app.screen.query_one("#prompt-value", Input).value = iso_week_name(
            week_monday(local_today(clock)) - timedelta(weeks=1))
        await pilot.press("enter")
        await until(pilot, lambda: screen.overview.history[-2].holiday)
        await pilot.press("h")
        await shown(pilot, app, PromptScreen)
        await pilot.press("enter")  # this week, prefilled
        await until(pilot, lambda: screen.overview.week.holiday)
        assert "Holiday or leave week" in text_of(screen)


async def test_v_chooses_whether_my_name_is_shown_in_the_pulse(launch_for, hero):
    hero.learning.log(60, make_draft(title="Kurs"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert "1 of 1 colleague has had their learning hour this week" in text_of(screen)
        assert "Anna Berg" not in str(screen.query_one("#pulse").render())
        await pilot.press("v")
        await until(pilot, lambda: screen.overview.named_in_pulse)
        assert "Among them: Anna Berg" in str(screen.query_one("#pulse").render())
        await pilot.press("v")
        await until(pilot, lambda: not screen.overview.named_in_pulse)


async def test_g_changes_the_weekly_goal_for_admins_only(launch_for, hero_for):
    hero_for("erik")
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        # Keys pressed before the dialog appeared are not for it (see test_first_minutes): wait.
        await until(pilot, lambda: app.screen.__class__.__name__ == "WelcomeScreen"
                    and app.screen.appeared_at is not None)
        await pilot.press("escape")
        screen = await ready(app, pilot)
        await pilot.press("g")
        await until(pilot, lambda: "Only admins" in notices(app))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("g")
        await shown(pilot, app, PromptScreen)
        app.screen.query_one("#prompt-value", Input).value = "5"
        await pilot.press("enter")
        assert "10-600" in str(app.screen.query_one("#prompt-error").render())
        app.screen.query_one("#prompt-value", Input).value = "90"
        await pilot.press("enter")
        await until(pilot, lambda: screen.overview.goal == 90)
        assert "of 90 min this week" in text_of(screen)


# -- the rest of the screen ----------------------------------------------------------------------------------


async def test_history_pulse_and_breakdown_are_drawn(launch_for, hero_for, clock):
    anna = hero_for("anna")
    for weeks_ago, minutes in ((1, 70), (2, 30), (3, 65)):
        anna.learning.log(minutes, make_draft(title="x", kind="podcast", areas=["Ledarskap"]),
                          day=(local_today(clock) - timedelta(weeks=weeks_ago)).isoformat())
    erik = hero_for("erik")
    erik.learning.log(60, make_draft(title="y"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        chart = str(screen.query_one("#history").render())
        last_week = (local_today(clock) - timedelta(weeks=1)).isocalendar().week
        assert " 60 ┤" in chart and str(last_week) in chart and "70" in chart
        breakdown = str(screen.query_one("#breakdown").render())
        assert "podcast" in breakdown and "Ledarskap" in breakdown and "2 h 45 min" in breakdown
        assert "1 of 2 colleagues" in text_of(screen)
        assert "Streak: 1 week with the goal met" in text_of(screen)


async def test_hostile_text_is_shown_literally_everywhere_on_the_screen(launch_for, hero, clock):
    for text in HOSTILE_STRINGS:
        hero.learning.log(5, make_draft(title=text[:200] or "x", note=text[:5000]))
    hero.learning.start(make_draft(title="[@click=app.quit]boom[/] x[/]"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.pause()
        assert "[@click=app.quit]boom[/] x[/]" in text_of(screen)
        options = [str(screen.query_one("#sessions").get_option_at_index(i).prompt)
                   for i in range(screen.query_one("#sessions").option_count)]
        assert any("[bold red]x[/]" in o for o in options)
        assert not any("\x1b" in o for o in options)
        screen.query_one("#sessions").focus()
        await pilot.press("e")
        await shown(pilot, app, SessionForm)
        await pilot.press("escape")
        assert app.is_running


async def test_swedish_screen(launch_for, hero, clock):
    hero.learning.log(25, make_draft(title="Podd", kind="podcast"))
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        text = text_of(screen)
        assert f"25 av 60 min den här veckan, v. {local_today(clock).isocalendar().week}" in text
        assert "podd" in str(screen.query_one("#sessions").get_option_at_index(0).prompt)
        footer = {ab.binding.description for ab in screen.active_bindings.values()}
        assert {"starta", "stoppa", "logga pass"} <= footer


async def test_help_lists_the_screen_keys(launch_for):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app.screen)
        for label in ("start", "pause", "resume", "stop", "log session", "holiday week", "name in pulse"):
            assert label in text


async def test_a_small_terminal_scrolls_instead_of_breaking(launch_for, hero):
    hero.learning.log(25, make_draft(title="Podd"))
    app = make_app(launch_for())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("l")
        await shown(pilot, app, SessionForm)
        await pilot.press("escape")
        assert app.screen is screen and app.is_running


async def test_changes_from_other_computers_appear_by_themselves(launch_for, db_path):
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert "0 of 1 colleague has had" in text_of(screen)
        other_computer(db_path, "erik", "hero.learning.log(60, make_draft(title='Eriks kurs'))")
        await until(pilot, lambda: screen.overview.pulse.had_hour == 1)
        other_computer(db_path, "anna", "hero.learning.start(make_draft(title='På laptopen'))")
        await until(pilot, lambda: screen.timer is not None)
        assert "På laptopen" in text_of(screen)


async def test_switching_language_redraws_the_screen(launch_for, hero):
    hero.learning.log(25, make_draft(title="Podd"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        app.action_toggle_language()
        await until(pilot, lambda: "25 av 60 min den här veckan" in text_of(screen))
        assert screen.query_one("#timer-panel").border_title == "Timer"
        assert screen.query_one("#sessions-panel").border_title == "Veckans pass"


async def test_a_title_typed_right_before_ctrl_s_is_saved_whole(launch_for, hero, clock):
    """Keys arrive in a burst from a terminal: ctrl+s (a priority binding) must not read the
    form before the letters typed just before it have reached the field."""
    from textual import events

    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("l")
        await shown(pilot, app, SessionForm)
        form = app.screen
        await fill(pilot, form, minutes=20, areas=["Arbetsrätt"])
        form.query_one("#form-title-input", Input).focus()
        await pilot.pause()
        title = "Podd om arbetsrätt"
        for char in title:  # what a fast typist's terminal sends, without waiting in between
            app.post_message(events.Key("space" if char == " " else char, char))
        app.post_message(events.Key("ctrl+s", None))
        await until(pilot, lambda: app.screen is screen, what="the form saved and closed")
        await until(pilot, lambda: screen.overview is not None and screen.overview.week.sessions)
    assert [s.title for s in hero.learning.week(local_today(clock)).sessions] == [title]


def test_a_timer_started_before_the_zone_is_known_shows_local_time_not_utc(monkeypatch):
    """Started offline at launch, the screen has no organisation zone yet: the "since" time was
    shown in UTC (an hour off in Sweden); it is shown in this computer's zone."""
    import time as _time
    from datetime import datetime, timezone

    from herotui.screens.learning.panes import moment_text

    monkeypatch.setenv("TZ", "Europe/Stockholm")
    _time.tzset()
    try:
        moment = datetime(2026, 11, 30, 11, 52, tzinfo=timezone.utc)
        assert moment_text(moment, moment, None).endswith("12:52")
    finally:
        monkeypatch.undo()
        _time.tzset()
