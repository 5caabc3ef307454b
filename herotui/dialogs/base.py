"""What every dialog and screen shares: translated keys and one place where failed work is reported."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

# Shared with the main screens (screens/base.py) from one module below both; re-exported here.
from herotui.ui_work import DbCallFailed, TranslatedKeys, WorkErrors, explain, translate_bindings

__all__ = ["DbCallFailed", "HeroDialog", "WorkErrors", "explain", "translate_bindings"]

ResultType = TypeVar("ResultType")


class HeroDialog(WorkErrors, TranslatedKeys, ModalScreen[ResultType]):
    """A modal dialog with translated keys; on a short terminal (< 32 lines) its fields go compact."""

    DEFAULT_CLASSES = "hero-dialog"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def on_mount(self) -> None:
        if self.app.size.height < 32:
            self.add_class("-short")
            for widget in self.query("Input, TextArea, Button, SelectionList, OptionList, Select"):
                widget.compact = True
