"""The learning screen's history: other weeks with keys, editing and deleting there, arrow keys."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from conftest import until
from herotui.app import make_app
from herotui.dialogs.confirm import Confirm
from herotui.screens.learning import LearningScreen
from herotui.screens.learning_forms import SessionForm
from herotui.services.learning import make_draft


async def _ready(app, pilot) -> LearningScreen:
    await app.ready.wait()
    screen = next(s for s in app.screen_stack if isinstance(s, LearningScreen))
    await until(pilot, lambda: screen.overview is not None)
    return screen


def _monday(clock):
    today = clock.now().date()
    return today - timedelta(days=today.weekday())


async def test_brackets_move_between_weeks_and_an_earlier_session_can_be_edited(launch_for, hero, clock):
    two_weeks_ago = _monday(clock) - timedelta(weeks=2) + timedelta(days=1)
    old = hero.learning.log(40, make_draft(title="Gammalt pass"), day=two_weeks_ago)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _ready(app, pilot)
        assert screen.overview.week.sessions == ()
        assert screen.check_action("week", (1,)) is None  # no future weeks
        await pilot.press("left_square_bracket", "left_square_bracket")
        await until(pilot, lambda: screen.overview.week.week_start == _monday(clock) - timedelta(weeks=2))
        assert [s.title for s in screen.overview.week.sessions] == ["Gammalt pass"]
        assert "week" in screen.query_one("#sessions-panel").border_title  # "Sessions · week 46"
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, SessionForm))
        minutes = app.screen.query_one("#form-minutes", Input)
        minutes.value = "55"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))
        await until(pilot, lambda: screen.overview.week.sessions and screen.overview.week.sessions[0].minutes == 55)
        assert screen.overview.week.week_start == _monday(clock) - timedelta(weeks=2)  # stayed on that week
        await pilot.press("t")
        await until(pilot, lambda: screen.overview.week.week_start == _monday(clock))
    assert hero.learning.session(old.uuid).minutes == 55


async def test_delete_in_an_earlier_week_asks_with_cancel_as_the_default(launch_for, hero, clock):
    last_week = _monday(clock) - timedelta(weeks=1)
    hero.learning.log(20, make_draft(title="Fel pass"), day=last_week)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _ready(app, pilot)
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: bool(screen.overview.week.sessions))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("enter")  # the default answer keeps the session
        await until(pilot, lambda: isinstance(app.screen, LearningScreen))
        assert hero.learning.week(last_week).sessions
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: not screen.overview.week.sessions)
    assert hero.learning.week(last_week).sessions == ()


async def test_arrow_keys_move_the_session_selection_without_tabbing(launch_for, hero, clock):
    for n in range(3):
        hero.learning.log(10 + n, make_draft(title=f"Pass {n}"))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _ready(app, pilot)
        sessions = screen.query_one("#sessions")
        assert app.focused is not sessions
        first = screen._selected()
        await pilot.press("down")
        assert screen._selected() != first
        await pilot.press("up")
        assert screen._selected() == first
