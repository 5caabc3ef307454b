"""The bank at a glance: most useful this week and this month, and shares per focus area.
Enter on a share shows it in the feed's detail pane (dismisses with its uuid)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t
from herotui.services.shares import AreaCount, FeedItem, ShareStats
from herotui.widgets.safe import safe

BAR = 16


def top_option(item: FeedItem) -> Option:
    label = Content.assemble((f"♥ {item.useful:<3} ", "$accent"), safe(item.title),
                             (" · ", "$text-muted"), safe(item.author_name, style="$text-muted"))
    return Option(label, id=f"share-{item.uuid}")


def area_lines(areas: tuple[AreaCount, ...]) -> Content:
    """One line per focus area: name, a bar, all-time count and the last 30 days."""
    if not areas:
        return Content(t("share.stats.no_areas"))
    most = max((a.shares for a in areas), default=0) or 1
    width = max(len(a.name) for a in areas)
    lines = []
    for area in areas:
        filled = round(BAR * area.shares / most)
        name = safe(area.name).truncate(width, pad=True)
        if area.retired:
            name = name.stylize("$text-muted")
        lines.append(Content.assemble(
            name, "  ", ("█" * filled, "$accent"), ("░" * (BAR - filled), "$text-muted"),
            f"  {area.shares:>5}", (" " + t("share.stats.recent", n=area.recent), "$text-muted"),
        ))
    return Content("\n").join(lines)


class ShareStatsScreen(HeroDialog[str | None]):
    CSS_PATH = "share_dialogs.tcss"
    BINDINGS = [Binding("escape", "close", "bind.close"), Binding("t", "close", show=False)]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        with Vertical(classes="share-dialog-box", id="share-stats-box"):
            yield Static(Content.styled(t("share.stats.title"), "bold"), classes="share-dialog-title")
            with VerticalScroll(id="share-stats-body"):
                with Horizontal(id="share-stats-tops"):
                    with Vertical(classes="share-stats-col"):
                        yield Static(Content.styled(t("share.stats.week"), "bold"), classes="share-stats-heading")
                        yield OptionList(id="share-stats-week", classes="share-stats-list")
                    with Vertical(classes="share-stats-col"):
                        yield Static(Content.styled(t("share.stats.month"), "bold"), classes="share-stats-heading")
                        yield OptionList(id="share-stats-month", classes="share-stats-list")
                yield Static(Content.styled(t("share.stats.areas"), "bold"), classes="share-stats-heading")
                yield Static(t("share.loading"), id="share-stats-areas")
            yield Static(t("share.stats.hint"), classes="share-dialog-hint")

    def on_mount(self) -> None:
        self._load()

    @work(group="stats", exclusive=True, exit_on_error=False)
    async def _load(self) -> None:
        stats: ShareStats = await self.app.db(self.app.hero.shares.stats)
        for list_id, items in (("#share-stats-week", stats.week), ("#share-stats-month", stats.month)):
            options = self.query_one(list_id, OptionList)
            options.clear_options()
            if items:
                options.add_options([top_option(item) for item in items])
            else:
                options.add_option(Option(Content.styled(t("share.stats.none"), "$text-muted"), disabled=True))
        self.query_one("#share-stats-areas", Static).update(area_lines(stats.areas))
        first = self.query_one("#share-stats-week" if stats.week or not stats.month else "#share-stats-month", OptionList)
        first.highlighted = 0
        first.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("share-"):
            self.dismiss(option_id.removeprefix("share-"))

    def action_close(self) -> None:
        self.dismiss(None)
