"""The base of every form: Esc with typed text asks before throwing it away."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.widgets import Input, TextArea

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t

R = TypeVar("R")


class FormDialog(HeroDialog[R]):
    """A dialog with fields. `action_cancel` (Esc) closes at once when nothing was changed;
    when a field differs from what it held when the form opened, it asks first (default: keep
    editing). Subclasses dismiss with their typed result; cancelling dismisses with None.
    """

    BINDINGS = [Binding("escape", "cancel", "word.cancel")]

    _initial: dict[str, str] | None = None

    def _field_values(self) -> dict[str, str]:
        values = {}
        for index, widget in enumerate(self.query("Input, TextArea")):
            key = widget.id or f"field-{index}"
            values[key] = widget.value if isinstance(widget, Input) else widget.text if isinstance(widget, TextArea) else ""
        return values

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self._field_values()

    @property
    def changed(self) -> bool:
        """True when any field holds something other than what it held when the form opened."""
        return self._initial is not None and self._field_values() != self._initial

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        from herotui.dialogs.confirm import Confirm

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm(t("form.discard.question"), t("form.discard.yes"),
                                     no_label=t("form.discard.no"), default="no"), answered)
