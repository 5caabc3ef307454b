"""The insights screen (key 4) driven with Pilot: gaps first, period and sort keys, offline, 80x24.

The screen's figures are compared with the CLI's JSON export of the same database.
"""

from __future__ import annotations

import pytest

import json

from textual.widgets import Select, Static

from herotui.app import make_app
from herotui.cli import main
from herotui.screens.insights import InsightsScreen
from herotui.screens.insights_form import PriorityForm
from herotui.store import open_store
from herotui.widgets.insights import InsightsTable
from tests.test_insights_service import _build_company
from conftest import click, until


def company(db_path, clock, *, high: str | None = "Arbetsrätt") -> None:
    store = open_store(str(db_path), clock=clock)
    try:
        _build_company(store, clock)
        from herotui.store.models import Person

        # A colleague who has already chosen a name (so the app does not ask).
        store.write(lambda: Person.create(login="erik", display_name="Erik", named_display_set=True,
                                          created_at=clock.now()))
        if high:
            from herotui.store.models import FocusArea

            store.write(lambda: FocusArea.update(priority="high").where(FocusArea.name == high).execute())
    finally:
        store.close()


def table_lines(screen) -> list[str]:
    return str(screen.query_one("#ins-table", InsightsTable).render()).splitlines()


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_insights(app, pilot, period: str = "quarter") -> InsightsScreen:
    await app.ready.wait()
    await pilot.press("4")
    await until(pilot, lambda: isinstance(app.screen, InsightsScreen))
    screen = app.screen
    await until(pilot, lambda: screen.insights is not None and screen.insights.period.key == period)
    await pilot.pause()
    return screen


async def test_key_4_lists_every_area_with_the_gaps_first_and_matches_the_cli(launch_for, db_path, clock, capsys):
    company(db_path, clock)
    capsys.readouterr()
    assert main(["insights", "--json", "--db", str(db_path)]) == 0
    exported = json.loads(capsys.readouterr().out)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_insights(app, pilot)
        lines = table_lines(screen)
        names = [row["name"] for row in exported["rows"]]
        assert len(names) == 8
        for name in names:
            assert any(name in line for line in lines), name
        assert "● Arbetsrätt" in lines[1], "the gap comes first"
        assert "Arbetsrätt: high priority" in text(screen, "#ins-gap-text")
        assert "no breakfast in a year" in text(screen, "#ins-gap-text")
        for row in exported["rows"]:
            line = next(line for line in lines if row["name"] in line)
            if row["minutes"] is None:
                assert "<5" in line
            else:
                assert f"{row['minutes']:,}" in line and f"{row['learners']:,}" in line
        total = next(line for line in lines if line.strip().startswith("Total"))
        assert f"{exported['total']['minutes']:,}" in total
        assert "fewer than 5" in text(screen, "#ins-note")


async def test_period_and_sort_keys_and_the_language(launch_for, db_path, clock):
    company(db_path, clock)
    app = make_app(launch_for(lang="sv"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_insights(app, pilot)
        assert "Det här kvartalet" in text(screen, "#ins-head")
        await pilot.press("p")
        await until(pilot, lambda: screen.insights.period.key == "12w" and "12 veckorna" in text(screen, "#ins-head"))
        await pilot.press("p")
        await until(pilot, lambda: screen.insights.period.key == "year")
        await pilot.press("s")
        assert screen.sort == "minutes" and "minuter" in text(screen, "#ins-head")
        minutes = []
        for line in table_lines(screen)[1:9]:
            if "<5" in line:
                continue
            digits = [part for part in line.split() if part.replace("\u00a0", "").isdigit()]
            minutes.append(int(digits[0].replace("\u00a0", "")) if digits else 0)
        assert minutes == sorted(minutes, reverse=True), "sorted by minutes, largest first"
        await pilot.press("s", "s", "s", "s", "s")
        assert screen.sort == "name"
        await pilot.press("s")
        assert screen.sort == "gap"


async def test_readable_at_80x24_and_the_trend_uses_the_chart_glyphs(launch_for, db_path, clock):
    company(db_path, clock)
    app = make_app(launch_for())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(app, pilot)
        lines = table_lines(screen)
        assert all(len(line) <= 78 for line in lines), lines
        assert any(name in "\n".join(lines) for name in ("Ledarskap", "Rekrytering"))
        assert any(ch in "\n".join(lines) for ch in "▁▂▃▄▅▆▇█")


@pytest.mark.posix_only  # renames a folder holding an open SQLite file: Windows refuses
async def test_offline_keeps_the_last_figures(launch_for, db_path, clock):
    company(db_path, clock)
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_insights(app, pilot)
        before = table_lines(screen)
        folder = db_path.parent
        away = folder.with_name("team-unplugged")
        folder.rename(away)
        # An open SQLite handle still reads a renamed file; the app's own stand-in for a drive it
        # cannot reach (what it starts with when the share is away) takes its place, as after a
        # restart. The poll brings the real database back once the folder returns.
        from herotui.store.unreachable import UnreachableStore

        real = app.hero.store
        await app.dbt.run(real.close)
        app.hero.store = UnreachableStore(real.location, clock, database_key=real.database_key)
        try:
            await pilot.press("r")
            await until(pilot, lambda: screen.stale)
            await pilot.pause()
            assert "cannot be reached" in text(screen, "#ins-note")
            assert table_lines(screen) == before
        finally:
            away.rename(folder)
        await until(pilot, lambda: app.db_state == "online")
        await pilot.press("r")
        await until(pilot, lambda: not screen.stale)


async def test_admin_sets_priority_in_the_app_colleague_is_refused(launch_for, db_path, clock):
    company(db_path, clock, high=None)
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_insights(app, pilot)
        await pilot.press("a")
        await until(pilot, lambda: any("Only admins" in str(n.message) for n in app._notifications))
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_insights(app, pilot)
        await until(pilot, lambda: app.person_is_admin)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PriorityForm))
        form = app.screen
        form.query_one("#ins-form-area", Select).value = "Arbetsmiljö"
        await pilot.pause()
        form.query_one("#ins-form-priority", Select).value = "high"
        form.query_one("#ins-form-target").value = "800"
        await click(pilot, "#ins-form-save")
        await until(pilot, lambda: any(r.name == "Arbetsmiljö" and r.priority == "high" and r.target_minutes == 800
                                       for r in (screen.insights.rows if screen.insights else ())))
        await until(pilot, lambda: "Arbetsmiljö" in text(screen, "#ins-gap-text"))


