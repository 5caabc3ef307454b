"""Insights (key 4): per focus area, is the company learning what it needs? For everyone.

Group figures only: no names, no personal figures (see `services/insights/privacy.py`). The
figures load in a worker on the database thread; key handlers only change what is asked for and
start that worker. The last figures of each period stay in memory, so the screen still shows
them (marked as old) while the database is out of reach.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from herotui.i18n import format_count, t
from herotui.screens.base import HeroScreen
from herotui.widgets.insights import InsightsTable
from herotui.widgets.safe import safe

if TYPE_CHECKING:
    from herotui.services.insights import Insights

PERIODS = ("quarter", "12w", "year")
SORTS = ("gap", "minutes", "learners", "shares", "useful", "breakfasts", "name")


class InsightsScreen(HeroScreen):
    TAB = "insights"
    CSS_PATH = "insights.tcss"
    BINDINGS = [
        Binding("p", "next_period", "insights.bind.period"),
        Binding("s", "next_sort", "insights.bind.sort"),
        Binding("r", "refresh", "insights.bind.refresh", show=False),
        Binding("a", "priority", "insights.bind.priority", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period = PERIODS[0]
        self.sort = SORTS[0]
        self.insights: "Insights | None" = None
        self.cache: dict[str, tuple["Insights", datetime]] = {}
        """The last figures read per period, and when (shown, marked as old, while offline)."""
        self.stale = False

    def compose_body(self) -> ComposeResult:
        yield Static(Content.styled(t("insights.loading"), "dim"), id="ins-head")
        with VerticalScroll(id="ins-gaps") as gaps:
            gaps.border_title = t("insights.gaps.title")
            yield Static("", id="ins-gap-text")
        with VerticalScroll(id="ins-table-box"):
            yield InsightsTable("", id="ins-table")
        yield Static("", id="ins-note")

    def on_mount(self) -> None:
        # The title is set in compose: a screen built in the background while the app quits may
        # be mounted without its children, and must not fail then.
        super().on_mount()
        if self.insights is not None:
            self._draw()

    def after_relabel(self) -> None:
        self._draw()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("insights.bind.period"), t("cmd.insights.help"), self.action_next_period)
        yield SystemCommand(t("insights.bind.sort"), t("cmd.insights.help"), self.action_next_sort)
        if getattr(self.app, "person_is_admin", False):
            yield SystemCommand(t("insights.bind.priority"), t("insights.form.title"), self.action_priority)

    # -- loading ---------------------------------------------------------------------------------

    def hero_ready(self) -> None:
        self.reload()

    def database_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.run_worker(partial(self._load, self.period), group="ins-load", exclusive=True, exit_on_error=False)

    async def _load(self, period: str) -> None:
        if self.hero is None:
            return
        insights = await self.db(self.hero.insights.overview, period)
        self.cache[period] = (insights, self.app.clock.now())
        if period == self.period:
            self.insights, self.stale = insights, False
            self._draw()

    def work_failed(self, group: str, error: BaseException | None) -> None:
        """The figures could not be read (the person has been told): show the last ones, marked
        as not current."""
        if group == "ins-load":
            cached = self.cache.get(self.period)
            if cached is not None:
                self.insights = cached[0]
            self.stale = True
            self._draw()

    # -- drawing ---------------------------------------------------------------------------------

    def _draw(self) -> None:
        if not self.is_mounted or not self.query("#ins-head"):
            return  # not composed (yet, or any more: built in the background while the app quits)
        head = self.query_one("#ins-head", Static)
        note = self.query_one("#ins-note", Static)
        ins = self.insights
        if ins is None or ins.period.key != self.period:
            if ins is None and self.stale:
                head.update(Content.styled(t("insights.no_data"), "$warning"))
            elif ins is None:
                head.update(Content.styled(t("insights.loading"), "dim"))
            if ins is None:
                return
        from herotui.services.insights import sort_rows
        from herotui.services.insights.text import gap_sentence, period_title

        learners = f"<{ins.min_group}" if ins.learners is None else format_count(ins.learners)
        head.update(Content.assemble(
            (period_title(ins.period), "bold"), " · ",
            t("insights.summary", n=ins.colleagues, colleagues=format_count(ins.colleagues), learners=learners,
              sort=t(f"insights.sort.{self.sort}")),
        ))
        gaps = [row for row in ins.rows if row.is_gap]
        if gaps:
            text = Content("\n").join(
                Content.assemble(("● ", "$error"), safe(gap_sentence(row, ins), width=400)) for row in gaps)
        else:
            text = Content.styled(t("insights.gaps.none"), "$success")
        self.query_one("#ins-gap-text", Static).update(text)
        self.query_one("#ins-table", InsightsTable).show(ins, sort_rows(ins.rows, self.sort), self.sort)
        parts = [Content.styled(t("insights.legend") + " " + t("insights.privacy", n=ins.min_group), "dim")]
        cached = self.cache.get(ins.period.key)
        if self.stale and cached is not None:
            from zoneinfo import ZoneInfo

            when = cached[1].astimezone(ZoneInfo(ins.zone)).strftime("%H:%M")
            parts.insert(0, Content.styled(t("insights.stale", time=when), "$warning"))
        note.update(Content("\n").join(parts))

    # -- keys: they change what is asked for and start a worker, never wait on the database -----

    def action_next_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        cached = self.cache.get(self.period)
        if cached is not None:
            self.insights = cached[0]
            self._draw()
        else:
            self.query_one("#ins-head", Static).update(Content.styled(t("insights.loading"), "dim"))
        self.reload()

    def action_next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._draw()

    def action_refresh(self) -> None:
        self.reload()

    def action_priority(self) -> None:
        if not getattr(self.app, "person_is_admin", False):
            self.notify(t("insights.form.admin_only"), severity="warning")
            return
        if self.insights is None:
            self.notify(t("insights.loading"), severity="warning")
            return
        from herotui.collation import sort_by_name
        from herotui.screens.insights_form import PriorityForm

        areas = [(r.name, r.priority, r.target_minutes) for r in self.insights.rows
                 if r.area_id is not None and not r.retired]
        areas = sort_by_name(areas, lambda a: a[0])
        self.app.push_screen(PriorityForm(areas), self._save_priority)

    def _save_priority(self, result: tuple[str, str, str] | None) -> None:
        if result is not None:
            self.run_worker(partial(self._save, *result), group="ins-save", exit_on_error=False)

    async def _save(self, name: str, priority: str, target: str) -> None:
        hero = self.hero
        if hero is None:
            return
        await self.db(hero.areas.set_priority, name, priority)
        area = await self.db(hero.areas.set_target, name, target)
        target_text = (t("insights.form.target_value", minutes=area.target_minutes) if area.target_minutes
                       else t("insights.form.no_target"))
        self.notify(t("insights.form.saved", name=area.name, priority=t(f"insights.priority.{area.priority}"),
                      target=target_text), markup=False)
        self.cache.clear()
        self.reload()
