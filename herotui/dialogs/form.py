"""The base of every form: Esc with typed text asks before throwing it away."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.widgets import Input, SelectionList, TextArea

from herotui.dialogs.base import HeroDialog
from herotui.i18n import t

R = TypeVar("R")


class AsksBeforeDiscarding:
    """Mixin for a modal form (put it before `ModalScreen`). Remembers what the fields held when
    the form opened; `leave()` closes at once when nothing changed and otherwise asks first
    (default: keep editing). Cancelling dismisses with None."""

    _initial: dict[str, object] | None = None

    def _field_values(self) -> dict[str, object]:
        """What every field holds: text fields, drop-downs, ticked lists and check boxes (a
        changed choice is work too: ticked focus areas were lost without a question)."""
        values: dict[str, object] = {}
        for index, widget in enumerate(self.query("Input, TextArea, Select, SelectionList, Checkbox")):
            key = widget.id or f"field-{index}"
            if isinstance(widget, Input):
                values[key] = widget.value
            elif isinstance(widget, TextArea):
                values[key] = widget.text
            elif isinstance(widget, SelectionList):
                values[key] = sorted(map(repr, widget.selected))
            else:  # Select, Checkbox
                values[key] = repr(widget.value)
        return values

    def remember_fields(self, *keys: str) -> None:
        """Take what the fields hold now as their starting values: every field, or only those
        named in `keys` (widget ids), for a form that fills some fields once a read returns."""
        now = self._field_values()
        if keys and self._initial is not None:
            self._initial.update({key: now[key] for key in keys if key in now})
        else:
            self._initial = now

    def on_mount(self) -> None:
        # Textual runs `on_mount` of every class in the hierarchy, the subclass's first, so the
        # fields hold what the form put in them. Taken now, not after the first refresh: keys
        # typed straight after opening the form (type-ahead) are processed before that refresh,
        # and their text would have counted as the form's own and been dropped without a question.
        self.remember_fields()

    @property
    def changed(self) -> bool:
        """True when any field holds something other than what it held when the form opened."""
        return self._initial is not None and self._field_values() != self._initial

    def leave(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        from herotui.dialogs.confirm import Confirm

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm(t("form.discard.question"), t("form.discard.yes"),
                                     no_label=t("form.discard.no"), default="no"), answered)


class FormDialog(AsksBeforeDiscarding, HeroDialog[R]):
    """A dialog with fields: Esc (`action_cancel`) asks before throwing typed text away.
    Subclasses dismiss with their typed result; cancelling dismisses with None."""

    BINDINGS = [Binding("escape", "cancel", "word.cancel")]

    def action_cancel(self) -> None:
        self.leave()