async def test_hostile_area_names_are_shown_literally(launch_for, db_path, clock):
    from hostile import HOSTILE_STRINGS

    from herotui.store.models import FocusArea

    store = open_store(str(db_path), clock=clock)
    try:
        names = [f"{i} {text}"[:80] for i, text in enumerate(HOSTILE_STRINGS)]

        def write() -> None:
            for name in names:
                FocusArea.create(name=name, priority="high", created_at=clock.now())

        store.write(write)
    finally:
        store.close()
    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_insights(app, pilot)
        gaps = text(screen, "#ins-gap-text")
        table = "\n".join(table_lines(screen))
        assert "[bold red]x[/]" in gaps and "\x1b" not in gaps + table
        assert app.is_running and isinstance(app.screen, InsightsScreen)


async def test_palette_and_help_know_the_insights(launch_for, db_path, clock):
    from herotui.screens.help import HelpScreen

    app = make_app(launch_for())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.ready.wait()
        # (ctrl+p itself is being reworked elsewhere; this checks the entry the palette lists.)
        entry = next(c for c in app.get_system_commands(app.screen) if c.title == "Insights")
        entry.callback()
        await until(pilot, lambda: isinstance(app.screen, InsightsScreen))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert "Period" in shown and "Sort" in shown and "Keys 1 to 4" in shown


async def test_switching_language_keeps_the_keys_in_the_footer(launch_for, db_path, clock):
    """The screen composes itself again in the new language; its footer must show the keys."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    company(db_path, clock)
    app = make_app(launch_for(login="erik"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_insights(app, pilot)
        await pilot.press("f2")
        await until(pilot, lambda: any(key.description == "Sortera" for key in screen.query(FooterKey)),
                    what="the Swedish keys in the footer")
        assert screen.query_one(Footer).compact  # still the narrow footer at 80 columns


@pytest.mark.parametrize("lang, first_after_arbetsratt", [("sv", "Förändringsledning"), ("en", "Ärlighet")])
async def test_the_name_order_and_the_priority_form_follow_the_languages_alphabet(
        launch_for, db_path, clock, lang, first_after_arbetsratt):
    """Issue 19: sorted by name (s) and the admin's area list follow Swedish order in Swedish (Å, Ä,
    Ö after Z) and English order in English (with A and O)."""
    from herotui.collation import sort_key
    from herotui.store.models import FocusArea

    company(db_path, clock, high=None)
    store = open_store(str(db_path), clock=clock)
    try:
        for name in ("Återkoppling", "Ärlighet", "Öppenhet"):
            store.write(lambda name=name: FocusArea.create(name=name, created_at=clock.now()))
    finally:
        store.close()
    app = make_app(launch_for(lang=lang))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_insights(app, pilot)
        while screen.sort != "name":
            await pilot.press("s")
        await pilot.pause()
        names = [r.name for r in screen.insights.rows if r.area_id is not None]
        expected = sorted(names, key=lambda n: sort_key(n, lang))
        listed = [n for line in table_lines(screen)[1:] for n in names if line.lstrip(" ●").startswith(n + " ")]
        assert listed == expected
        assert listed[listed.index("Arbetsrätt") + 1] == first_after_arbetsratt
        await until(pilot, lambda: app.person_is_admin)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PriorityForm))
        assert [name for name, _, _ in app.screen.areas] == expected
