"""Admins set a focus area's priority and quarterly target (the insights screen's `a`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from herotui.i18n import t
from herotui.dialogs.form import FormDialog
from herotui.widgets.safe import safe


class PriorityForm(FormDialog[tuple[str, str, str] | None]):
    """Dismisses with (area name, priority, target text) or None. The services validate.
    Esc or Cancel after a change asks before throwing it away (`FormDialog`)."""

    BINDINGS = [Binding("ctrl+s", "save", "insights.form.save")]

    def __init__(self, areas: list[tuple[str, str, int | None]]) -> None:
        super().__init__()
        self.areas = areas

    def compose(self) -> ComposeResult:
        first = self.areas[0] if self.areas else ("", "normal", None)
        with Vertical(id="ins-form-box"):
            yield Static(Content.styled(t("insights.form.title"), "bold"), id="ins-form-title")
            yield Static(t("insights.form.area"), classes="ins-form-label")
            yield Select([(safe(name, width=50), name) for name, _, _ in self.areas], value=first[0],
                         allow_blank=False, id="ins-form-area")
            yield Static(t("insights.form.priority"), classes="ins-form-label")
            yield Select([(t(f"insights.prio.{p}"), p) for p in ("high", "normal", "low")], value=first[1],
                         allow_blank=False, id="ins-form-priority")
            yield Static(t("insights.form.target"), classes="ins-form-label")
            yield Input(str(first[2] or ""), id="ins-form-target", restrict=r"[0-9]*", max_length=7)
            with Horizontal(id="ins-form-buttons"):
                yield Button(t("insights.form.save"), variant="primary", id="ins-form-save")
                yield Button(t("insights.form.cancel"), id="ins-form-cancel")

    @on(Select.Changed, "#ins-form-area")
    def _area_changed(self, event: Select.Changed) -> None:
        for name, priority, target in self.areas:
            if name == event.value:
                self.query_one("#ins-form-priority", Select).value = priority
                self.query_one("#ins-form-target", Input).value = str(target or "")

    @on(Button.Pressed, "#ins-form-save")
    @on(Input.Submitted, "#ins-form-target")
    def action_save(self) -> None:
        area = self.query_one("#ins-form-area", Select).value
        priority = self.query_one("#ins-form-priority", Select).value
        target = self.query_one("#ins-form-target", Input).value.strip() or "none"
        self.dismiss((str(area), str(priority), target))

    @on(Button.Pressed, "#ins-form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
