"""One value out of a list; long lists (20 or more) get a field that narrows them as you type."""

from __future__ import annotations

from typing import Generic, Sequence, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t

V = TypeVar("V")

FIND_FROM = 20
"""Lists this long or longer get type-to-find."""


class Pick(HeroDialog[V | None], Generic[V]):
    """Choose one of `options` (value, label); dismisses with the value, or None on Esc.

    The highlight starts on `current` when it is one of the values (the default), else on the
    first option. With `FIND_FROM` or more options, typing narrows the list (case-insensitive,
    anywhere in the label); Enter in the find field takes the first match; arrow keys move.
    """

    BINDINGS = [Binding("escape", "cancel", "bind.close")]

    def __init__(self, title: str, options: Sequence[tuple[V, str | Content]], current: V | None = None) -> None:
        super().__init__()
        self.heading = title
        self.options = [(value, label if isinstance(label, Content) else Content(label)) for value, label in options]
        self.current = current
        self.shown: list[int] = list(range(len(self.options)))
        self.findable = len(self.options) >= FIND_FROM
        self._needle = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content.styled(self.heading, "bold"), classes="dialog-title")
            if self.findable:
                yield Input(placeholder=t("pick.find"), id="pick-find")
            yield OptionList(*self._options(), id="pick-list")
            yield Static(t("pick.hint"), classes="dialog-hint")

    def _options(self) -> list[Option]:
        return [Option(self.options[index][1], id=f"o{index}") for index in self.shown]

    def on_mount(self) -> None:
        pick = self.query_one(OptionList)
        (self.query_one("#pick-find") if self.findable else pick).focus()
        # Highlighted now, not after the first refresh: arrow keys typed straight after opening
        # (type-ahead) are handled before that refresh and were undone by it, so Enter took the
        # wrong value. The list scrolls to the highlight when it is shown (OptionList.on_show).
        values = [value for value, _ in self.options]
        pick.highlighted = values.index(self.current) if self.current in values else 0

    @on(Input.Changed, "#pick-find")
    def _narrow(self, event: Input.Changed) -> None:
        needle = event.value.strip().casefold()
        if needle == self._needle:
            return  # the field reports its first value as it mounts; the list is already right
        self._needle = needle
        self.shown = [i for i, (_, label) in enumerate(self.options) if needle in label.plain.casefold()]
        pick = self.query_one(OptionList)
        pick.clear_options()
        pick.add_options(self._options())
        pick.highlighted = 0 if self.shown else None

    @on(Input.Submitted, "#pick-find")
    def _take_first(self) -> None:
        pick = self.query_one(OptionList)
        if self.shown and pick.highlighted is not None:
            self.dismiss(self.options[self.shown[pick.highlighted]][0])

    def on_key(self, event) -> None:
        # Up and down move the list while the find field keeps the cursor.
        if self.findable and event.key in ("up", "down") and self.focused is self.query_one("#pick-find"):
            pick = self.query_one(OptionList)
            (pick.action_cursor_up if event.key == "up" else pick.action_cursor_down)()
            event.stop()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[self.shown[event.option_index]][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
