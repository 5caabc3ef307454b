"""Admins curate the organisation's focus areas: add, rename, retire (a retired area keeps its
shares) and bring back. Dismisses with True when anything changed."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t
from herotui.services.shares import AreaCount
from herotui.text import clean_line
from herotui.widgets.safe import safe


class ShareAreasScreen(HeroDialog[bool]):
    CSS_PATH = "share_dialogs.tcss"
    BINDINGS = [Binding("escape", "close", "bind.close")]

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[AreaCount] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="share-dialog-box", id="share-areas-box"):
            yield Static(Content.styled(t("share.areas.title"), "bold"), classes="share-dialog-title")
            yield Static(t("share.areas.intro"), classes="share-dialog-hint")
            yield OptionList(id="share-areas-list")
            yield Input(placeholder=t("share.areas.name"), id="share-areas-name", max_length=80, compact=True)
            with Horizontal(classes="share-dialog-buttons"):
                yield Button(t("share.areas.add"), variant="primary", id="share-areas-add")
                yield Button(t("share.areas.rename"), id="share-areas-rename")
                yield Button(t("share.areas.retire"), id="share-areas-retire")
                yield Button(t("word.close"), id="share-areas-close")

    def on_mount(self) -> None:
        self._load()

    @work(group="share-areas-load", exclusive=True, exit_on_error=False)
    async def _load(self, select: str | None = None) -> None:
        self.areas = await self.app.db(self.app.hero.shares.area_counts)
        options = self.query_one("#share-areas-list", OptionList)
        current = select or self._selected_name()
        options.clear_options()
        for area in self.areas:
            label = Content.assemble(safe(area.name), ("  " + t("share.areas.count", n=area.shares), "$text-muted"))
            if area.retired:
                label = Content.assemble(label, (" " + t("share.area.retired"), "$warning"))
            options.add_option(Option(label))
        names = [a.name for a in self.areas]
        if current in names:
            options.highlighted = names.index(current)
        elif names:
            options.highlighted = 0
        options.focus()

    def _selected(self) -> AreaCount | None:
        index = self.query_one("#share-areas-list", OptionList).highlighted
        return self.areas[index] if index is not None and 0 <= index < len(self.areas) else None

    def _selected_name(self) -> str | None:
        area = self._selected()
        return area.name if area else None

    @on(OptionList.OptionHighlighted, "#share-areas-list")
    def _highlighted(self) -> None:
        area = self._selected()
        retire = self.query_one("#share-areas-retire", Button)
        retire.label = t("share.areas.restore") if area and area.retired else t("share.areas.retire")

    @on(OptionList.OptionSelected, "#share-areas-list")
    def _selected_for_rename(self) -> None:
        area = self._selected()
        if area is not None:
            name = self.query_one("#share-areas-name", Input)
            name.value = area.name
            name.focus()

    def _typed_name(self) -> str:
        return self.query_one("#share-areas-name", Input).value

    @on(Button.Pressed, "#share-areas-add")
    @on(Input.Submitted, "#share-areas-name")
    def _add(self) -> None:
        name = self._typed_name()
        self._change(self.app.hero.areas.add, name, done="share.areas.added", select=clean_line(name))

    @on(Button.Pressed, "#share-areas-rename")
    def _rename(self) -> None:
        area = self._selected()
        if area is not None:
            new = self._typed_name()
            self._change(self.app.hero.areas.rename, area.name, new, done="share.areas.renamed", select=clean_line(new))

    @on(Button.Pressed, "#share-areas-retire")
    def _retire(self) -> None:
        area = self._selected()
        if area is not None:
            done = "share.areas.restored" if area.retired else "share.areas.retired"
            self._change(self.app.hero.areas.set_retired, area.name, not area.retired, done=done, select=area.name)

    @work(group="share-areas-write", exclusive=True, exit_on_error=False)
    async def _change(self, fn, *args, done: str, select: str | None) -> None:
        result = await self.app.db(fn, *args)
        self.changed = True
        self.query_one("#share-areas-name", Input).value = ""
        self.notify(t(done, name=clean_line(result.name)), markup=False)
        self._load(select)

    @on(Button.Pressed, "#share-areas-close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
