"""80 columns and wide characters: one-line cells fit, labels never run together."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from rich.cells import cell_len

from conftest import until
from herotui.app import make_app
from herotui.screens.learning import LearningScreen
from herotui.services.learning import SessionInfo, make_draft
from herotui.text import steady_width, truncate
from herotui.widgets.learning import BreakdownView, HistoryChart, format_short, session_line
from herotui.widgets.safe import safe

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
FLAG = "🇸🇪"


def test_emoji_sequences_are_broken_into_parts_every_terminal_draws_alike():
    assert "\u200d" not in steady_width(FAMILY) and cell_len(steady_width(FAMILY)) == 8
    assert steady_width(FLAG) == "SE"
    assert steady_width("👍🏽 ❤️") == "👍 ❤"
    assert safe(f"Familj {FAMILY}").plain == "Familj 👨👩👧👦"


def test_truncate_counts_terminal_cells_not_characters():
    title = "Ett möte 👨\u200d👩\u200d👧 med 日本語 och mer text som är för lång"
    for width in range(1, 40):
        cut = truncate(title, width)
        assert cell_len(cut) <= width, (width, cut)
    assert truncate("kort", 10) == "kort"
    assert truncate("日本語日本語", 5) == "日本…"


def test_chart_marks_keep_a_gap_and_fit_their_column():
    assert format_short(45, 2) == "45" and format_short(135, 2) == "2h" and format_short(135, 3) == "135"
    assert format_short(1500, 3) == "25h"
    for minutes in (1, 59, 99, 100, 999, 1000, 9999):
        for room in (2, 3, 5):
            assert len(format_short(minutes, room)) <= room


def _session(title: str, minutes: int = 90) -> SessionInfo:
    moment = datetime(2026, 11, 24, 9, tzinfo=timezone.utc)
    return SessionInfo("u1", date(2026, 11, 24), minutes, "podcast", title, "", "", (), moment, None, True, True)


def test_a_session_title_keeps_its_room_in_a_narrow_panel():
    line = session_line(_session("Psykologisk trygghet i team, del två"), width=43)
    assert "Psykologisk tryg" in line.plain  # it was cut to 10 characters ("Psykologi…")
    assert cell_len(line.plain) <= 43 and "↗" in line.plain


async def test_at_80x24_chart_and_breakdown_lines_fit(launch_for, hero, clock):
    from herotui.services.learning import Draft

    monday = clock.now().date() - timedelta(days=clock.now().weekday())
    for weeks_back, minutes in ((1, 135), (2, 60), (3, 45), (4, 110)):
        hero.learning.log(minutes, make_draft(title="Pass", kind="video", areas=["Ledarskap"]),
                          day=monday - timedelta(weeks=weeks_back))
    hero.learning.set_holiday(monday - timedelta(weeks=5), on=True)
    app = make_app(launch_for())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.ready.wait()
        screen = app.screen
        assert isinstance(screen, LearningScreen)
        await until(pilot, lambda: screen.overview is not None)
        await pilot.pause()
        chart = screen.query_one(HistoryChart)
        marks = chart.render().plain.splitlines()[-2]
        tokens = marks.split()
        assert "–" in tokens  # the holiday week
        for token in tokens:  # a number and its neighbour never join ("135" + "60")
            assert token in ("·", "–") or token.rstrip("h").isdigit() and len(token) <= 3, marks
        breakdown = screen.query_one(BreakdownView)
        width = breakdown.size.width
        lines = breakdown.render().plain.splitlines()
        assert lines and all(cell_len(line) <= width for line in lines), (width, lines)
        assert sum(1 for line in lines if "min" in line or " h" in line) >= 2


async def test_the_weeks_bar_fits_again_after_the_terminal_narrows(launch_for):
    """Drawn at 120 columns, the week's bar must not wrap onto a second line at 80."""
    from herotui.widgets.learning import WeekProgress

    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        screen = app.screen
        await until(pilot, lambda: isinstance(screen, LearningScreen) and screen.overview is not None)
        progress = screen.query_one(WeekProgress)

        def bar_lines() -> int:
            return sum(1 for line in progress.render().plain.splitlines() if line and set(line) <= {"█", "░", "▌"})

        def fits() -> bool:
            first = progress.render().plain.splitlines()[0]
            return cell_len(first) <= progress.size.width

        assert fits() and bar_lines() == 1
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: progress.size.width < 60 and fits(), what="the bar redrawn to the new width")
