"""The frame around every main screen: tabs at the top, a status line at the bottom."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from herotui.i18n import t
from herotui.widgets.safe import safe

TABS = (("learn", "1", "nav.learn"), ("shares", "2", "nav.shares"), ("breakfast", "3", "nav.breakfast"),
        ("insights", "4", "nav.insights"))


class NavTab(Static):
    def __init__(self, mode: str, key: str, label_key: str, active: bool) -> None:
        super().__init__(Content.assemble((f" {key} ", "bold"), t(label_key) + " "), classes="nav-tab")
        self.mode = mode
        self.set_class(active, "-active")

    def on_click(self) -> None:
        self.app.switch_mode(self.mode)


class NavBar(Horizontal):
    """Tabs for the three habits and the insights; keys 1 to 4 switch between them too."""

    def __init__(self, active: str) -> None:
        super().__init__(id="nav")
        self.active = active

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(" herotui ", "bold"), id="brand")
        for mode, key, label_key in TABS:
            yield NavTab(mode, key, label_key, mode == self.active)
        yield Static(t("nav.help_hint"), id="nav-hint")


class StatusBar(Horizontal):
    """Who you are and what state the team database is in (online, read-only, offline)."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-person")
        yield Static(id="status-db")

    def on_mount(self) -> None:
        app = self.app
        self.watch(app, "db_state", self._refresh_state, init=False)
        self.watch(app, "pending", self._refresh_state, init=False)
        self.watch(app, "person_name", self._refresh_state, init=False)
        self.watch(app, "person_is_admin", self._refresh_state, init=False)
        self._refresh_state()

    def _refresh_state(self, *_: object) -> None:
        app = self.app
        person = getattr(app, "person_name", "")
        admin = getattr(app, "person_is_admin", False)
        person_text = Content.assemble("● ", safe(person) if person else t("status.unknown_person"))
        if admin:
            person_text = Content.assemble(person_text, (" · " + t("status.admin"), "dim"))
        self.query_one("#status-person", Static).update(person_text)
        state = getattr(app, "db_state", "connecting")
        pending = getattr(app, "pending", 0)
        if state == "offline":
            text = t("status.offline", n=pending)
        elif pending:
            text = t("status.sending", n=pending)
        else:
            text = t(f"status.{state}")
        db_label = self.query_one("#status-db", Static)
        db_label.update(Content(text))
        for name in ("online", "offline", "readonly", "connecting", "problem"):
            db_label.set_class(state == name, f"-{name}")


class HeroFooter(Footer):
    """Textual's footer, composed again only when what it shows changed.

    Textual's `Footer` recomposes (removes and mounts a `FooterKey` per key, each styled anew) on
    every `refresh_bindings`, and the screens ask for that after every load so that keys that
    apply only to a selection grey out. Most of the time nothing changed. Here the keys, their
    descriptions, what is shown and what is enabled are compared first; a language switch or an
    action that becomes possible still redraws it, as Textual would.
    """

    _shown: tuple | None = None

    def _signature(self) -> tuple:
        return tuple(
            (key, binding.action, binding.description, binding.key_display, binding.show, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
        )

    def compose(self) -> ComposeResult:
        self._shown = self._signature() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key is born compact (`FooterKey.compact` defaults to True) and then bound to
                # the footer's value as it mounts; each change of its "-compact" class restyled
                # it, twice for every key of a wide footer, on every compose. Built with the
                # footer's value and class, the binding and the watcher find nothing to change.
                # The palette's key is not bound and keeps the default, as in Textual. (Reading
                # `widget.compact` here would run the watcher early: hence the default spelled out.)
                bound = "compact" in (widget._reactive_connect or {})
                compact = self.compact if bound else True
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen) -> None:  # type: ignore[override]
        if (self._shown is not None and self.is_attached and screen is self.screen
                and screen.app.app_focus and self._signature() == self._shown):
            return
        super().bindings_changed(screen)
